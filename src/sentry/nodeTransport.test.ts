/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeTransport } from './nodeTransport';
import { TransportError } from './transport';

let server: http.Server;
let baseUrl: string;
const seen: http.IncomingMessage[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    if (req.url?.startsWith('/slow')) {
      return; // never answers
    }
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('X-Sentry-Rate-Limit-Remaining', '39');
    res.setHeader('Link', '<x>; rel="next"; results="false"; cursor="0:100:0"');
    res.end(JSON.stringify({ url: req.url, auth: req.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createNodeTransport', () => {
  it('sends the bearer token and repeated query keys, and lower-cases response headers', async () => {
    const transport = createNodeTransport({ baseUrl: `${baseUrl}/`, authToken: 'sntryu_abc' });
    const response = await transport.send(
      {
        path: '/api/0/organizations/acme/events/',
        params: [
          ['field', 'count()'],
          ['field', 'title'],
          ['query', 'a b:"c"'],
        ],
      },
      new AbortController().signal
    );
    const body = JSON.parse(response.body);
    expect(body.auth).toBe('Bearer sntryu_abc');
    expect(body.url).toBe('/api/0/organizations/acme/events/?field=count%28%29&field=title&query=a+b%3A%22c%22');
    expect(response.headers['x-sentry-rate-limit-remaining']).toBe('39');
    expect(response.headers.link).toContain('cursor="0:100:0"');
    expect(transport.target).toBe(baseUrl);
  });

  it('sends no Authorization header without a token', async () => {
    const transport = createNodeTransport({ baseUrl });
    const response = await transport.send({ path: '/api/0/' }, new AbortController().signal);
    expect(JSON.parse(response.body).auth).toBeNull();
  });

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = createNodeTransport({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await transport.send({ path: '/api/0/' }, new AbortController().signal).catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('reports an abort as cancelled', async () => {
    const transport = createNodeTransport({ baseUrl });
    const controller = new AbortController();
    const pending = transport.send({ path: '/slow/' }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
