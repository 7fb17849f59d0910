/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, interceptedClient } from '../../tests/support/fakeSentryClient';
import { makeFrame } from './frames';
import type { QueryContext, QueryOutcome } from './queries/context';
import type { SentryQuery } from './query';
import { runQuery } from './run';
import { TailRefresh, TailRefreshOptions, tailRefreshable } from './tailRefresh';
import type { SentryRequest } from './transport';

const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** The fake reveals its data as its clock advances: each read sees what Sentry would hold at `clock`. */
let clock = FIXED_NOW;
const fake = createTestFake({ horizonMs: DAY, clock: () => clock });

/** A client of the fake that records every request it sends. */
function recordingClient() {
  const sent: SentryRequest[] = [];
  const client = interceptedClient(fake, (request) => {
    sent.push(request);
    return undefined;
  });
  return { client, sent };
}

interface Panel {
  hours: number;
  intervalMs: number;
}
const WEEK_15M: Panel = { hours: 7 * 24, intervalMs: 15 * MINUTE };
const HOUR_1M: Panel = { hours: 1, intervalMs: MINUTE };

/** Grafana's request for a panel whose range ends now (`to` is `now`), read at `to`. */
function at(to: number, panel: Panel, relative = true): QueryContext {
  clock = to;
  return {
    range: { from: new Date(to - panel.hours * HOUR), to: new Date(to) },
    intervalMs: panel.intervalMs,
    maxDataPoints: 1000,
    relative,
  };
}

/** Frames as a full read gives them; executedQueryString says how they were read, so it is left out. */
function comparable(outcome: QueryOutcome) {
  expect(outcome.error).toBeUndefined();
  return outcome.frames.map((frame) => ({
    ...frame,
    meta: { ...frame.meta, executedQueryString: undefined },
  }));
}

async function fullRead(query: SentryQuery, context: QueryContext) {
  return comparable(await runQuery(recordingClient().client, query, context));
}

const errorCount: SentryQuery = {
  refId: 'A',
  queryType: 'eventsStats',
  dataset: 'errors',
  eventsStatsYAxis: ['count()'],
};
const errorRate: SentryQuery = {
  refId: 'A',
  queryType: 'eventsStats',
  dataset: 'transactions',
  eventsStatsYAxis: ['failure_rate()'],
};

/** Series, and how a refresh reads them: grouped sessions and org stats by tail only while their groups persist. */
const SERIES: Array<[string, SentryQuery, Panel, 'tail' | 'full']> = [
  ['error count', errorCount, WEEK_15M, 'tail'],
  ['error rate, two y-axes', { ...errorRate, eventsStatsYAxis: ['failure_rate()', 'count()'] }, WEEK_15M, 'tail'],
  [
    'spans time series',
    { refId: 'A', queryType: 'spansStats', eventsStatsYAxis: ['p95(span.duration)'] },
    WEEK_15M,
    'tail',
  ],
  [
    'performance series',
    { refId: 'A', queryType: 'performance', performanceMode: 'timeseries', performanceMetrics: ['tpm', 'p95'] },
    WEEK_15M,
    'tail',
  ],
  [
    'session health',
    { refId: 'A', queryType: 'sessions', sessionsFields: ['crash_free_rate(session)'] },
    WEEK_15M,
    'tail',
  ],
  [
    'session health by environment',
    { refId: 'A', queryType: 'sessions', sessionsFields: ['sum(session)'], sessionsGroupBy: ['environment'] },
    WEEK_15M,
    'tail',
  ],
  [
    'accepted errors (org stats)',
    {
      refId: 'A',
      queryType: 'statsV2',
      statsCategory: ['error'],
      statsGroupBy: ['outcome'],
      statsOutcome: ['accepted'],
    },
    WEEK_15M,
    'tail',
  ],
  ['error count in minutes', errorCount, HOUR_1M, 'tail'],
  // Releases and outcomes that went quiet in the tail are groups a tail does not bring: read in full.
  [
    'session health by release',
    { refId: 'A', queryType: 'sessions', sessionsFields: ['sum(session)'], sessionsGroupBy: ['release'] },
    WEEK_15M,
    'full',
  ],
  ['org stats by category and outcome', { refId: 'A', queryType: 'statsV2' }, WEEK_15M, 'full'],
];

describe('tail refresh', () => {
  // Five minutes before the hour: refreshes cross 15-minute buckets and the hour (sessions, org stats).
  const t0 = FIXED_NOW + 55 * MINUTE + 13_000;

  it.each(SERIES)('%s: a refresh gives what a full read gives', async (_name, query, panel, kind) => {
    expect(tailRefreshable(query)).toBe(true);
    const tail = new TailRefresh();
    const { client } = recordingClient();
    await tail.run(client, query, at(t0, panel));
    expect(tail.lastRead?.kind).toBe('full');
    // Seconds later, then across bucket boundaries.
    for (const t of [t0 + 10_000, t0 + 4 * MINUTE, t0 + 9 * MINUTE]) {
      const refreshed = await tail.run(client, query, at(t, panel));
      expect(tail.lastRead?.kind).toBe(kind);
      expect(comparable(refreshed)).toEqual(await fullRead(query, at(t, panel)));
    }
  });

  it('reads the last complete bucket again, and the buckets Sentry had not finished counting', async () => {
    const tail = new TailRefresh();
    const { client, sent } = recordingClient();
    // Half a minute after the hour, the buckets that ended within the last 90 s are still counted: no value yet.
    const first = await tail.run(client, errorCount, at(FIXED_NOW + 30_000, HOUR_1M));
    const values = first.frames[0].fields[1].values;
    expect(values.slice(-3)).toEqual([null, null, null]);
    sent.length = 0;
    const t1 = FIXED_NOW + 3 * MINUTE;
    const refreshed = await tail.run(client, errorCount, at(t1, HOUR_1M));
    const params = new URLSearchParams(sent[0].params as Array<[string, string]>);
    expect(params.get('start')).toBe(new Date(FIXED_NOW - 2 * MINUTE).toISOString());
    expect(params.get('end')).toBe(new Date(t1).toISOString());
    expect(params.get('interval')).toBe('60');
    expect(comparable(refreshed)).toEqual(await fullRead(errorCount, at(t1, HOUR_1M)));
  });

  it('fetches at least 90 % fewer points per refresh of a 7-day error-rate panel', async () => {
    const tail = new TailRefresh();
    const { client } = recordingClient();
    await tail.run(client, errorRate, at(t0, WEEK_15M));
    const full = tail.lastRead!.points;
    await tail.run(client, errorRate, at(t0 + 10_000, WEEK_15M));
    expect(tail.lastRead).toEqual({ kind: 'tail', points: 2 });
    expect(full).toBe(673);
  });

  it.each<[string, Partial<TailRefreshOptions>, number]>([
    ['the kept result is older than the longest age', {}, 11 * MINUTE],
    ['the new range starts after the kept read ended', { maxAgeMs: Infinity }, 2 * HOUR],
    ['the tail would be more than half the range', { maxAgeMs: Infinity }, 40 * MINUTE],
  ])('reads in full when %s', async (_name, options, later) => {
    const tail = new TailRefresh(options);
    const { client } = recordingClient();
    await tail.run(client, errorCount, at(t0, HOUR_1M));
    await tail.run(client, errorCount, at(t0 + later, HOUR_1M));
    expect(tail.lastRead?.kind).toBe('full');
  });

  it.each<[string, SentryQuery]>([
    ['top N groups', { ...errorCount, eventsStatsGroups: ['release'] }],
    ['the anomaly band', { ...errorCount, anomalyBand: true }],
    ['a performance table', { refId: 'A', queryType: 'performance', performanceMode: 'table' }],
    ['a sessions table', { refId: 'A', queryType: 'sessions', sessionsMode: 'table' }],
    ['issues', { refId: 'A', queryType: 'issues' }],
  ])('always reads %s in full', async (_name, query) => {
    expect(tailRefreshable(query)).toBe(false);
    const tail = new TailRefresh();
    const { client } = recordingClient();
    await tail.run(client, query, at(t0, WEEK_15M));
    await tail.run(client, query, at(t0 + 10_000, WEEK_15M));
    expect(tail.lastRead?.kind).toBe('full');
  });

  it('reads in full on a fixed range, and after a change of query, interval setting or range length', async () => {
    const tail = new TailRefresh();
    const { client } = recordingClient();
    await tail.run(client, errorCount, at(t0, WEEK_15M, false));
    await tail.run(client, errorCount, at(t0 + 10_000, WEEK_15M, false));
    expect(tail.lastRead?.kind).toBe('full');
    await tail.run(client, errorCount, at(t0, WEEK_15M));
    const changes: Array<[SentryQuery, QueryContext]> = [
      [{ ...errorCount, eventsStatsQuery: 'level:error' }, at(t0, WEEK_15M)],
      [errorCount, { ...at(t0, WEEK_15M), intervalMs: HOUR }],
      [errorCount, at(t0, { ...WEEK_15M, hours: 6 * 24 })],
    ];
    for (const [query, context] of changes) {
      await tail.run(client, query, context);
      expect(tail.lastRead?.kind).toBe('full');
    }
  });

  it('keeps a bounded number of results, dropping the least recently used', async () => {
    const tail = new TailRefresh({ entries: 2 });
    const { client } = recordingClient();
    const queries = ['a', 'b', 'c'].map((q) => ({ ...errorCount, eventsStatsQuery: `transaction:${q}` }));
    for (const query of queries) {
      await tail.run(client, query, at(t0, HOUR_1M));
    }
    await tail.run(client, queries[2], at(t0 + 10_000, HOUR_1M));
    expect(tail.lastRead?.kind).toBe('tail');
    await tail.run(client, queries[0], at(t0 + 10_000, HOUR_1M));
    expect(tail.lastRead?.kind).toBe('full');
  });

  it('keeps no result larger than the point limit', async () => {
    const tail = new TailRefresh({ maxPoints: 100 });
    const { client } = recordingClient();
    await tail.run(client, errorCount, at(t0, WEEK_15M));
    await tail.run(client, errorCount, at(t0 + 10_000, WEEK_15M));
    expect(tail.lastRead?.kind).toBe('full');
  });
});

describe('tail refresh merging', () => {
  const bucket = MINUTE;
  const start = FIXED_NOW - HOUR;
  /** One series per label, a value per minute over [from, to). */
  function frames(labels: string[], from: number, to: number): DataFrame[] {
    const times = Array.from({ length: (to - from) / bucket }, (_, i) => from + i * bucket);
    return labels.map((label) =>
      makeFrame({
        name: label,
        refId: 'A',
        meta: { type: 'timeseries-multi' as never, custom: { interval: '1m' } },
        fields: [
          { name: 'time', type: 'time', values: times },
          { name: 'count()', type: 'number', values: times.map(() => 1), labels: { release: label } },
        ],
      })
    );
  }

  /** A tail refresh whose reads answer `answers` in turn, recording the ranges asked for. */
  function scripted(answers: Array<(context: QueryContext) => DataFrame[]>) {
    const ranges: Array<[number, number]> = [];
    const tail = new TailRefresh({}, async (_client, query, context) => {
      ranges.push([context.range.from.getTime(), context.range.to.getTime()]);
      return { refId: query.refId ?? 'A', frames: answers[ranges.length - 1](context) };
    });
    return { tail, ranges };
  }
  const context = (to: number): QueryContext => ({
    range: { from: new Date(to - HOUR), to: new Date(to) },
    relative: true,
  });
  const query: SentryQuery = { refId: 'A', queryType: 'sessions', sessionsGroupBy: ['release'] };
  const client = recordingClient().client;

  it('reads in full when the tail brings other series than the kept ones', async () => {
    const { tail, ranges } = scripted([
      () => frames(['1.0', '2.0'], start, FIXED_NOW),
      (c) => frames(['2.0', '3.0'], c.range.from.getTime(), FIXED_NOW + bucket),
      () => frames(['2.0', '3.0'], start + bucket, FIXED_NOW + bucket),
    ]);
    await tail.run(client, query, context(FIXED_NOW));
    const outcome = await tail.run(client, query, context(FIXED_NOW + 30_000));
    expect(ranges).toEqual([
      [start, FIXED_NOW],
      [FIXED_NOW - bucket, FIXED_NOW + 30_000],
      [start + 30_000, FIXED_NOW + 30_000],
    ]);
    expect(outcome.frames.map((f) => f.name)).toEqual(['2.0', '3.0']);
    // What was read: the tail (2 series × 2 buckets), then the whole range (2 × 60).
    expect(tail.lastRead).toEqual({ kind: 'full', points: 124 });
  });

  it('keeps the series in the kept order and drops the buckets that slid out of the range', async () => {
    const { tail } = scripted([
      () => frames(['1.0', '2.0'], start, FIXED_NOW),
      (c) => frames(['2.0', '1.0'], c.range.from.getTime(), FIXED_NOW + 3 * bucket),
    ]);
    await tail.run(client, query, context(FIXED_NOW));
    const outcome = await tail.run(client, query, context(FIXED_NOW + 2 * bucket + 5_000));
    expect(outcome.frames.map((f) => f.name)).toEqual(['1.0', '2.0']);
    const times = outcome.frames[0].fields[0].values;
    expect(times[0]).toBe(start + 2 * bucket);
    expect(times[times.length - 1]).toBe(FIXED_NOW + 2 * bucket);
    expect(outcome.frames[0].length).toBe(61);
    expect(outcome.frames[0].meta?.executedQueryString).toMatch(/^tail refresh: buckets from /);
  });
});
