/** @jest-environment node */
// The connection check against the Sentry fake over real HTTP: one specific message per failure.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_TOKEN,
  EXPIRED_TOKEN,
  NO_EVENT_READ_TOKEN,
  ORG_TOKEN,
  SSO_REQUIRED_TOKEN,
} from '../../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from './client';
import { checkConnection } from './health';
import { createNodeTransport } from './nodeTransport';

let sentry: RunningFakeSentry;
let otherRegion: RunningFakeSentry;

beforeAll(async () => {
  [sentry, otherRegion] = await Promise.all([startFakeSentry(), startFakeSentry()]);
});

afterAll(async () => {
  await Promise.all([sentry.close(), otherRegion.close()]);
});

afterEach(() => {
  sentry.fake.setMode({ region: null, selfHosted: false });
});

function check(url: string, token: string | undefined, org = 'acme') {
  const client = new SentryClient({
    transport: createNodeTransport({ baseUrl: url, authToken: token }),
    orgSlug: org,
    scheduler: { maxRetries: 1, backoffBaseMs: 1 },
  });
  return checkConnection(client, url);
}

describe('checkConnection against the fake', () => {
  it('succeeds with the demo token and names the org and the number of projects', async () => {
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: true, code: 'ok', details: { projects: 4 } });
    expect(result.message).toBe(`Connected to Acme Corp (acme) at ${sentry.url}: 4 projects visible.`);
  });

  it('accepts the org by numeric id too', async () => {
    const result = await check(sentry.url, DEMO_TOKEN, '1001');
    expect(result.ok).toBe(true);
  });

  it('says the token was rejected (401)', async () => {
    const result = await check(sentry.url, 'sntryu_not_a_real_token');
    expect(result).toMatchObject({ ok: false, code: 'auth' });
    expect(result.message).toContain('Sentry rejected the auth token (Invalid token)');
  });

  it('says an expired token is expired', async () => {
    const result = await check(sentry.url, EXPIRED_TOKEN);
    expect(result.message).toContain('Token expired');
  });

  it('reads an SSO detail object as text', async () => {
    const result = await check(sentry.url, SSO_REQUIRED_TOKEN);
    expect(result.code).toBe('auth');
    expect(result.message).toMatch(/SSO/);
    expect(result.message).not.toContain('[object Object]');
  });

  it('names the missing scope of an org token that only carries org:ci (403)', async () => {
    const result = await check(sentry.url, ORG_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'missing-scope' });
    expect(result.message).toContain('lacks the scope org:read (it has: org:ci)');
    expect(result.message).toContain('Organization tokens (sntrys_…) only carry org:ci');
  });

  it('names a scope missing from a token that can read the org', async () => {
    const result = await check(sentry.url, NO_EVENT_READ_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'missing-scope', details: { missingScopes: ['event:read'] } });
    expect(result.message).toContain('lacks the scope event:read');
  });

  it('says the org slug is wrong (404)', async () => {
    const result = await check(sentry.url, DEMO_TOKEN, 'acme-typo');
    expect(result).toMatchObject({ ok: false, code: 'org-not-found' });
    expect(result.message).toContain('Organization "acme-typo" was not found');
  });

  it('says a URL with a path answers HTML, not the API', async () => {
    const result = await check(`${sentry.url}/organizations/acme`, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'not-sentry' });
    expect(result.message).toContain('HTML page');
  });

  it('says a self-hosted login page is not the API', async () => {
    sentry.fake.setMode({ selfHosted: true });
    const result = await check(`${sentry.url}/sentry`, DEMO_TOKEN);
    expect(result.code).toBe('not-sentry');
  });

  it('says nothing answers at a dead URL', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await check(url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(result.message).toContain(`No answer from ${url}`);
  });

  it('says which URL to use when the org lives in another region', async () => {
    sentry.fake.setMode({ region: { regionUrl: otherRegion.url, serveData: false } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'wrong-region' });
    expect(result.message).toContain(`set the Sentry URL to ${otherRegion.url}`);
    // And the region's own host passes.
    expect((await check(otherRegion.url, DEMO_TOKEN)).ok).toBe(true);
  });

  it('compares the region by origin and path: the same host under another path is another Sentry', async () => {
    sentry.fake.setMode({ region: { regionUrl: `${sentry.url}/eu/` } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'wrong-region' });
    expect(result.message).toContain(`set the Sentry URL to ${sentry.url}/eu/`);
  });

  it('takes the org’s own customer domain (links.organizationUrl) as the right place', async () => {
    sentry.fake.setMode({ region: { regionUrl: otherRegion.url, organizationUrl: `${sentry.url}/` } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: true, code: 'ok' });
    expect(result.message).toContain(`Its data lives in ${otherRegion.url}`);
  });
});
