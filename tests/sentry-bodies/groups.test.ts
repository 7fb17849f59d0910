/**
 * @jest-environment node
 *
 * Genuine sessions and stats_v2 answers (Sentry's OpenAPI examples, fixtures and tests, the official plugin's
 * test data) through the session health and org stats runners: labels in the requested groupBy order whatever
 * the key order of `by`, nulls kept, one value per interval.
 */
import type { DataFrame } from '@grafana/data';
import { SessionsQuery, runSessionsQuery } from '../../src/sentry/queries/sessions';
import { StatsV2Query, runStatsV2Query } from '../../src/sentry/queries/statsV2';
import type { QueryContext } from '../../src/sentry/queries/context';
import { body, expectWellTyped, replayClient, values } from './replay';

const DAY = 86_400_000;
/** The answers are replayed whatever the range; a month keeps the requested interval within Sentry's limits. */
const MONTH: QueryContext = {
  range: { from: new Date('2021-03-01T00:00:00Z'), to: new Date('2021-03-31T00:00:00Z') },
  intervalMs: 3_600_000,
  maxDataPoints: 500,
};

async function sessions(name: string, query: Omit<SessionsQuery, 'refId' | 'queryType'>) {
  const { client } = replayClient({ 'sessions/': body(name), 'projects/': [] });
  const frames = await runSessionsQuery(client, { refId: 'A', queryType: 'sessions', ...query }, MONTH);
  expectWellTyped(frames);
  return frames;
}

async function statsV2(name: string, query: Omit<StatsV2Query, 'refId' | 'queryType'>) {
  const { client } = replayClient({ 'stats_v2/': body(name), 'projects/': [] });
  const frames = await runStatsV2Query(client, { refId: 'A', queryType: 'statsV2', ...query }, MONTH);
  expectWellTyped(frames);
  return frames;
}

/** Each series frame as name → [labels, values]. */
const series = (frames: DataFrame[]) =>
  Object.fromEntries(frames.map((f) => [f.name, [f.fields[1].labels, [...f.fields[1].values]]]));

describe('sessions', () => {
  it('sessions.openapi-by-status.json: one series per group over the intervals', async () => {
    const frames = await sessions('sessions.openapi-by-status.json', { sessionsFields: ['sum(session)'] });
    expect(values(frames[0], 'time')).toEqual([
      Date.UTC(2024, 0, 29, 7, 30),
      Date.UTC(2024, 0, 29, 8),
      Date.UTC(2024, 0, 29, 8, 30),
    ]);
    expect(series(frames)).toEqual({
      errored: [{ 'session.status': 'errored' }, [368, 392, 240]],
      healthy: [{ 'session.status': 'healthy' }, [6230841, 6923689, 4751465]],
    });
  });

  it('sessions.sentry-js-status-by-release.json: labels follow groupBy, not the key order of `by`', async () => {
    const frames = await sessions('sessions.sentry-js-status-by-release.json', {
      sessionsFields: ['sum(session)'],
      sessionsGroupBy: ['release', 'project'],
    });
    const names = frames.map((f) => f.name);
    expect(names).toEqual([
      '7a82c130be9143361f20bc77252df783cf91e4fc, 123, crashed',
      'e102abb2c46e7fe8686441091005c12aed90da99, 123, healthy',
      'e102abb2c46e7fe8686441091005c12aed90da99, 123, abnormal',
      'e102abb2c46e7fe8686441091005c12aed90da99, 123, crashed',
      '7a82c130be9143361f20bc77252df783cf91e4fc, 123, abnormal',
      'e102abb2c46e7fe8686441091005c12aed90da99, 123, errored',
      '7a82c130be9143361f20bc77252df783cf91e4fc, 123, healthy',
      '7a82c130be9143361f20bc77252df783cf91e4fc, 123, errored',
    ]);
    expect(frames.map((f) => Object.keys(f.fields[1].labels ?? {}))).toEqual(
      frames.map(() => ['release', 'project', 'session.status'])
    );
    expect(values(frames[6], 'sum(session)')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3404, 198732]);
    expect(values(frames[0], 'time')).toEqual(Array.from({ length: 14 }, (_, i) => Date.UTC(2021, 2, 5) + i * DAY));
  });

  it('sessions.sentry-js-total-by-release-24h.json: groups with `by` keys in either order get the same label order', async () => {
    const frames = await sessions('sessions.sentry-js-total-by-release-24h.json', {
      sessionsFields: ['sum(session)'],
      sessionsGroupBy: ['release', 'project'],
    });
    expect(frames.map((f) => f.name)).toEqual([
      '7a82c130be9143361f20bc77252df783cf91e4fc, 123',
      'e102abb2c46e7fe8686441091005c12aed90da99, 123',
    ]);
    expect(frames.map((f) => f.length)).toEqual([24, 24]);
  });

  it('sessions.sentry-test-minute-resolution.json: ten-minute buckets', async () => {
    const frames = await sessions('sessions.sentry-test-minute-resolution.json', { sessionsFields: ['sum(session)'] });
    expect(values(frames[0], 'time')).toEqual([0, 10, 20, 30].map((m) => Date.UTC(2021, 0, 14, 12, m)));
    expect(values(frames[0], 'sum(session)')).toEqual([2, 1, 1, 0]);
  });

  it('sessions.sentry-test-durations-nulls.json: totals Sentry has no value for are null', async () => {
    const fields = ['p50(session.duration)', 'max(session.duration)'] as unknown as SessionsQuery['sessionsFields'];
    const [table] = await sessions('sessions.sentry-test-durations-nulls.json', {
      sessionsFields: fields,
      sessionsMode: 'table',
    });
    expect(values(table, 'p50(session.duration)')).toEqual([null, null, null, 33500]);
    expect(values(table, 'max(session.duration)')).toEqual([null, null, null, 80000]);
  });

  it('metrics-data.grafana-by-release-nulls.json: a null inside a series stays null', async () => {
    const fields = ['count_unique(sentry.sessions.user)'] as unknown as SessionsQuery['sessionsFields'];
    const frames = await sessions('metrics-data.grafana-by-release-nulls.json', {
      sessionsFields: fields,
      sessionsGroupBy: ['release'],
    });
    expect(series(frames)).toEqual({
      'version-1.0': [{ release: 'version-1.0' }, [0.0002941324772677614, 0.0002764405454278872]],
      'version-1.1': [{ release: 'version-1.1' }, [null, 0.0002764405454278872]],
    });
  });

  it('metrics-data.grafana-ungrouped.json: one unlabelled series', async () => {
    const fields = ['session.crash_rate'] as unknown as SessionsQuery['sessionsFields'];
    const frames = await sessions('metrics-data.grafana-ungrouped.json', { sessionsFields: fields });
    expect(series(frames)).toEqual({
      'session.crash_rate': [{}, [0.0002941324772677614, 0.0002764405454278872]],
    });
  });
});

describe('stats_v2', () => {
  it('stats_v2.openapi-by-outcome.json', async () => {
    const frames = await statsV2('stats_v2.openapi-by-outcome.json', {
      statsCategory: ['error'],
      statsGroupBy: ['outcome'],
    });
    expect(series(frames)).toEqual({ invalid: [{ outcome: 'invalid' }, [165665]] });
    expect(values(frames[0], 'time')).toEqual([Date.UTC(2022, 1, 28)]);
  });

  it('stats_v2.sentry-test-org-simple.json: labels in groupBy order, whatever the key order of `by`', async () => {
    const frames = await statsV2('stats_v2.sentry-test-org-simple.json', {
      statsGroupBy: ['category', 'outcome', 'reason'],
    });
    expect(series(frames)).toEqual({
      'attachment, rate_limited, spike_protection': [
        { category: 'attachment', outcome: 'rate_limited', reason: 'spike_protection' },
        [0, 1024],
      ],
      'error, accepted, none': [{ category: 'error', outcome: 'accepted', reason: 'none' }, [0, 6]],
      'transaction, rate_limited, spike_protection': [
        { category: 'transaction', outcome: 'rate_limited', reason: 'spike_protection' },
        [0, 1],
      ],
    });
    expect(frames.map((f) => Object.keys(f.fields[1].labels ?? {}))).toEqual(
      frames.map(() => ['category', 'outcome', 'reason'])
    );
  });

  it('stats_v2.sentry-test-multiple-fields.json: group × field', async () => {
    const frames = await statsV2('stats_v2.sentry-test-multiple-fields.json', {
      statsFields: ['sum(quantity)', 'sum(times_seen)'],
      statsGroupBy: ['category', 'outcome', 'reason'],
    });
    expect(frames.map((f) => f.name)).toEqual([
      'attachment, rate_limited, spike_protection · sum(quantity)',
      'attachment, rate_limited, spike_protection · sum(times_seen)',
      'error, accepted, none · sum(quantity)',
      'error, accepted, none · sum(times_seen)',
      'transaction, rate_limited, spike_protection · sum(quantity)',
      'transaction, rate_limited, spike_protection · sum(times_seen)',
    ]);
    expect(frames.map((f) => [...f.fields[1].values])).toEqual([
      [0, 1024],
      [0, 1],
      [0, 6],
      [0, 6],
      [0, 1],
      [0, 1],
    ]);
  });

  it('stats_v2.grafana-by-reason-category.json: category before reason, as requested', async () => {
    const frames = await statsV2('stats_v2.grafana-by-reason-category.json', {
      statsFields: ['sum(quantity)'],
      statsGroupBy: ['category', 'reason'],
    });
    expect(series(frames)).toEqual({
      'foo1, foo': [{ category: 'foo1', reason: 'foo' }, [11, 22]],
      'foo2, bar': [{ category: 'foo2', reason: 'bar' }, [11, 22]],
    });
  });

  it.each([
    ['stats_v2.grafana-ungrouped.json', [Date.UTC(2021, 6, 15, 15), Date.UTC(2021, 6, 15, 18)]],
    ['stats_v2.grafana-30m.json', [Date.UTC(2021, 6, 15, 15), Date.UTC(2021, 6, 15, 15, 30)]],
  ])('%s: an ungrouped series', async (name, times) => {
    const frames = await statsV2(name, { statsCategory: ['error'], statsGroupBy: ['outcome'] });
    expect(series(frames)).toEqual({ 'sum(quantity)': [{}, [11, 22]] });
    expect(values(frames[0], 'time')).toEqual(times);
  });
});
