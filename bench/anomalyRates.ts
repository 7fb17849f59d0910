/**
 * How the anomaly band does on the Sentry fake's deterministic scenario (fixed now, seed): how often it flags
 * buckets of series where nothing happened (false flags), and how many buckets of the error burst after
 * checkout-api@2.4.1 (now − 6 h) it flags (hits). Buckets are classed from the fake's traffic model, not from
 * the counts: quiet where the model has no burst errors in the bucket, burst where the model's rate in the
 * bucket is at least `burstFactor` times its rate without the burst. Runs the plugin's own query path
 * (runQuery) against the fake in-process.
 */
import { FIXED_NOW, HOUR, createTestFake, fakeClient } from '../tests/support/fakeSentryClient';
import { PROJECTS, burstErrorsPerHour, expectedErrorsPerHour } from '../fake-sentry/scenario';
import type { FakeSentry } from '../fake-sentry/handlers';
import { runQuery } from '../src/sentry/run';
import type { EventsStatsQuery } from '../src/sentry/queries/eventsStats';
import type { AnomalyBaseline } from '../src/sentry/queries/anomalyBand';

const MINUTE = 60_000;
const DAY = 24 * HOUR;
const ENVIRONMENTS = ['production', 'staging', 'development'] as const;

/** One series: a project's count() of errors in one environment, or in all of them. */
export interface SeriesSpec {
  project: string;
  environment?: 'production' | 'staging';
}

export interface Tally {
  flagged: number;
  buckets: number;
}

/** One bucket of one series: what the model puts in it and whether the band flagged it. */
export interface BucketRecord {
  series: string;
  start: number;
  /** The model's mean rate over the bucket ÷ its rate without the burst (1 where the burst adds nothing). */
  ratio: number;
  /** The model has burst errors in the bucket. */
  burst: boolean;
  flagged: boolean;
}

export interface BandRun {
  baseline: AnomalyBaseline;
  intervalMs: number;
  buckets: BucketRecord[];
}

export interface BandRates {
  /** Buckets the model has no burst errors in. */
  quiet: Tally;
  /** Buckets where the model's rate is at least burstFactor × its rate without the burst. */
  burst: Tally;
  /** The series with a false flag, and how many. */
  falseFlags: Array<{ series: string; flagged: number }>;
  /** Burst buckets not flagged. */
  missed: BucketRecord[];
}

export interface MeasureOptions {
  fake?: FakeSentry;
  series?: SeriesSpec[];
  baselines?: AnomalyBaseline[];
  intervalsMs?: number[];
  days?: number;
  k?: number;
}

/** Every project's errors in all environments, in production and in staging. */
export const ALL_SERIES: SeriesSpec[] = PROJECTS.flatMap((p) => [
  { project: p.slug },
  { project: p.slug, environment: 'production' as const },
  { project: p.slug, environment: 'staging' as const },
]);

export const DEFAULT_BURST_FACTOR = 5;

export function seriesName(spec: SeriesSpec): string {
  return `${spec.project} ${spec.environment ?? 'all envs'}`;
}

/** The model's mean errors per hour over [start, end) in the series' environments, with and without the burst. */
export function modelledRates(spec: SeriesSpec, start: number, end: number, fake: FakeSentry) {
  const envs = spec.environment ? [spec.environment] : ENVIRONMENTS;
  let total = 0;
  let burst = 0;
  let samples = 0;
  for (let t = start + MINUTE / 2; t < end; t += MINUTE) {
    for (const env of envs) {
      total += expectedErrorsPerHour(fake.scenario, spec.project, env, t);
      burst += burstErrorsPerHour(fake.scenario, spec.project, env, t);
    }
    samples++;
  }
  return { total: total / samples, withoutBurst: (total - burst) / samples, burst: burst / samples };
}

/** Runs the band over every series, per bucket size and baseline, and records every bucket. */
export async function measureAnomalyBand(options: MeasureOptions = {}): Promise<BandRun[]> {
  const fake = options.fake ?? createTestFake();
  const days = options.days ?? 7;
  const runs: BandRun[] = [];
  for (const intervalMs of options.intervalsMs ?? [15 * MINUTE, HOUR]) {
    for (const baseline of options.baselines ?? (['previousDay', 'previousWeek'] as const)) {
      const run: BandRun = { baseline, intervalMs, buckets: [] };
      for (const spec of options.series ?? ALL_SERIES) {
        const query: EventsStatsQuery = {
          refId: 'A',
          queryType: 'eventsStats',
          dataset: 'errors',
          eventsStatsYAxis: ['count()'],
          projectIds: [spec.project],
          environments: spec.environment ? [spec.environment] : [],
          anomalyBand: true,
          anomalyBaseline: baseline,
          ...(options.k === undefined ? {} : { anomalyK: options.k }),
        };
        const range = { from: new Date(FIXED_NOW - days * DAY), to: new Date(FIXED_NOW) };
        const outcome = await runQuery(fakeClient(fake), query, { range, intervalMs });
        if (outcome.error) {
          throw new Error(`${seriesName(spec)}: ${outcome.error.message}`);
        }
        const frame = outcome.frames[0];
        const times = frame.fields[0].values as number[];
        const anomaly = frame.fields.find((f) => f.name === 'anomaly')!.values as number[];
        times.forEach((start, i) => {
          const model = modelledRates(spec, start, Math.min(start + intervalMs, FIXED_NOW), fake);
          run.buckets.push({
            series: seriesName(spec),
            start,
            ratio: model.total / model.withoutBurst,
            burst: model.burst > 0,
            flagged: anomaly[i] === 1,
          });
        });
      }
      runs.push(run);
    }
  }
  return runs;
}

/** False flags on quiet buckets, hits on burst buckets (the model's rate ≥ burstFactor × without the burst). */
export function rates(run: BandRun, burstFactor = DEFAULT_BURST_FACTOR): BandRates {
  const out: BandRates = {
    quiet: { flagged: 0, buckets: 0 },
    burst: { flagged: 0, buckets: 0 },
    falseFlags: [],
    missed: [],
  };
  const falseFlags = new Map<string, number>();
  for (const bucket of run.buckets) {
    // Buckets with some burst errors but less than the factor (the end of the decay, staging's share) are in neither.
    const tally = !bucket.burst ? out.quiet : bucket.ratio >= burstFactor ? out.burst : undefined;
    if (!tally) {
      continue;
    }
    tally.buckets++;
    tally.flagged += bucket.flagged ? 1 : 0;
    if (tally === out.quiet && bucket.flagged) {
      falseFlags.set(bucket.series, (falseFlags.get(bucket.series) ?? 0) + 1);
    }
    if (tally === out.burst && !bucket.flagged) {
      out.missed.push(bucket);
    }
  }
  out.falseFlags = [...falseFlags].map(([series, flagged]) => ({ series, flagged }));
  return out;
}

export function percent({ flagged, buckets }: Tally): string {
  return `${flagged} of ${buckets} (${buckets ? ((100 * flagged) / buckets).toFixed(2) : '—'} %)`;
}
