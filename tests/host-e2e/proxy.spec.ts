/**
 * The rules of Grafana's data source proxy as the test host plays them (tests/host/proxy.ts). Node only: no
 * browser. If these drift from Grafana's behaviour, the browser specs prove less than they seem to.
 */
import { expect, test } from '@playwright/test';
import http from 'node:http';
import { AddressInfo } from 'node:net';

import {
  AUTH_FAILED_TEXT,
  ProxyRoute,
  StoredSettings,
  cleanRelativePath,
  forward,
  joinUrlFragments,
  matchRoute,
  planProxyRequest,
  renderTemplate,
} from '../host/proxy';
import manifest from '../../src/plugin.json';

/** The plugin's own routes (src/plugin.json): one, GET only, adding the token. */
const ROUTES = manifest.routes as ProxyRoute[];
const [SENTRY_ROUTE] = ROUTES;
const WRITE_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH'];

const SETTINGS: StoredSettings = {
  jsonData: { url: 'https://sentry.example.com', orgSlug: 'acme' },
  secureJsonData: { authToken: 'sntryu_secret' },
};

/** A server on a free loopback port; `handler` answers every request. */
async function serve(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test.describe('data source proxy rules', () => {
  test('templates: JsonData and SecureJsonData; a missing key renders "<no value>"', () => {
    expect(renderTemplate('{{ .JsonData.url }}/x', SETTINGS)).toBe('https://sentry.example.com/x');
    expect(renderTemplate('Bearer {{.SecureJsonData.authToken}}', SETTINGS)).toBe('Bearer sntryu_secret');
    expect(renderTemplate('{{ .JsonData.nope }}', SETTINGS)).toBe('<no value>');
    expect(renderTemplate('Bearer {{ .SecureJsonData.authToken }}', { jsonData: {}, secureJsonData: {} })).toBe(
      'Bearer <no value>'
    );
  });

  test('route matching: method, then the cleaned path prefix; the first match wins', () => {
    const routes: ProxyRoute[] = [
      { path: 'sentry/admin', method: 'POST', url: 'https://a' },
      { path: 'sentry', url: 'https://b' },
      { path: 'sentry/api', url: 'https://c' },
    ];
    expect(matchRoute(routes, 'GET', 'sentry/admin/x')?.url).toBe('https://b');
    expect(matchRoute(routes, 'POST', 'sentry/admin/x')?.url).toBe('https://a');
    expect(matchRoute(routes, 'GET', 'sentry/api/0/')?.url).toBe('https://b');
    expect(matchRoute(routes, 'GET', '/sentry//./api/0/')?.url).toBe('https://b');
    expect(matchRoute(routes, 'GET', 'other/api/0/')).toBeUndefined();
    // Go compares the method as written in plugin.json with the request's.
    expect(matchRoute([{ path: 'sentry', method: 'GET' }], 'GET', 'sentry/api/0/')).toBeDefined();
    expect(matchRoute([{ path: 'sentry', method: 'get' }], 'GET', 'sentry/api/0/')).toBeUndefined();
    expect(matchRoute([{ path: 'sentry', method: '*' }], 'DELETE', 'sentry/api/0/')).toBeDefined();
    expect(cleanRelativePath('/a/./b//c/../d/')).toBe('a/b/d');
    expect(joinUrlFragments('/base/', '/api/0/')).toBe('/base/api/0/');
    expect(joinUrlFragments('', '/api/0/')).toBe('/api/0/');
    expect(joinUrlFragments('/base', 'api')).toBe('/base/api');
  });

  test('the planned request: route URL plus the rest of the path, headers set and cleaned', () => {
    const planned = planProxyRequest({
      routes: [SENTRY_ROUTE],
      settings: SETTINGS,
      method: 'GET',
      proxyPath: 'sentry/api/0/organizations/acme/issues/',
      search: '?query=is%3Aunresolved&project=1&project=2',
      headers: {
        accept: 'application/json',
        authorization: 'Bearer grafana-session-key',
        origin: 'http://grafana.local',
        referer: 'http://grafana.local/d/abc',
        cookie: 'grafana_session=1',
        connection: 'keep-alive',
        'x-forwarded-host': 'grafana.local',
      },
      clientIp: '127.0.0.1',
    });
    expect(planned.ok).toBe(true);
    if (!planned.ok) {
      return;
    }
    expect(planned.plan.url).toBe(
      'https://sentry.example.com/api/0/organizations/acme/issues/?query=is%3Aunresolved&project=1&project=2'
    );
    expect(planned.plan.headers).toEqual({
      accept: 'application/json',
      authorization: 'Bearer sntryu_secret',
      'x-grafana-referer': 'http://grafana.local/d/abc',
      'x-forwarded-for': '127.0.0.1',
      'user-agent': expect.stringMatching(/^Grafana\//),
    });
  });

  test('route urlParams are added and the query string re-encoded with sorted keys', () => {
    const planned = planProxyRequest({
      routes: [{ ...SENTRY_ROUTE, urlParams: [{ name: 'org', content: '{{ .JsonData.orgSlug }}' }] }],
      settings: SETTINGS,
      method: 'GET',
      proxyPath: 'sentry/api/0/',
      search: '?z=1&a=2&z=0',
      headers: {},
    });
    expect(planned.ok && planned.plan.url).toBe('https://sentry.example.com/api/0/?a=2&org=acme&z=1&z=0');
  });

  test("the plugin's route carries the token for GET only; a write matches no route and gets no route header", () => {
    const plan = (method: string, dataSourceUrl?: string) =>
      planProxyRequest({
        routes: ROUTES,
        settings: SETTINGS,
        method,
        proxyPath: 'sentry/api/0/organizations/acme/members/',
        search: '?x=1',
        headers: { authorization: 'Bearer from-the-browser', 'content-type': 'application/json' },
        dataSourceUrl,
      });
    const read = plan('GET');
    expect(read.ok && read.plan.headers.authorization).toBe('Bearer sntryu_secret');
    expect(read.ok && read.plan.url).toBe('https://sentry.example.com/api/0/organizations/acme/members/?x=1');
    for (const method of WRITE_METHODS) {
      // The plugin leaves Grafana's own data source URL empty: no host, Grafana's transport fails, 502.
      expect(plan(method)).toEqual({ ok: false, status: 502, body: '' });
      // With one set (through the API or provisioning), Grafana sends the request there, whole path, no token.
      const elsewhere = plan(method, 'https://grafana-ds.example.com/base');
      expect(elsewhere.ok).toBe(true);
      if (elsewhere.ok) {
        expect(elsewhere.plan.method).toBe(method);
        expect(elsewhere.plan.url).toBe(
          'https://grafana-ds.example.com/base/sentry/api/0/organizations/acme/members/?x=1'
        );
        expect(elsewhere.plan.headers.authorization).toBeUndefined();
        expect(elsewhere.plan.headers['content-type']).toBe('application/json');
      }
    }
  });

  test('no matching route: the data source URL as Grafana reads it (http:// added), else 502 with an empty body', () => {
    const plan = (dataSourceUrl: string | undefined) =>
      planProxyRequest({
        routes: ROUTES,
        settings: SETTINGS,
        method: 'GET',
        proxyPath: 'elsewhere/api/0/',
        search: '',
        headers: {},
        dataSourceUrl,
      });
    expect(plan(undefined)).toEqual({ ok: false, status: 502, body: '' });
    expect(plan('')).toEqual({ ok: false, status: 502, body: '' });
    const bare = plan('sentry.internal:9000');
    expect(bare.ok && bare.plan.url).toBe('http://sentry.internal:9000/elsewhere/api/0/');
    expect(bare.ok && bare.plan.headers.authorization).toBeUndefined();
  });

  test('upstream answers: 401 becomes 400 "Authentication to data source failed"; others pass', async () => {
    const upstream = await serve((req, res) => {
      if (req.url?.startsWith('/api/0/denied/')) {
        res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'xBasic realm="api"' });
        res.end('{"detail":"Invalid token"}');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'application/json',
        Link: '<https://sentry/next>; rel="next"; results="true"; cursor="0:100:0"',
        'X-Hits': '321',
        'Set-Cookie': 'sentrysid=1',
        'X-Auth-Seen': String(req.headers.authorization),
      });
      res.end('[]');
    });
    try {
      const settings: StoredSettings = { ...SETTINGS, jsonData: { url: upstream.url } };
      const plan = (path: string) => {
        const planned = planProxyRequest({
          routes: [SENTRY_ROUTE],
          settings,
          method: 'GET',
          proxyPath: `sentry${path}`,
          search: '',
          headers: {},
        });
        if (!planned.ok) {
          throw new Error(planned.body);
        }
        return planned.plan;
      };

      const denied = await forward(plan('/api/0/denied/'));
      expect(denied.status).toBe(400);
      expect(denied.body.toString()).toBe(AUTH_FAILED_TEXT);
      expect(denied.headers['www-authenticate']).toBeUndefined();

      const ok = await forward(plan('/api/0/ok/'));
      expect(ok.status).toBe(200);
      expect(ok.body.toString()).toBe('[]');
      expect(ok.headers.link).toContain('rel="next"');
      expect(ok.headers['x-hits']).toBe('321');
      expect(ok.headers['x-auth-seen']).toBe('Bearer sntryu_secret');
      expect(ok.headers['set-cookie']).toBeUndefined();
      expect(ok.headers['content-security-policy']).toBe('sandbox');
    } finally {
      await upstream.close();
    }
  });

  test('failures: connection refused → 502 empty; no answer in time → 504 empty', async () => {
    const silent = await serve(() => undefined);
    const refusedPort = await serve(() => undefined);
    const refusedUrl = refusedPort.url;
    await refusedPort.close();
    try {
      const plan = (url: string) => ({ method: 'GET', url: `${url}/api/0/`, headers: {} });
      const refused = await forward(plan(refusedUrl));
      expect(refused.status).toBe(502);
      expect(refused.body.length).toBe(0);

      const started = Date.now();
      const timedOut = await forward(plan(silent.url), { timeoutMs: 300 });
      expect(timedOut.status).toBe(504);
      expect(timedOut.body.length).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });
});
