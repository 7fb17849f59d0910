/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import {
  FIXED_NOW,
  HOUR,
  createTestFake,
  fakeClient,
  interceptedClient,
  lastHours,
} from '../../../tests/support/fakeSentryClient';
import { json } from '../../../tests/support/scriptedTransport';
import { errorsPerHour } from '../../../fake-sentry/scenario';
import { runQuery } from '../run';
import type { EventsStatsQuery } from './eventsStats';

const fake = createTestFake();
const hourly = { ...lastHours(24), intervalMs: HOUR };
const values = (frame: DataFrame) => frame.fields[1].values as Array<number | null>;

function query(patch: Partial<EventsStatsQuery>): EventsStatsQuery {
  return { refId: 'A', queryType: 'eventsStats', dataset: 'errors', eventsStatsYAxis: ['count()'], ...patch };
}

describe('event frequency against the fake', () => {
  it('counts errors per hour exactly as the scenario has them', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      query({ projectIds: ['checkout-api'], environments: ['production'] }),
      hourly
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields[0]).toMatchObject({ name: 'time', type: 'time' });
    expect(frame.fields[1]).toMatchObject({ name: 'count()', type: 'number' });
    const expected = errorsPerHour(fake.scenario, {
      project: 'checkout-api',
      environment: 'production',
      start: FIXED_NOW - 24 * HOUR,
      end: FIXED_NOW,
    });
    const byTime = new Map((frame.fields[0].values as number[]).map((t, i) => [t, values(frame)[i]]));
    // The last bucket ends at "now": Sentry marks it incomplete, so it has no value and the frame says so.
    const last = expected[expected.length - 1];
    for (const bucket of expected) {
      expect(byTime.get(bucket.start)).toBe(bucket === last ? null : bucket.count);
    }
    expect(frame.meta?.notices).toContainEqual({
      severity: 'info',
      text: 'The last bucket is incomplete (Sentry is still receiving their events): shown without a value.',
    });
    expect(frame.meta?.executedQueryString).toContain('interval: 1h');
    expect(frame.meta?.executedQueryString).toContain('/events-timeseries/');
  });

  it('falls back to events-stats where events-timeseries is missing, and remembers it', async () => {
    const selfHosted = createTestFake({ modes: { selfHosted: true } });
    const client = fakeClient(selfHosted);
    const first = await runQuery(client, query({ projectIds: ['checkout-api'] }), hourly);
    expect(first.error).toBeUndefined();
    expect(first.frames[0].meta?.executedQueryString).toContain('/events-stats/');
    expect(client.capabilities.get('eventsTimeseries')).toBe(false);
    const sentBefore = client.stats.sent;
    const second = await runQuery(client, query({ projectIds: ['web-frontend'] }), hourly);
    expect(second.error).toBeUndefined();
    // Straight to events-stats: one request, no new 404.
    expect(client.stats.sent - sentBefore).toBe(1);
    // Both endpoints give the same numbers, but events-timeseries leaves out the bucket it marks incomplete.
    const viaTimeseries = await runQuery(fakeClient(fake), query({ projectIds: ['checkout-api'] }), hourly);
    expect(values(first.frames[0]).slice(0, -1)).toEqual(values(viaTimeseries.frames[0]).slice(0, -1));
    expect(values(viaTimeseries.frames[0]).at(-1)).toBeNull();
  });

  it('charts the top N groups plus Other, labelled, in rank order; together they add up to the total', async () => {
    const client = fakeClient(fake);
    const grouped = await runQuery(client, query({ eventsStatsGroups: ['project'], eventsStatsLimit: 2 }), hourly);
    const total = await runQuery(client, query({}), hourly);
    const frames = grouped.frames;
    expect(frames.map((f) => f.fields[1].labels?.project)).toEqual([expect.any(String), expect.any(String), 'Other']);
    expect(frames[0].fields[1].config.displayNameFromDS).toBe(frames[0].fields[1].labels?.project);
    const sums = frames.map((f) => values(f).reduce((a: number, v) => a + (v ?? 0), 0));
    expect(sums[0]).toBeGreaterThanOrEqual(sums[1]);
    const totalValues = values(total.frames[0]);
    totalValues.forEach((v, i) => {
      // A bucket Sentry has not finished counting has no value in the total, nor in any group.
      const parts = frames.map((f) => values(f)[i]);
      expect(parts.some((p) => p !== null) ? parts.reduce((acc: number, p) => acc + (p ?? 0), 0) : null).toBe(v);
    });
  });

  it('goes beyond Sentry’s ten top events in batches, with Other from the total', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      query({ dataset: 'transactions', eventsStatsGroups: ['transaction'], eventsStatsLimit: 12 }),
      { ...lastHours(24 * 3), intervalMs: HOUR }
    );
    expect(outcome.error).toBeUndefined();
    const names = outcome.frames.map((f) => f.fields[1].labels?.transaction);
    expect(names).toHaveLength(13);
    expect(new Set(names).size).toBe(13);
    expect(names[12]).toBe('Other');
    const total = await runQuery(client, query({ dataset: 'transactions' }), {
      ...lastHours(24 * 3),
      intervalMs: HOUR,
    });
    const totalSum = values(total.frames[0]).reduce((a: number, v) => a + (v ?? 0), 0);
    const groupedSum = outcome.frames.reduce((acc, f) => acc + values(f).reduce((a: number, v) => a + (v ?? 0), 0), 0);
    expect(groupedSum).toBe(totalSum);
    // Ranked: each group's total is at least the next one's.
    const groupTotals = outcome.frames.slice(0, 12).map((f) => values(f).reduce((a: number, v) => a + (v ?? 0), 0));
    expect([...groupTotals].sort((a, b) => b - a)).toEqual(groupTotals);
  });

  it('several y-axes keep their order and units', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      query({ dataset: 'spans', eventsStatsYAxis: ['p95(span.duration)', 'failure_rate()', 'epm()'] }),
      hourly
    );
    expect(outcome.frames.map((f) => f.fields[1].name)).toEqual(['p95(span.duration)', 'failure_rate()', 'epm()']);
    expect(outcome.frames.map((f) => f.fields[1].config.unit)).toEqual(['ms', 'percentunit', 'cpm']);
  });

  it('runs a query saved on the deprecated transactions dataset on spans, translated as Sentry does, and says so', async () => {
    const saved = query({
      dataset: 'transactions',
      eventsStatsYAxis: ['p95(transaction.duration)', 'tpm()'],
      eventsStatsQuery: 'transaction.duration:>100',
    });
    const outcome = await runQuery(fakeClient(fake), saved, hourly);
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames.map((f) => f.fields[1].name)).toEqual(['p95(span.duration)', 'epm()']);
    const executed = outcome.frames[0].meta?.executedQueryString ?? '';
    expect(executed).toContain('dataset: spans (the query names transactions, which Sentry has deprecated)');
    expect(executed).toContain('dataset=spans');
    expect(executed).toContain(
      `query=${encodeURIComponent('span.duration:>100 is_transaction:true').replace(/%20/g, '+')}`
    );
    expect(outcome.frames[0].meta?.custom).toMatchObject({ dataset: 'spans' });
  });

  it('runs a query saved on discover on errors', async () => {
    const outcome = await runQuery(fakeClient(fake), query({ dataset: 'discover' }), hourly);
    expect(outcome.error).toBeUndefined();
    const executed = outcome.frames[0].meta?.executedQueryString ?? '';
    expect(executed).toContain('dataset: errors (the query names discover, which Sentry has deprecated)');
    expect(executed).toContain('dataset=errors');
    const onErrors = await runQuery(fakeClient(fake), query({ dataset: 'errors' }), hourly);
    expect(values(outcome.frames[0])).toEqual(values(onErrors.frames[0]));
  });

  it('returns a frame with the right fields, not an error, when there is nothing to chart', async () => {
    // No project matches: Sentry answers {"data": []} on events-stats.
    const selfHosted = createTestFake({ modes: { selfHosted: true } });
    const outcome = await runQuery(
      fakeClient(selfHosted),
      query({ environments: ['development'], eventsStatsQuery: 'level:nothing-like-this' }),
      hourly
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].fields.map((f) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['count()', 'number'],
    ]);
  });

  it('spans time series: p95 of span durations in milliseconds, on the spans granularities', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'spansStats', eventsStatsYAxis: ['p95(span.duration)'] },
      { ...lastHours(6), intervalMs: 60_000 }
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields[1]).toMatchObject({ name: 'p95(span.duration)', type: 'number', config: { unit: 'ms' } });
    expect(frame.meta?.executedQueryString).toContain('dataset=spans');
    expect(frame.meta?.executedQueryString).toContain('interval: 1m');
    expect((frame.fields[1].values as Array<number | null>).some((v) => (v ?? 0) > 0)).toBe(true);
  });
});

describe('grouped event frequency on sentry.io', () => {
  /** The fake behind sentry.io's answer to grouped events-timeseries on errors and discover (getsentry/sentry#119949). */
  function saasLike() {
    const failed: string[] = [];
    const client = interceptedClient(fake, (request) => {
      const params = new Map(request.params ?? []);
      const grouped = request.path.includes('/events-timeseries/') && params.has('topEvents');
      if (grouped && ['errors', 'discover'].includes(params.get('dataset') ?? '')) {
        failed.push(request.path);
        return json(500, { detail: 'Internal Error' });
      }
      return undefined;
    });
    return { client, failed };
  }

  it('costs one failed request per data source, not retried, however many grouped panels load at once', async () => {
    const { client, failed } = saasLike();
    const panels = ['project', 'environment', 'release', 'transaction'].map((group) =>
      runQuery(client, query({ eventsStatsGroups: [group], eventsStatsLimit: 3 }), hourly)
    );
    const outcomes = await Promise.all(panels);
    expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(outcomes.every((o) => o.frames[0].meta?.executedQueryString?.includes('/events-stats/'))).toBe(true);
    expect(failed).toHaveLength(1);
    expect(client.stats.retries).toBe(0);
    expect(client.capabilities.get('groupedTimeseries:errors')).toBe(false);
    // Ungrouped and spans still use events-timeseries.
    const ungrouped = await runQuery(client, query({}), hourly);
    expect(ungrouped.frames[0].meta?.executedQueryString).toContain('/events-timeseries/');
    const spans = await runQuery(
      client,
      { refId: 'S', queryType: 'spansStats', eventsStatsYAxis: ['count()'], eventsStatsGroups: ['span.op'] },
      hourly
    );
    expect(spans.error).toBeUndefined();
    expect(spans.frames[0].meta?.executedQueryString).toContain('/events-timeseries/');
    expect(failed).toHaveLength(1);
  });

  it('gives the same series through events-stats as a server whose grouped timeseries works', async () => {
    const { client } = saasLike();
    const grouped = query({ eventsStatsGroups: ['project'], eventsStatsLimit: 3 });
    const viaStats = await runQuery(client, grouped, hourly);
    const viaTimeseries = await runQuery(fakeClient(fake), grouped, hourly);
    // events-stats does not mark the bucket still filling; events-timeseries does, so it shows no value there.
    const settled = (f: DataFrame) => [f.name, values(f).slice(0, -1)];
    expect(viaStats.frames.map(settled)).toEqual(viaTimeseries.frames.map(settled));
    expect(viaTimeseries.frames.every((f) => values(f).at(-1) === null)).toBe(true);
  });
});
