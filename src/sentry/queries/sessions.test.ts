/** @jest-environment node */
import { HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';

const fake = createTestFake();

describe('session health against the fake', () => {
  it('charts crash-free rates per release as 0–1 fractions, the bad release lowest', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'sessions',
        sessionsFields: ['crash_free_rate(session)'],
        sessionsGroupBy: ['release'],
        projectIds: ['checkout-api'],
      },
      { ...lastHours(12), intervalMs: HOUR }
    );
    expect(outcome.error).toBeUndefined();
    const frames = outcome.frames;
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame.fields[0].type).toBe('time');
      expect(frame.fields[1].config.unit).toBe('percentunit');
      for (const v of frame.fields[1].values as Array<number | null>) {
        expect(v === null || (v >= 0 && v <= 1)).toBe(true);
      }
    }
    const mean = (values: Array<number | null>) => {
      const present = values.filter((v): v is number => v !== null);
      return present.reduce((a, b) => a + b, 0) / present.length;
    };
    const byRelease = new Map(
      frames.map((f) => [f.fields[1].labels?.release, mean(f.fields[1].values as Array<number | null>)])
    );
    const bad = byRelease.get(fake.scenario.burst.release)!;
    for (const [release, rate] of byRelease) {
      if (release !== fake.scenario.burst.release) {
        expect(bad).toBeLessThan(rate);
      }
    }
    expect(frames[0].meta?.executedQueryString).toContain('interval: 1h');
  });

  it('gives a totals table with project slugs, not ids', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'sessions',
        sessionsMode: 'table',
        sessionsFields: ['sum(session)', 'crash_free_rate(user)'],
        sessionsGroupBy: ['project'],
      },
      lastHours(24)
    );
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['project', 'string'],
      ['sum(session)', 'number'],
      ['crash_free_rate(user)', 'number'],
    ]);
    expect(new Set(frame.fields[0].values)).toEqual(new Set(fake.scenario.projects.map((p) => p.slug)));
  });

  it('explains a range too long for the Sessions API', async () => {
    const outcome = await runQuery(fakeClient(fake), { refId: 'A', queryType: 'sessions' }, lastHours(24 * 1100));
    expect(outcome.error?.message).toContain('at most 1000 buckets');
  });
});
