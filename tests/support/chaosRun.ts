/**
 * The chaos run: mixed queries against the fake over HTTP, first clean, then with 5xx, 429, latency and
 * dropped connections. Every query must return exactly the clean run's rows, or a clear error; rows are
 * never lost or duplicated across pages.
 */
import type { DataFrame } from '@grafana/data';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import type { ChaosMode } from '../../fake-sentry/modes';
import { startFakeSentry } from '../../fake-sentry/server';
import type { SentryQuery } from '../../src/sentry/query';
import { SentryClient } from '../../src/sentry/client';
import { createNodeTransport } from '../../src/sentry/nodeTransport';
import { runQuery } from '../../src/sentry/run';
import { Clock, systemClock } from '../../src/sentry/scheduler';
import { FIXED_NOW, HOUR } from './fakeSentryClient';

const MIX: SentryQuery[] = [
  { refId: 'A', queryType: 'issues', issuesQuery: '', issuesLimit: 250 },
  {
    refId: 'A',
    queryType: 'events',
    dataset: 'errors',
    eventsFields: ['id', 'timestamp', 'title', 'project'],
    eventsSort: 'timestamp',
    eventsLimit: 230,
  },
  { refId: 'A', queryType: 'eventsStats', dataset: 'errors', eventsStatsGroups: ['project'], eventsStatsLimit: 3 },
  { refId: 'A', queryType: 'errorDistribution', distributionField: 'level' },
  { refId: 'A', queryType: 'releases' },
  { refId: 'A', queryType: 'performance' },
];

export interface ChaosSummary {
  queries: number;
  identical: number;
  clearErrors: number;
  wrong: number;
  lostRows: number;
  duplicatedRows: number;
  retries: number;
  sent: number;
  seconds: number;
  errors: string[];
}

/** Distinct time windows per query of the mix. */
const VARIANTS = 40;
/** Queries in flight at once, like a few dashboards loading together. */
const WAVE = 24;

async function inWaves<T>(items: T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += WAVE) {
    await Promise.all(items.slice(i, i + WAVE).map((item, j) => work(item, i + j)));
  }
}

export const DEFAULT_CHAOS: ChaosMode = {
  errorRate: 0.1,
  rateLimitedRate: 0.1,
  latencyMs: 20,
  dropRate: 0.02,
  seed: 3,
};

export interface ChaosRun {
  /** Runs every query once without chaos: the rows each must return. */
  reference(): Promise<void>;
  /** Runs them again with the chaos on and compares each with its reference. */
  chaotic(): Promise<ChaosSummary>;
  close(): Promise<void>;
}

/**
 * `clock` serves the fake's rate-limit windows and the clients' backoffs and waits for a window to reopen: the
 * benchmark waits in real time, the test on a VirtualClock whose waits return at once.
 */
export async function startChaosRun(
  count: number,
  chaos: ChaosMode = DEFAULT_CHAOS,
  clock: Clock = systemClock
): Promise<ChaosRun> {
  // Data anchored at a fixed time, rate-limit windows on the clock.
  const sentry = await startFakeSentry({ now: FIXED_NOW, clock: () => clock.now() });
  const client = () =>
    new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
      rowBudget: 10_000,
      scheduler: { backoffBaseMs: 20, backoffMaxMs: 200, maxRetries: 6, clock },
    });
  // Each query of the mix over several shifted windows, so requests differ and are not all coalesced.
  const contextOf = (variant: number) => ({
    range: { from: new Date(FIXED_NOW - 24 * HOUR - variant * 60_000), to: new Date(FIXED_NOW - variant * 60_000) },
    intervalMs: HOUR,
  });
  const jobs = Array.from({ length: count }, (_, i) => ({
    which: i % MIX.length,
    variant: Math.floor(i / MIX.length) % VARIANTS,
  }));
  const clean = new Map<string, string[]>();

  const reference = async () => {
    const cleanClient = client();
    await inWaves(jobs, async ({ which, variant }) => {
      const key = `${which}/${variant}`;
      if (!clean.has(key)) {
        clean.set(key, []);
        clean.set(key, rowsOf((await runQuery(cleanClient, MIX[which], contextOf(variant))).frames));
      }
    });
  };

  const chaotic = async () => {
    sentry.fake.setMode({ chaos });
    const chaoticClient = client();
    const started = Date.now();
    const summary: ChaosSummary = {
      queries: count,
      identical: 0,
      clearErrors: 0,
      wrong: 0,
      lostRows: 0,
      duplicatedRows: 0,
      retries: 0,
      sent: 0,
      seconds: 0,
      errors: [],
    };
    await inWaves(jobs, async ({ which, variant }, i) => {
      const outcome = await runQuery(chaoticClient, { ...MIX[which], refId: `Q${i}` }, contextOf(variant));
      if (outcome.error) {
        // A clear error names what happened; a bare status or an empty message would not be.
        if (outcome.error.message.length > 20 && !/\[object Object\]/.test(outcome.error.message)) {
          summary.clearErrors++;
          summary.errors.push(outcome.error.message);
        } else {
          summary.wrong++;
        }
        return;
      }
      const rows = rowsOf(outcome.frames);
      const expected = clean.get(`${which}/${variant}`) ?? [];
      if (rows.join('\n') === expected.join('\n')) {
        summary.identical++;
        return;
      }
      summary.wrong++;
      const got = new Set(rows);
      summary.lostRows += expected.filter((r) => !got.has(r)).length;
      summary.duplicatedRows += rows.length - got.size;
    });
    summary.seconds = (Date.now() - started) / 1000;
    summary.retries = chaoticClient.stats.retries;
    summary.sent = chaoticClient.stats.sent;
    return summary;
  };

  return { reference, chaotic, close: () => sentry.close() };
}

/** The whole run: the clean reference, then the chaos. */
export async function runChaos(
  count: number,
  chaos: ChaosMode = DEFAULT_CHAOS,
  clock: Clock = systemClock
): Promise<ChaosSummary> {
  const run = await startChaosRun(count, chaos, clock);
  try {
    await run.reference();
    return await run.chaotic();
  } finally {
    await run.close();
  }
}

/** Every row of every frame as one line of its values, so lost and duplicated rows can be counted. */
function rowsOf(frames: DataFrame[]): string[] {
  return frames.flatMap((frame) =>
    Array.from(
      { length: frame.length },
      (_, row) => `${frame.name}|${frame.fields.map((f) => JSON.stringify(f.values[row])).join('|')}`
    )
  );
}

export function formatSummary(s: ChaosSummary): string {
  return (
    `chaos: ${s.queries} queries in ${s.seconds.toFixed(1)} s: ${s.identical} identical to the clean run, ${s.clearErrors} clear errors, ` +
    `${s.wrong} wrong; ${s.lostRows} rows lost, ${s.duplicatedRows} duplicated; ${s.sent} requests, ${s.retries} retries`
  );
}
