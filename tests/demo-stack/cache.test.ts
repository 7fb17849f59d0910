/** @jest-environment node */
// The shared cache (sentry-cache/): its nginx template, the compose profile that runs it, and Debian's nginx running
// the template in front of the Sentry fake (rate limited) and in front of an https upstream.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import { gunzipSync, gzipSync } from 'node:zlib';

import { main } from '../../cli/main';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { INTEGRATION_TOKEN } from '../../fake-sentry/auth';
import { DEFAULT_RATE_LIMIT } from '../../fake-sentry/modes';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import {
  envsubst,
  hasNginx,
  NGINX_BIN,
  PLACEHOLDERS,
  renderCacheConfig,
  RunningCache,
  startNginxCache,
  TEMPLATE_FILE,
} from './nginxCache';
import { composeDefault, hostPathOf, repo, services } from './stack-files';
import { runViewer, runViewers } from './viewers';

const template = readFileSync(TEMPLATE_FILE, 'utf8');

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers (no Accept-Encoding unless given), the body as sent. */
function request(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const RATE_LIMIT_HEADERS = [
  'x-sentry-rate-limit-limit',
  'x-sentry-rate-limit-remaining',
  'x-sentry-rate-limit-reset',
  'x-sentry-rate-limit-concurrentlimit',
  'x-sentry-rate-limit-concurrentremaining',
];
const rateLimitHeaders = (answer: Answer) => RATE_LIMIT_HEADERS.filter((name) => answer.headers[name] !== undefined);

describe('sentry-cache/nginx.conf.template', () => {
  it('has the four documented placeholders and no other upper-case variable the nginx image would substitute', () => {
    const upperCase = [...template.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g)].map((m) => m[1]);
    expect([...new Set(upperCase)].sort()).toEqual([...PLACEHOLDERS].sort());
    // nginx's own variables are lower case: the image's envsubst, limited to environment variable names, keeps them.
    expect(template).toContain('$http_authorization|$request_uri');
  });

  it('renders as envsubst does: placeholders filled, nginx variables kept, a placeholder left unset refused', () => {
    expect(envsubst('a ${A} $A $a ${b} $request_uri', { A: 'x' })).toBe('a x x $a ${b} $request_uri');
    const settings = { SENTRY_UPSTREAM: 'https://sentry.io', CACHE_PORT: '8080', CACHE_DIR: '/c', CACHE_TTL: '30s' };
    const rendered = renderCacheConfig(settings);
    expect(rendered).toContain('proxy_pass https://sentry.io;');
    expect(rendered).toContain('listen 8080;');
    expect(rendered).toContain('proxy_cache_valid 200 30s;');
    expect(rendered).toContain('proxy_cache_key "$http_authorization|$request_uri";');
    expect(rendered).not.toMatch(/\$\{/);
    expect(() => renderCacheConfig({ ...settings, CACHE_TTL: '' })).toThrow('CACHE_TTL is not set');
    expect(() => renderCacheConfig(settings, `${template}\n# \${CACHE_SIZE}`)).toThrow('CACHE_SIZE');
  });
});

describe('the cache profile of docker-compose.yaml', () => {
  const cache = services['sentry-cache'];

  it('runs the official nginx image, pinned, on the same template, only with --profile cache', () => {
    expect((cache as { profiles?: string[] }).profiles).toEqual(['cache']);
    expect(cache.image).toMatch(/^nginx:\d+\.\d+\.\d+$/);
    expect(hostPathOf(cache, '/etc/nginx/templates/nginx.conf.template')).toBe(TEMPLATE_FILE);
    // The image renders templates/*.template into NGINX_ENVSUBST_OUTPUT_DIR: here over /etc/nginx/nginx.conf.
    expect(cache.env.NGINX_ENVSUBST_OUTPUT_DIR).toBe('/etc/nginx');
    for (const name of Object.keys(services).filter((n) => n !== 'sentry-cache')) {
      expect({ name, profiles: (services[name] as { profiles?: string[] }).profiles }).toEqual({
        name,
        profiles: undefined,
      });
    }
  });

  it('sets every placeholder (the image leaves unset ones as written), and renders with the defaults', () => {
    const settings = Object.fromEntries(PLACEHOLDERS.map((name) => [name, composeDefault(cache.env[name] ?? '')]));
    expect(renderCacheConfig(settings as Record<(typeof PLACEHOLDERS)[number], string>)).toContain(
      'proxy_pass http://fake-sentry:3998;'
    );
    expect(settings.SENTRY_UPSTREAM).toBe(`http://fake-sentry:${services['fake-sentry'].env.PORT}`);
    expect(settings.CACHE_TTL).toBe('30s');
    // Listens where it is published; keeps answers and tokens in memory.
    expect(cache.published.map((p) => p.target)).toEqual([settings.CACHE_PORT]);
    expect((cache as { tmpfs?: string[] }).tmpfs).toEqual([settings.CACHE_DIR]);
  });

  it('is what the README tells Grafana to use; by default the data source still talks to the fake', () => {
    const readme = readFileSync(repo('README.md'), 'utf8');
    expect(readme).toContain(`SENTRY_URL=http://sentry-cache:${composeDefault(cache.env.CACHE_PORT)}`);
    expect(readme).toContain('--profile cache');
    expect(composeDefault(services.grafana.env.SENTRY_URL)).toBe('http://fake-sentry:3998');
  });
});

const describeNginx = hasNginx ? describe : describe.skip;

describeNginx(`Debian's nginx (${NGINX_BIN}) running the template; without it: apt-get install nginx`, () => {
  describe('in front of the Sentry fake in rate-limit mode', () => {
    let sentry: RunningFakeSentry;
    let cache: RunningCache;

    beforeAll(async () => {
      sentry = await startFakeSentry({ modes: { rateLimit: DEFAULT_RATE_LIMIT } });
      cache = await startNginxCache({ upstream: sentry.url });
    });

    afterAll(async () => {
      await cache?.close();
      await sentry?.close();
    });

    beforeEach(() => {
      sentry.fake.setMode({ rateLimit: DEFAULT_RATE_LIMIT, chaos: null });
      sentry.fake.requestLog.length = 0;
    });

    it('serves ten viewers of the Service overview at once with no failed panel and ≤ 1.5× one viewer’s requests', async () => {
      // Viewers open the dashboard over 3 s of one minute: the plugin snaps their ranges to the same URLs.
      const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
      const spreadMs = 3_000;
      const one = await runViewer({ url: sentry.url, now });
      expect(one.failed).toEqual([]);
      const oneViewer = sentry.fake.requestLog.length;
      expect(oneViewer).toBeGreaterThan(0);

      // Without the cache, each viewer asks for itself.
      sentry.fake.requestLog.length = 0;
      await runViewers(10, { url: sentry.url, now, spreadMs });
      expect(sentry.fake.requestLog.length).toBeGreaterThan(1.5 * oneViewer);

      sentry.fake.requestLog.length = 0;
      const { outcomes } = await runViewers(10, { url: cache.url, now, spreadMs });
      expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
      expect(outcomes.map((o) => o.panels)).toEqual(Array(10).fill(one.panels));
      expect(sentry.fake.requestLog.length).toBeLessThanOrEqual(1.5 * oneViewer);
    }, 30_000); // eleven dashboard loads: seconds on a busy machine

    it('never shares an answer between tokens', async () => {
      const url = `${cache.url}/api/0/organizations/acme/projects/?per_page=5`;
      const first = await request(url, { headers: bearer(DEMO_TOKEN) });
      const again = await request(url, { headers: bearer(DEMO_TOKEN) });
      const otherToken = await request(url, { headers: bearer(INTEGRATION_TOKEN) });
      expect([first, again, otherToken].map((a) => [a.status, a.headers['x-cache-status']])).toEqual([
        [200, 'MISS'],
        [200, 'HIT'],
        [200, 'MISS'],
      ]);
      expect(again.body.equals(first.body)).toBe(true);
      expect(sentry.fake.requestLog.map((e) => e.url)).toEqual([
        '/api/0/organizations/acme/projects/?per_page=5',
        '/api/0/organizations/acme/projects/?per_page=5',
      ]);
      expect(new Set(sentry.fake.requestLog.map((e) => e.auth)).size).toBe(2);
    });

    it('passes Sentry’s rate-limit headers on Sentry’s answers, and sends none with an answer from the cache', async () => {
      const url = `${cache.url}/api/0/organizations/acme/projects/?per_page=6`;
      const miss = await request(url, { headers: bearer(DEMO_TOKEN) });
      const hit = await request(url, { headers: bearer(DEMO_TOKEN) });
      expect(miss.headers['x-cache-status']).toBe('MISS');
      expect(rateLimitHeaders(miss)).toEqual(RATE_LIMIT_HEADERS);
      expect(miss.headers['x-sentry-rate-limit-limit']).toBe(String(DEFAULT_RATE_LIMIT.limit));
      expect(hit.headers['x-cache-status']).toBe('HIT');
      expect(rateLimitHeaders(hit)).toEqual([]);
    });

    it('never keeps a 429: each one is Sentry’s, with its rate-limit headers, and the next 200 is kept', async () => {
      const url = `${cache.url}/api/0/organizations/acme/projects/?per_page=7`;
      sentry.fake.setMode({ rateLimit: { ...DEFAULT_RATE_LIMIT, limit: 0 } });
      const limited = [await request(url, { headers: bearer(DEMO_TOKEN) })];
      limited.push(await request(url, { headers: bearer(DEMO_TOKEN) }));
      expect(limited.map((a) => [a.status, a.headers['x-cache-status']])).toEqual([
        [429, 'MISS'],
        [429, 'MISS'],
      ]);
      expect(rateLimitHeaders(limited[1])).toEqual(RATE_LIMIT_HEADERS);
      expect(limited[1].headers['x-sentry-rate-limit-remaining']).toBe('0');

      sentry.fake.setMode({ rateLimit: DEFAULT_RATE_LIMIT });
      const ok = [await request(url, { headers: bearer(DEMO_TOKEN) })];
      ok.push(await request(url, { headers: bearer(DEMO_TOKEN) }));
      expect(ok.map((a) => [a.status, a.headers['x-cache-status']])).toEqual([
        [200, 'MISS'],
        [200, 'HIT'],
      ]);
      expect(sentry.fake.requestLog.map((e) => e.status)).toEqual([429, 429, 200]);
    });

    it('never keeps a 5xx', async () => {
      const url = `${cache.url}/api/0/organizations/acme/projects/?per_page=8`;
      sentry.fake.setMode({ chaos: { errorRate: 1, latencyMs: 0, dropRate: 0, seed: 3 } });
      const answers = [await request(url, { headers: bearer(DEMO_TOKEN) })];
      answers.push(await request(url, { headers: bearer(DEMO_TOKEN) }));
      expect(answers.map((a) => a.status >= 500 && a.headers['x-cache-status'] === 'MISS')).toEqual([true, true]);
      expect(sentry.fake.requestLog.map((e) => e.status >= 500)).toEqual([true, true]);
    });

    it('refuses to write: anything but GET and HEAD is answered 405 and never reaches Sentry', async () => {
      const url = `${cache.url}/api/0/organizations/acme/releases/`;
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
        const answer = await request(url, { method, headers: bearer(DEMO_TOKEN) });
        expect({ method, status: answer.status, allow: answer.headers.allow }).toEqual({
          method,
          status: 405,
          allow: 'GET, HEAD',
        });
      }
      const head = await request(`${cache.url}/api/0/organizations/acme/projects/?per_page=9`, {
        method: 'HEAD',
        headers: bearer(DEMO_TOKEN),
      });
      expect(head.status).toBe(200);
      expect(sentry.fake.requestLog.map((e) => e.method)).toEqual(['GET']);
    });

    it('sends Sentry’s web pages (the panels’ “Open in Sentry” links) to Sentry', async () => {
      const answer = await request(`${cache.url}/organizations/acme/issues/42/?project=1`);
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe(`${sentry.url}/organizations/acme/issues/42/?project=1`);
      expect(sentry.fake.requestLog).toEqual([]);
    });

    it('passes Save & test (cli check) through the cache, though Sentry names its own URL for the org', async () => {
      let out = '';
      const code = await main(['check', '--url', cache.url, '--org', 'acme'], {
        stdout: (text) => (out += text),
        stderr: () => undefined,
        env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
      });
      const result = JSON.parse(out);
      expect({ code, ok: result.ok, code_: result.code }).toEqual({ code: 0, ok: true, code_: 'ok' });
      expect(result.message).toContain(`Sentry names its URL ${sentry.url}; ${cache.url} answers for it`);
    });
  });

  it('asks Sentry again once an answer is older than CACHE_TTL', async () => {
    const sentry = await startFakeSentry();
    const cache = await startNginxCache({ upstream: sentry.url, ttl: '1s' });
    try {
      const url = `${cache.url}/api/0/organizations/acme/`;
      const statuses = [(await request(url, { headers: bearer(DEMO_TOKEN) })).headers['x-cache-status']];
      statuses.push((await request(url, { headers: bearer(DEMO_TOKEN) })).headers['x-cache-status']);
      // nginx counts whole seconds: an entry valid for 1 s is served until the clock's second after next.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      statuses.push((await request(url, { headers: bearer(DEMO_TOKEN) })).headers['x-cache-status']);
      expect(statuses).toEqual(['MISS', 'HIT', 'EXPIRED']);
      expect(sentry.fake.requestLog).toHaveLength(2);
    } finally {
      await cache.close();
      await sentry.close();
    }
  }, 20_000); // a 2.5 s wait, nginx's start and stop

  describe('in front of an https upstream', () => {
    const seen: Array<{ servername: string | false | null; host?: string; acceptEncoding?: string }> = [];
    const body = JSON.stringify({ slug: 'acme', data: 'x'.repeat(2000) });
    let dir: string;
    let upstream: https.Server;
    let upstreamUrl: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'sentry-cache-tls-'));
      const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
      const newCertificate =
        'req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost';
      execFileSync('openssl', [...newCertificate.split(' '), '-keyout', key, '-out', cert], { stdio: 'ignore' });
      // Answers the way a Django app may: caching headers that would stop nginx caching, a cookie, gzip if asked.
      upstream = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
        const socket = req.socket as TLSSocket;
        seen.push({
          servername: socket.servername,
          host: req.headers.host,
          acceptEncoding: req.headers['accept-encoding'],
        });
        const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Cache-Control': 'private, no-store, max-age=0',
          Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
          Vary: 'Accept-Language, Cookie',
          'Set-Cookie': 'sc=secret; Path=/',
          ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
        });
        res.end(gzip ? gzipSync(body) : body);
      });
      await new Promise<void>((resolve) => upstream.listen(0, '::', () => resolve()));
      upstreamUrl = `https://localhost:${(upstream.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => upstream?.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    });

    it('names the upstream in SNI and Host, verifies its certificate, and keeps answers whatever their headers', async () => {
      const cache = await startNginxCache({ upstream: upstreamUrl, trustedCertificate: path.join(dir, 'cert.pem') });
      try {
        const url = `${cache.url}/api/0/organizations/acme/`;
        const plain = await request(url, { headers: { ...bearer(DEMO_TOKEN), 'Accept-Language': 'de' } });
        expect([plain.status, plain.headers['x-cache-status']]).toEqual([200, 'MISS']);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body.toString('utf8')).toBe(body);
        expect(plain.headers['set-cookie']).toBeUndefined();

        const zipped = await request(url, {
          headers: { ...bearer(DEMO_TOKEN), 'Accept-Language': 'fr', 'Accept-Encoding': 'gzip' },
        });
        expect([zipped.status, zipped.headers['x-cache-status']]).toEqual([200, 'HIT']);
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(zipped.body).toString('utf8')).toBe(body);

        expect(seen).toEqual([
          { servername: 'localhost', host: upstreamUrl.slice('https://'.length), acceptEncoding: 'gzip' },
        ]);
      } finally {
        await cache.close();
      }
    });

    it('refuses an upstream whose certificate the trust store does not vouch for', async () => {
      seen.length = 0;
      const cache = await startNginxCache({ upstream: upstreamUrl });
      try {
        const answer = await request(`${cache.url}/api/0/organizations/acme/`, { headers: bearer(DEMO_TOKEN) });
        expect(answer.status).toBe(502);
        expect(seen).toEqual([]);
      } finally {
        await cache.close();
      }
    });
  });
});
