/**
 * The built plugin never holds or sends the Sentry token: Grafana gives the frontend jsonData only (the token
 * stays in secureJsonData on the server), and the proxy route adds it on the way to Sentry. Every request the
 * plugin hands to Grafana's fetch is recorded here, across a whole dashboard of query types, variables,
 * annotations, ad hoc filters, editor look-ups and the health check, and checked. (`npm run e2e` repeats this
 * in Chromium with every request leaving the browser.)
 */
import { DataQueryResponse, dateTime } from '@grafana/data';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Observable, firstValueFrom, lastValueFrom, toArray } from 'rxjs';

import { collectQueries } from '../../cli/dashboard';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { ProxyRoute, planProxyRequest } from '../host/proxy';
import { fakeBackendSrv } from '../support/fakeBackendSrv';
import { FIXED_NOW, HOUR, createTestFake } from '../support/fakeSentryClient';
import { INSTANCE_URL, instanceSettings } from '../support/instanceSettings';
import { distManifest, loadModule } from './loadModule';
import { templateSrvWith } from '../support/templateSrv';

const SENTRY_URL = 'https://sentry.fake.test';

/** Grafana's fetch and data source proxy, with the plugin's routes as built into dist/plugin.json. */
function grafana(secureJsonData: Record<string, string>) {
  return fakeBackendSrv(createTestFake(), { secureJsonData, routes: distManifest().routes as ProxyRoute[] });
}

function queryRequest(targets: unknown[]) {
  return {
    requestId: 'token-check',
    app: 'dashboard',
    targets,
    range: { from: dateTime(FIXED_NOW - 24 * HOUR), to: dateTime(FIXED_NOW), raw: { from: 'now-24h', to: 'now' } },
    scopedVars: {},
    interval: '1h',
    intervalMs: HOUR,
    maxDataPoints: 500,
    timezone: 'utc',
    startTime: FIXED_NOW,
  } as never;
}

describe('the built plugin and the token', () => {
  it('never sends the token or an Authorization header: every request goes through the proxy route, which adds it', async () => {
    const server = grafana({ authToken: DEMO_TOKEN });
    // What Grafana hands a frontend data source: jsonData, and only the *names* of secure fields.
    const settings = instanceSettings({ url: SENTRY_URL }, { secureJsonFields: { authToken: true } });
    const { plugin } = loadModule();
    const ds = new plugin.DataSourceClass(
      settings as never,
      { fetch: server.fetch } as never,
      templateSrvWith()
    );

    expect(await ds.testDatasource()).toMatchObject({ status: 'success' });

    // Every panel of the provisioned "every query type" dashboard.
    const dashboard = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../provisioning/dashboards/query-types.json'), 'utf8')
    );
    const targets = collectQueries(dashboard, { lookup_ids: ['abc'] }).map((q) => q.query);
    expect(new Set(targets.map((t) => t.queryType)).size).toBeGreaterThanOrEqual(12);
    const response = await firstValueFrom(ds.query(queryRequest(targets)) as Observable<DataQueryResponse>);
    expect(response.errors ?? []).toEqual([]);
    expect(response.data.length).toBeGreaterThan(targets.length / 2);

    // Variables, an annotation, ad hoc filters and the editors' look-ups.
    for (const kind of ['projects', 'environments', 'teams', 'releases', 'tagKeys']) {
      const answers = (await lastValueFrom(
        ds.variables.query(queryRequest([{ refId: 'V', kind }])).pipe(toArray())
      )) as Array<{ data: unknown[] }>;
      expect(answers.flatMap((a) => a.data).length).toBeGreaterThan(0);
    }
    const annotation = ds.annotations.prepareQuery({
      name: 'Deploys',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', annotationKind: 'deploys' },
    });
    const annotations = await firstValueFrom(ds.query(queryRequest([annotation])) as Observable<DataQueryResponse>);
    expect(annotations.data[0].length).toBeGreaterThan(0);
    expect((await ds.getTagKeys()).length).toBeGreaterThan(0);
    expect((await ds.getTagValues({ key: 'environment' })).length).toBeGreaterThan(0);
    expect((await ds.getProjects()).length).toBeGreaterThan(0);
    expect((await ds.getEnvironments()).length).toBeGreaterThan(0);

    // The plugin made many requests, every one to this data source's proxy route, none with a credential.
    expect(server.sent.length).toBeGreaterThan(20);
    const offRoute = server.sent.filter((r) => !r.url.startsWith(`${INSTANCE_URL}/sentry/api/0/`));
    expect(offRoute.map((r) => r.url)).toEqual([]);
    const withCredentials = server.sent.filter(
      (r) =>
        Object.keys(r.headers).some((h) => h.toLowerCase() === 'authorization') ||
        JSON.stringify(r).includes(DEMO_TOKEN)
    );
    expect(withCredentials).toEqual([]);

    // …and the token reached Sentry, added by the route on Grafana's side.
    expect(server.upstream.length).toBe(server.sent.length);
    for (const call of server.upstream) {
      expect(call).toEqual({
        url: expect.stringMatching(/^https:\/\/sentry\.fake\.test\/api\/0\//),
        authorization: `Bearer ${DEMO_TOKEN}`,
      });
    }
  });

  it('without the token stored on the server, Sentry answers 401 and the plugin says to check the token', async () => {
    const server = grafana({});
    const { plugin } = loadModule();
    const ds = new plugin.DataSourceClass(
      instanceSettings({ url: SENTRY_URL }),
      { fetch: server.fetch } as never,
      templateSrvWith()
    );
    const result = await ds.testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/token/i);
    // The route rendered Grafana's placeholder for the missing secret, not anything from the browser.
    expect(server.upstream[0].authorization).toBe('Bearer <no value>');
  });
});

describe('the built proxy route', () => {
  const routes = () => distManifest().routes as ProxyRoute[];
  const usesSecret = (route: ProxyRoute) =>
    [...(route.headers ?? []), ...(route.urlParams ?? [])].some((h) => h.content.includes('.SecureJsonData'));

  it("adds Authorization only to GET requests: Grafana matches a route's method exactly, and the plugin only reads", () => {
    const withToken = routes().filter((route) =>
      (route.headers ?? []).some((header) => header.name.toLowerCase() === 'authorization')
    );
    expect(withToken.length).toBeGreaterThan(0);
    for (const route of withToken) {
      expect(route.method).toBe('GET');
    }
    // No other route renders a secret either.
    expect(routes().filter((route) => usesSecret(route) && route.method !== 'GET')).toEqual([]);
  });

  it('gives a write through the proxy no token, to any path', () => {
    const settings = { jsonData: { url: SENTRY_URL }, secureJsonData: { authToken: DEMO_TOKEN } };
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const proxyPath of [
        'sentry/api/0/organizations/acme/members/',
        'sentry/api/0/organizations/acme/releases/',
      ]) {
        const planned = planProxyRequest({ routes: routes(), settings, method, proxyPath, search: '', headers: {} });
        // No route matches; the plugin leaves Grafana's own data source URL empty, so there is nowhere to send it.
        expect({ method, proxyPath, planned }).toEqual({
          method,
          proxyPath,
          planned: { ok: false, status: 502, body: '' },
        });
      }
    }
  });
});
