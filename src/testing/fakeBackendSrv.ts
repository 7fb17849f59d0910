/**
 * Grafana's backendSrv for data source tests, with Grafana's data source proxy in front of the Sentry fake: the
 * proxy rules of the browser test host (tests/host/proxy.ts) apply the plugin's route, which adds the token
 * stored on the server, and non-2xx statuses fail as Grafana's fetch fails (401 becomes Grafana's 400).
 */
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';
import { DEMO_TOKEN, FakeSentry } from '../../fake-sentry/handlers';
import { AUTH_FAILED_TEXT, ProxyRoute, planProxyRequest } from '../../tests/host/proxy';
import manifest from '../plugin.json';

export const INSTANCE_URL = '/api/datasources/proxy/uid/sentry-lens';

export interface FakeGrafanaOptions {
  /** What Grafana keeps in secureJsonData on its server; by default the fake's demo token. */
  secureJsonData?: Record<string, string>;
  /** The plugin's proxy routes; by default those of src/plugin.json. */
  routes?: ProxyRoute[];
}

/** One request as the plugin handed it to Grafana's fetch. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  data: unknown;
  params: unknown;
}

export function fakeBackendSrv(fake: FakeSentry, options: FakeGrafanaOptions = {}) {
  const stored = {
    jsonData: { url: fake.baseUrl },
    secureJsonData: options.secureJsonData ?? { authToken: DEMO_TOKEN },
  };
  const routes = options.routes ?? (manifest.routes as ProxyRoute[]);
  const sent: SentRequest[] = [];
  /** What the proxy sent on to Sentry. */
  const upstream: Array<{ url: string; authorization?: string }> = [];
  const fetch = (options: BackendSrvRequest) =>
    new Observable<FetchResponse<string>>((subscriber) => {
      const method = options.method ?? 'GET';
      sent.push({
        url: options.url,
        method,
        headers: { ...options.headers },
        data: options.data,
        params: options.params,
      });
      const [pathPart, search = ''] = options.url.split('?');
      if (!pathPart.startsWith(`${INSTANCE_URL}/`)) {
        subscriber.error({ status: 404, data: `not a proxy URL: ${options.url}` });
        return;
      }
      const planned = planProxyRequest({
        routes,
        settings: stored,
        method,
        proxyPath: pathPart.slice(INSTANCE_URL.length + 1),
        search: search ? `?${search}` : '',
        headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
      if (!planned.ok) {
        subscriber.error({ status: planned.status, data: planned.body });
        return;
      }
      const target = new URL(planned.plan.url);
      upstream.push({ url: planned.plan.url, authorization: planned.plan.headers.authorization });
      fake
        .handle({ method: planned.plan.method, url: target.pathname + target.search, headers: planned.plan.headers })
        .then((response) => {
          const headers = new Headers(Object.entries(response.headers).map(([k, v]): [string, string] => [k, v]));
          if (response.status >= 200 && response.status < 300) {
            subscriber.next({
              status: response.status,
              data: response.body,
              headers,
              ok: true,
            } as FetchResponse<string>);
            subscriber.complete();
          } else if (response.status === 401) {
            subscriber.error({ status: 400, data: AUTH_FAILED_TEXT });
          } else {
            subscriber.error({ status: response.status, data: response.body });
          }
        });
    });
  return {
    sent,
    upstream,
    /** The URLs the plugin fetched, in order. */
    get urls() {
      return sent.map((r) => r.url);
    },
    fetch: fetch as unknown as BackendSrv['fetch'],
  };
}
