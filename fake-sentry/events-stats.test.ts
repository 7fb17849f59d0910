/** @jest-environment node */

import { NO_MEMBERSHIP_TOKEN } from './handlers';
import { HOUR, MINUTE } from './scenario';
import { defaultInterval, resolveInterval } from './timeseries';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs } from './test-helpers';

const fake = makeFake();
const { scenario } = fake;

type Entries = Array<[string, string | number]>;
const WINDOW: Entries = [
  ['start', new Date(FIXED_NOW - 3 * HOUR).toISOString()],
  ['end', new Date(FIXED_NOW).toISOString()],
  ['project', -1],
];

async function stats(entries: Entries, token?: string) {
  return get(fake, `${ORG_PATH}/events-stats/?${qs([...WINDOW, ...entries])}`, token);
}

function isSeries(value: any): void {
  expect(Array.isArray(value.data)).toBe(true);
  expect(typeof value.start).toBe('number');
  expect(typeof value.end).toBe('number');
  expect(value.isMetricsData).toBe(false);
  for (const [ts, values] of value.data) {
    expect(Number.isInteger(ts)).toBe(true);
    expect(Object.keys(values[0])).toEqual(['count']);
  }
}

describe('events-stats shapes (sentry-api.md §2.4)', () => {
  test('A: one yAxis → a bare series, zero-filled hourly buckets with unix-second starts', async () => {
    const { json } = await stats([
      ['dataset', 'errors'],
      ['yAxis', 'count()'],
      ['interval', '1h'],
      ['query', 'project:payments-worker level:fatal'],
    ]);
    isSeries(json);
    expect(json.order).toBeUndefined();
    expect(json.data.map((d: any) => d[0])).toEqual(
      [0, 1, 2]
        .map((i) => (FIXED_NOW - 3 * HOUR) / 1000 - 37 * 60 + i * 3600)
        .concat([(FIXED_NOW - 37 * MINUTE) / 1000])
    );
    expect(json.start).toBe(json.data[0][0]);
    expect(json.end).toBe(json.data[json.data.length - 1][0] + 3600);
    expect(json.meta.fields).toEqual({ time: 'date', count: 'integer' });
    // Rare events: most hours are zero-filled.
    expect(json.data.filter((d: any) => d[1][0].count === 0).length).toBeGreaterThan(1);
  });

  test('A: bucket counts equal the raw events', async () => {
    const { json } = await stats([
      ['dataset', 'errors'],
      ['interval', '1h'],
      ['query', 'project:checkout-api'],
    ]);
    const first = json.data[0][0] * 1000;
    const counts = json.data.map((d: any) => d[1][0].count);
    const expected = counts.map(
      (_: number, i: number) =>
        scenario.errors.filter(
          (e) =>
            e.project.slug === 'checkout-api' &&
            e.ts >= Math.max(first + i * HOUR, FIXED_NOW - 3 * HOUR) &&
            e.ts < Math.min(first + (i + 1) * HOUR, FIXED_NOW)
        ).length
    );
    expect(counts).toEqual(expected);
  });

  test('B: several yAxis → keyed by yAxis as sent, order 0..n, alias meta', async () => {
    const { json } = await stats([
      ['dataset', 'transactions'],
      ['yAxis', 'count()'],
      ['yAxis', 'p95(transaction.duration)'],
      ['yAxis', 'failure_rate()'],
      ['interval', '30m'],
    ]);
    expect(Object.keys(json)).toEqual(['count()', 'p95(transaction.duration)', 'failure_rate()']);
    expect(json['count()'].order).toBe(0);
    expect(json['failure_rate()'].order).toBe(2);
    isSeries(json['p95(transaction.duration)']);
    expect(json['count()'].meta.fields).toEqual({
      time: 'date',
      count: 'integer',
      p95_transaction_duration: 'duration',
      failure_rate: 'percentage',
    });
    expect(json['count()'].meta.units.p95_transaction_duration).toBe('millisecond');
    expect(json['count()'].data).toHaveLength(7);
  });

  test('C: topEvents with one yAxis → groups by label, ranked, plus Other', async () => {
    const { json } = await stats([
      ['dataset', 'transactions'],
      ['field', 'transaction'],
      ['field', 'count()'],
      ['yAxis', 'count()'],
      ['topEvents', 2],
      ['sort', '-count()'],
      ['interval', '1h'],
    ]);
    const labels = Object.keys(json);
    expect(labels).toHaveLength(3);
    expect(labels[2]).toBe('Other');
    expect(json[labels[0]].order).toBe(0);
    expect(json[labels[1]].order).toBe(1);
    expect(json.Other.order).toBe(2);
    const sum = (label: string) => json[label].data.reduce((s: number, d: any) => s + d[1][0].count, 0);
    expect(sum(labels[0])).toBeGreaterThanOrEqual(sum(labels[1]));
    const all = (
      await stats([
        ['dataset', 'transactions'],
        ['interval', '1h'],
      ])
    ).json;
    expect(sum(labels[0]) + sum(labels[1]) + sum('Other')).toBe(
      all.data.reduce((s: number, d: any) => s + d[1][0].count, 0)
    );
    expect(json[labels[0]].meta.fields).toEqual({ time: 'date', transaction: 'string', 'count()': 'integer' });
    const excluded = (
      await stats([
        ['dataset', 'transactions'],
        ['field', 'transaction'],
        ['field', 'count()'],
        ['topEvents', 2],
        ['sort', '-count()'],
        ['excludeOther', 1],
      ])
    ).json;
    expect(Object.keys(excluded)).toHaveLength(2);
  });

  test('C: labels join the non-aggregate fields sorted by name; project yields the slug', async () => {
    const { json } = await stats([
      ['dataset', 'errors'],
      ['field', 'project'],
      ['field', 'environment'],
      ['field', 'count()'],
      ['topEvents', 3],
      ['sort', '-count()'],
    ]);
    for (const label of Object.keys(json).filter((l) => l !== 'Other')) {
      const [environment, project] = label.split(',');
      expect(['production', 'staging', 'development']).toContain(environment);
      expect(scenario.projects.map((p) => p.slug)).toContain(project);
    }
  });

  test('D: topEvents with several yAxis → {group: {yAxis: series, order}}', async () => {
    const { json } = await stats([
      ['dataset', 'transactions'],
      ['field', 'transaction'],
      ['field', 'count()'],
      ['field', 'p95(transaction.duration)'],
      ['yAxis', 'count()'],
      ['yAxis', 'p95(transaction.duration)'],
      ['topEvents', 2],
      ['sort', '-count()'],
      ['excludeOther', 1],
    ]);
    const groups = Object.values(json) as any[];
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.order)).toEqual([0, 1]);
    expect(Object.keys(groups[0]).sort()).toEqual(['count()', 'order', 'p95(transaction.duration)']);
    expect(groups[0]['count()'].order).toBe(0);
    expect(groups[0]['p95(transaction.duration)'].order).toBe(1);
  });

  test('E: topEvents but nothing matches → flat series (one yAxis) or {"": shape B}', async () => {
    const none: Entries = [
      ['dataset', 'errors'],
      ['field', 'release'],
      ['field', 'count()'],
      ['topEvents', 5],
      ['query', 'release:does-not-exist'],
    ];
    const single = (await stats([...none, ['yAxis', 'count()']])).json;
    isSeries(single);
    expect(single.data.every((d: any) => d[1][0].count === 0)).toBe(true);
    const multi = (await stats([...none, ['yAxis', 'count()'], ['yAxis', 'count_unique(user)']])).json;
    expect(Object.keys(multi)).toEqual(['']);
    expect(Object.keys(multi[''])).toEqual(['count()', 'count_unique(user)']);
  });

  test('F: topEvents without group columns → a single group labelled ""', async () => {
    const single = (
      await stats([
        ['dataset', 'errors'],
        ['field', 'count()'],
        ['yAxis', 'count()'],
        ['topEvents', 10],
      ])
    ).json;
    expect(Object.keys(single)).toEqual(['']);
    expect(single[''].order).toBe(0);
    isSeries(single['']);
    const multi = (
      await stats([
        ['dataset', 'errors'],
        ['field', 'count()'],
        ['field', 'count_unique(user)'],
        ['yAxis', 'count()'],
        ['yAxis', 'count_unique(user)'],
        ['topEvents', 10],
      ])
    ).json;
    expect(Object.keys(multi[''])).toEqual(['count()', 'count_unique(user)', 'order']);
  });

  test('no accessible projects → {"data": []}', async () => {
    const response = await get(fake, `${ORG_PATH}/events-stats/?statsPeriod=1h`, NO_MEMBERSHIP_TOKEN);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: [] });
  });

  test('topEvents validation messages', async () => {
    expect((await stats([['topEvents', 'x']])).json).toEqual({ detail: 'topEvents must be an integer' });
    expect((await stats([['topEvents', 11]])).json).toEqual({ detail: 'Can only get up to 10 top events' });
    expect((await stats([['topEvents', 0]])).json).toEqual({ detail: 'If topEvents needs to be at least 1' });
    expect((await stats([['yAxis', 'nope()']])).status).toBe(400);
  });

  test('comparisonDelta adds comparisonCount', async () => {
    const { json } = await stats([
      ['dataset', 'errors'],
      ['interval', '1h'],
      ['comparisonDelta', 86400],
    ]);
    expect(Object.keys(json.data[0][1][0])).toEqual(['count', 'comparisonCount']);
  });
});

describe('intervals', () => {
  test('default interval follows the range rules', () => {
    expect(defaultInterval(60 * 24 * HOUR)).toBe(24 * HOUR);
    expect(defaultInterval(30 * 24 * HOUR)).toBe(4 * HOUR);
    expect(defaultInterval(14 * 24 * HOUR)).toBe(HOUR);
    expect(defaultInterval(6 * HOUR)).toBe(5 * MINUTE);
    expect(defaultInterval(HOUR)).toBe(15 * MINUTE);
  });

  test('invalid or too fine intervals fall back silently (no 400)', async () => {
    const bucketsOf = async (interval: string, range: Entries) => {
      const response = await get(
        fake,
        `${ORG_PATH}/events-stats/?${qs([...range, ['interval', interval], ['project', -1]])}`
      );
      expect(response.status).toBe(200);
      return response.json.data.length;
    };
    const fourteenDays: Entries = [['statsPeriod', '14d']];
    // 14 d at 1 s would be > 10 000 points → the range default (1 h).
    expect(await bucketsOf('1s', fourteenDays)).toBe(14 * 24 + 1);
    expect(await bucketsOf('0m', fourteenDays)).toBe(14 * 24 + 1);
    // Unparseable → 1 h (get_rollup_from_request), a bare number = seconds.
    expect(await bucketsOf('banana', [['statsPeriod', '6h']])).toBe(7);
    expect(await bucketsOf('1800', [['statsPeriod', '6h']])).toBe(13);
    // With topEvents the limit is 10 000 / topEvents.
    expect(resolveInterval('1m', 14 * 24 * HOUR, 5)).toBe(HOUR);
    expect(resolveInterval('5m', 14 * 24 * HOUR, 0)).toBe(5 * MINUTE);
  });
});

describe('events-timeseries (sentry-api.md §2.5)', () => {
  async function timeseries(entries: Entries) {
    return get(fake, `${ORG_PATH}/events-timeseries/?${qs([...WINDOW, ...entries])}`);
  }

  test('ms timestamps, interval in meta, the last bucket flagged incomplete', async () => {
    const { json } = await timeseries([
      ['dataset', 'errors'],
      ['yAxis', 'count()'],
      ['interval', '1h'],
    ]);
    expect(json.meta).toEqual({
      dataset: 'errors',
      start: Math.floor((FIXED_NOW - 3 * HOUR) / HOUR) * HOUR,
      end: Math.ceil(FIXED_NOW / HOUR) * HOUR,
    });
    const [series] = json.timeSeries;
    expect(series.yAxis).toBe('count()');
    expect(series.meta).toEqual({ valueType: 'integer', valueUnit: null, interval: 3600000 });
    expect(series.values[0].timestamp % 3600000).toBe(0);
    expect(series.values[0].incomplete).toBe(false);
    expect(series.values[series.values.length - 1]).toMatchObject({
      incomplete: true,
      incompleteReason: 'INCOMPLETE_BUCKET',
    });
    expect(series.groupBy).toBeUndefined();
  });

  test('top events carry groupBy, order and isOther', async () => {
    const { json } = await timeseries([
      ['dataset', 'transactions'],
      ['yAxis', 'p95(transaction.duration)'],
      ['groupBy', 'transaction'],
      ['topEvents', 2],
      ['interval', '1h'],
    ]);
    expect(json.timeSeries).toHaveLength(3);
    expect(json.timeSeries[0].groupBy).toEqual([{ key: 'transaction', value: expect.any(String) }]);
    expect(json.timeSeries[0].meta).toMatchObject({
      order: 0,
      isOther: false,
      valueType: 'duration',
      valueUnit: 'millisecond',
    });
    expect(json.timeSeries[2].meta).toMatchObject({ order: 2, isOther: true });
    expect((await timeseries([['topEvents', 2]])).json).toEqual({
      detail: 'groupBy is a required parameter when doing topEvents',
    });
  });
});
