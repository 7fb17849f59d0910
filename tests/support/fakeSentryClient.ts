/** The Sentry fake in-process, behind the core's Transport: fast query tests without sockets. */
import { DEMO_TOKEN, FakeSentry, FakeSentryOptions, createFakeSentry } from '../../fake-sentry/handlers';
import { SentryClient, SentryClientOptions } from '../../src/sentry/client';
import { SentryRequest, SentryResponse, Transport, TransportError, buildQueryString } from '../../src/sentry/transport';

/** A fixed "now" so the scenario, and every expectation derived from it, is the same on every run. */
export const FIXED_NOW = Date.UTC(2026, 4, 6, 12, 0, 0);
export const HOUR = 3_600_000;

export function inProcessTransport(fake: FakeSentry, token = DEMO_TOKEN): Transport {
  return {
    target: fake.baseUrl,
    async send(request: SentryRequest): Promise<SentryResponse> {
      const response = await fake.handle({
        method: 'GET',
        url: request.path + buildQueryString(request.params),
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.dropConnection) {
        throw new TransportError('network', 'socket hang up');
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        headers[name.toLowerCase()] = String(value);
      }
      return { status: response.status, headers, body: response.body };
    },
  };
}

export function createTestFake(options: FakeSentryOptions = {}): FakeSentry {
  return createFakeSentry({ now: FIXED_NOW, baseUrl: 'https://sentry.fake.test', ...options });
}

export function fakeClient(fake: FakeSentry, options: Partial<SentryClientOptions> = {}): SentryClient {
  return new SentryClient({ transport: inProcessTransport(fake), orgSlug: 'acme', ...options });
}

/** The last `hours` before the fixed now. */
export function lastHours(hours: number) {
  return { range: { from: new Date(FIXED_NOW - hours * HOUR), to: new Date(FIXED_NOW) } };
}

/**
 * A client of the fake whose answers `intercept` may replace (a server flavour the fake does not play by itself);
 * `undefined` lets the fake answer.
 */
export function interceptedClient(
  fake: FakeSentry,
  intercept: (request: SentryRequest) => SentryResponse | undefined
): SentryClient {
  const transport = inProcessTransport(fake);
  return new SentryClient({
    orgSlug: 'acme',
    transport: {
      target: transport.target,
      send: async (request, signal) => intercept(request) ?? transport.send(request, signal),
    },
  });
}
