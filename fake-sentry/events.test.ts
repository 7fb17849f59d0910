/** @jest-environment node */

import { HOUR } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, parseLink, qs } from './test-helpers';

const fake = makeFake();
const { scenario } = fake;

type Entries = Array<[string, string | number]>;

async function events(entries: Entries) {
  return get(fake, `${ORG_PATH}/events/?${qs([['project', -1], ...entries])}`);
}

describe('events table', () => {
  test('aggregate rows keyed by the exact field strings, typed meta and units', async () => {
    const response = await events([
      ['dataset', 'transactions'],
      ['statsPeriod', '24h'],
      ['field', 'transaction'],
      ['field', 'count()'],
      ['field', 'p50(transaction.duration)'],
      ['field', 'p95(transaction.duration)'],
      ['field', 'failure_rate()'],
      ['field', 'tpm()'],
      ['field', 'eps()'],
      ['field', 'apdex(300)'],
      ['field', 'count_miserable(user)'],
      ['field', 'user_misery()'],
      ['field', 'avg(transaction.duration)'],
      ['sort', '-count()'],
    ]);
    expect(response.status).toBe(200);
    const { data, meta } = response.json;
    expect(meta.fields).toEqual({
      transaction: 'string',
      'count()': 'integer',
      'p50(transaction.duration)': 'duration',
      'p95(transaction.duration)': 'duration',
      'failure_rate()': 'percentage',
      'tpm()': 'rate',
      'eps()': 'rate',
      'apdex(300)': 'number',
      'count_miserable(user)': 'integer',
      'user_misery()': 'number',
      'avg(transaction.duration)': 'duration',
    });
    expect(meta.units).toMatchObject({
      'p95(transaction.duration)': 'millisecond',
      'tpm()': '1/minute',
      'eps()': '1/second',
      'count()': null,
      transaction: null,
    });
    expect(meta).toMatchObject({ isMetricsData: false, datasetReason: 'unchanged', dataset: 'transactions' });
    const counts = data.map((row: any) => row['count()']);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const row of data) {
      expect(row['p95(transaction.duration)']).toBeGreaterThanOrEqual(row['p50(transaction.duration)']);
      expect(row['failure_rate()']).toBeGreaterThanOrEqual(0);
      expect(row['failure_rate()']).toBeLessThanOrEqual(1);
      expect(row['tpm()']).toBeCloseTo(row['count()'] / (24 * 60), 4);
      expect(row['eps()']).toBeCloseTo(row['count()'] / (24 * 3600), 5);
      expect(row['apdex(300)']).toBeGreaterThanOrEqual(0);
      expect(row['apdex(300)']).toBeLessThanOrEqual(1);
    }
    // Realistic latency: page loads are much slower than API reads.
    const byName = Object.fromEntries(data.map((row: any) => [row.transaction, row]));
    expect(byName['/checkout']['p50(transaction.duration)']).toBeGreaterThan(
      5 * byName['GET /api/cart']['p50(transaction.duration)']
    );
  });

  test('the burst shows up as failures of POST /api/checkout in production', async () => {
    const rate = async (start: number, end: number) =>
      (
        await events([
          ['dataset', 'transactions'],
          ['start', new Date(start).toISOString()],
          ['end', new Date(end).toISOString()],
          ['environment', 'production'],
          ['field', 'failure_rate()'],
          ['field', 'failure_count()'],
          ['query', 'transaction:"POST /api/checkout"'],
        ])
      ).json.data[0]['failure_rate()'];
    const during = await rate(scenario.burst.start, scenario.burst.peakEnd);
    const before = await rate(scenario.burst.start - 48 * HOUR, scenario.burst.start - HOUR);
    expect(during).toBeGreaterThan(0.2);
    expect(before).toBeLessThan(0.05);
  });

  test('plain rows: newest first, tags[x] / tag[x], timestamp format', async () => {
    const response = await events([
      ['statsPeriod', '1h'],
      ['field', 'id'],
      ['field', 'timestamp'],
      ['field', 'event.type'],
      ['field', 'tags[browser.name]'],
      ['field', 'project'],
      ['field', 'project.id'],
      ['query', 'event.type:error project:web-frontend'],
      ['per_page', 20],
    ]);
    const { data, meta } = response.json;
    expect(data.length).toBeGreaterThan(0);
    expect(meta.fields).toMatchObject({ timestamp: 'date', 'project.id': 'integer', 'tags[browser.name]': 'string' });
    expect(data[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const times = data.map((row: any) => Date.parse(row.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(
      data.every(
        (row: any) => row.project === 'web-frontend' && row['project.id'] === 4501235 && row['event.type'] === 'error'
      )
    ).toBe(true);
    expect(
      data.every((row: any) =>
        ['Chrome', 'Safari', 'Firefox', 'Edge', 'Samsung Internet'].includes(row['tags[browser.name]'])
      )
    ).toBe(true);
  });

  test('search syntax: negation, lists, has, comparisons, durations, quotes, free text', async () => {
    const count = async (query: string, dataset = 'transactions') =>
      (
        await events([
          ['dataset', dataset],
          ['statsPeriod', '24h'],
          ['field', 'count()'],
          ['query', query],
        ])
      ).json.data[0]['count()'];
    const all = await count('');
    const slow = await count('transaction.duration:>500ms');
    const fast = await count('transaction.duration:<=500ms');
    expect(slow + fast).toBe(all);
    expect(await count('transaction.duration:>0.5s')).toBe(slow);
    const checkout = await count('transaction:"POST /api/checkout"');
    const notCheckout = await count('!transaction:"POST /api/checkout"');
    expect(checkout + notCheckout).toBe(all);
    const list = await count('transaction:["POST /api/checkout","GET /api/cart"]');
    expect(list).toBe(checkout + (await count('transaction:"GET /api/cart"')));
    expect(await count('transaction:POST*')).toBeGreaterThanOrEqual(checkout);
    const withUser = await count('has:user.email');
    expect(withUser + (await count('!has:user.email'))).toBe(all);
    expect(await count('(transaction:/cart OR transaction:/checkout) environment:production')).toBeGreaterThan(0);
    expect(await count('TypeError', 'errors')).toBeGreaterThan(0);
    expect(await count('TypeError', 'errors')).toBeLessThan(await count('', 'errors'));
  });

  test('aggregate conditions filter groups (and can be forbidden)', async () => {
    const response = await events([
      ['dataset', 'errors'],
      ['statsPeriod', '14d'],
      ['field', 'issue'],
      ['field', 'count()'],
      ['query', 'count():>500'],
      ['sort', '-count()'],
    ]);
    expect(response.json.data.length).toBeGreaterThan(0);
    expect(response.json.data.every((row: any) => row['count()'] > 500)).toBe(true);
    const forbidden = await events([
      ['dataset', 'errors'],
      ['field', 'issue'],
      ['field', 'count()'],
      ['query', 'count():>500'],
      ['allowAggregateConditions', '0'],
    ]);
    expect(forbidden.status).toBe(400);
    const mixed = await events([
      ['dataset', 'errors'],
      ['field', 'issue'],
      ['field', 'count()'],
      ['query', 'count():>5 OR level:error'],
    ]);
    expect(mixed.json).toEqual({ detail: 'Having an OR between aggregate filters and normal filters is invalid.' });
  });

  test('validation: sort must be selected, ≤ 20 fields, per_page ≤ 100, dataset names, unknown functions', async () => {
    expect(
      (
        await events([
          ['field', 'title'],
          ['sort', '-count()'],
        ])
      ).json
    ).toEqual({ detail: 'Cannot sort by a field that is not selected.' });
    const fields: Entries = Array.from({ length: 21 }, (_, i) => ['field', `tags[t${i}]`]);
    expect((await events(fields)).json).toEqual({
      detail: 'You can view up to 20 fields at a time. Please delete some and try again.',
    });
    expect(
      (
        await events([
          ['field', 'title'],
          ['per_page', 101],
        ])
      ).json
    ).toEqual({ detail: 'Invalid per_page value. Cannot exceed 100.' });
    const dataset = await events([
      ['field', 'title'],
      ['dataset', 'nope'],
    ]);
    expect(dataset.status).toBe(400);
    expect(dataset.json.detail).toMatch(/^dataset must be one of: .*discover.*transactions/);
    expect((await events([['field', 'bogus()']])).json).toEqual({ detail: 'bogus is not a valid function' });
    expect((await events([])).json).toEqual({ detail: 'No columns selected' });
    const empty = await events([
      ['field', 'count()'],
      ['dataset', 'logs'],
      ['statsPeriod', '1h'],
    ]);
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual([{ 'count()': 0 }]);
  });

  test('per_page + cursor paging walks every row exactly once', async () => {
    const base: Entries = [
      ['dataset', 'errors'],
      ['statsPeriod', '2h'],
      ['field', 'id'],
      ['field', 'timestamp'],
      ['per_page', 100],
      ['project', 4501234],
    ];
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const response = await get(fake, `${ORG_PATH}/events/?${qs(cursor ? [...base, ['cursor', cursor]] : base)}`);
      ids.push(...response.json.data.map((row: any) => row.id));
      const next = parseLink(response.headers.Link).next;
      if (!next.results) {
        break;
      }
      cursor = next.cursor;
    }
    const expected = scenario.errors.filter(
      (e) => e.project.slug === 'checkout-api' && e.ts >= FIXED_NOW - 2 * HOUR && e.ts <= FIXED_NOW
    );
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((e) => e.eventId)));
    expect(ids.length).toBeGreaterThan(100);
  });

  test('spans are derived from transactions', async () => {
    const response = await events([
      ['dataset', 'spans'],
      ['statsPeriod', '24h'],
      ['field', 'span.op'],
      ['field', 'count()'],
      ['field', 'p95(span.duration)'],
      ['query', 'is_transaction:true'],
      ['sort', '-count()'],
    ]);
    const txCount = (
      await events([
        ['dataset', 'transactions'],
        ['statsPeriod', '24h'],
        ['field', 'count()'],
      ])
    ).json.data[0]['count()'];
    const total = response.json.data.reduce((sum: number, row: any) => sum + row['count()'], 0);
    expect(total).toBe(txCount);
    expect(response.json.meta.units['p95(span.duration)']).toBe('millisecond');
  });

  test('equations are evaluated per row', async () => {
    const response = await events([
      ['dataset', 'transactions'],
      ['statsPeriod', '24h'],
      ['field', 'transaction'],
      ['field', 'count()'],
      ['field', 'failure_count()'],
      ['field', 'equation|failure_count() / count() * 100'],
    ]);
    for (const row of response.json.data) {
      expect(row['equation|failure_count() / count() * 100']).toBeCloseTo(
        (row['failure_count()'] / row['count()']) * 100,
        4
      );
    }
  });

  test('without global-views, more than one project is refused', async () => {
    fake.setMode({ globalViews: false });
    try {
      const response = await events([['field', 'count()']]);
      expect(response.json).toEqual({ detail: 'You cannot view events from multiple projects.' });
      expect((await get(fake, `${ORG_PATH}/events/?field=count()&project=4501234`)).status).toBe(200);
    } finally {
      fake.setMode({ globalViews: undefined });
    }
  });
});
