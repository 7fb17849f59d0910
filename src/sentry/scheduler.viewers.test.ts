/** @jest-environment node */
/**
 * Ten people open the Service overview at once: ten clients (ten browser tabs, each its own scheduler), one token,
 * so one rate limit at Sentry, which they learn of only from its headers. No shared cache. Virtual time shared
 * by the clients and the fake (SimulatedClock): Sentry takes a while to answer, holding a concurrency slot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectQueries } from '../../cli/dashboard';
import { RateLimitMode } from '../../fake-sentry/handlers';
import { mulberry32 } from '../../fake-sentry/prng';
import { FIXED_NOW, HOUR, createTestFake, inProcessTransport } from '../../tests/support/fakeSentryClient';
import { SimulatedClock } from '../../tests/support/virtualClock';
import { SentryClient } from './client';
import { QueryOutcome, runQuery } from './run';
import { Transport } from './transport';

const dashboard = JSON.parse(
  readFileSync(path.join(__dirname, '../dashboards/service-overview.json'), 'utf8')
);
const panels = collectQueries(dashboard, { service: ['checkout-api'], env: ['production'] });

/** The fake behind a network: each way takes `ms` of virtual time. */
function overNetwork(transport: Transport, clock: SimulatedClock, ms: number): Transport {
  return {
    target: transport.target,
    async send(request, signal, options) {
      await clock.sleep(ms);
      const response = await transport.send(request, signal, options);
      await clock.sleep(ms);
      return response;
    },
  };
}

async function openTogether(viewers: number, rateLimit: RateLimitMode): Promise<QueryOutcome[]> {
  const clock = new SimulatedClock(FIXED_NOW + 137);
  const fake = createTestFake({
    clock: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    // Latency only: every answer takes up to 600 ms.
    modes: { rateLimit, chaos: { errorRate: 0, dropRate: 0, latencyMs: 600, seed: 5 } },
  });
  const context = { range: { from: new Date(FIXED_NOW - 6 * HOUR), to: new Date(FIXED_NOW) } };
  const dashboards = Array.from({ length: viewers }, (_, viewer) => {
    const client = new SentryClient({
      transport: overNetwork(inProcessTransport(fake), clock, 20 + viewer),
      orgSlug: 'acme',
      scheduler: { clock, random: mulberry32(viewer + 1) },
    });
    return Promise.all(panels.map(({ query }) => runQuery(client, query, context)));
  });
  return (await Promise.all(dashboards)).flat();
}

const waitNotices = (outcomes: QueryOutcome[]) =>
  outcomes.filter((o) =>
    o.frames.some((f) => f.meta?.notices?.some((n) => /^waited \d+ s for Sentry's rate limit$/.test(n.text)))
  );

describe('ten viewers of the Service overview, one token, no shared cache', () => {
  it.each<[string, RateLimitMode]>([
    ['Sentry’s default limits, 40/s and 25 concurrent', { limit: 40, windowMs: 1000, concurrent: 25 }],
    ['10/s', { limit: 10, windowMs: 1000, concurrent: 25 }],
    ['5/s and 5 concurrent', { limit: 5, windowMs: 1000, concurrent: 5 }],
  ])(
    '%s: no panel fails',
    async (_name, rateLimit) => {
      const outcomes = await openTogether(10, rateLimit);
      expect(outcomes).toHaveLength(10 * panels.length);
      expect(outcomes.filter((o) => o.error).map((o) => `${o.refId}: ${o.error!.message}`)).toEqual([]);
      expect(outcomes.every((o) => o.frames.length > 0)).toBe(true);
    },
    60_000
  );

  it('panels that waited for the rate limit say so', async () => {
    const outcomes = await openTogether(10, { limit: 5, windowMs: 1000, concurrent: 5 });
    expect(waitNotices(outcomes).length).toBeGreaterThan(0);
    // One viewer alone never waits that long.
    expect(waitNotices(await openTogether(1, { limit: 5, windowMs: 1000, concurrent: 5 }))).toEqual([]);
  }, 60_000);
});
