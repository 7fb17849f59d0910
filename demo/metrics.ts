/**
 * Demo metrics service: Prometheus metrics of the same scenario the Sentry fake serves, so Prometheus panels and
 * Sentry panels tell one story (same services, environments, releases over time and the same error burst after
 * `checkout-api@2.4.1`). Run it: `npx tsx demo/metrics.ts` (PORT, HOST, FAKE_SENTRY_URL, FAKE_SENTRY_SEED,
 * DEMO_SCENARIO_NOW, DEMO_HISTORY; see demo/README.md).
 *
 * Every counter is the integral of the fake's modelled rate (fake-sentry/scenario/traffic-model.ts) from the
 * counter origin to the time of the scrape, so counters only grow and `rate()` gives back the model. Series carry
 * the release that runs in that environment at the time (`releaseAt`); a deploy starts new series at zero, as a
 * restarted process would.
 *
 * This file is the entry point (command line and public API); demo/metrics/ holds the model, the text formats,
 * the HTTP server and the command-line inputs.
 */
import { MINUTE } from '../fake-sentry/scenario';
import { parseDuration, resolveAnchor } from './metrics/command-line';
import { demoScenario, startDemoMetrics } from './metrics/server';

export { parseDuration, parseInstant, resolveAnchor } from './metrics/command-line';
export { createDemoMetrics } from './metrics/demo-metrics';
export type { DemoMetrics, DemoMetricsOptions, HistoryOptions } from './metrics/demo-metrics';
export { DEMO_ENVIRONMENTS, DEMO_SERVICES, LATENCY_BUCKETS, STATUSES } from './metrics/model';
export type { DemoScenario, GroupSnapshot } from './metrics/model';
export { demoScenario, startDemoMetrics } from './metrics/server';
export type { RunningDemoMetrics, StartDemoMetricsOptions } from './metrics/server';

async function main(): Promise<void> {
  const env = process.env;
  const startedAt = Date.now();
  const anchor = await resolveAnchor(env, (line) => console.log(line));
  const history = parseDuration(env.DEMO_HISTORY);
  const running = await startDemoMetrics({
    port: Number(env.PORT ?? 9464),
    host: env.HOST ?? '127.0.0.1',
    scenario: demoScenario(anchor),
    origin: Math.floor((startedAt - history) / MINUTE) * MINUTE,
  });
  const { scenario } = running.metrics;
  console.log(`Demo metrics listening on ${running.url}/metrics`);
  console.log(
    `  scenario:   anchor ${new Date(scenario.now).toISOString()} (from ${anchor.source}), seed ${scenario.seed}`
  );
  console.log(`  counters:   since ${new Date(running.metrics.origin).toISOString()}`);
  console.log(
    `  burst:      ${scenario.burst.release} in production since ${new Date(scenario.burst.start).toISOString()}`
  );
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
