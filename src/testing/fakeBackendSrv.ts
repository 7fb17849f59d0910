/**
 * Grafana's backendSrv for data source tests, playing the data source proxy in front of the Sentry fake:
 * it strips `<instance url>/sentry`, adds the bearer token (as the route in plugin.json does), and answers
 * non-2xx statuses as Grafana's fetch does (an error carrying status and body).
 */
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';
import { DEMO_TOKEN, FakeSentry } from '../../fake-sentry/handlers';

export const INSTANCE_URL = '/api/datasources/proxy/uid/sentry-lens';

export function fakeBackendSrv(fake: FakeSentry, token = DEMO_TOKEN) {
  const urls: string[] = [];
  const fetch = (options: BackendSrvRequest) =>
    new Observable<FetchResponse<string>>((subscriber) => {
      urls.push(options.url);
      const prefix = `${INSTANCE_URL}/sentry`;
      if (!options.url.startsWith(prefix)) {
        subscriber.error({ status: 404, data: 'no such route' });
        return;
      }
      fake
        .handle({ method: 'GET', url: options.url.slice(prefix.length), headers: { authorization: `Bearer ${token}` } })
        .then((response) => {
          const headers = new Headers(
            Object.entries(response.headers).map(([k, v]): [string, string] => [k, String(v)])
          );
          if (response.status >= 200 && response.status < 300) {
            subscriber.next({
              status: response.status,
              data: response.body,
              headers,
              ok: true,
            } as FetchResponse<string>);
            subscriber.complete();
          } else if (response.status === 401) {
            // Grafana's proxy turns Sentry's 401 into this 400.
            subscriber.error({ status: 400, data: 'Authentication to data source failed' });
          } else {
            subscriber.error({ status: response.status, data: response.body });
          }
        });
    });
  return { urls, fetch: fetch as unknown as BackendSrv['fetch'] };
}
