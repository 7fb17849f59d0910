// Switchable behaviours: rate limiting, chaos (errors, latency, dropped connections), Sentry flavours
// (sentry.io today and next, older self-hosted), region pinning, endpoint deprecation.

import { hexString, mulberry32, Rng } from './prng';

export interface RateLimitMode {
  /** Requests allowed per window and caller+endpoint. */
  limit: number;
  windowMs: number;
  /** Concurrent requests allowed per caller+endpoint. */
  concurrent: number;
  /**
   * How requests are counted (RateLimiter below): 'rolling' (default) over the last `windowMs`, or 'fixed' in
   * epoch-aligned buckets exactly as Sentry's RedisRateLimiter does. The headers are Sentry's either way.
   */
  window?: 'rolling' | 'fixed';
  /**
   * 429 body: 'string' (default) = a JSON-encoded string, as in sentry-api.md §5;
   * 'object' = `{"detail": "…"}`, as the newest server code does.
   */
  body?: 'string' | 'object';
}

export interface ChaosMode {
  /** Share of requests answered with a 500, 502 or 503. */
  errorRate: number;
  /** Maximum random latency added to each request (uniform 0..latencyMs). */
  latencyMs: number;
  /** Share of requests whose connection is dropped without a response (server only). */
  dropRate: number;
  /** Share of requests answered 429 as Sentry's rate limiter does (JSON string body, no Retry-After). */
  rateLimitedRate?: number;
  /** Seed of the chaos dice (same seed + same request order → same outcomes). */
  seed?: number;
}

export interface RegionMode {
  /** What org details report as `links.regionUrl` (e.g. a second fake instance). */
  regionUrl: string;
  /**
   * What org details report as `links.organizationUrl`, the org's customer domain (https://acme.sentry.io on
   * sentry.io, which routes to the org's region); by default the region URL.
   */
  organizationUrl?: string;
  /**
   * Whether this host still answers org-scoped data endpoints (default true: sentry.io's control
   * silo proxies them to the region). false models a host that does not hold the org's data:
   * everything but org details / org list / `/api/0/` answers 404.
   */
  serveData?: boolean;
}

/**
 * An endpoint deprecated the way Sentry's `@deprecated` decorator does it (src/sentry/api/helpers/deprecation.py):
 * `X-Sentry-Deprecation-Date` and `X-Sentry-Replacement-Endpoint` on every answer, and 410 during brownouts
 * after the date. Sentry sends these per endpoint, not for a dataset; no endpoint the plugin uses is deprecated
 * today, so this mode is for testing how the plugin reads them.
 */
export interface DeprecationMode {
  /** Route names (handlers.ts, e.g. `events-stats`) → the route suggested instead, or null. */
  routes: Record<string, string | null>;
  /** Deprecation date, ISO 8601. */
  date: string;
  /** After the date, answer 410 as in a brownout window (the decorator's default: daily at noon UTC). */
  brownout?: boolean;
}

/** Flavours besides `selfHosted`: sentry.io today, and sentry.io without the deprecated datasets (flavours.ts). */
export type SaasFlavour = 'saas' | 'saas-next';

export interface FakeModes {
  rateLimit?: RateLimitMode | null;
  chaos?: ChaosMode | null;
  /**
   * Older self-hosted: no rate-limit headers, no events-timeseries, no spans/logs datasets, sessions in whole
   * hours, stats_v2 minute intervals only for short ranges, HTML login page off the API.
   */
  selfHosted?: boolean;
  /** sentry.io today (`saas`) or once `discover`/`transactions` are removed (`saas-next`). */
  flavour?: SaasFlavour | null;
  deprecation?: DeprecationMode | null;
  region?: RegionMode | null;
  /** The org's `global-views` feature (multi-project /events/ queries); default true. */
  globalViews?: boolean;
  /** Script payloads in every user-controlled string (hostile.ts); same ids and times; release counts as text. */
  hostile?: boolean;
}

/** Merge mode changes: null/undefined entries switch a mode off; choosing a flavour switches the other off. */
export function mergeModes(modes: FakeModes, changes: Partial<FakeModes>): FakeModes {
  const next: FakeModes = { ...modes, ...changes };
  if (changes.flavour) {
    delete next.selfHosted;
  } else if (changes.selfHosted) {
    delete next.flavour;
  }
  for (const key of Object.keys(changes) as Array<keyof FakeModes>) {
    if (changes[key] === null || changes[key] === undefined) {
      delete next[key];
    }
  }
  return next;
}

/** Sentry.io's observed default: 40 requests per second, 25 concurrent. */
export const DEFAULT_RATE_LIMIT: RateLimitMode = { limit: 40, windowMs: 1000, concurrent: 25 };
export const DEFAULT_CHAOS: ChaosMode = { errorRate: 0.2, latencyMs: 300, dropRate: 0.05, seed: 7 };
/**
 * `FAKE_SENTRY_MODE=deprecated`: events-stats deprecated in favour of events-timeseries, which Sentry says it will
 * replace (getsentry/sentry#86835). Hypothetical: Sentry has not deprecated events-stats.
 */
export const DEFAULT_DEPRECATION: DeprecationMode = {
  routes: { 'events-stats': 'events-timeseries' },
  date: '2026-12-01T00:00:00Z',
};

export interface RateLimitDecision {
  headers: Record<string, string>;
  /** Set when the request must be rejected with 429. */
  rejection?: { body: string; contentType: string };
  release(): void;
}

/**
 * Sentry's API rate limits per caller + endpoint, headers included (sentry/middleware/ratelimit.py,
 * sentry/ratelimits/utils.py `above_rate_limit_check`, sentry/ratelimits/redis.py `is_limited_with_value`):
 * - every request is counted, a rejected one too (Sentry INCRs before comparing): limited when the count
 *   exceeds the limit; `Remaining` is limit − count, 0 once limited;
 * - `Reset` is the start of the next window bucket in whole epoch seconds (`_bucket_start_time(bucket + 1)`);
 * - concurrency is checked only when the window is not exceeded (sentry/ratelimits/concurrent.py);
 *   `ConcurrentRemaining` is the concurrent limit − requests in flight.
 * Sentry's RedisRateLimiter counts in fixed buckets (`int(time / window)`). The 'rolling' default counts the
 * requests of the last `windowMs` instead, with the same headers: stricter (whatever passes it passes fixed
 * buckets too), and what a client meets when its clock and Sentry's buckets disagree: at `Reset` the requests
 * of the last window may still count.
 */
export class RateLimiter {
  /** Times of the requests counted per key, oldest first (rolling), or the current bucket's count (fixed). */
  private logs = new Map<string, number[]>();
  private buckets = new Map<string, { start: number; count: number }>();
  private inFlight = new Map<string, number>();

  check(key: string, mode: RateLimitMode, now: number): RateLimitDecision {
    const count = mode.window === 'fixed' ? this.countFixed(key, mode, now) : this.countRolling(key, mode, now);
    const current = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, current);
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
      }
    };
    const nextBucket = (Math.floor(now / mode.windowMs) + 1) * mode.windowMs;
    const headers = {
      'X-Sentry-Rate-Limit-Limit': String(mode.limit),
      'X-Sentry-Rate-Limit-Remaining': String(Math.max(0, mode.limit - count)),
      'X-Sentry-Rate-Limit-Reset': String(Math.floor(nextBucket / 1000)),
      'X-Sentry-Rate-Limit-ConcurrentLimit': String(mode.concurrent),
      'X-Sentry-Rate-Limit-ConcurrentRemaining': String(Math.max(0, mode.concurrent - current)),
    };
    let message: string | null = null;
    if (count > mode.limit) {
      message = `You are attempting to use this endpoint too frequently. Limit is ${mode.limit} requests in ${mode.windowMs / 1000} seconds`;
    } else if (current > mode.concurrent) {
      message = `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${mode.concurrent}`;
    }
    if (message === null) {
      return { headers, release };
    }
    const rejection =
      mode.body === 'object'
        ? { body: JSON.stringify({ detail: message }), contentType: 'application/json' }
        : // Sentry's middleware answers a JSON-encoded string with Django's default content type.
          { body: JSON.stringify(message), contentType: 'text/html; charset=utf-8' };
    return { headers, rejection, release };
  }

  /** Requests in (now − windowMs, now], this one included. */
  private countRolling(key: string, mode: RateLimitMode, now: number): number {
    let log = this.logs.get(key);
    if (!log) {
      log = [];
      this.logs.set(key, log);
    }
    let expired = 0;
    while (expired < log.length && log[expired] <= now - mode.windowMs) {
      expired++;
    }
    log.splice(0, expired);
    log.push(now);
    return log.length;
  }

  /** Requests in the bucket floor(now / windowMs), this one included. */
  private countFixed(key: string, mode: RateLimitMode, now: number): number {
    const start = Math.floor(now / mode.windowMs) * mode.windowMs;
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.start !== start) {
      bucket = { start, count: 0 };
      this.buckets.set(key, bucket);
    }
    return ++bucket.count;
  }

  reset(): void {
    this.logs.clear();
    this.buckets.clear();
    this.inFlight.clear();
  }
}

export type ChaosOutcome =
  | { kind: 'ok'; latencyMs: number }
  | { kind: 'drop'; latencyMs: number }
  | { kind: 'rate-limited'; latencyMs: number }
  | { kind: 'error'; latencyMs: number; status: 500 | 502 | 503; errorId: string };

/** Seeded dice: the n-th request after setMode always gets the same outcome. */
export class ChaosMonkey {
  private rng: Rng;

  constructor(private mode: ChaosMode) {
    this.rng = mulberry32(mode.seed ?? 1);
  }

  roll(): ChaosOutcome {
    const latencyMs = Math.floor(this.rng() * Math.max(0, this.mode.latencyMs));
    const roll = this.rng();
    const pickStatus = this.rng();
    const errorId = hexString(this.rng, 32);
    if (roll < this.mode.dropRate) {
      return { kind: 'drop', latencyMs };
    }
    if (roll < this.mode.dropRate + this.mode.errorRate) {
      const status = pickStatus < 0.5 ? 500 : pickStatus < 0.8 ? 502 : 503;
      return { kind: 'error', latencyMs, status, errorId };
    }
    if (roll < this.mode.dropRate + this.mode.errorRate + (this.mode.rateLimitedRate ?? 0)) {
      return { kind: 'rate-limited', latencyMs };
    }
    return { kind: 'ok', latencyMs };
  }
}

export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
export const SERVICE_UNAVAILABLE_HTML =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * Modes from FAKE_SENTRY_MODE (comma-separated: ratelimit, chaos, one flavour of saas, saas-next and selfhosted,
 * noglobalviews, hostile, deprecated) and region env vars.
 */
export function modesFromEnv(env: Record<string, string | undefined>): FakeModes {
  const names = (env.FAKE_SENTRY_MODE ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const modes: FakeModes = {};
  const flavours = names.filter((name) => ['saas', 'saas-next', 'selfhosted', 'self-hosted'].includes(name));
  if (flavours.length > 1) {
    throw new Error(
      `FAKE_SENTRY_MODE: pick one flavour of saas, saas-next and selfhosted, not ${flavours.join(' and ')}`
    );
  }
  for (const name of names) {
    switch (name) {
      case 'ratelimit':
      case 'rate-limit':
        modes.rateLimit = {
          ...DEFAULT_RATE_LIMIT,
          limit: Number(env.FAKE_SENTRY_RATE_LIMIT ?? DEFAULT_RATE_LIMIT.limit),
          windowMs: Number(env.FAKE_SENTRY_RATE_WINDOW_MS ?? DEFAULT_RATE_LIMIT.windowMs),
          concurrent: Number(env.FAKE_SENTRY_RATE_CONCURRENT ?? DEFAULT_RATE_LIMIT.concurrent),
          ...(env.FAKE_SENTRY_RATE_WINDOW === 'fixed' ? { window: 'fixed' as const } : {}),
        };
        break;
      case 'chaos':
        modes.chaos = { ...DEFAULT_CHAOS };
        break;
      case 'selfhosted':
      case 'self-hosted':
        modes.selfHosted = true;
        break;
      case 'saas':
      case 'saas-next':
        modes.flavour = name;
        break;
      case 'deprecated':
        modes.deprecation = {
          ...DEFAULT_DEPRECATION,
          brownout: env.FAKE_SENTRY_DEPRECATION_BROWNOUT === '1',
        };
        break;
      case 'noglobalviews':
        modes.globalViews = false;
        break;
      case 'hostile':
        modes.hostile = true;
        break;
      default:
        throw new Error(`Unknown FAKE_SENTRY_MODE entry: ${name}`);
    }
  }
  if (env.FAKE_SENTRY_REGION_URL) {
    modes.region = { regionUrl: env.FAKE_SENTRY_REGION_URL, serveData: env.FAKE_SENTRY_REGION_SERVE_DATA !== '0' };
  }
  return modes;
}
