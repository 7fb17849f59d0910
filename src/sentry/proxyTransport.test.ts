/** @jest-environment node */
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable, of, throwError } from 'rxjs';
import { createProxyTransport } from './proxyTransport';
import { utf8Length } from './transport';

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

  describe('an answer the browser got by following a redirect', () => {
    const redirectedTo = (url: string) => ({ ...ok('[]'), redirected: true, url }) as unknown as FetchResponse<string>;
    const base = '/api/datasources/proxy/uid/abc';
    const page = 'https://grafana.example/d/sentry';

    it('is refused when it came from another host, naming both', async () => {
      const { fetcher } = fetcherReturning(of(redirectedTo('https://elsewhere.example/api/0/organizations/acme/')));
      const transport = createProxyTransport(fetcher, base, 'https://sentry.example.com', page);
      const error = await transport
        .send({ path: '/api/0/organizations/acme/' }, new AbortController().signal)
        .catch((e) => e);
      expect(error).toMatchObject({ name: 'TransportError', kind: 'redirect' });
      expect(error.message).toBe(
        "Sentry at https://sentry.example.com redirected /api/0/organizations/acme/ to https://elsewhere.example; the browser followed it outside Grafana's data source proxy, without the token. " +
          'Set the Sentry URL to https://elsewhere.example if that is where your Sentry lives.'
      );
    });

    it('is refused when a path without a host took it out of the proxy route, onto Grafana itself', async () => {
      const { fetcher } = fetcherReturning(of(redirectedTo('https://grafana.example/api/0/organizations/acme/')));
      const transport = createProxyTransport(fetcher, base, 'https://sentry.example.com', page);
      await expect(
        transport.send({ path: '/api/0/organizations/acme/' }, new AbortController().signal)
      ).rejects.toThrow("redirected /api/0/organizations/acme/ to /api/0/organizations/acme/ on Grafana's own address");
    });

    it('is kept when the redirect stayed under the proxy route (Grafana sent it on, with the token)', async () => {
      const { fetcher } = fetcherReturning(of(redirectedTo(`https://grafana.example${base}/sentry/api/0/other/`)));
      const transport = createProxyTransport(fetcher, base, 'https://sentry.example.com', page);
      await expect(transport.send({ path: '/api/0/' }, new AbortController().signal)).resolves.toMatchObject({
        status: 200,
        body: '[]',
      });
    });
  });

  describe('the response size limit', () => {
    it('refuses a body over the limit, counting its UTF-8 bytes', async () => {
      // 40 characters, 78 bytes.
      const body = JSON.stringify('é'.repeat(38));
      const { fetcher } = fetcherReturning(of(ok(body)));
      const transport = createProxyTransport(fetcher, '/p', 'https://sentry.io');
      await expect(
        transport.send({ path: '/api/0/' }, new AbortController().signal, { maxBytes: 77 })
      ).rejects.toMatchObject({ name: 'TransportError', kind: 'too-large' });
      await expect(
        transport.send({ path: '/api/0/' }, new AbortController().signal, { maxBytes: 78 })
      ).resolves.toMatchObject({ body });
    });

    it('refuses an error body over the limit too', async () => {
      const { fetcher } = fetcherReturning(throwError(() => ({ status: 500, data: 'x'.repeat(101) })));
      const transport = createProxyTransport(fetcher, '/p', 'https://sentry.io');
      await expect(
        transport.send({ path: '/api/0/' }, new AbortController().signal, { maxBytes: 100 })
      ).rejects.toMatchObject({ kind: 'too-large' });
    });
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800x', 4],
  ])('counts %j as %i bytes, as TextEncoder does', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });

  it('stops counting just past the limit', () => {
    expect(utf8Length('a'.repeat(1000), 10)).toBe(11);
  });
});
