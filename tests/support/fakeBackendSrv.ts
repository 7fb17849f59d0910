/**
 * Grafana's backendSrv for data source tests, with Grafana's data source proxy in front of the Sentry fake: the
 * proxy rules of the browser test host (tests/host/proxy.ts) apply the plugin's route, which adds the token
 * stored on the server, and non-2xx statuses fail as Grafana's fetch fails (401 becomes Grafana's 400).
 * Given a script instead of the fake, it answers each request from the script, before any proxy.
 */
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';
import { DEMO_TOKEN, FakeSentry } from '../../fake-sentry/handlers';
import { AUTH_FAILED_TEXT, ProxyRoute, planProxyRequest } from '../host/proxy';
import manifest from '../../src/plugin.json';
import { INSTANCE_URL } from './instanceSettings';

/** Grafana's answer to one fetch: a response (non-2xx fails the fetch), or an Observable returned as it is. */
export type ScriptedAnswer = (url: string) => { status: number; data: string; headers?: Headers } | Observable<never>;

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

export function fakeBackendSrv(sentry: FakeSentry | ScriptedAnswer, options: FakeGrafanaOptions = {}) {
  const sent: SentRequest[] = [];
  /** What the proxy sent on to Sentry. */
  const upstream: Array<{ url: string; authorization?: string }> = [];
  const answer = typeof sentry === 'function' ? scripted(sentry) : throughProxy(sentry, options, upstream);
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
      return answer({ ...options, method }).subscribe(subscriber);
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

type Answer = (request: BackendSrvRequest & { method: string }) => Observable<FetchResponse<string>>;

function scripted(script: ScriptedAnswer): Answer {
  return (request) => {
    const result = script(request.url);
    if (result instanceof Observable) {
      return result;
    }
    return new Observable((subscriber) => {
      if (result.status >= 400) {
        subscriber.error({ status: result.status, data: result.data });
        return;
      }
      subscriber.next({ ...result, headers: result.headers ?? new Headers() } as FetchResponse<string>);
      subscriber.complete();
    });
  };
}

function throughProxy(
  fake: FakeSentry,
  options: FakeGrafanaOptions,
  upstream: Array<{ url: string; authorization?: string }>
): Answer {
  const stored = {
    jsonData: { url: fake.baseUrl },
    secureJsonData: options.secureJsonData ?? { authToken: DEMO_TOKEN },
  };
  const routes = options.routes ?? (manifest.routes as ProxyRoute[]);
  return (request) =>
    new Observable<FetchResponse<string>>((subscriber) => {
      const [pathPart, search = ''] = request.url.split('?');
      if (!pathPart.startsWith(`${INSTANCE_URL}/`)) {
        subscriber.error({ status: 404, data: `not a proxy URL: ${request.url}` });
        return;
      }
      const planned = planProxyRequest({
        routes,
        settings: stored,
        method: request.method,
        proxyPath: pathPart.slice(INSTANCE_URL.length + 1),
        search: search ? `?${search}` : '',
        headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, String(v)])),
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
}
