/**
 * P5: a 20-panel dashboard against the fake limited to 3 requests/s and 2 concurrent: no panel may fail, and the
 * wall time ÷ the least the limit allows (the reads that succeeded ÷ 3 per second) is at most 1.2.
 */
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from '../../src/sentry/client';
import { createNodeTransport } from '../../src/sentry/nodeTransport';
import { runSavedQuery } from '../../src/sentry/run';
import { measure, Measure, round, timeAsync } from './measure';

const PER_SECOND = 3;

export async function p5(): Promise<Measure> {
  const sentry = await startFakeSentry({ modes: { rateLimit: { limit: PER_SECOND, windowMs: 1000, concurrent: 2 } } });
  try {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    const context = { range: { from: new Date(Date.now() - 24 * 3600_000), to: new Date() }, intervalMs: 3600_000 };
    const panels = Array.from({ length: 20 }, (_, i) => ({
      refId: `P${i}`,
      queryType: 'issues' as const,
      issuesQuery: '',
      issuesLimit: 5 + i,
    }));
    let outcomes: Array<Awaited<ReturnType<typeof runSavedQuery>>> = [];
    const wall = await timeAsync(async () => {
      outcomes = await Promise.all(panels.map((panel) => runSavedQuery(client, panel, context)));
    });
    const failed = outcomes.filter((outcome) => outcome.error).length;
    const log = sentry.fake.requestLog;
    const rateLimited = log.filter((entry) => entry.status === 429).length;
    // The least time the limit allows for the reads the panels need; a 429 is not a read.
    const needed = log.length - rateLimited;
    const ideal = (needed / PER_SECOND) * 1000;
    const ratio = wall / ideal;
    return measure(
      'P5',
      round(ratio),
      1.2,
      '≤',
      [
        `20 panels at ${PER_SECOND} req/s, 2 concurrent: ${failed} failed, ${needed} reads (+ ${rateLimited} answered 429) in ${(wall / 1000).toFixed(1)} s ÷ ideal ${(ideal / 1000).toFixed(1)} s → ratio ${ratio.toFixed(2)} (target ≤ 1.2, 0 failed)`,
      ],
      { failedPanels: failed, reads: needed, rateLimited, wallMs: round(wall, 0) },
      failed === 0
    );
  } finally {
    await sentry.close();
  }
}
