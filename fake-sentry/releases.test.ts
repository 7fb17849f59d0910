/** @jest-environment node */

import { DEMO_TOKEN, NO_MEMBERSHIP_TOKEN, ORG_TOKEN } from './handlers';
import { DAY, HOUR } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, parseLink, qs } from './test-helpers';

const fake = makeFake();
const { scenario } = fake;
type Entries = Array<[string, string | number]>;

async function releases(entries: Entries, token?: string) {
  return get(fake, `${ORG_PATH}/releases/?${qs(entries)}`, token);
}

describe('releases list', () => {
  test('newest dateCreated first, numeric ids, no date filter without a range', async () => {
    const { json, status } = await releases([['project', -1]]);
    expect(status).toBe(200);
    // Open releases only (one archived release is hidden).
    expect(json).toHaveLength(scenario.releases.filter((r) => r.status === 'open').length);
    const created = json.map((r: any) => Date.parse(r.dateCreated));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(typeof json[0].id).toBe('number');
    expect(typeof json[0].projects[0].id).toBe('number');
    // Releases older than 14 days are listed too.
    expect(json.some((r: any) => r.version === 'checkout-api@2.2.4')).toBe(true);
  });

  test('the bad release: versionInfo, deploys, lastDeploy, newGroups, first/last event', async () => {
    const [release] = (
      await releases([
        ['project', 4501234],
        ['query', 'checkout-api@2.4.1'],
      ])
    ).json;
    expect(release.version).toBe('checkout-api@2.4.1');
    expect(release.shortVersion).toBe(release.version);
    expect(release.versionInfo).toEqual({
      package: 'checkout-api',
      version: { raw: '2.4.1', major: 2, minor: 4, patch: 1, pre: null, buildCode: null, components: 3 },
      description: '2.4.1',
      buildHash: null,
    });
    expect(Date.parse(release.dateCreated)).toBe(FIXED_NOW - 7 * HOUR);
    expect(Date.parse(release.dateReleased)).toBe(FIXED_NOW - 6 * HOUR);
    expect(release.deployCount).toBe(2);
    expect(release.lastDeploy).toMatchObject({
      environment: 'production',
      dateFinished: new Date(FIXED_NOW - 6 * HOUR).toISOString().replace('.000Z', 'Z'),
    });
    expect(release.newGroups).toBeGreaterThanOrEqual(1);
    expect(Date.parse(release.firstEvent)).toBeGreaterThanOrEqual(FIXED_NOW - 7 * HOUR);
  });

  test('an unreleased release has null dateReleased and lastDeploy', async () => {
    const [rc] = (
      await releases([
        ['project', 4501235],
        ['query', 'rc.1'],
      ])
    ).json;
    expect(rc).toMatchObject({
      version: 'web-frontend@5.13.0-rc.1',
      dateReleased: null,
      lastDeploy: null,
      deployCount: 0,
    });
    expect(rc.versionInfo.version.pre).toBe('rc.1');
  });

  test('date range filters on dateCreated (inclusive)', async () => {
    const start = new Date(FIXED_NOW - 3 * DAY).toISOString();
    const end = new Date(FIXED_NOW).toISOString();
    const { json } = await releases([
      ['project', -1],
      ['start', start],
      ['end', end],
    ]);
    const expected = scenario.releases.filter(
      (r) => r.status === 'open' && r.dateCreated >= FIXED_NOW - 3 * DAY && r.dateCreated <= FIXED_NOW
    );
    expect(json.map((r: any) => r.version).sort()).toEqual(expected.map((r) => r.version).sort());
    // checkout-api@2.4.0 was created 3 days minus 2 hours ago: included; 2.3.2 (8 days) is not.
    expect(json.map((r: any) => r.version)).toContain('checkout-api@2.4.0');
    expect(json.map((r: any) => r.version)).not.toContain('checkout-api@2.3.2');
  });

  test('sort, status, query grammar and their errors', async () => {
    expect((await releases([['sort', 'size']])).json).toEqual({ detail: 'invalid sort' });
    expect((await releases([['sort', 'crash_free_sessions']])).json).toEqual({
      detail: 'sorting by crash statistics requires flattening (flatten=1)',
    });
    expect((await releases([['status', 'deleted']])).json).toEqual({ detail: 'invalid value for status' });
    expect((await releases([['summaryStatsPeriod', '5d']])).status).toBe(400);
    const archived = (
      await releases([
        ['project', -1],
        ['status', 'archived'],
      ])
    ).json;
    expect(archived.map((r: any) => r.version)).toEqual(['payments-worker@1.7.9']);
    const semver = (
      await releases([
        ['project', 4501234],
        ['query', 'release.version:>2.3.1'],
      ])
    ).json.map((r: any) => r.version);
    expect(semver.sort()).toEqual(['checkout-api@2.3.2', 'checkout-api@2.4.0', 'checkout-api@2.4.1']);
    expect((await releases([['query', 'release.version:>banana']])).json).toEqual({
      detail: 'Invalid format of semantic version. For searching non-semver releases, use "release:" instead.',
    });
    const build = (
      await releases([
        ['project', 4501237],
        ['sort', 'build'],
      ])
    ).json.map((r: any) => r.versionInfo.version.buildCode);
    expect(build).toEqual(['412', '405', '398', '390']);
    const bySemver = (
      await releases([
        ['project', 4501234],
        ['sort', 'semver'],
      ])
    ).json.map((r: any) => r.version);
    expect(bySemver[0]).toBe('checkout-api@2.4.1');
    const latest = (
      await releases([
        ['project', -1],
        ['query', 'release:latest'],
      ])
    ).json.map((r: any) => r.version);
    expect(latest).toHaveLength(4);
    expect(
      (
        await releases([
          ['project', 4501237],
          ['query', 'mobile-app@3.2.0 (405)'],
        ])
      ).json.map((r: any) => r.version)
    ).toEqual(['mobile-app@3.2.0+405']);
  });

  test('environment filter (unknown → 404) and member projects by default', async () => {
    const production = (
      await releases([
        ['project', 4501235],
        ['environment', 'production'],
      ])
    ).json.map((r: any) => r.version);
    expect(production).not.toContain('web-frontend@5.13.0-rc.1');
    expect((await releases([['environment', 'qa']])).status).toBe(404);
    const mine = (await releases([])).json;
    expect(mine.some((r: any) => r.version.startsWith('mobile-app@'))).toBe(false);
    expect((await releases([], NO_MEMBERSHIP_TOKEN)).json).toEqual([]);
  });

  test('per_page paging walks all releases', async () => {
    const seen: string[] = [];
    let url = `${ORG_PATH}/releases/?project=-1&per_page=5`;
    for (let i = 0; i < 10; i++) {
      const response = await get(fake, url);
      seen.push(...response.json.map((r: any) => r.version));
      const next = parseLink(response.headers.Link).next;
      if (!next.results) {
        break;
      }
      url = `${ORG_PATH}/releases/?project=-1&per_page=5&cursor=${next.cursor}`;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(scenario.releases.filter((r) => r.status === 'open').length);
  });

  test('health=1 adds healthData', async () => {
    const [release] = (
      await releases([
        ['project', 4501234],
        ['health', 1],
        ['per_page', 1],
      ])
    ).json;
    expect(release.projects[0].healthData).toMatchObject({ hasHealthData: true, sessionsCrashed: expect.any(Number) });
    expect(release.projects[0].healthData.crashFreeSessions).toBeLessThan(100);
  });
});

describe('release deploys', () => {
  test('percent-encoded versions, all six keys, newest first', async () => {
    const response = await get(
      fake,
      `${ORG_PATH}/releases/${encodeURIComponent('mobile-app@3.2.0+405')}/deploys/?project=-1`
    );
    expect(response.status).toBe(200);
    expect(response.json.map((d: any) => d.environment)).toEqual(['production', 'staging']);
    for (const deploy of response.json) {
      expect(Object.keys(deploy).sort()).toEqual(['dateFinished', 'dateStarted', 'environment', 'id', 'name', 'url']);
    }
  });

  test('only the latest deploy per environment (2.3.2 went to production twice)', async () => {
    const release = scenario.releases.find((r) => r.version === 'checkout-api@2.3.2')!;
    expect(release.deploys.filter((d) => d.environment === 'production')).toHaveLength(2);
    const { json } = await get(fake, `${ORG_PATH}/releases/checkout-api%402.3.2/deploys/`);
    expect(json).toHaveLength(2);
    const latestProduction = Math.max(
      ...release.deploys.filter((d) => d.environment === 'production').map((d) => d.dateFinished)
    );
    expect(Date.parse(json[0].dateFinished)).toBe(latestProduction);
    const withReleases = (
      await releases([
        ['project', 4501234],
        ['query', 'checkout-api@2.3.2'],
      ])
    ).json[0];
    expect(withReleases.deployCount).toBe(3);
  });

  test('deploys without start, name or url keep the keys as null', async () => {
    const { json } = await get(fake, `${ORG_PATH}/releases/payments-worker%401.8.0/deploys/`);
    const staging = json.find((d: any) => d.environment === 'staging');
    expect(staging).toMatchObject({ dateStarted: null, name: null, url: null });
  });

  test('unknown version → 404; release of a non-member project → 404 unless project=-1', async () => {
    expect((await get(fake, `${ORG_PATH}/releases/nope%401.0.0/deploys/`)).json).toEqual({
      detail: 'The requested resource does not exist',
    });
    expect((await get(fake, `${ORG_PATH}/releases/mobile-app%403.2.1%2B412/deploys/`)).status).toBe(404);
    expect((await get(fake, `${ORG_PATH}/releases/mobile-app%403.2.1%2B412/deploys/?project=-1`)).status).toBe(200);
  });

  test('POST creates a deploy (org:ci), refused for read-only tokens', async () => {
    const created = await fake.handle({
      method: 'POST',
      url: `${ORG_PATH}/releases/checkout-api%402.4.1/deploys/`,
      headers: { authorization: `Bearer ${ORG_TOKEN}` },
      body: JSON.stringify({
        environment: 'staging',
        name: 'hotfix check',
        dateFinished: new Date(FIXED_NOW - 60_000).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const { json } = await get(fake, `${ORG_PATH}/releases/checkout-api%402.4.1/deploys/`);
    expect(json.find((d: any) => d.environment === 'staging').name).toBe('hotfix check');
    const readOnly = await fake.handle({
      method: 'POST',
      url: `${ORG_PATH}/releases/checkout-api%402.4.1/deploys/`,
      headers: { authorization: `Bearer ${DEMO_TOKEN}` },
      body: JSON.stringify({ environment: 'staging' }),
    });
    expect(readOnly.status).toBe(403);
  });
});
