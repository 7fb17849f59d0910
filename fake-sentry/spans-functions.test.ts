/** @jest-environment node */

import { FakeModes, FakeSentry } from './handlers';
import { buildScenario } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs, SEED } from './test-helpers';

// The transaction functions of sentry.io's spans dataset (discover/spans-functions.ts), with is_transaction:true.
const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });
const fakeIn = (modes: FakeModes) => makeFake({ scenario, modes });

type Entries = Array<[string, string | number]>;
const RANGE: Entries = [
  ['statsPeriod', '24h'],
  ['project', -1],
];
const fields = (names: string[]): Entries => names.map((name) => ['field', name]);

async function call(fake: FakeSentry, endpoint: string, entries: Entries) {
  return get(fake, `${ORG_PATH}/${endpoint}/?${qs([...RANGE, ...entries])}`);
}

const SPAN_FUNCTIONS = [
  'count()',
  'epm()',
  'failure_rate()',
  'p50(span.duration)',
  'p75(span.duration)',
  'p95(span.duration)',
  'p99(span.duration)',
  'avg(span.duration)',
  'apdex(span.duration,300)',
  'user_misery(span.duration,300)',
];

/** The same functions on the transactions dataset (mep_to_eap.py translates these into the ones above). */
const TRANSACTION_FUNCTIONS = [
  'count()',
  'epm()',
  'failure_rate()',
  'p50(transaction.duration)',
  'p75(transaction.duration)',
  'p95(transaction.duration)',
  'p99(transaction.duration)',
  'avg(transaction.duration)',
  'apdex(300)',
  'user_misery(300)',
];

const SPANS_TABLE: Entries = [
  ['dataset', 'spans'],
  ['query', 'is_transaction:true'],
  ...fields(['transaction', 'transaction.op', 'span.op', ...SPAN_FUNCTIONS]),
  ['sort', 'transaction'],
];

describe.each([['normal' as const], ['saas' as const], ['saas-next' as const]])(
  'spans transaction functions (%s)',
  (name) => {
    const fake = fakeIn(name === 'normal' ? {} : { flavour: name });

    test('a per-transaction table with numbers and the types and units Sentry declares', async () => {
      const response = await call(fake, 'events', SPANS_TABLE);
      expect(response.status).toBe(200);
      const { data, meta } = response.json;
      expect(data.length).toBeGreaterThan(3);
      expect(meta.fields).toMatchObject({
        transaction: 'string',
        'transaction.op': 'string',
        'span.op': 'string',
        'count()': 'integer',
        'epm()': 'rate',
        'failure_rate()': 'percentage',
        'p95(span.duration)': 'duration',
        'avg(span.duration)': 'duration',
        'apdex(span.duration,300)': 'number',
        'user_misery(span.duration,300)': 'number',
      });
      expect(meta.units).toMatchObject({
        'epm()': '1/minute',
        'p95(span.duration)': 'millisecond',
        'avg(span.duration)': 'millisecond',
        'failure_rate()': null,
      });
      for (const row of data) {
        for (const fn of SPAN_FUNCTIONS) {
          expect(typeof row[fn]).toBe('number');
        }
        expect(row['transaction.op']).toBe(row['span.op']);
      }
    });

    test('events-stats and events-timeseries chart them', async () => {
      const yAxes: Entries = SPAN_FUNCTIONS.map((fn) => ['yAxis', fn]);
      const query: Entries = [
        ['dataset', 'spans'],
        ['query', 'is_transaction:true'],
        ['interval', '1h'],
      ];
      const stats = await call(fake, 'events-stats', [...query, ...yAxes]);
      expect(stats.status).toBe(200);
      expect(Object.keys(stats.json)).toEqual(SPAN_FUNCTIONS);
      expect(stats.json['p95(span.duration)'].meta.fields['p95_span_duration']).toBe('duration');
      const series = await call(fake, 'events-timeseries', [...query, ...yAxes]);
      expect(series.status).toBe(200);
      expect(series.json.timeSeries.map((s: any) => [s.yAxis, s.meta.valueType])).toEqual([
        ['count()', 'integer'],
        ['epm()', 'rate'],
        ['failure_rate()', 'percentage'],
        ['p50(span.duration)', 'duration'],
        ['p75(span.duration)', 'duration'],
        ['p95(span.duration)', 'duration'],
        ['p99(span.duration)', 'duration'],
        ['avg(span.duration)', 'duration'],
        ['apdex(span.duration,300)', 'number'],
        ['user_misery(span.duration,300)', 'number'],
      ]);
      const grouped = await call(fake, 'events-timeseries', [
        ...query,
        ['yAxis', 'p95(span.duration)'],
        ['groupBy', 'transaction'],
        ['topEvents', 3],
      ]);
      expect(grouped.status).toBe(200);
      expect(grouped.json.timeSeries[0].groupBy).toEqual([{ key: 'transaction', value: expect.any(String) }]);
    });
  }
);

test('the numbers equal the transactions dataset’s for the same transactions', async () => {
  const fake = fakeIn({});
  const spans = (await call(fake, 'events', SPANS_TABLE)).json.data;
  const transactions = (
    await call(fake, 'events', [
      ['dataset', 'transactions'],
      ...fields(['transaction', ...TRANSACTION_FUNCTIONS]),
      ['sort', 'transaction'],
    ])
  ).json.data;
  expect(spans.length).toBeGreaterThan(3);
  expect(spans.map((row: any) => row.transaction)).toEqual(transactions.map((row: any) => row.transaction));
  spans.forEach((row: any, i: number) => {
    SPAN_FUNCTIONS.forEach((fn, j) => {
      expect([row.transaction, fn, row[fn]]).toEqual([row.transaction, fn, transactions[i][TRANSACTION_FUNCTIONS[j]]]);
    });
  });
});

test('failure_rate over all spans counts each span’s own status (formulas.py), apdex only transactions', async () => {
  const fake = fakeIn({ flavour: 'saas' });
  const all = (
    await call(fake, 'events', [['dataset', 'spans'], ...fields(['count()', 'failure_rate()', 'failure_count()'])])
  ).json.data[0];
  const segments = (
    await call(fake, 'events', [
      ['dataset', 'spans'],
      ['query', 'is_transaction:true'],
      ...fields(['count()', 'failure_count()']),
    ])
  ).json.data[0];
  // Child spans are all ok here: the failures are the transactions', the denominator every span.
  expect(all['failure_count()']).toBe(segments['failure_count()']);
  expect(all['failure_rate()']).toBeCloseTo(segments['failure_count()'] / all['count()'], 5);
  expect(all['count()']).toBeGreaterThan(segments['count()']);
  const apdex = async (query: string) =>
    (
      await call(fake, 'events', [
        ['dataset', 'spans'],
        ['query', query],
        ['field', 'apdex(span.duration,300)'],
      ])
    ).json.data[0]['apdex(span.duration,300)'];
  expect(await apdex('')).toBe(await apdex('is_transaction:true'));
});

describe('forms the spans dataset lacks', () => {
  const forms: Array<[string, string]> = [
    ['count_miserable(user)', 'Unknown function count_miserable'],
    ['last_seen()', 'Unknown function last_seen'],
    ['apdex(300)', 'Invalid number of arguments for apdex, was expecting 2 arguments'],
    ['user_misery()', 'Invalid number of arguments for user_misery, was expecting 2 arguments'],
    [
      'p95(transaction.duration)',
      "transaction.duration is invalid for parameter 1 in p95. Its a string type field, but it must be one of these types: {'duration', 'number', 'size'}",
    ],
  ];

  test.each(forms)('saas refuses %s', async (field, detail) => {
    const response = await call(fakeIn({ flavour: 'saas' }), 'events', [
      ['dataset', 'spans'],
      ['field', field],
    ]);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ detail });
  });

  test('the normal mode still answers them, as it always did', async () => {
    const fake = fakeIn({});
    for (const [field] of forms) {
      expect(
        (
          await call(fake, 'events', [
            ['dataset', 'spans'],
            ['field', field],
          ])
        ).status
      ).toBe(200);
    }
  });
});
