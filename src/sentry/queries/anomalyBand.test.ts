/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { burstErrorsPerHour, errorsPerHour, expectedErrorsPerHour } from '../../../fake-sentry/scenario';
import { runQuery } from '../run';
import type { EventsStatsQuery } from './eventsStats';
import { anomalyBandProblem } from './anomalyBand';

const fake = createTestFake();
const burst = fake.scenario.burst;
const hourly = { ...lastHours(24), intervalMs: HOUR };
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;
const numbers = (frame: DataFrame, name: string) => field(frame, name).values as Array<number | null>;

function query(patch: Partial<EventsStatsQuery> = {}): EventsStatsQuery {
  return {
    refId: 'A',
    queryType: 'eventsStats',
    dataset: 'errors',
    eventsStatsYAxis: ['count()'],
    projectIds: ['checkout-api'],
    environments: ['production'],
    anomalyBand: true,
    ...patch,
  };
}

/** Bucket starts flagged as anomalous. */
function flagged(frame: DataFrame): number[] {
  const times = frame.fields[0].values as number[];
  return times.filter((_, i) => numbers(frame, 'anomaly')[i] === 1);
}

describe('anomaly band against the fake', () => {
  it('flags the burst hours of checkout-api production errors, and nothing before the bad deploy', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(client, query(), hourly);
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames).toHaveLength(1);
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['count()', 'number'],
      ['baseline', 'number'],
      ['upper', 'number'],
      ['lower', 'number'],
      ['anomaly', 'number'],
    ]);
    // The series itself is unchanged, except the last bucket: Sentry has not finished counting it, so no value.
    const expected = errorsPerHour(fake.scenario, {
      project: 'checkout-api',
      environment: 'production',
      start: FIXED_NOW - 24 * HOUR,
      end: FIXED_NOW,
    });
    expect(frame.fields[0].values).toEqual(expected.map((b) => b.start));
    expect(numbers(frame, 'count()')).toEqual(expected.map((b, i) => (i === expected.length - 1 ? null : b.count)));
    expect(frame.meta?.notices).toContainEqual({
      severity: 'info',
      text: 'The last bucket is incomplete (Sentry is still receiving their events): shown without a value.',
    });

    const hits = flagged(frame);
    expect(hits).toEqual(expect.arrayContaining([burst.start, burst.start + HOUR]));
    expect(hits.every((t) => t >= burst.start && t < FIXED_NOW)).toBe(true);

    const [baseline, upper, lower] = ['baseline', 'upper', 'lower'].map((n) => numbers(frame, n));
    baseline.forEach((b, i) => {
      expect(b).not.toBeNull();
      expect(upper[i]!).toBeGreaterThan(b!);
      expect(lower[i]!).toBeLessThanOrEqual(b!);
      expect(lower[i]!).toBeGreaterThanOrEqual(0);
    });
    // Quiet hours: the band is built on yesterday's counts, so it sits near them.
    const quiet = expected.findIndex((b) => b.start === burst.start - 2 * HOUR);
    expect(Math.abs(baseline[quiet]! - expected[quiet].count)).toBeLessThan(upper[quiet]! - baseline[quiet]!);

    // Readable as a band: upper filled down to lower, dashed baseline, anomalies as bars on their own axis.
    expect(field(frame, 'upper').config.custom).toMatchObject({ fillBelowTo: 'lower', lineWidth: 0 });
    expect(field(frame, 'baseline').config.custom).toMatchObject({ lineStyle: { fill: 'dash' } });
    expect(field(frame, 'anomaly').config).toMatchObject({
      min: 0,
      max: 1,
      custom: { drawStyle: 'bars', axisPlacement: 'hidden' },
    });
    expect(field(frame, 'baseline').config.decimals).toBe(0);
    expect(frame.meta?.type).toBe('timeseries-wide');

    // The range, then yesterday widened by half a window each side, in the same 1 h buckets.
    const executed = frame.meta?.executedQueryString ?? '';
    expect(executed).toContain('baseline (previous day, window 6, k 3, counts):');
    expect(executed).toContain('start=2026-05-04T09%3A00%3A00.000Z&end=2026-05-05T14%3A00%3A00.000Z');
    expect(executed.match(/interval=3600/g)).toHaveLength(2);
    expect(client.stats.sent).toBe(3); // project slug look-up + two series
  });

  it('learns from the week before just as well', async () => {
    const outcome = await runQuery(fakeClient(fake), query({ anomalyBaseline: 'previousWeek', anomalyK: 4 }), hourly);
    expect(outcome.error).toBeUndefined();
    const hits = flagged(outcome.frames[0]);
    expect(hits).toEqual(expect.arrayContaining([burst.start, burst.start + HOUR]));
    expect(hits.every((t) => t >= burst.start)).toBe(true);
    expect(outcome.frames[0].meta?.executedQueryString).toContain('baseline (previous week, window 6, k 4, counts):');
  });

  it('over 7 days in 15-minute buckets: every burst bucket flagged, at most 1 % of the quiet ones', async () => {
    const QUARTER = HOUR / 4;
    const week = { range: { from: new Date(FIXED_NOW - 7 * 24 * HOUR), to: new Date(FIXED_NOW) }, intervalMs: QUARTER };
    /** The fake's modelled production errors per hour over a bucket, with and without the burst. */
    const model = (project: string, start: number) => {
      const minutes = Array.from({ length: 15 }, (_, i) => start + (i + 0.5) * 60_000);
      const total = minutes.reduce((sum, t) => sum + expectedErrorsPerHour(fake.scenario, project, 'production', t), 0);
      const burstPart = minutes.reduce(
        (sum, t) => sum + burstErrorsPerHour(fake.scenario, project, 'production', t),
        0
      );
      return { burst: burstPart > 0, ratio: total / (total - burstPart) };
    };
    let quiet = 0;
    let falseFlags = 0;
    let burstBuckets = 0;
    for (const project of ['checkout-api', 'web-frontend', 'payments-worker', 'mobile-app']) {
      for (const anomalyBaseline of ['previousDay', 'previousWeek'] as const) {
        const outcome = await runQuery(fakeClient(fake), query({ projectIds: [project], anomalyBaseline }), week);
        expect(outcome.error).toBeUndefined();
        const [frame] = outcome.frames;
        const anomaly = numbers(frame, 'anomaly');
        (frame.fields[0].values as number[]).forEach((start, i) => {
          const { burst, ratio } = model(project, start);
          if (!burst) {
            quiet++;
            falseFlags += anomaly[i] ?? 0;
          } else if (ratio >= 5) {
            // The burst: the model's rate at least 5 × what it is without the burst.
            burstBuckets++;
            expect([project, anomalyBaseline, new Date(start).toISOString(), anomaly[i]]).toEqual([
              project,
              anomalyBaseline,
              new Date(start).toISOString(),
              1,
            ]);
          }
        });
      }
    }
    expect(quiet).toBeGreaterThan(5000);
    expect(falseFlags / quiet).toBeLessThanOrEqual(0.01);
    // Two hours of peak and the decay down to 5 × the usual rate, in both baselines.
    expect(burstBuckets).toBeGreaterThanOrEqual(2 * 8 * 2);
  });

  it('works for aggregates that are not counts', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      query({ dataset: 'spans', eventsStatsYAxis: ['p95(span.duration)'], anomalyWindow: 3 }),
      hourly
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(field(frame, 'p95(span.duration)').config.unit).toBe('ms');
    expect(field(frame, 'upper').config.unit).toBe('ms');
    expect(frame.meta?.executedQueryString).toContain('window 3, k 3):');
  });

  it('on a fixed range ending inside a bucket, expects that bucket whole: it is read whole', async () => {
    const client = fakeClient(fake);
    const end = FIXED_NOW - 2 * HOUR;
    const band = async (to: number) => {
      const context = { range: { from: new Date(to - 24 * HOUR), to: new Date(to) }, intervalMs: HOUR };
      const [frame] = (await runQuery(client, query(), { ...context, relative: false })).frames;
      const last = (frame.fields[0].values as number[]).indexOf(end - HOUR);
      return ['count()', 'upper', 'lower'].map((name) => numbers(frame, name)[last]);
    };
    expect(await band(end - HOUR / 2)).toEqual(await band(end));
  });

  it('refuses groups and several y-axes, with a clear message', async () => {
    const grouped = await runQuery(fakeClient(fake), query({ eventsStatsGroups: ['release'] }), hourly);
    expect(grouped.error?.message).toBe(
      'The anomaly band needs a single series: remove the group-by (release) or turn the band off.'
    );
    const axes = await runQuery(
      fakeClient(fake),
      query({ eventsStatsYAxis: ['count()', 'count_unique(user)'] }),
      hourly
    );
    expect(axes.error?.message).toBe(
      'The anomaly band works on one y-axis: keep one of count(), count_unique(user) or turn the band off.'
    );
    expect(anomalyBandProblem(query({ anomalyBand: false, eventsStatsGroups: ['release'] }))).toBeUndefined();
    const k = await runQuery(fakeClient(fake), query({ anomalyK: 0 }), hourly);
    expect(k.error?.message).toContain('The band width k must be a number above 0');
  });

  it('returns a frame with every field, not an error, when there is nothing to chart', async () => {
    const selfHosted = createTestFake({ modes: { selfHosted: true } });
    const outcome = await runQuery(
      fakeClient(selfHosted),
      query({ projectIds: [], environments: ['development'], eventsStatsQuery: 'level:nothing-like-this' }),
      hourly
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].fields.map((f) => f.name)).toEqual([
      'time',
      'count()',
      'baseline',
      'upper',
      'lower',
      'anomaly',
    ]);
  });
});
