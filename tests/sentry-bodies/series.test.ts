/**
 * @jest-environment node
 *
 * Genuine events-stats and events-timeseries answers (Sentry's fixtures, tests and OpenAPI example, the official
 * plugin's test data) through the series parsers and the frames the stats query types return.
 */
import type { DataFrame } from '@grafana/data';
import { StatsQuery, statsFrames, statsRequestOf } from '../../src/sentry/queries/eventsStats';
import { seriesFromEventsStats, seriesFromEventsTimeseries } from '../../src/sentry/queries/series';
import { body, expectWellTyped, values } from './replay';

const HOUR = 3_600_000;

function frames(query: Omit<StatsQuery, 'refId' | 'queryType'>, parse: 'stats' | 'timeseries', name: string) {
  const request = statsRequestOf({ refId: 'A', queryType: 'eventsStats', ...query }, 'errors');
  const groups = request.topN > 0 ? request.groups : [];
  const series =
    parse === 'stats'
      ? seriesFromEventsStats(body(name), request.yAxes, groups)
      : seriesFromEventsTimeseries(body(name), request.yAxes, groups);
  const result = statsFrames({ series, interval: { ms: HOUR, text: '1h' }, executed: [], notices: [] }, request, 'A');
  expectWellTyped(result);
  return result;
}

/** Each frame as name → [times, values of its one value field]. */
function byName(result: DataFrame[]) {
  return Object.fromEntries(result.map((f) => [f.name, [values(f, 'time'), [...f.fields[1].values]]]));
}

describe('events-stats', () => {
  it('events-stats.sentry-js-multi-entry.json: a bucket with several entries is their sum, as Sentry charts it', () => {
    const result = frames({ eventsStatsYAxis: ['count()'] }, 'stats', 'events-stats.sentry-js-multi-entry.json');
    expect(byName(result)).toEqual({
      'count()': [
        [1741363200_000, 1741366800_000],
        [400, 123],
      ],
    });
  });

  it('events-stats.grafana-nulls.json: {count: null} is a missing value', () => {
    const result = frames({ eventsStatsYAxis: ['count()'] }, 'stats', 'events-stats.grafana-nulls.json');
    expect(byName(result)).toEqual({
      'count()': [
        [1000, 2000],
        [null, 234],
      ],
    });
  });

  it('events-stats.grafana-empty-key.json: one series keyed "" is the requested y-axis', () => {
    const result = frames({ eventsStatsYAxis: ['count()'] }, 'stats', 'events-stats.grafana-empty-key.json');
    expect(byName(result)).toEqual({
      'count()': [
        [1000, 2000],
        [123, 234],
      ],
    });
  });

  it('events-stats.grafana-grouped.json: top groups labelled and ranked', () => {
    const result = frames(
      { eventsStatsYAxis: ['count()'], eventsStatsGroups: ['release'], eventsStatsLimit: 2 },
      'stats',
      'events-stats.grafana-grouped.json'
    );
    expect(byName(result)).toEqual({
      'Group A': [
        [1000, 2000],
        [123, 234],
      ],
      'Group B': [
        [1000, 2000],
        [345, 696],
      ],
    });
    expect(result.map((f) => f.fields[1].labels)).toEqual([{ release: 'Group A' }, { release: 'Group B' }]);
  });

  it('events-stats.grafana-grouped-multi-yaxis.json: group × y-axis, in rank then y-axis order', () => {
    const result = frames(
      { eventsStatsYAxis: ['event_yaxis_a', 'event_yaxis_b'], eventsStatsGroups: ['release'], eventsStatsLimit: 2 },
      'stats',
      'events-stats.grafana-grouped-multi-yaxis.json'
    );
    expect(byName(result)).toEqual({
      'Group A · event_yaxis_a': [
        [1000, 2000],
        [885, 951],
      ],
      'Group A · event_yaxis_b': [
        [1000, 2000],
        [146, 53],
      ],
      'Group B · event_yaxis_a': [
        [1000, 2000],
        [697, 696],
      ],
      'Group B · event_yaxis_b': [
        [1000, 2000],
        [395, 150],
      ],
    });
  });
});

describe('events-timeseries', () => {
  const start = Date.UTC(2025, 8, 9, 10);

  it('events-timeseries.sentry-test-incomplete.json: incomplete buckets are null, and the frame says so', () => {
    const result = frames(
      { eventsStatsYAxis: ['count()'] },
      'timeseries',
      'events-timeseries.sentry-test-incomplete.json'
    );
    expect(byName(result)).toEqual({
      'count()': [
        [start, start + HOUR, start + 2 * HOUR],
        [1, null, null],
      ],
    });
    expect(result[0].meta?.notices).toEqual([
      {
        severity: 'info',
        text: 'The last 2 buckets are incomplete (Sentry is still receiving their events): shown without a value.',
      },
    ]);
  });

  it('events-timeseries.sentry-test-multi-yaxis.json: one series per y-axis, no notice', () => {
    const result = frames(
      { eventsStatsYAxis: ['count()', 'count_unique(user)'] },
      'timeseries',
      'events-timeseries.sentry-test-multi-yaxis.json'
    );
    const times = [start, start + HOUR, start + 2 * HOUR];
    expect(byName(result)).toEqual({ 'count()': [times, [1, 2, 0]], 'count_unique(user)': [times, [1, 1, 0]] });
    expect(result.map((f) => f.meta?.notices)).toEqual([[], []]);
  });

  it('events-timeseries.sentry-test-top-events.json: groups labelled, durations in ms', () => {
    const result = frames(
      { eventsStatsYAxis: ['count()', 'p95()'], eventsStatsGroups: ['message'], eventsStatsLimit: 5 },
      'timeseries',
      'events-timeseries.sentry-test-top-events.json'
    );
    const times = [start, start + HOUR, start + 2 * HOUR];
    expect(byName(result)).toEqual({
      'very bad · count()': [times, [1, 1, 0]],
      'very bad · p95()': [times, [120000, 120000, 0]],
      'oh my · count()': [times, [0, 1, 0]],
      'oh my · p95()': [times, [0, 120000, 0]],
    });
    expect(result.map((f) => f.fields[1].config.unit)).toEqual([undefined, 'ms', undefined, 'ms']);
  });

  it('events-timeseries.openapi-top-events.json: every groupBy pair is a label', () => {
    const result = frames(
      { eventsStatsYAxis: ['count()'], eventsStatsGroups: ['transaction', 'project', 'tag[foo]'], eventsStatsLimit: 2 },
      'timeseries',
      'events-timeseries.openapi-top-events.json'
    );
    expect(result.map((f) => f.fields[1].labels)).toEqual([
      { transaction: 'foo', project: 'bar', 'tag[foo]': 'baz' },
      { transaction: 'foo', project: 'ball', 'tag[foo]': 'baz' },
    ]);
    expect(result.map((f) => [...f.fields[1].values])).toEqual([
      [5, 5],
      [5, 5],
    ]);
  });
});
