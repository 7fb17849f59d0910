/** @jest-environment node */

import { HOUR } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, parseLink, qs } from './test-helpers';

const fake = makeFake();
const { scenario } = fake;

async function issues(entries: Array<[string, string | number]>) {
  return get(fake, `${ORG_PATH}/issues/?${qs(entries)}`);
}

describe('issues list', () => {
  test('walking every page with the cursor yields the full set once (limit=100 → 3+ pages)', async () => {
    const base: Array<[string, string | number]> = [
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', ''],
      ['limit', 100],
    ];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const response = await issues(cursor ? [...base, ['cursor', cursor]] : base);
      expect(response.status).toBe(200);
      pages++;
      seen.push(...response.json.map((i: any) => i.id));
      const link = parseLink(response.headers.Link);
      expect(link.previous.results).toBe(pages > 1);
      expect(link.next.url).toBe(
        `https://fake-sentry.test${ORG_PATH}/issues/?statsPeriod=14d&project=-1&query=&limit=100&cursor=${link.next.cursor}`
      );
      expect(Number(response.headers['X-Hits'])).toBe(scenario.issues.length);
      if (!link.next.results) {
        break;
      }
      cursor = link.next.cursor;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(scenario.issues.map((i) => i.id)));
  });

  test('query absent = is:unresolved; query= (empty) = every status', async () => {
    const unresolved = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
    ]);
    const all = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', ''],
    ]);
    expect(unresolved.json.every((i: any) => i.status === 'unresolved')).toBe(true);
    expect(Number(unresolved.headers['X-Hits'])).toBe(scenario.issues.filter((i) => i.status === 'unresolved').length);
    expect(Number(all.headers['X-Hits'])).toBeGreaterThan(Number(unresolved.headers['X-Hits']));
    const resolved = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', 'is:resolved'],
    ]);
    expect(resolved.json.length).toBeGreaterThan(0);
    expect(resolved.json.every((i: any) => i.status === 'resolved' && i.substatus === null)).toBe(true);
  });

  test('count is a string, userCount a number, both scoped to the window; lifetime covers everything', async () => {
    const [burst] = (
      await issues([
        ['statsPeriod', '1h'],
        ['project', 4501234],
        ['query', `issue:${scenario.burst.shortId}`],
      ])
    ).json;
    const burstIssue = scenario.issues.find((i) => i.id === scenario.burst.issueId)!;
    const lastHour = burstIssue.events.filter((e) => e.ts >= FIXED_NOW - HOUR && e.ts < FIXED_NOW).length;
    expect(burst.count).toBe(String(lastHour));
    expect(typeof burst.userCount).toBe('number');
    expect(burst.userCount).toBeGreaterThan(0);
    expect(burst.userCount).toBeLessThanOrEqual(lastHour);
    expect(burst.lifetime.count).toBe(String(burstIssue.events.length));
    expect(burst.permalink).toBe(`https://fake-sentry.test/organizations/acme/issues/${burstIssue.id}/`);
    expect(burst.project).toEqual({ id: '4501234', name: 'checkout-api', slug: 'checkout-api', platform: 'node' });
  });

  test('sorts: freq puts the burst first in the last 6 h; new orders by firstSeen; date by last event', async () => {
    const freq = await issues([
      ['statsPeriod', '6h'],
      ['sort', 'freq'],
      ['limit', 5],
    ]);
    expect(freq.json[0].id).toBe(scenario.burst.issueId);
    const counts = freq.json.map((i: any) => Number(i.count));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const newest = await issues([
      ['statsPeriod', '14d'],
      ['sort', 'new'],
      ['limit', 20],
    ]);
    const firstSeen = newest.json.map((i: any) => Date.parse(i.firstSeen));
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => b - a));
    const byUser = await issues([
      ['statsPeriod', '14d'],
      ['sort', 'user'],
      ['limit', 20],
    ]);
    const users = byUser.json.map((i: any) => i.userCount);
    expect(users).toEqual([...users].sort((a, b) => b - a));
    const byPriority = await issues([
      ['statsPeriod', '14d'],
      ['sort', 'priority'],
      ['limit', 100],
    ]);
    const ranks = byPriority.json.map((i: any) => ({ high: 3, medium: 2, low: 1 })[i.priority as string] ?? 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect((await issues([['sort', 'random']])).status).toBe(400);
  });

  test('search: level, release, free text, negation, environment param', async () => {
    const fatal = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', 'level:fatal'],
    ]);
    expect(fatal.json.length).toBeGreaterThan(0);
    expect(fatal.json.every((i: any) => i.level === 'fatal')).toBe(true);
    const release = await issues([
      ['statsPeriod', '14d'],
      ['query', 'release:checkout-api@2.4.1'],
    ]);
    expect(release.json.map((i: any) => i.id)).toContain(scenario.burst.issueId);
    expect(release.json.every((i: any) => i.project.slug === 'checkout-api')).toBe(true);
    const text = await issues([
      ['statsPeriod', '14d'],
      ['query', "reading 'total'"],
    ]);
    expect(text.json.some((i: any) => i.id === scenario.burst.issueId)).toBe(true);
    expect(
      text.json.every((i: any) => i.title.includes("reading 'total'") || i.culprit.includes("reading 'total'"))
    ).toBe(true);
    const notError = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', 'is:unresolved !level:error'],
    ]);
    expect(notError.json.every((i: any) => i.level !== 'error')).toBe(true);
    const staging = await issues([
      ['statsPeriod', '14d'],
      ['environment', 'staging'],
      ['query', ''],
    ]);
    const production = await issues([
      ['statsPeriod', '14d'],
      ['environment', 'production'],
      ['query', ''],
    ]);
    expect(Number(staging.headers['X-Hits'])).toBeLessThan(Number(production.headers['X-Hits']));
    const times = await issues([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['query', 'times_seen:>100'],
    ]);
    expect(times.json.every((i: any) => Number(i.count) > 100)).toBe(true);
  });

  test('search errors use Sentry messages', async () => {
    const parse = await issues([['query', 'is:unresolved (level:error']]);
    expect(parse.status).toBe(400);
    expect(parse.json.detail).toMatch(
      /^Error parsing search query: Parse error at '.+' \(column \d+\)\. This is commonly caused by unmatched parentheses\. Enclose any text in double quotes\.$/
    );
    expect((await issues([['groupStatsPeriod', '7d']])).json).toEqual({
      detail: "Invalid stats_period. Valid choices are '', '24h', and '14d'",
    });
    expect((await issues([['limit', 'ten']])).json).toEqual({ detail: 'invalid limit' });
    expect((await issues([['cursor', 'abc']])).json).toEqual({ detail: 'Invalid cursor parameter.' });
  });

  test('groupStatsPeriod: 24 hourly buckets, 14 daily, none with ""', async () => {
    const day = (
      await issues([
        ['statsPeriod', '24h'],
        ['limit', 1],
      ])
    ).json[0];
    expect(Object.keys(day.stats)).toEqual(['24h']);
    expect(day.stats['24h']).toHaveLength(24);
    expect(day.stats['24h'][23][0]).toBe(Math.floor(FIXED_NOW / HOUR) * 3600);
    const twoWeeks = (
      await issues([
        ['statsPeriod', '14d'],
        ['groupStatsPeriod', '14d'],
        ['limit', 1],
      ])
    ).json[0];
    expect(twoWeeks.stats['14d']).toHaveLength(14);
    const none = (
      await issues([
        ['statsPeriod', '24h'],
        ['groupStatsPeriod', ''],
        ['limit', 1],
      ])
    ).json[0];
    expect(none.stats).toBeUndefined();
    const collapsed = (
      await issues([
        ['statsPeriod', '24h'],
        ['collapse', 'stats'],
        ['collapse', 'lifetime'],
        ['limit', 1],
      ])
    ).json[0];
    expect(collapsed.stats).toBeUndefined();
    expect(collapsed.lifetime).toBeUndefined();
  });

  test('short id lookup and event ids answer a direct hit', async () => {
    const byShortId = await issues([
      ['query', scenario.burst.shortId.toLowerCase()],
      ['shortIdLookup', '1'],
    ]);
    expect(byShortId.headers['X-Sentry-Direct-Hit']).toBe('1');
    expect(byShortId.json.map((i: any) => i.id)).toEqual([scenario.burst.issueId]);
    const event = scenario.errors[scenario.errors.length - 1];
    const byEvent = await issues([
      ['query', event.eventId],
      ['project', -1],
    ]);
    expect(byEvent.json.map((i: any) => i.id)).toEqual([event.issue.id]);
  });

  test('limit above 100 is capped at 100 (the paginator max)', async () => {
    const response = await issues([
      ['statsPeriod', '14d'],
      ['query', ''],
      ['limit', 10000],
      ['project', -1],
    ]);
    expect(response.json).toHaveLength(100);
  });
});

describe('issue events', () => {
  test('newest first, paginated, filtered by environment; unknown issue → 404', async () => {
    const id = scenario.burst.issueId;
    const first = await get(fake, `${ORG_PATH}/issues/${id}/events/?per_page=50&environment=production`);
    expect(first.status).toBe(200);
    expect(first.json).toHaveLength(50);
    const dates = first.json.map((e: any) => Date.parse(e.dateCreated));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(
      first.json.every(
        (e: any) => e.groupID === id && e.tags.some((t: any) => t.key === 'environment' && t.value === 'production')
      )
    ).toBe(true);
    const next = parseLink(first.headers.Link).next;
    expect(next.results).toBe(true);
    const second = await get(
      fake,
      `${ORG_PATH}/issues/${id}/events/?per_page=50&environment=production&cursor=${next.cursor}`
    );
    expect(second.json[0].id).not.toBe(first.json[0].id);
    expect((await get(fake, `${ORG_PATH}/issues/123/events/`)).status).toBe(404);
    expect((await get(fake, `${ORG_PATH}/issues/${id}/events/?per_page=101`)).json).toEqual({
      detail: 'Invalid per_page value. Cannot exceed 100.',
    });
  });
});
