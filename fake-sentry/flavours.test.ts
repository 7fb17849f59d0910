/** @jest-environment node */

import { DEPRECATION_HEADER, REPLACEMENT_HEADER } from './deprecation';
import { pythonIsoformat } from './flavours';
import { createFakeSentry, FakeModes, FakeSentry } from './handlers';
import { DEFAULT_DEPRECATION, modesFromEnv } from './modes';
import { buildScenario, DAY, HOUR, MINUTE } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs, SEED } from './test-helpers';

// One scenario shared by the fakes below (building it is the slow part).
const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });
const fakeIn = (modes: FakeModes, clock?: () => number) => makeFake({ scenario, modes, clock });

type Entries = Array<[string, string | number]>;
const DAY_RANGE: Entries = [
  ['statsPeriod', '24h'],
  ['project', -1],
];

async function call(fake: FakeSentry, endpoint: string, entries: Entries) {
  return get(fake, `${ORG_PATH}/${endpoint}/?${qs([...DAY_RANGE, ...entries])}`);
}

const GROUPED: Entries = [
  ['yAxis', 'count()'],
  ['groupBy', 'project'],
  ['sort', '-count()'],
  ['topEvents', 5],
  ['interval', '1h'],
];

describe('choosing a flavour', () => {
  test('FAKE_SENTRY_MODE names one flavour; two are refused', () => {
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'saas' })).toEqual({ flavour: 'saas' });
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'saas-next,ratelimit' })).toMatchObject({ flavour: 'saas-next' });
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'selfhosted' })).toEqual({ selfHosted: true });
    expect(() => modesFromEnv({ FAKE_SENTRY_MODE: 'saas,selfhosted' })).toThrow('pick one flavour');
    expect(() => modesFromEnv({ FAKE_SENTRY_MODE: 'saas,saas-next' })).toThrow('pick one flavour');
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'deprecated', FAKE_SENTRY_DEPRECATION_BROWNOUT: '1' })).toEqual({
      deprecation: { ...DEFAULT_DEPRECATION, brownout: true },
    });
  });

  test('setMode switches flavours: choosing one switches the other off; both at creation are refused', () => {
    const fake = fakeIn({ selfHosted: true });
    fake.setMode({ flavour: 'saas' });
    expect(fake.getModes()).toEqual({ flavour: 'saas' });
    fake.setMode({ selfHosted: true });
    expect(fake.getModes()).toEqual({ selfHosted: true });
    fake.setMode({ selfHosted: undefined });
    expect(fake.getModes()).toEqual({});
    expect(() => createFakeSentry({ scenario, modes: { flavour: 'saas', selfHosted: true } })).toThrow(
      'pick one flavour'
    );
  });
});

describe('saas: sentry.io today', () => {
  const saas = fakeIn({ flavour: 'saas' });

  test('grouped events-timeseries on errors and discover answer 500; ungrouped, spans and events-stats work', async () => {
    for (const dataset of [[['dataset', 'errors']], [['dataset', 'discover']], []] as Entries[]) {
      const failed = await call(saas, 'events-timeseries', [...dataset, ...GROUPED]);
      expect(failed.status).toBe(500);
      expect(failed.json).toEqual({ detail: 'Internal Error', errorId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      const ungrouped = await call(saas, 'events-timeseries', [...dataset, ['yAxis', 'count()'], ['interval', '1h']]);
      expect(ungrouped.status).toBe(200);
      expect(
        (await call(saas, 'events-stats', [...dataset, ...GROUPED, ['field', 'project'], ['field', 'count()']])).status
      ).toBe(200);
    }
    const spans = await call(saas, 'events-timeseries', [['dataset', 'spans'], ...GROUPED]);
    expect(spans.status).toBe(200);
    expect(spans.json.timeSeries.length).toBeGreaterThan(1);
    // Parameter errors still come first.
    expect(
      (
        await call(saas, 'events-timeseries', [
          ['dataset', 'errors'],
          ['topEvents', 5],
        ])
      ).status
    ).toBe(400);
    // The same grouped request works outside sentry.io.
    expect((await call(fakeIn({}), 'events-timeseries', [['dataset', 'errors'], ...GROUPED])).status).toBe(200);
  });

  test('discover and transactions still answer, without deprecation headers (Sentry sends none for datasets)', async () => {
    for (const dataset of ['discover', 'transactions']) {
      for (const [endpoint, entries] of [
        ['events', [['field', 'count()']]],
        ['events-stats', [['yAxis', 'count()']]],
        ['events-timeseries', [['yAxis', 'count()']]],
      ] as Array<[string, Entries]>) {
        const response = await call(saas, endpoint, [['dataset', dataset], ...entries]);
        expect(response.status).toBe(200);
        expect(response.headers[DEPRECATION_HEADER]).toBeUndefined();
        expect(response.headers[REPLACEMENT_HEADER]).toBeUndefined();
      }
    }
  });

  test("an unknown dataset is refused with sentry.io's list, in Sentry's order", async () => {
    const response = await call(saas, 'events', [
      ['dataset', 'uptimeChecks'],
      ['field', 'count()'],
    ]);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      detail:
        'dataset must be one of: discover, errors, metricsEnhanced, metrics, ourlogs, logs, uptime_results, profiles, ' +
        'issuePlatform, profileFunctions, profile_functions, spans, spansIndexed, spansMetrics, tracemetrics, transactions',
    });
  });

  test('span timestamps are typed "string" and carry Python isoformat dates', async () => {
    const entries: Entries = [
      ['dataset', 'spans'],
      ['field', 'timestamp'],
      ['field', 'span.op'],
      ['sort', '-timestamp'],
      ['per_page', 20],
    ];
    const saasRows = await call(saas, 'events', entries);
    expect(saasRows.json.data).toHaveLength(20);
    expect(saasRows.json.meta.fields.timestamp).toBe('string');
    const normalRows = await call(fakeIn({}), 'events', entries);
    expect(normalRows.json.meta.fields.timestamp).toBe('date');
    saasRows.json.data.forEach((row: { timestamp: string }, i: number) => {
      expect(row.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
      // The same instant as the normal mode's date, to the second.
      expect(Math.floor(Date.parse(row.timestamp) / 1000)).toBe(Date.parse(normalRows.json.data[i].timestamp) / 1000);
    });
    expect(pythonIsoformat(Date.UTC(2026, 4, 20, 14, 37, 5, 120))).toBe('2026-05-20T14:37:05.120000+00:00');
    expect(pythonIsoformat(Date.UTC(2026, 4, 20, 14, 37))).toBe('2026-05-20T14:37:00+00:00');
  });

  test('events-timeseries: buckets ending after now NOT_ELAPSED, within the ingestion delay INGESTION_PENDING', async () => {
    const now = FIXED_NOW + 30_000;
    const entries: Entries = [
      ['dataset', 'errors'],
      ['yAxis', 'count()'],
      ['interval', '1m'],
      ['statsPeriod', '10m'],
    ];
    const last4 = async (fake: FakeSentry) => {
      const { json } = await get(fake, `${ORG_PATH}/events-timeseries/?${qs(entries)}`);
      return json.timeSeries[0].values.slice(-4).map((v: any) => [v.timestamp, v.incomplete, v.incompleteReason]);
    };
    const minute = (offset: number) => FIXED_NOW + offset * MINUTE;
    expect(await last4(fakeIn({ flavour: 'saas' }, () => now))).toEqual([
      [minute(-3), false, undefined],
      [minute(-2), true, 'INGESTION_PENDING'], // ends 90 s before now
      [minute(-1), true, 'INGESTION_PENDING'],
      [minute(0), true, 'NOT_ELAPSED'],
    ]);
    // check_incomplete: time + rollup >= now - INGESTION_DELAY.
    expect(await last4(fakeIn({}, () => now))).toEqual([
      [minute(-3), false, undefined],
      [minute(-2), true, 'INCOMPLETE_BUCKET'],
      [minute(-1), true, 'INCOMPLETE_BUCKET'],
      [minute(0), true, 'INCOMPLETE_BUCKET'],
    ]);
  });

  test('sessions accept multiples of ten seconds at any range; 1000 buckets at most', async () => {
    const base: Entries = [['field', 'sum(session)']];
    const sessions = (fake: FakeSentry, entries: Entries) =>
      get(fake, `${ORG_PATH}/sessions/?${qs([...base, ...entries])}`);
    expect(
      (
        await sessions(saas, [
          ['statsPeriod', '1h'],
          ['interval', '30s'],
        ])
      ).status
    ).toBe(200);
    expect(
      (
        await sessions(saas, [
          ['statsPeriod', '7d'],
          ['interval', '15m'],
        ])
      ).status
    ).toBe(200);
    expect(
      (
        await sessions(saas, [
          ['statsPeriod', '1h'],
          ['interval', '15s'],
        ])
      ).json
    ).toEqual({
      detail: 'The interval has to be a multiple of the minimum interval of ten seconds.',
    });
    expect(
      (
        await sessions(saas, [
          ['statsPeriod', '14d'],
          ['interval', '15m'],
        ])
      ).json
    ).toEqual({
      detail:
        'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    });
    // The fake's default keeps its one-minute floor.
    expect(
      (
        await sessions(fakeIn({}), [
          ['statsPeriod', '1h'],
          ['interval', '30s'],
        ])
      ).json
    ).toEqual({
      detail: 'The interval has to be a multiple of the minimum interval of one minute.',
    });
  });

  test('stats_v2 accepts minute intervals at any range', async () => {
    const response = await get(
      saas,
      `${ORG_PATH}/stats_v2/?${qs([
        ['statsPeriod', '3d'],
        ['interval', '5m'],
        ['field', 'sum(quantity)'],
        ['category', 'error'],
      ])}`
    );
    expect(response.status).toBe(200);
    expect(response.json.intervals).toHaveLength(3 * 24 * 12 + 1);
  });
});

describe('saas-next: sentry.io without the deprecated datasets', () => {
  const next = fakeIn({ flavour: 'saas-next' });
  const REMAINING =
    'dataset must be one of: errors, metricsEnhanced, metrics, ourlogs, logs, uptime_results, profiles, ' +
    'issuePlatform, profileFunctions, profile_functions, spans, spansIndexed, spansMetrics, tracemetrics';

  test('discover and transactions answer 400 on every events endpoint, as does the discover default', async () => {
    for (const dataset of [[['dataset', 'discover']], [['dataset', 'transactions']], []] as Entries[]) {
      for (const [endpoint, entries] of [
        ['events', [['field', 'count()']]],
        ['events-stats', [['yAxis', 'count()']]],
        ['events-timeseries', [['yAxis', 'count()']]],
      ] as Array<[string, Entries]>) {
        const response = await call(next, endpoint, [...dataset, ...entries]);
        expect(response.status).toBe(400);
        expect(response.json).toEqual({ detail: REMAINING });
      }
    }
  });

  test('errors and spans answer; grouped errors timeseries still fail as on saas', async () => {
    expect(
      (
        await call(next, 'events', [
          ['dataset', 'errors'],
          ['field', 'count()'],
        ])
      ).status
    ).toBe(200);
    const spans = await call(next, 'events-timeseries', [
      ['dataset', 'spans'],
      ['yAxis', 'epm()'],
    ]);
    expect(spans.status).toBe(200);
    expect((await call(next, 'events-timeseries', [['dataset', 'errors'], ...GROUPED])).status).toBe(500);
  });
});

describe('selfhosted: older self-hosted', () => {
  const old = fakeIn({ selfHosted: true });
  const OLD_DATASETS =
    'dataset must be one of: discover, errors, metricsEnhanced, metrics, profiles, issuePlatform, profileFunctions, ' +
    'spansIndexed, spansMetrics, transactions';

  test('no events-timeseries, no spans or logs datasets', async () => {
    expect((await call(old, 'events-timeseries', [['dataset', 'errors']])).status).toBe(404);
    for (const dataset of ['spans', 'logs', 'ourlogs']) {
      const response = await call(old, 'events', [
        ['dataset', dataset],
        ['field', 'count()'],
      ]);
      expect(response.status).toBe(400);
      expect(response.json).toEqual({ detail: OLD_DATASETS });
    }
  });

  test('transaction performance answers on the transactions dataset', async () => {
    const fields = [
      'transaction',
      'p95(transaction.duration)',
      'epm()',
      'failure_rate()',
      'apdex()',
      'count_miserable(user)',
    ];
    const response = await call(old, 'events', [
      ['dataset', 'transactions'],
      ...fields.map((f): [string, string] => ['field', f]),
    ]);
    expect(response.status).toBe(200);
    expect(response.json.data.length).toBeGreaterThan(3);
    expect(typeof response.json.data[0]['p95(transaction.duration)']).toBe('number');
    const stats = await call(old, 'events-stats', [
      ['dataset', 'transactions'],
      ['yAxis', 'apdex()'],
      ['interval', '1h'],
    ]);
    expect(stats.status).toBe(200);
  });

  test('sessions only in whole hours', async () => {
    const sessions = (interval: string) =>
      get(
        old,
        `${ORG_PATH}/sessions/?${qs([
          ['field', 'sum(session)'],
          ['statsPeriod', '6h'],
          ['interval', interval],
        ])}`
      );
    expect((await sessions('30m')).json).toEqual({
      detail: 'The interval has to be a multiple of the minimum interval of one hour.',
    });
    expect((await sessions('1h')).status).toBe(200);
  });

  test('stats_v2 minute intervals only for ranges up to 6 hours within the last 30 days', async () => {
    const stats = (entries: Entries) =>
      get(old, `${ORG_PATH}/stats_v2/?${qs([['field', 'sum(quantity)'], ['category', 'error'], ...entries])}`);
    expect(
      (
        await stats([
          ['statsPeriod', '6h'],
          ['interval', '30m'],
        ])
      ).status
    ).toBe(200);
    expect(
      (
        await stats([
          ['statsPeriod', '24h'],
          ['interval', '30m'],
        ])
      ).json
    ).toEqual({
      detail: 'The time-range when using one-minute resolution intervals is restricted to 6 hours.',
    });
    expect(
      (
        await stats([
          ['statsPeriod', '24h'],
          ['interval', '1h'],
        ])
      ).status
    ).toBe(200);
    const start = FIXED_NOW - 40 * DAY;
    const old40d: Entries = [
      ['start', new Date(start).toISOString()],
      ['end', new Date(start + HOUR).toISOString()],
      ['interval', '5m'],
    ];
    expect((await stats(old40d)).json).toEqual({
      detail: 'The time-range when using one-minute resolution intervals is restricted to the last 30 days.',
    });
    // sentry.io's newer code dropped both restrictions.
    expect(
      (
        await get(
          fakeIn({ flavour: 'saas' }),
          `${ORG_PATH}/stats_v2/?${qs([
            ['field', 'sum(quantity)'],
            ['category', 'error'],
            ['statsPeriod', '24h'],
            ['interval', '30m'],
          ])}`
        )
      ).status
    ).toBe(200);
  });
});

describe('deprecation: the @deprecated decorator of Sentry, opt-in', () => {
  const date = Date.parse(DEFAULT_DEPRECATION.date);

  test('headers on every answer of a deprecated route, naming the replacement for this org', async () => {
    const fake = fakeIn({ deprecation: DEFAULT_DEPRECATION });
    const deprecated = await call(fake, 'events-stats', [['dataset', 'errors']]);
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers[DEPRECATION_HEADER]).toBe('2026-12-01T00:00:00+00:00');
    expect(deprecated.headers[REPLACEMENT_HEADER]).toBe(`${ORG_PATH}/events-timeseries/`);
    const other = await call(fake, 'events-timeseries', [['dataset', 'errors']]);
    expect(other.headers[DEPRECATION_HEADER]).toBeUndefined();
  });

  test('brownouts answer 410 after the date only; self-hosted ignores deprecations', async () => {
    const mode = { ...DEFAULT_DEPRECATION, brownout: true };
    expect(
      (
        await call(
          fakeIn({ deprecation: mode }, () => date - HOUR),
          'events-stats',
          []
        )
      ).status
    ).toBe(200);
    const gone = await call(
      fakeIn({ deprecation: mode }, () => date + HOUR),
      'events-stats',
      []
    );
    expect(gone.status).toBe(410);
    expect(gone.json).toEqual({ message: 'This API no longer exists.' });
    expect(gone.headers[DEPRECATION_HEADER]).toBe('2026-12-01T00:00:00+00:00');
    const selfHosted = await call(
      fakeIn({ deprecation: mode, selfHosted: true }, () => date + HOUR),
      'events-stats',
      []
    );
    expect(selfHosted.status).toBe(200);
    expect(selfHosted.headers[DEPRECATION_HEADER]).toBeUndefined();
  });
});
