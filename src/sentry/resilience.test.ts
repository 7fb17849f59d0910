/** @jest-environment node */
// The scheduler against the fake's rate-limit and chaos modes, over real HTTP.
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from './client';
import { paths } from './endpoints';
import { createNodeTransport } from './nodeTransport';
import { VirtualClock } from '../../tests/support/virtualClock';

let sentry: RunningFakeSentry;
// The fake's rate-limit windows and the client's waits on one virtual clock: time moves only when the client
// waits, so the waits return at once and every request in flight falls in the same window.
const clock = new VirtualClock(Date.now());

beforeAll(async () => {
  sentry = await startFakeSentry({ clock: () => clock.now() });
});

afterAll(() => sentry.close());

afterEach(() => sentry.fake.setMode({ rateLimit: null, chaos: null }));

const client = (maxConcurrentRequests = 5) =>
  new SentryClient({
    transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
    orgSlug: 'acme',
    maxConcurrentRequests,
    scheduler: { clock },
  });

const range = (): Array<[string, string]> => [
  ['start', new Date(Date.now() - 14 * 24 * 3600_000).toISOString()],
  ['end', new Date().toISOString()],
  ['project', '-1'],
  ['query', ''],
];

describe('under Sentry’s rate limits', () => {
  it('50 concurrent issue lists all succeed and no 429 reaches the caller', async () => {
    sentry.fake.setMode({ rateLimit: { limit: 10, windowMs: 1000, concurrent: 4 } });
    const sentryClient = client(8);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        // Distinct requests, so none is coalesced away.
        sentryClient.getJson<unknown[]>(paths.issues('acme'), [...range(), ['limit', String(10 + i)]])
      )
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures).toEqual([]);
    expect(results.every((r) => r.status === 'fulfilled' && Array.isArray(r.value.data))).toBe(true);
    // The fake did push back; the scheduler absorbed it by pacing and retrying.
    const fakeSaw429 = sentry.fake.requestLog.filter((entry) => entry.status === 429).length;
    expect(sentryClient.stats.paced + fakeSaw429).toBeGreaterThan(0);
    expect(sentryClient.stats.rateLimited).toBe(fakeSaw429);
  });
});

describe('under chaos (5xx, HTML 502s, latency, dropped connections)', () => {
  it('paginated reads return exactly the rows of a clean run', async () => {
    const read = async () => {
      const { rows, truncated } = await client().getAllPages<{ id: string }>(paths.issues('acme'), range(), {
        pageSizeParam: 'limit',
        rowBudget: 10_000,
      });
      return { ids: rows.map((r) => r.id), truncated };
    };
    const clean = await read();
    expect(clean.ids.length).toBeGreaterThan(200);
    expect(new Set(clean.ids).size).toBe(clean.ids.length);

    sentry.fake.setMode({ chaos: { errorRate: 0.3, latencyMs: 50, dropRate: 0.1, seed: 11 } });
    const logStart = sentry.fake.requestLog.length;
    const chaotic = await read();
    expect(chaotic).toEqual(clean);
    const failed = sentry.fake.requestLog.slice(logStart).filter((e) => e.status >= 500).length;
    expect(failed).toBeGreaterThan(0);
  });
});
