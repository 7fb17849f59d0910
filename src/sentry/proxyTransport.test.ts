/** @jest-environment node */
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable, of, throwError } from 'rxjs';
import { createProxyTransport } from './proxyTransport';

function fetcherReturning(result: Observable<FetchResponse<string>>) {
  const calls: BackendSrvRequest[] = [];
  return {
    calls,
    fetcher: {
      fetch: <T>(options: BackendSrvRequest) => {
        calls.push(options);
        return result as unknown as Observable<FetchResponse<T>>;
      },
    },
  };
}

const ok = (data: string, headers: Record<string, string> = {}) =>
  ({ status: 200, data, headers: new Headers(headers), ok: true }) as unknown as FetchResponse<string>;

describe('createProxyTransport', () => {
  it('goes through the data source proxy route and never sets Authorization itself', async () => {
    const { fetcher, calls } = fetcherReturning(of(ok('[]', { Link: '<x>; rel="next"', 'X-Hits': '3' })));
    const transport = createProxyTransport(fetcher, '/api/datasources/proxy/uid/abc/', 'https://sentry.io');
    const response = await transport.send(
      {
        path: '/api/0/organizations/acme/issues/',
        params: [
          ['project', '1'],
          ['project', '2'],
        ],
      },
      new AbortController().signal
    );
    expect(calls[0].url).toBe(
      '/api/datasources/proxy/uid/abc/sentry/api/0/organizations/acme/issues/?project=1&project=2'
    );
    expect(JSON.stringify(calls[0].headers ?? {})).not.toMatch(/authorization/i);
    expect(calls[0]).toMatchObject({ responseType: 'text', showErrorAlert: false });
    expect(response).toEqual({ status: 200, headers: { link: '<x>; rel="next"', 'x-hits': '3' }, body: '[]' });
    expect(transport.target).toBe('https://sentry.io');
  });

  it('passes an HTTP error status on as a response, so the core can explain it', async () => {
    const { fetcher } = fetcherReturning(
      throwError(() => ({ status: 400, data: 'Authentication to data source failed', statusText: 'Bad Request' }))
    );
    const transport = createProxyTransport(fetcher, '/api/datasources/proxy/uid/abc', 'https://sentry.io');
    await expect(transport.send({ path: '/api/0/' }, new AbortController().signal)).resolves.toEqual({
      status: 400,
      headers: {},
      body: 'Authentication to data source failed',
    });
  });

  it('turns parsed error bodies back into text', async () => {
    const { fetcher } = fetcherReturning(
      throwError(() => ({ status: 404, data: { detail: 'The requested resource does not exist' } }))
    );
    const transport = createProxyTransport(fetcher, '/p', 'https://sentry.io');
    const response = await transport.send({ path: '/api/0/' }, new AbortController().signal);
    expect(JSON.parse(response.body)).toEqual({ detail: 'The requested resource does not exist' });
  });

  it('reports a request Grafana could not send as a network error, and a cancelled one as cancelled', async () => {
    const network = createProxyTransport(
      fetcherReturning(throwError(() => ({ status: 0, statusText: 'offline' }))).fetcher,
      '/p',
      'u'
    );
    await expect(network.send({ path: '/api/0/' }, new AbortController().signal)).rejects.toMatchObject({
      kind: 'network',
    });
    const cancelled = createProxyTransport(
      fetcherReturning(throwError(() => ({ cancelled: true, status: -1 }))).fetcher,
      '/p',
      'u'
    );
    await expect(cancelled.send({ path: '/api/0/' }, new AbortController().signal)).rejects.toMatchObject({
      kind: 'cancelled',
    });
  });

  it('unsubscribes from Grafana’s fetch when aborted, which cancels the browser request', async () => {
    let unsubscribed = false;
    const never = new Observable<FetchResponse<string>>(() => () => {
      unsubscribed = true;
    });
    const transport = createProxyTransport(fetcherReturning(never).fetcher, '/p', 'u');
    const controller = new AbortController();
    const pending = transport.send({ path: '/api/0/' }, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(unsubscribed).toBe(true);
  });
});
