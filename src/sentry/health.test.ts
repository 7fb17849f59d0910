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
import { SentryResponse, TransportError } from './transport';

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

  it('names every scope an org token that only carries org:ci lacks (403)', async () => {
    const result = await check(sentry.url, ORG_TOKEN);
    expect(result).toMatchObject({
      ok: false,
      code: 'missing-scope',
      details: { scopes: ['org:ci'], missingScopes: ['org:read', 'project:read', 'event:read'] },
    });
    expect(result.message).toBe(
      'The token lacks the scopes org:read, project:read, event:read (it has: org:ci). Create an internal integration ' +
        'token (Settings › Developer Settings › Custom Integrations) or a personal token with Read access to ' +
        'Organization, Project and Issue & Event (org:read, project:read, event:read). Organization tokens (sntrys_…) ' +
        'only carry org:ci and cannot read this data.'
    );
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
    // The reason is the transport's; cli/spawn.test.ts checks the whole message in a plain Node process.
    expect(result.message.startsWith(`Could not reach Sentry at ${url}: `)).toBe(true);
    expect(result.message).toMatch(/[^.]\. Check the Sentry URL and that Grafana's server can reach it\.$/);
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
    sentry.fake.setMode({ region: { regionUrl: `${sentry.url}/eu/`, serveData: false } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: false, code: 'wrong-region' });
    expect(result.message).toContain(`set the Sentry URL to ${sentry.url}/eu/`);
  });

  it('passes a cache, proxy or internal name in front of Sentry: the org is elsewhere by name but its data answers', async () => {
    sentry.fake.setMode({ region: { regionUrl: otherRegion.url } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: true, code: 'ok' });
    expect(result.message).toContain(`Sentry names its URL ${otherRegion.url}; ${sentry.url} answers for it`);
  });

  it('takes the org’s own customer domain (links.organizationUrl) as the right place', async () => {
    sentry.fake.setMode({ region: { regionUrl: otherRegion.url, organizationUrl: `${sentry.url}/` } });
    const result = await check(sentry.url, DEMO_TOKEN);
    expect(result).toMatchObject({ ok: true, code: 'ok' });
    expect(result.message).toContain(`Its data lives in ${otherRegion.url}`);
  });
});

describe('checkConnection when Sentry does not answer', () => {
  const target = 'https://sentry.example.com';
  function checkWith(send: (signal: AbortSignal) => Promise<SentryResponse>) {
    const client = new SentryClient({
      transport: { target, send: (_request, signal) => send(signal) },
      orgSlug: 'acme',
      scheduler: { maxRetries: 1, backoffBaseMs: 1, backoffMaxMs: 1, timeoutMs: 30 },
    });
    return checkConnection(client, target);
  }

  it("says once to check the URL when Grafana's proxy could not reach Sentry (502)", async () => {
    const result = await checkWith(async () => ({ status: 502, headers: {}, body: '' }));
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(result.message).toBe(
      `Grafana could not reach Sentry at ${target} (502: connection refused, DNS or TLS failure). Check the Sentry URL and that Grafana's server can reach it.`
    );
  });

  it('ends the network failure with a full stop before the advice', async () => {
    const result = await checkWith(() => Promise.reject(new TransportError('network', 'fetch failed (ECONNREFUSED)')));
    expect(result.message).toBe(
      `Could not reach Sentry at ${target}: fetch failed (ECONNREFUSED). Check the Sentry URL and that Grafana's server can reach it.`
    );
  });

  it('names the URL when the request timed out', async () => {
    const hang = (signal: AbortSignal) =>
      new Promise<SentryResponse>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'aborted')))
      );
    const result = await checkWith(hang);
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
    expect(result.message).toBe(
      `No answer from ${target}: Sentry did not answer within 30 ms (/api/0/organizations/acme/). Check the Sentry URL and that Grafana's server can reach it.`
    );
  });
});
