/** @jest-environment node */

import { NO_MEMBERSHIP_TOKEN } from './handlers';
import { HOUR } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs } from './test-helpers';

const fake = makeFake();
const { scenario } = fake;
type Entries = Array<[string, string | number]>;

async function sessions(entries: Entries, token?: string) {
  const withProject: Entries = entries.some(([key]) => key === 'project') ? entries : [['project', -1], ...entries];
  return get(fake, `${ORG_PATH}/sessions/?${qs(withProject)}`, token);
}

async function statsV2(entries: Entries) {
  return get(fake, `${ORG_PATH}/stats_v2/?${qs(entries)}`);
}

describe('sessions', () => {
  test('response shape: aligned range, intervals, groups with integer project ids', async () => {
    const { json } = await sessions([
      ['statsPeriod', '6h'],
      ['field', 'sum(session)'],
      ['field', 'crash_free_rate(session)'],
      ['groupBy', 'project'],
    ]);
    expect(json.start).toBe(
      new Date(Math.floor((FIXED_NOW - 6 * HOUR) / HOUR) * HOUR).toISOString().replace('.000Z', 'Z')
    );
    expect(json.end).toBe(new Date(Math.ceil(FIXED_NOW / HOUR) * HOUR).toISOString().replace('.000Z', 'Z'));
    expect(json.intervals).toHaveLength(7);
    expect(json.query).toBe('');
    expect(json.groups.map((g: any) => g.by.project).sort()).toEqual([4501234, 4501235, 4501236, 4501237]);
    for (const group of json.groups) {
      expect(group.series['sum(session)']).toHaveLength(7);
      expect(group.series['sum(session)'].reduce((a: number, b: number) => a + b, 0)).toBe(
        group.totals['sum(session)']
      );
      expect(group.totals['crash_free_rate(session)']).toBeGreaterThan(0.9);
      expect(group.totals['crash_free_rate(session)']).toBeLessThanOrEqual(1);
    }
  });

  test('the bad release has a visibly lower crash-free rate during the burst', async () => {
    const { json } = await sessions([
      ['start', new Date(scenario.burst.start).toISOString()],
      ['end', new Date(scenario.burst.peakEnd).toISOString()],
      ['field', 'crash_free_rate(session)'],
      ['field', 'crash_free_rate(user)'],
      ['groupBy', 'release'],
      ['project', 4501234],
      ['environment', 'production'],
    ]);
    const bad = json.groups.find((g: any) => g.by.release === 'checkout-api@2.4.1');
    expect(bad.totals['crash_free_rate(session)']).toBeLessThan(0.97);
    const quiet = (
      await sessions([
        ['statsPeriod', '14d'],
        ['field', 'crash_free_rate(session)'],
        ['groupBy', 'release'],
        ['project', 4501234],
        ['query', 'release:checkout-api@2.3.1'],
      ])
    ).json.groups[0];
    expect(quiet.totals['crash_free_rate(session)']).toBeGreaterThan(0.995);
  });

  test('session.status groups partition sum(session); distinct users stay below the row sum', async () => {
    const range: Entries = [
      ['statsPeriod', '24h'],
      ['project', 4501235],
    ];
    const total = (await sessions([...range, ['field', 'sum(session)']])).json.groups[0].totals['sum(session)'];
    const byStatus = (
      await sessions([
        ...range,
        ['field', 'sum(session)'],
        ['field', 'count_unique(user)'],
        ['groupBy', 'session.status'],
      ])
    ).json.groups;
    expect(byStatus.map((g: any) => g.by['session.status']).sort()).toEqual([
      'abnormal',
      'crashed',
      'errored',
      'healthy',
    ]);
    expect(byStatus.reduce((sum: number, g: any) => sum + g.totals['sum(session)'], 0)).toBe(total);
    const users = (await sessions([...range, ['field', 'count_unique(user)']])).json.groups[0].totals[
      'count_unique(user)'
    ];
    const rowUsers = scenario.sessions
      .filter((r) => r.project.slug === 'web-frontend' && r.hour >= FIXED_NOW - 25 * HOUR)
      .reduce((s, r) => s + r.users, 0);
    // Hourly user ranges overlap, so distinct users are fewer than the sum (and within the pool).
    expect(users).toBeGreaterThan(rowUsers / 3);
    expect(users).toBeLessThan(rowUsers);
    expect(users).toBeLessThanOrEqual(scenario.userPool(scenario.projects[1]).size);
  });

  test('interval rules and messages', async () => {
    const base: Entries = [['field', 'sum(session)']];
    expect((await sessions([...base, ['statsPeriod', '4d'], ['interval', '2d']])).json).toEqual({
      detail: 'The interval has to be less than one day.',
    });
    expect((await sessions([...base, ['statsPeriod', '6h'], ['interval', '59m']])).json).toEqual({
      detail: 'The interval should divide one day without a remainder.',
    });
    expect((await sessions([...base, ['statsPeriod', '14d'], ['interval', '5m']])).json).toEqual({
      detail:
        'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    });
    expect((await sessions([...base, ['statsPeriod', '1h'], ['interval', '90s']])).json).toEqual({
      detail: 'The interval has to be a multiple of the minimum interval of one minute.',
    });
    const ok = await sessions([...base, ['statsPeriod', '6h'], ['interval', '90m']]);
    expect(ok.status).toBe(200);
    expect(ok.json.intervals.length).toBeLessThanOrEqual(1000);
    // Session-backed self-hosted servers only allow whole hours.
    fake.setMode({ selfHosted: true });
    try {
      expect((await sessions([...base, ['statsPeriod', '6h'], ['interval', '30m']])).json).toEqual({
        detail: 'The interval has to be a multiple of the minimum interval of one hour.',
      });
    } finally {
      fake.setMode({ selfHosted: undefined });
    }
  });

  test('field and groupBy validation; crash rates cannot be split by session.status', async () => {
    expect((await sessions([['statsPeriod', '1h']])).json).toEqual({ detail: 'Request is missing a "field"' });
    expect((await sessions([['field', 'sum(users)']])).json).toEqual({ detail: 'Invalid field: "sum(users)"' });
    expect(
      (
        await sessions([
          ['field', 'sum(session)'],
          ['groupBy', 'browser'],
        ])
      ).json
    ).toEqual({ detail: 'Invalid groupBy: "browser"' });
    expect(
      (
        await sessions([
          ['field', 'crash_free_rate(session)'],
          ['groupBy', 'session.status'],
        ])
      ).json
    ).toEqual({
      detail: 'Cannot group field crash_free_rate(session) by session.status',
    });
    expect(
      (
        await sessions([
          ['field', 'sum(session)'],
          ['query', 'release:checkout-api@*'],
        ])
      ).json
    ).toEqual({ detail: 'Invalid condition: wildcard search is not supported' });
    expect(
      (
        await sessions(
          [
            ['field', 'sum(session)'],
            ['statsPeriod', '24h'],
          ],
          NO_MEMBERSHIP_TOKEN
        )
      ).status
    ).toBe(200);
    // Without `project`, a user on no team has no projects.
    const none = await get(fake, `${ORG_PATH}/sessions/?field=sum(session)&statsPeriod=24h`, NO_MEMBERSHIP_TOKEN);
    expect(none.json).toEqual({ detail: 'No projects available' });
  });

  test('orderBy sorts groups', async () => {
    const { json } = await sessions([
      ['statsPeriod', '24h'],
      ['field', 'sum(session)'],
      ['groupBy', 'project'],
      ['orderBy', '-sum(session)'],
    ]);
    const totals = json.groups.map((g: any) => g.totals['sum(session)']);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
  });
});

describe('stats_v2', () => {
  test('category × outcome groups with integer series that add up to totals', async () => {
    const { json } = await statsV2([
      ['statsPeriod', '24h'],
      ['field', 'sum(quantity)'],
      ['groupBy', 'category'],
      ['groupBy', 'outcome'],
    ]);
    expect(json.intervals).toHaveLength(25);
    expect(json.query).toBeUndefined();
    const accepted = json.groups.find((g: any) => g.by.category === 'error' && g.by.outcome === 'accepted');
    const errors = scenario.errors.filter(
      (e) => e.ts >= Math.floor((FIXED_NOW - 24 * HOUR) / HOUR) * HOUR && e.ts <= FIXED_NOW
    ).length;
    expect(accepted.totals['sum(quantity)']).toBe(errors);
    for (const group of json.groups) {
      expect(group.series['sum(quantity)'].every((v: number) => Number.isInteger(v))).toBe(true);
    }
    expect(json.groups.some((g: any) => g.by.category === 'transaction' && g.by.outcome === 'client_discard')).toBe(
      true
    );
    expect(json.groups.some((g: any) => g.by.outcome === 'rate_limited')).toBe(true);
  });

  test('category is required unless grouped by; project grouping returns totals only', async () => {
    expect(
      (
        await statsV2([
          ['field', 'sum(quantity)'],
          ['groupBy', 'outcome'],
        ])
      ).json
    ).toEqual({ detail: 'Query must have category as groupby or filter' });
    const byProject = (
      await statsV2([
        ['statsPeriod', '24h'],
        ['field', 'sum(quantity)'],
        ['groupBy', 'project'],
        ['category', 'error'],
      ])
    ).json;
    expect(byProject.intervals).toBeUndefined();
    expect(byProject.groups.every((g: any) => g.series === undefined && Number.isInteger(g.by.project))).toBe(true);
    expect(
      (
        await statsV2([
          ['field', 'sum(bytes)'],
          ['category', 'error'],
        ])
      ).json
    ).toEqual({ detail: 'Invalid field: "sum(bytes)"' });
    expect(
      (
        await statsV2([
          ['field', 'sum(quantity)'],
          ['category', 'error'],
          ['interval', '7h'],
        ])
      ).json
    ).toEqual({ detail: 'The interval should divide one day without a remainder.' });
  });

  test('filters: outcome and project', async () => {
    const { json } = await statsV2([
      ['statsPeriod', '24h'],
      ['field', 'sum(times_seen)'],
      ['category', 'error'],
      ['outcome', 'filtered'],
      ['groupBy', 'reason'],
      ['project', 4501235],
    ]);
    expect(json.groups.map((g: any) => g.by.reason)).toEqual(['browser-extensions']);
  });
});
