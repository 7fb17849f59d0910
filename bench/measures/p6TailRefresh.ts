/**
 * P6: points read per refresh of a 7-day error-rate panel (15-minute buckets, range ending now) refreshed 10 s
 * after a full read, tail refresh against a full reload; the fake's clock moves between the two reads.
 */
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from '../../src/sentry/client';
import { createNodeTransport } from '../../src/sentry/nodeTransport';
import { TailRefresh } from '../../src/sentry/tailRefresh';
import { measure, Measure, round } from './measure';

export async function p6(): Promise<Measure> {
  const anchor = Math.floor(Date.now() / 60_000) * 60_000;
  let clock = anchor + 7 * 60_000 + 13_000;
  const sentry = await startFakeSentry({ now: anchor, horizonMs: 3600_000, clock: () => clock });
  try {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    const query = { refId: 'A', queryType: 'eventsStats' as const, dataset: 'errors' as const };
    const panel = (to: number) => ({
      range: { from: new Date(to - 7 * 24 * 3600_000), to: new Date(to) },
      intervalMs: 15 * 60_000,
      maxDataPoints: 1000,
      relative: true,
    });
    const tail = new TailRefresh();
    await tail.run(client, query, panel(clock));
    const full = tail.lastRead!;
    clock += 10_000;
    await tail.run(client, query, panel(clock));
    const refresh = tail.lastRead!;
    const fewer = (1 - refresh.points / full.points) * 100;
    return measure(
      'P6',
      round(fewer, 1),
      90,
      '≥',
      [
        `7-day error rate, 15-minute buckets, refreshed 10 s later (${refresh.kind} read): points fetched tail ${refresh.points} vs full ${full.points} → ${fewer.toFixed(1)} % fewer (target ≥ 90 %)`,
      ],
      { tailPoints: refresh.points, fullPoints: full.points, refreshKind: refresh.kind },
      refresh.kind === 'tail'
    );
  } finally {
    await sentry.close();
  }
}
