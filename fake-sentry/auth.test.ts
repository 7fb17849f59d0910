/** @jest-environment node */

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { TOKENS } from './auth';
import {
  EXPIRED_TOKEN,
  INTEGRATION_TOKEN,
  NO_EVENT_READ_TOKEN,
  NO_PROJECT_READ_TOKEN,
  ORG_TOKEN,
  SSO_REQUIRED_TOKEN,
} from './handlers';
import { get, makeFake, ORG_PATH } from './test-helpers';

const fake = makeFake();
const PERMISSION = { detail: 'You do not have permission to perform this action.' };

describe('authentication', () => {
  test('no Authorization header → 401 with xBasic challenge', async () => {
    const response = await get(fake, `${ORG_PATH}/projects/`, null);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect(response.headers['WWW-Authenticate']).toBe('xBasic realm="api"');
  });

  test.each([
    ['unknown token', 'sntryu_nope', 'Invalid token'],
    ['unknown org token', 'sntrys_bogus_payload', 'Invalid org token'],
    ['expired token', EXPIRED_TOKEN, 'Token expired'],
  ])('%s → 401 %s', async (_name, token, detail) => {
    const response = await get(fake, `${ORG_PATH}/`, token);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ detail });
    expect(response.headers['WWW-Authenticate']).toBe('xBasic realm="api"');
  });

  test('malformed Bearer headers get DRF messages', async () => {
    const empty = await fake.handle({ method: 'GET', url: `${ORG_PATH}/`, headers: { Authorization: 'Bearer' } });
    expect(empty.status).toBe(401);
    expect(JSON.parse(empty.body)).toEqual({ detail: 'Invalid token header. No credentials provided.' });
    const spaced = await fake.handle({ method: 'GET', url: `${ORG_PATH}/`, headers: { Authorization: 'Bearer a b' } });
    expect(JSON.parse(spaced.body)).toEqual({
      detail: 'Invalid token header. Token string should not contain spaces.',
    });
  });

  test('SSO-enforcing org answers a structured detail object', async () => {
    const response = await get(fake, `${ORG_PATH}/`, SSO_REQUIRED_TOKEN);
    expect(response.status).toBe(401);
    expect(response.json.detail).toEqual({
      code: 'sso-required',
      message: 'Must login via SSO',
      extra: { loginUrl: expect.stringContaining('/auth/login/acme/') },
    });
  });

  test('GET /api/0/ reports scopes, or auth null without credentials (200 either way)', async () => {
    const anonymous = await get(fake, '/api/0/', null);
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toEqual({ version: '0', auth: null, user: null });
    const demo = await get(fake, '/api/0/');
    expect(demo.json.auth.scopes).toEqual(['org:read', 'project:read', 'event:read', 'team:read', 'member:read']);
    expect(demo.json.user.email).toBe('demo@acme.example');
    const org = await get(fake, '/api/0/', ORG_TOKEN);
    expect(org.json).toEqual({ version: '0', auth: { scopes: ['org:ci'] }, user: null });
    expect((await get(fake, '/api/0/', 'sntryu_wrong')).status).toBe(401);
  });
});

describe('scopes per endpoint', () => {
  const dataEndpoints = [
    `${ORG_PATH}/`,
    `${ORG_PATH}/projects/`,
    `${ORG_PATH}/issues/?statsPeriod=24h`,
    `${ORG_PATH}/events/?field=count()&statsPeriod=24h`,
    `${ORG_PATH}/events-stats/?statsPeriod=24h`,
    `${ORG_PATH}/sessions/?field=sum(session)&statsPeriod=24h`,
    `${ORG_PATH}/tags/`,
    '/api/0/projects/acme/checkout-api/environments/',
  ];

  test.each(dataEndpoints)('org token (org:ci only) → 403 on %s', async (url) => {
    const response = await get(fake, url, ORG_TOKEN);
    expect(response.status).toBe(403);
    expect(response.json).toEqual(PERMISSION);
  });

  test('org token may read releases and deploys', async () => {
    const releases = await get(fake, `${ORG_PATH}/releases/`, ORG_TOKEN);
    expect(releases.status).toBe(200);
    expect(releases.json.length).toBeGreaterThan(0);
    const deploys = await get(fake, `${ORG_PATH}/releases/checkout-api%402.4.1/deploys/`, ORG_TOKEN);
    expect(deploys.status).toBe(200);
  });

  test('a token without event:read cannot list issues but can query events', async () => {
    expect((await get(fake, `${ORG_PATH}/issues/`, NO_EVENT_READ_TOKEN)).status).toBe(403);
    expect((await get(fake, `${ORG_PATH}/events/?field=count()&statsPeriod=1h`, NO_EVENT_READ_TOKEN)).status).toBe(200);
  });

  test('a token without project:read is refused on releases, deploys, team projects, tag values', async () => {
    for (const url of [
      `${ORG_PATH}/releases/`,
      `${ORG_PATH}/releases/checkout-api%402.4.1/deploys/`,
      '/api/0/teams/acme/payments/projects/',
      '/api/0/projects/acme/checkout-api/tags/release/values/',
    ]) {
      expect((await get(fake, url, NO_PROJECT_READ_TOKEN)).status).toBe(403);
    }
    expect((await get(fake, `${ORG_PATH}/issues/?statsPeriod=1h`, NO_PROJECT_READ_TOKEN)).status).toBe(200);
  });

  test('an internal-integration token sees every project by default', async () => {
    const demo = await get(fake, `${ORG_PATH}/issues/?statsPeriod=14d&query=&limit=100`);
    const integration = await get(fake, `${ORG_PATH}/issues/?statsPeriod=14d&query=&limit=100`, INTEGRATION_TOKEN);
    expect(Number(integration.headers['X-Hits'])).toBeGreaterThan(Number(demo.headers['X-Hits']));
    expect(integration.json.some((i: any) => i.project.slug === 'mobile-app')).toBe(true);
    expect(demo.json.some((i: any) => i.project.slug === 'mobile-app')).toBe(false);
  });
});

describe('organization lookup and parameters', () => {
  test('org by slug or numeric id; unknown org → 404 JSON', async () => {
    expect((await get(fake, '/api/0/organizations/1001/?detailed=0')).json.slug).toBe('acme');
    const missing = await get(fake, '/api/0/organizations/nope/issues/');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ detail: 'The requested resource does not exist' });
  });

  test('project ids: -1 = all, non-numeric → 400, unknown id → 403', async () => {
    expect((await get(fake, `${ORG_PATH}/issues/?project=-1&statsPeriod=24h`)).status).toBe(200);
    const slug = await get(fake, `${ORG_PATH}/issues/?project=checkout-api`);
    expect(slug.status).toBe(400);
    expect(slug.json).toEqual({ detail: 'Invalid project parameter. Values must be numbers.' });
    const unknown = await get(fake, `${ORG_PATH}/events/?field=count()&project=999`);
    expect(unknown.status).toBe(403);
    expect(unknown.json).toEqual(PERMISSION);
  });

  test('unknown environment → 404 (even mixed with a known one)', async () => {
    const response = await get(fake, `${ORG_PATH}/events/?field=count()&environment=production&environment=prod`);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ detail: 'The requested resource does not exist' });
  });

  test('time parameters: statsPeriod beats start/end; a lone start → 400; naive ISO = UTC; epoch seconds', async () => {
    const url = (q: string) => `${ORG_PATH}/events/?field=count()&dataset=errors&project=-1&${q}`;
    const period = await get(fake, url('statsPeriod=1h'));
    const both = await get(fake, url('statsPeriod=1h&start=2020-01-01T00:00:00&end=2020-01-02T00:00:00'));
    expect(both.json.data).toEqual(period.json.data);
    expect(period.json.data[0]['count()']).toBeGreaterThan(0);
    const lone = await get(fake, url('start=2026-05-20T00:00:00'));
    expect(lone.status).toBe(400);
    expect(lone.json).toEqual({ detail: 'Invalid date range: start and end are both required' });
    const naive = await get(fake, url('start=2026-05-20T12:00:00&end=2026-05-20T13:00:00'));
    const zoned = await get(fake, url('start=2026-05-20T14:00:00%2B02:00&end=2026-05-20T13:00:00Z'));
    const epoch = await get(
      fake,
      url(`start=${Date.UTC(2026, 4, 20, 12) / 1000}&end=${Date.UTC(2026, 4, 20, 13) / 1000}`)
    );
    expect(zoned.json.data).toEqual(naive.json.data);
    expect(epoch.json.data).toEqual(naive.json.data);
    const invalid = await get(fake, url('statsPeriod=1y'));
    expect(invalid.json).toEqual({ detail: "Invalid date range: Invalid statsPeriod: '1y'" });
  });
});

describe('the fake’s tokens stay local', () => {
  const known = [...Object.keys(TOKENS), EXPIRED_TOKEN, SSO_REQUIRED_TOKEN];

  it('org tokens name only loopback URLs in their payload', () => {
    const orgTokens = known.filter((token) => token.startsWith('sntrys_'));
    expect(orgTokens.length).toBeGreaterThan(0);
    for (const token of orgTokens) {
      const payload = JSON.parse(Buffer.from(token.split('_')[1], 'base64').toString('utf8'));
      for (const url of [payload.url, payload.region_url]) {
        expect(new URL(url).hostname).toBe('127.0.0.1');
      }
    }
  });

  it('no token appears in the code the plugin ships (src/ outside tests and test helpers)', () => {
    const shipped: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'testing') {
            walk(full);
          }
        } else if (/\.(tsx?|json)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          shipped.push(full);
        }
      }
    };
    walk(path.resolve(__dirname, '../src'));
    expect(shipped.length).toBeGreaterThan(50);
    const leaks = shipped.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return known.filter((token) => text.includes(token)).map((token) => `${file}: ${token.slice(0, 16)}…`);
    });
    expect(leaks).toEqual([]);
  });
});
