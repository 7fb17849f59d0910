/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastHours } from '../../tests/support/fakeSentryClient';
import { SentryClient } from './client';
import { MAX_REDIRECTS, createNodeTransport } from './nodeTransport';
import { runQuery } from './run';
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

/** A local HTTP server on its own port (so its own origin), answering from `handle`, remembering what it saw. */
async function startServer(handle: http.RequestListener) {
  const seen: Array<{ url: string; auth: string | null }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? null });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url, seen, stop };
}

type Server = Awaited<ReturnType<typeof startServer>>;

describe('redirects', () => {
  let elsewhere: Server;
  let sentry: Server;

  beforeAll(async () => {
    elsewhere = await startServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('[]');
    });
    sentry = await startServer((req, res) => {
      const redirect = (status: number, location: string) => {
        res.writeHead(status, { Location: location });
        res.end();
      };
      if (req.url?.startsWith('/api/0/organizations/acme/issues/')) {
        return redirect(302, `${elsewhere.url}${req.url}`);
      }
      if (req.url === '/api/0/moved/') {
        return redirect(301, '/api/0/moved-again/');
      }
      if (req.url === '/api/0/moved-again/') {
        return redirect(307, `${sentry.url}/api/0/here/`);
      }
      if (req.url === '/api/0/loop/') {
        return redirect(302, '/api/0/loop/');
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ url: req.url }));
    });
  });

  afterAll(async () => {
    await sentry.stop();
    await elsewhere.stop();
  });

  beforeEach(() => {
    sentry.seen.length = 0;
    elsewhere.seen.length = 0;
  });

  it('refuses a redirect to another origin, naming both, and sends nothing there', async () => {
    const transport = createNodeTransport({ baseUrl: sentry.url, authToken: 'sntryu_abc' });
    const error = await transport
      .send({ path: '/api/0/organizations/acme/issues/' }, new AbortController().signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.kind).toBe('redirect');
    expect(error.message).toBe(
      `Sentry at ${sentry.url} redirected /api/0/organizations/acme/issues/ to ${elsewhere.url}; the request was not followed there. ` +
        `Set the Sentry URL to ${elsewhere.url} if that is where your Sentry lives.`
    );
    expect(elsewhere.seen).toEqual([]);
  });

  it('fails an issues query whose request is redirected to another host, instead of showing its empty list', async () => {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: 'sntryu_abc' }),
      orgSlug: 'acme',
    });
    const outcome = await runQuery(client, { refId: 'A', queryType: 'issues' }, lastHours(24));
    expect(outcome.frames).toEqual([]);
    expect(outcome.error).toMatchObject({ kind: 'redirected' });
    expect(outcome.error?.message).toContain(`redirected /api/0/organizations/acme/issues/ to ${elsewhere.url}`);
    // Not retried: the same request gets the same redirect.
    expect(client.stats.sent).toBe(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it('follows redirects within the Sentry origin, keeping the token', async () => {
    const transport = createNodeTransport({ baseUrl: sentry.url, authToken: 'sntryu_abc' });
    const response = await transport.send({ path: '/api/0/moved/' }, new AbortController().signal);
    expect(JSON.parse(response.body)).toEqual({ url: '/api/0/here/' });
    expect(sentry.seen).toEqual([
      { url: '/api/0/moved/', auth: 'Bearer sntryu_abc' },
      { url: '/api/0/moved-again/', auth: 'Bearer sntryu_abc' },
      { url: '/api/0/here/', auth: 'Bearer sntryu_abc' },
    ]);
  });

  it(`stops a redirect loop after ${MAX_REDIRECTS} redirects`, async () => {
    const transport = createNodeTransport({ baseUrl: sentry.url });
    const error = await transport.send({ path: '/api/0/loop/' }, new AbortController().signal).catch((e) => e);
    expect(error).toMatchObject({ kind: 'redirect' });
    expect(error.message).toBe(
      `Sentry at ${sentry.url} redirected /api/0/loop/ more than ${MAX_REDIRECTS} times (last to /api/0/loop/): a redirect loop, or a proxy in front of Sentry that sends API requests elsewhere.`
    );
    expect(sentry.seen).toHaveLength(MAX_REDIRECTS + 1);
  });
});

describe('the response size limit', () => {
  const MB = 1024 * 1024;
  /** What the server sends unless the client stops it: far more than any limit below. */
  const HUGE = 64 * MB;
  let huge: Server;
  /** How much of the huge body the server wrote, and whether the client closed the connection before its end. */
  let streamed: { written: number; closed: Promise<boolean> };

  beforeAll(async () => {
    huge = await startServer((req, res) => {
      if (req.url === '/api/0/declared/') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(HUGE) });
      } else if (req.url === '/api/0/accented/') {
        // é is two bytes, split across two chunks.
        res.setHeader('Content-Type', 'application/json');
        const text = Buffer.from('"é"');
        res.write(text.subarray(0, 2));
        res.end(text.subarray(2));
        return;
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
      }
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const state = { written: 0 };
      streamed = {
        get written() {
          return state.written;
        },
        closed: new Promise((resolve) => res.on('close', () => resolve(!res.writableFinished))),
      };
      const pump = () => {
        while (state.written < HUGE && !res.destroyed) {
          state.written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
  });

  afterAll(() => huge.stop());

  it.each([
    ['a body sent in chunks', '/api/0/streamed/'],
    ['a body whose Content-Length is over the limit', '/api/0/declared/'],
  ])('stops reading %s once it passes the limit, closing the connection', async (_name, path) => {
    const transport = createNodeTransport({ baseUrl: huge.url });
    const error = await transport.send({ path }, new AbortController().signal, { maxBytes: MB }).catch((e) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.kind).toBe('too-large');
    // The server saw the connection close long before it could write the whole body.
    expect(await streamed.closed).toBe(true);
    expect(streamed.written).toBeLessThan(HUGE / 4);
  });

  it('reads a body under the limit whole, with characters split across chunks', async () => {
    const transport = createNodeTransport({ baseUrl: huge.url });
    const response = await transport.send({ path: '/api/0/accented/' }, new AbortController().signal, {
      maxBytes: 4,
    });
    expect(response.body).toBe('"é"');
  });

  it('fails the query with a message naming the endpoint and the limit, without retrying', async () => {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: huge.url }),
      orgSlug: 'acme',
      maxResponseBytes: 2 * MB,
    });
    const error = await client.getJson('/api/0/streamed/').catch((e) => e);
    expect(error).toMatchObject({ name: 'SentryError', kind: 'too-large' });
    expect(error.message).toBe(
      "Sentry's answer to /api/0/streamed/ is larger than 2 MB, the response size limit. Narrow the query (a shorter " +
        'time range, fewer fields or a lower limit), or raise the limit (data source setting "Response size limit", ' +
        'CLI --max-response-mb).'
    );
    expect(client.stats.sent).toBe(1);
    expect(await streamed.closed).toBe(true);
  });
});
