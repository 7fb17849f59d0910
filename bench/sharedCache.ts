/**
 * `npm run bench:cache` (P7): ten viewers opening the Service overview at once, each its own client and scheduler
 * as browsers are, one token, against the Sentry fake in rate-limit mode — through the shared cache
 * (sentry-cache/nginx.conf.template on Debian's nginx) and without it, against one viewer alone.
 * `--json` prints the result object. Needs /usr/sbin/nginx (apt-get install nginx) or NGINX_BIN.
 */
import { DEFAULT_RATE_LIMIT, FakeModes } from '../fake-sentry/modes';
import { startFakeSentry } from '../fake-sentry/server';
import { hasNginx, NGINX_BIN, startNginxCache } from '../tests/demo-stack/nginxCache';
import { runViewers } from '../tests/demo-stack/viewers';

export interface ViewersRun {
  /** Panels in error, all viewers together. */
  failed: number;
  /** Requests Sentry received. */
  sentryRequests: number;
  /** Of which answered 429. */
  rateLimited: number;
  wallMs: number;
}

export interface SharedCacheResult {
  viewers: number;
  /** Failed panels of the viewers through the cache. */
  failed: number;
  /** Requests Sentry received for the viewers through the cache (median over the rounds). */
  sentryRequests: number;
  /** Requests Sentry received for one viewer alone, without the cache. */
  oneViewerRequests: number;
  /** Wall time of the viewers through the cache ÷ one viewer alone without it (median over the rounds). */
  wallRatio: number;
  /** The same viewers straight to Sentry. */
  withoutCache: { failed: number; sentryRequests: number; rateLimited: number; wallRatio: number };
  rounds: number;
  latencyMs: number;
}

export interface SharedCacheOptions {
  viewers?: number;
  rounds?: number;
  /** Latency the fake adds to each answer, uniform 0..latencyMs (0: loopback speed). */
  latencyMs?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One scenario on a fresh fake (and, with the cache, a fresh cache): its own rate-limit windows, a cold cache. */
/** Ten people opening a dashboard "at once" do so over a couple of seconds. */
const SPREAD_MS = 2_000;

async function measure(viewers: number, viaCache: boolean, modes: FakeModes, now: Date): Promise<ViewersRun> {
  const sentry = await startFakeSentry({ modes });
  const cache = viaCache ? await startNginxCache({ upstream: sentry.url }) : undefined;
  try {
    const { outcomes, wallMs } = await runViewers(viewers, { url: cache?.url ?? sentry.url, now, spreadMs: SPREAD_MS });
    const log = sentry.fake.requestLog;
    return {
      failed: outcomes.reduce((n, o) => n + o.failed.length, 0),
      sentryRequests: log.length,
      rateLimited: log.filter((entry) => entry.status === 429).length,
      wallMs,
    };
  } finally {
    await cache?.close();
    await sentry.close();
  }
}

export async function measureSharedCache(options: SharedCacheOptions = {}): Promise<SharedCacheResult> {
  if (!hasNginx) {
    throw new Error(
      `The shared-cache bench runs Debian's nginx (${NGINX_BIN}): apt-get install nginx, or set NGINX_BIN.`
    );
  }
  const { viewers = 10, rounds = 5, latencyMs = 0 } = options;
  const modes: FakeModes = {
    rateLimit: DEFAULT_RATE_LIMIT,
    ...(latencyMs > 0 ? { chaos: { errorRate: 0, dropRate: 0, latencyMs, seed: 13 } } : {}),
  };
  await measure(1, false, modes, new Date()); // warm-up: module loading and JIT would count against the first viewer
  const one: ViewersRun[] = [];
  const cached: ViewersRun[] = [];
  const direct: ViewersRun[] = [];
  for (let round = 0; round < rounds; round++) {
    // Each round the viewers open the dashboard within SPREAD_MS of the clock's time (now, not a chosen moment):
    // a round that straddles a minute sends two sets of URLs, as it would for real viewers.
    const now = new Date();
    one.push(await measure(1, false, modes, now));
    cached.push(await measure(viewers, true, modes, now));
    direct.push(await measure(viewers, false, modes, now));
  }
  const oneWall = median(one.map((r) => r.wallMs));
  return {
    viewers,
    failed: Math.max(...cached.map((r) => r.failed)),
    sentryRequests: median(cached.map((r) => r.sentryRequests)),
    oneViewerRequests: median(one.map((r) => r.sentryRequests)),
    wallRatio: median(cached.map((r) => r.wallMs)) / oneWall,
    withoutCache: {
      failed: Math.max(...direct.map((r) => r.failed)),
      sentryRequests: median(direct.map((r) => r.sentryRequests)),
      rateLimited: median(direct.map((r) => r.rateLimited)),
      wallRatio: median(direct.map((r) => r.wallMs)) / oneWall,
    },
    rounds,
    latencyMs,
  };
}

export function formatSharedCache(result: SharedCacheResult): string {
  const { viewers, withoutCache: direct } = result;
  const latency = result.latencyMs > 0 ? `, Sentry answering in 0–${result.latencyMs} ms` : ', loopback';
  return [
    `P7  ${viewers} viewers of the Service overview, one token, rate-limited fake${latency} (median of ${result.rounds}):`,
    `    with the cache:    ${result.failed} failed panels, ${result.sentryRequests} Sentry requests = ${(result.sentryRequests / result.oneViewerRequests).toFixed(2)}× one viewer's ${result.oneViewerRequests} (target ≤ 1.5, 0 failed), wall ${result.wallRatio.toFixed(2)}× one viewer`,
    `    without the cache: ${direct.failed} failed panels, ${direct.sentryRequests} Sentry requests (${direct.rateLimited} answered 429), wall ${direct.wallRatio.toFixed(2)}× one viewer`,
  ].join('\n');
}

async function run() {
  const json = process.argv.includes('--json');
  const results = [await measureSharedCache(), await measureSharedCache({ latencyMs: 400 })];
  if (json) {
    console.log(JSON.stringify(results));
    return;
  }
  console.log(results.map(formatSharedCache).join('\n'));
  console.log(
    '    (a request waiting for an identical one in flight is answered within 500 ms of it: nginx looks every 500 ms)'
  );
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
