// The metrics model: label values, the series of one service × environment, and Track, which integrates the
// fake's modelled rates minute by minute into counters.

import { hashString, mulberry32 } from '../../fake-sentry/prng';
import {
  expectedErrorsPerHour,
  expectedFailureRate,
  expectedLatency,
  expectedRequestsPerMinute,
  MINUTE,
  PROJECTS,
  releaseAt,
  type Scenario,
} from '../../fake-sentry/scenario';

/** What the metrics need of the fake's scenario (a full `Scenario` fits). */
export type DemoScenario = Pick<Scenario, 'releases' | 'burst' | 'now' | 'seed'>;

/** Prometheus `service` label values: the fake's project slugs. */
export const DEMO_SERVICES: readonly string[] = PROJECTS.map((p) => p.slug);
/** Prometheus `env` label values (the fake's hidden `development` environment has no traffic). */
export const DEMO_ENVIRONMENTS = ['production', 'staging'] as const;
/** `http_request_duration_seconds` bucket bounds (Prometheus client defaults). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** HTTP status codes, as the fake maps failed transactions to them. */
export const STATUSES = ['200', '404', '500', '503', '504'] as const;

// The fake picks a failed transaction's status from this mix: internal_error ×3, unknown_error (both 500),
// unavailable (503), deadline_exceeded (504); `GET /api/orders/:id` fails with not_found (404) 60 % of the time.
const FAILURE_STATUS_SHARE = { '500': 4 / 6, '503': 1 / 6, '504': 1 / 6 };
const NOT_FOUND_SHARE: Record<string, number> = { 'GET /api/orders/:id': 0.6 };

/** Per-minute traffic wobble (±8 %), deterministic per seed, service, environment and minute. */
const NOISE_AMPLITUDE = 0.16;

// Component layout of one series group (service × env × version): requests per status, exceptions, finite
// latency buckets (cumulative), then the latency sum. Counts of the histogram are the sum of the requests.
const REQ = 0;
const EXC = STATUSES.length;
const BUCKET = EXC + 1;
const SUM = BUCKET + LATENCY_BUCKETS.length;
const COMPONENTS = SUM + 1;

/** One series group at a time: its labels and counter values. */
export interface GroupSnapshot {
  service: string;
  env: string;
  version: string;
  /** Requests per status, as in STATUSES. */
  requests: number[];
  exceptions: number;
  /** Cumulative bucket counts for LATENCY_BUCKETS (+Inf = count). */
  buckets: number[];
  count: number;
  /** Seconds. */
  sum: number;
}

export interface TrackValue {
  version: string;
  values: Float64Array;
}

/**
 * One service × environment: integrates the modelled rates minute by minute (midpoint rule) from the origin.
 * Values at any time are the committed full minutes plus the running minute's share, so they only grow.
 */
export class Track {
  private readonly spec: (typeof PROJECTS)[number];
  private readonly shares: number[];
  private nextMinute: number;
  private version = '';
  private readonly totals = new Float64Array(COMPONENTS);
  private readonly scratch = new Float64Array(COMPONENTS);

  constructor(
    private readonly scenario: DemoScenario,
    readonly service: string,
    readonly env: string,
    private readonly origin: number,
    private readonly noise: boolean
  ) {
    const spec = PROJECTS.find((p) => p.slug === service);
    if (!spec) {
      throw new Error(`unknown service ${service}`);
    }
    this.spec = spec;
    const weight = spec.transactions.reduce((sum, tx) => sum + tx.weight, 0);
    this.shares = spec.transactions.map((tx) => tx.weight / weight);
    this.nextMinute = Math.floor(origin / MINUTE);
  }

  /** Series values at t. Moving forward is incremental; going back recomputes from the origin. */
  valueAt(t: number): TrackValue {
    const at = Math.max(t, this.origin);
    if (at < this.nextMinute * MINUTE) {
      this.nextMinute = Math.floor(this.origin / MINUTE);
      this.version = '';
      this.totals.fill(0);
    }
    // Commit every minute that has ended.
    while ((this.nextMinute + 1) * MINUTE <= at) {
      this.addMinute(this.nextMinute, (this.nextMinute + 1) * MINUTE);
      this.nextMinute++;
    }
    // The running minute, not committed.
    const start = Math.max(this.nextMinute * MINUTE, this.origin);
    const version = this.versionOf(this.nextMinute);
    const values = version === this.version ? Float64Array.from(this.totals) : new Float64Array(COMPONENTS);
    if (at > start) {
      this.rates(this.nextMinute, this.scratch);
      const seconds = (at - start) / 1000;
      for (let i = 0; i < COMPONENTS; i++) {
        values[i] += this.scratch[i] * seconds;
      }
    }
    return { version, values };
  }

  private addMinute(minute: number, end: number): void {
    const version = this.versionOf(minute);
    if (version !== this.version) {
      // A deploy: the new release's series start from zero.
      this.version = version;
      this.totals.fill(0);
    }
    const seconds = (end - Math.max(minute * MINUTE, this.origin)) / 1000;
    if (seconds <= 0) {
      return;
    }
    this.rates(minute, this.scratch);
    for (let i = 0; i < COMPONENTS; i++) {
      this.totals[i] += this.scratch[i] * seconds;
    }
  }

  private versionMemo = { minute: NaN, version: '' };

  private versionOf(minute: number): string {
    if (this.versionMemo.minute !== minute) {
      this.versionMemo = { minute, version: releaseAt(this.scenario, this.service, this.env, (minute + 0.5) * MINUTE) };
    }
    return this.versionMemo.version;
  }

  /** Per-second rates of every component in one minute, from the fake's model at the minute's midpoint. */
  private rates(minute: number, out: Float64Array): void {
    out.fill(0);
    const t = (minute + 0.5) * MINUTE;
    const { scenario, service, env } = this;
    const wobble = this.noise ? noiseFactor(scenario.seed, service, env, minute) : 1;
    const requests = (expectedRequestsPerMinute(service, env, t) / 60) * wobble;
    this.spec.transactions.forEach((tx, i) => {
      const rate = requests * this.shares[i];
      const failure = expectedFailureRate(scenario, service, env, tx.name, t);
      const notFound = NOT_FOUND_SHARE[tx.name] ?? 0;
      out[REQ + STATUSES.indexOf('200')] += rate * (1 - failure);
      out[REQ + STATUSES.indexOf('404')] += rate * failure * notFound;
      for (const [status, share] of Object.entries(FAILURE_STATUS_SHARE)) {
        out[REQ + STATUSES.indexOf(status as (typeof STATUSES)[number])] += rate * failure * (1 - notFound) * share;
      }
      const latency = expectedLatency(scenario, service, env, tx.name, t);
      if (latency) {
        const median = latency.medianMs / 1000;
        LATENCY_BUCKETS.forEach((le, b) => {
          out[BUCKET + b] += rate * lognormalCdf(le, median, latency.sigma);
        });
        out[SUM] += rate * median * Math.exp((latency.sigma * latency.sigma) / 2);
      }
    });
    out[EXC] = (expectedErrorsPerHour(scenario, service, env, t) / 3600) * wobble;
  }
}

function noiseFactor(seed: number, service: string, env: string, minute: number): number {
  const u = mulberry32(hashString(`${seed}|${service}|${env}|${minute}`))();
  return 1 + NOISE_AMPLITUDE * (u - 0.5);
}

/** P(X <= x) for a log-normal X with the given median and log-space sigma. */
function lognormalCdf(x: number, median: number, sigma: number): number {
  return 0.5 * (1 + erf(Math.log(x / median) / (sigma * Math.SQRT2)));
}

/** Abramowitz & Stegun 7.1.26 (error < 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-a * a));
}

export function toSnapshot(track: Track, value: TrackValue): GroupSnapshot {
  // The model's traffic is low (a few requests a second at most), so counters keep fractions of events: whole
  // counts would turn a 1 % error ratio into noise. Rounding keeps every series monotonic and buckets <= count.
  const v = value.values;
  let total = 0;
  for (let i = 0; i < STATUSES.length; i++) {
    total += v[REQ + i];
  }
  return {
    service: track.service,
    env: track.env,
    version: value.version,
    requests: STATUSES.map((_, i) => round3(v[REQ + i])),
    exceptions: round3(v[EXC]),
    buckets: LATENCY_BUCKETS.map((_, b) => round3(v[BUCKET + b])),
    count: round3(total),
    sum: round3(v[SUM]),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
