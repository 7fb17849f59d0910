/** @jest-environment node */
import { ChaosRun, DEFAULT_CHAOS, formatSummary, startChaosRun } from '../../tests/support/chaosRun';
import { VirtualClock } from '../../tests/support/virtualClock';

describe('chaos run (short form of npm run chaos)', () => {
  let run: ChaosRun;

  beforeAll(async () => {
    // Backoffs and rate-limit waits on a virtual clock: they return at once, in the same order.
    run = await startChaosRun(60, DEFAULT_CHAOS, new VirtualClock(Date.now()));
    await run.reference();
    // About a second alone; a loaded CI machine (two cores, other suites) takes several.
  }, 30_000);

  afterAll(() => run.close());

  it('every query returns the clean run’s rows or a clear error; no row lost or duplicated', async () => {
    const summary = await run.chaotic();
    expect(summary.wrong).toBe(0);
    expect(summary.lostRows).toBe(0);
    expect(summary.duplicatedRows).toBe(0);
    expect(summary.identical + summary.clearErrors).toBe(60);
    // The chaos was real: requests were retried.
    expect(summary.retries).toBeGreaterThan(0);
    expect(formatSummary(summary)).toMatch(/^chaos: 60 queries/);
  });
});
