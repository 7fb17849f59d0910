/** @jest-environment node */

import { DEMO_TOKEN } from './handlers';
import { modesFromEnv } from './modes';
import { buildScenario } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, SEED } from './test-helpers';

// One scenario shared by the many fakes below (building it is the slow part).
const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });

describe('rate limiting', () => {
  test('headers on every response, 429 with a JSON string body and no Retry-After', async () => {
    let clock = FIXED_NOW + 250;
    const fake = makeFake({
      scenario,
      clock: () => clock,
      modes: { rateLimit: { limit: 3, windowMs: 1000, concurrent: 5 } },
    });
    const url = `${ORG_PATH}/projects/`;
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await get(fake, url);
      expect(response.status).toBe(200);
      seen.push(response.headers['X-Sentry-Rate-Limit-Remaining']);
      expect(response.headers['X-Sentry-Rate-Limit-Limit']).toBe('3');
      expect(response.headers['X-Sentry-Rate-Limit-Reset']).toBe(String((FIXED_NOW + 1000) / 1000));
      expect(response.headers['X-Sentry-Rate-Limit-ConcurrentLimit']).toBe('5');
      expect(response.headers['X-Sentry-Rate-Limit-ConcurrentRemaining']).toBe('4');
    }
    expect(seen).toEqual(['2', '1', '0']);
    const limited = await get(fake, url);
    expect(limited.status).toBe(429);
    expect(limited.body).toBe(
      '"You are attempting to use this endpoint too frequently. Limit is 3 requests in 1 seconds"'
    );
    expect(typeof limited.json).toBe('string');
    expect(limited.headers['Content-Type']).not.toContain('json');
    expect(limited.headers['Retry-After']).toBeUndefined();
    expect(limited.headers['X-Sentry-Rate-Limit-Remaining']).toBe('0');
    // Limits are per endpoint: another route still answers.
    expect((await get(fake, `${ORG_PATH}/teams/`)).status).toBe(200);
    // A rolling window: at X-Sentry-Rate-Limit-Reset the four requests of +250 ms (the rejected one counts too)
    // are still within the last second; they leave it at +1250 ms, when the rejected one of +1000 still counts.
    clock = FIXED_NOW + 1000;
    expect((await get(fake, url)).status).toBe(429);
    clock = FIXED_NOW + 1250;
    const reopened = await get(fake, url);
    expect(reopened.status).toBe(200);
    expect(reopened.headers['X-Sentry-Rate-Limit-Remaining']).toBe('1');
  });

  test('rolling window: a request leaves the count exactly one window after it came, not at a fixed edge', async () => {
    let clock = FIXED_NOW + 900;
    const fake = makeFake({
      scenario,
      clock: () => clock,
      modes: { rateLimit: { limit: 2, windowMs: 1000, concurrent: 5 } },
    });
    const url = `${ORG_PATH}/projects/`;
    const first = await get(fake, url);
    clock = FIXED_NOW + 999;
    const second = await get(fake, url);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['X-Sentry-Rate-Limit-Remaining']).toBe('0');
    // Reset as Sentry writes it: the next whole second.
    expect(second.headers['X-Sentry-Rate-Limit-Reset']).toBe(String((FIXED_NOW + 1000) / 1000));
    // Past the reset, both requests are still within the last second.
    clock = FIXED_NOW + 1000;
    const atReset = await get(fake, url);
    expect(atReset.status).toBe(429);
    expect(atReset.headers['X-Sentry-Rate-Limit-Remaining']).toBe('0');
    expect(atReset.headers['X-Sentry-Rate-Limit-Reset']).toBe(String((FIXED_NOW + 2000) / 1000));
    // +1900: the request of +900 has left; the one of +999 and the rejected one of +1000 remain: 3 > 2.
    clock = FIXED_NOW + 1900;
    expect((await get(fake, url)).status).toBe(429);
    // +2000: only the requests of +1900 (rejected, counted) and +2000 are within (+1000, +2000].
    clock = FIXED_NOW + 2000;
    const after = await get(fake, url);
    expect(after.status).toBe(200);
    expect(after.headers['X-Sentry-Rate-Limit-Remaining']).toBe('0');
  });

  test("fixed window: Sentry's own buckets, reopened at the reset", async () => {
    let clock = FIXED_NOW + 900;
    const fake = makeFake({
      scenario,
      clock: () => clock,
      modes: { rateLimit: { limit: 2, windowMs: 1000, concurrent: 5, window: 'fixed' } },
    });
    const url = `${ORG_PATH}/projects/`;
    expect((await get(fake, url)).status).toBe(200);
    clock = FIXED_NOW + 999;
    expect((await get(fake, url)).status).toBe(200);
    expect((await get(fake, url)).status).toBe(429);
    clock = FIXED_NOW + 1000;
    const reopened = await get(fake, url);
    expect(reopened.status).toBe(200);
    expect(reopened.headers['X-Sentry-Rate-Limit-Remaining']).toBe('1');
  });

  test('the newest-server variant wraps the message in {"detail": …}', async () => {
    const fake = makeFake({
      scenario,
      modes: { rateLimit: { limit: 1, windowMs: 60_000, concurrent: 5, body: 'object' } },
    });
    await get(fake, `${ORG_PATH}/teams/`);
    const limited = await get(fake, `${ORG_PATH}/teams/`);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      detail: 'You are attempting to use this endpoint too frequently. Limit is 1 requests in 60 seconds',
    });
  });

  test('concurrency above the limit → 429 with the concurrency message', async () => {
    const fake = makeFake({
      scenario,
      modes: {
        rateLimit: { limit: 100, windowMs: 1000, concurrent: 2 },
        chaos: { errorRate: 0, dropRate: 0, latencyMs: 40, seed: 3 },
      },
    });
    const responses = await Promise.all([0, 1, 2, 3, 4].map(() => get(fake, `${ORG_PATH}/teams/`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const rejected = responses.find((r) => r.status === 429)!;
    expect(rejected.json).toBe(
      'You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is 2'
    );
  });

  test('setMode switches limits at runtime; self-hosted sends no rate-limit headers at all', async () => {
    const fake = makeFake({ scenario });
    const before = await get(fake, `${ORG_PATH}/teams/`);
    expect(before.headers['X-Sentry-Rate-Limit-Limit']).toBeDefined();
    fake.setMode({ rateLimit: { limit: 1, windowMs: 60_000, concurrent: 1 } });
    await get(fake, `${ORG_PATH}/teams/`);
    expect((await get(fake, `${ORG_PATH}/teams/`)).status).toBe(429);
    fake.setMode({ rateLimit: null, selfHosted: true });
    for (let i = 0; i < 3; i++) {
      const response = await get(fake, `${ORG_PATH}/teams/`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.headers).filter((h) => h.startsWith('X-Sentry-Rate-Limit'))).toEqual([]);
    }
  });
});

describe('chaos', () => {
  const chaos = { errorRate: 0.4, latencyMs: 0, dropRate: 0.1, seed: 11 };

  async function outcomes(): Promise<string[]> {
    const fake = makeFake({ scenario, modes: { chaos } });
    const out: string[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await get(fake, `${ORG_PATH}/teams/?detailed=0`);
      out.push(response.dropConnection ? 'drop' : String(response.status));
    }
    return out;
  }

  test('same seed → same sequence of failures; all failure kinds appear', async () => {
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['200', '500', '502', '503', 'drop']));
  });

  test('failure bodies: 500 JSON with errorId, 502 HTML', async () => {
    const fake = makeFake({ scenario, modes: { chaos: { ...chaos, errorRate: 1, dropRate: 0 } } });
    const seen = new Map<number, string>();
    for (let i = 0; i < 20; i++) {
      const response = await get(fake, `${ORG_PATH}/teams/`);
      seen.set(response.status, response.body);
      if (response.status === 500) {
        expect(response.json).toEqual({ detail: 'Internal Error', errorId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      }
    }
    expect(seen.get(502)).toContain('<title>502 Bad Gateway</title>');
    expect(seen.get(503)).toContain('503');
  });

  test('latency is added', async () => {
    const fake = makeFake({ scenario, modes: { chaos: { errorRate: 0, dropRate: 0, latencyMs: 120, seed: 5 } } });
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      expect((await get(fake, `${ORG_PATH}/teams/`)).status).toBe(200);
    }
    expect(Date.now() - started).toBeGreaterThan(60);
  });
});

describe('what a wrong URL looks like', () => {
  test('non-API paths answer HTML: a 404 page on SaaS, a 200 login page on self-hosted', async () => {
    const fake = makeFake({ scenario });
    const saas = await get(fake, '/organizations/acme/issues/');
    expect(saas.status).toBe(404);
    expect(saas.headers['Content-Type']).toContain('text/html');
    expect(saas.body).toContain('<html');
    fake.setMode({ selfHosted: true });
    const selfHosted = await get(fake, '/');
    expect(selfHosted.status).toBe(200);
    expect(selfHosted.headers['Content-Type']).toContain('text/html');
    expect(selfHosted.body).toContain('Sign in');
  });

  test('API paths without a trailing slash get the catch-all hint; unknown routes an empty 404', async () => {
    const fake = makeFake({ scenario });
    const plain = await get(fake, `${ORG_PATH}/issues`);
    expect(plain.status).toBe(404);
    expect(plain.body).toBe(
      `Route not found, did you forget a trailing slash?\n\ntry: ${ORG_PATH}/issues/\n${' '.repeat(`try: ${ORG_PATH}/issues/`.length - 1)}^\n`
    );
    const jsonHint = await fake.handle({
      method: 'GET',
      url: `${ORG_PATH}/issues`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKEN}` },
    });
    expect(JSON.parse(jsonHint.body)).toEqual({
      info: `Route not found, did you forget a trailing slash? try: ${ORG_PATH}/issues/`,
    });
    const unknown = await get(fake, `${ORG_PATH}/nothing-here/`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe('');
  });

  test('self-hosted lacks events-timeseries (404) but keeps events-stats', async () => {
    const fake = makeFake({ scenario, modes: { selfHosted: true } });
    expect((await get(fake, `${ORG_PATH}/events-timeseries/?statsPeriod=1h&dataset=errors`)).status).toBe(404);
    expect((await get(fake, `${ORG_PATH}/events-stats/?statsPeriod=1h`)).status).toBe(200);
  });
});

describe('regions', () => {
  test('links.regionUrl defaults to the fake itself and follows the region mode', async () => {
    const fake = makeFake({ scenario });
    expect((await get(fake, `${ORG_PATH}/?detailed=0`)).json.links).toEqual({
      organizationUrl: 'https://fake-sentry.test',
      regionUrl: 'https://fake-sentry.test',
    });
    fake.setMode({ region: { regionUrl: 'http://127.0.0.1:4999' } });
    expect((await get(fake, `${ORG_PATH}/?detailed=0`)).json.links.regionUrl).toBe('http://127.0.0.1:4999');
    // Like sentry.io's control silo, this host still proxies data calls by default…
    expect((await get(fake, `${ORG_PATH}/projects/`)).status).toBe(200);
    // …unless it is a host that does not hold the org's data.
    fake.setMode({ region: { regionUrl: 'http://127.0.0.1:4999', serveData: false } });
    expect((await get(fake, `${ORG_PATH}/projects/`)).status).toBe(404);
    expect((await get(fake, `${ORG_PATH}/?detailed=0`)).status).toBe(200);
    expect((await get(fake, '/api/0/organizations/')).json[0].links.regionUrl).toBe('http://127.0.0.1:4999');
  });
});

describe('control endpoint and request log', () => {
  test('POST /__fake/mode changes modes; the request log records calls', async () => {
    const fake = makeFake({ scenario });
    const response = await fake.handle({
      method: 'POST',
      url: '/__fake/mode',
      body: JSON.stringify({ selfHosted: true }),
    });
    expect(JSON.parse(response.body)).toEqual({ selfHosted: true });
    expect(fake.getModes().selfHosted).toBe(true);
    await get(fake, `${ORG_PATH}/teams/`);
    await get(fake, `${ORG_PATH}/teams/`, 'bad');
    const api = fake.requestLog.filter((entry) => entry.url.startsWith('/api/'));
    expect(api.map((e) => [e.status, e.auth])).toEqual([
      [200, 'user'],
      [401, 'invalid'],
    ]);
  });

  test('modes from environment variables', () => {
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'ratelimit,selfhosted', FAKE_SENTRY_RATE_LIMIT: '5' })).toEqual({
      rateLimit: { limit: 5, windowMs: 1000, concurrent: 25 },
      selfHosted: true,
    });
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'chaos', FAKE_SENTRY_REGION_URL: 'http://r:1' })).toMatchObject({
      chaos: { errorRate: expect.any(Number) },
      region: { regionUrl: 'http://r:1', serveData: true },
    });
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'ratelimit', FAKE_SENTRY_RATE_WINDOW: 'fixed' })).toEqual({
      rateLimit: { limit: 40, windowMs: 1000, concurrent: 25, window: 'fixed' },
    });
    expect(() => modesFromEnv({ FAKE_SENTRY_MODE: 'bogus' })).toThrow('Unknown FAKE_SENTRY_MODE');
  });
});
