/** @jest-environment node */
import { formatSummary, runChaos } from '../../tests/support/chaosRun';

describe('chaos run (short form of npm run chaos)', () => {
  it('every query returns the clean run’s rows or a clear error; no row lost or duplicated', async () => {
    const summary = await runChaos(60);
    expect(summary.wrong).toBe(0);
    expect(summary.lostRows).toBe(0);
    expect(summary.duplicatedRows).toBe(0);
    expect(summary.identical + summary.clearErrors).toBe(60);
    // The chaos was real: requests were retried.
    expect(summary.retries).toBeGreaterThan(0);
    expect(formatSummary(summary)).toMatch(/^chaos: 60 queries/);
  }, 60_000);
});
