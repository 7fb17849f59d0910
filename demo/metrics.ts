/**
 * Demo metrics service: Prometheus metrics of the same scenario the Sentry fake serves, so Prometheus panels and
 * Sentry panels tell one story (same services, environments, releases over time and the same error burst after
 * `checkout-api@2.4.1`). Run it: `npx tsx demo/metrics.ts` (PORT, HOST, FAKE_SENTRY_URL, FAKE_SENTRY_SEED,
 * DEMO_SCENARIO_NOW, DEMO_HISTORY; see demo/README.md).
 *
 * Every counter is the integral of the fake's modelled rate (fake-sentry/scenario.ts) from the counter origin to
 * the time of the scrape, so counters only grow and `rate()` gives back the model. Series carry the release that
 * runs in that environment at the time (`releaseAt`); a deploy starts new series at zero, as a restarted process
 * would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { hashString, mulberry32 } from '../fake-sentry/prng';
import {
  buildScenario,
  DEFAULT_SEED,
  defaultNow,
  expectedErrorsPerHour,
  expectedFailureRate,
  expectedLatency,
  expectedRequestsPerMinute,
  MINUTE,
  PROJECTS,
  releaseAt,
  type Scenario,
} from '../fake-sentry/scenario';

//#region Model

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

export interface DemoMetricsOptions {
  scenario: DemoScenario;
  /** Counters count from here (ms). Default: the clock at creation. */
  origin?: number;
  /** Scrape time source (ms). Default Date.now. */
  clock?: () => number;
  /** Per-minute traffic noise; off gives the model's smooth curves. Default on. */
  noise?: boolean;
}

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

export interface HistoryOptions {
  /** Default: the clock. */
  end?: number;
  /** Default one minute. */
  stepMs?: number;
  labels?: Record<string, string>;
}

export interface DemoMetrics {
  readonly scenario: DemoScenario;
  readonly origin: number;
  readonly clock: () => number;
  /** Counter values of every current series group at time t (default: the clock). */
  snapshot(t?: number): GroupSnapshot[];
  /** Prometheus text exposition format 0.0.4 at time t (default: the clock). */
  render(t?: number): string;
  /**
   * OpenMetrics text of every series from the origin to `end`, one point per step, for promtool's backfill.
   * `labels` are added to every series: the `job` and `instance` Prometheus' scrape adds, so the history and the
   * live scrapes are the same series.
   */
  history(options?: HistoryOptions): Generator<string>;
}

export function createDemoMetrics(options: DemoMetricsOptions): DemoMetrics {
  const { scenario } = options;
  const clock = options.clock ?? Date.now;
  const origin = options.origin ?? clock();
  const noise = options.noise ?? true;
  const tracks = DEMO_SERVICES.flatMap((service) =>
    DEMO_ENVIRONMENTS.map((env) => new Track(scenario, service, env, origin, noise))
  );

  const snapshot = (t = clock()): GroupSnapshot[] => tracks.map((track) => toSnapshot(track, track.valueAt(t)));

  return {
    scenario,
    origin,
    clock,
    snapshot,
    render: (t = clock()) => renderExposition(snapshot(t), scenario, origin),
    history: ({ end = clock(), stepMs = MINUTE, labels = {} } = {}) =>
      renderHistory(scenario, origin, noise, end, stepMs, labels),
  };
}

interface TrackValue {
  version: string;
  values: Float64Array;
}

/**
 * One service × environment: integrates the modelled rates minute by minute (midpoint rule) from the origin.
 * Values at any time are the committed full minutes plus the running minute's share, so they only grow.
 */
class Track {
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

function toSnapshot(track: Track, value: TrackValue): GroupSnapshot {
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

//#endregion

//#region Exposition

const HELP = {
  requests: 'Requests handled, by release and HTTP status (the fake Sentry scenario: traffic before 10 % sampling).',
  duration: 'Request latency (the fake Sentry scenario: log-normal per transaction, slower during the burst).',
  exceptions: 'Exceptions reported to Sentry (the fake Sentry scenario: baseline error events plus the burst).',
  info: 'The fake Sentry scenario these metrics follow (anchor = its now; the burst starts 6 h before it).',
};

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`
  );
  return `{${parts.join(',')}}`;
}

function groupLabels(g: Pick<GroupSnapshot, 'service' | 'env' | 'version'>): Record<string, string> {
  return { service: g.service, env: g.env, version: g.version };
}

function formatLe(le: number): string {
  return String(le);
}

function infoLabels(scenario: DemoScenario, origin: number): Record<string, string> {
  return {
    anchor: new Date(scenario.now).toISOString(),
    seed: String(scenario.seed),
    origin: new Date(origin).toISOString(),
    burst_release: scenario.burst.release,
    burst_start: new Date(scenario.burst.start).toISOString(),
  };
}

function renderExposition(groups: GroupSnapshot[], scenario: DemoScenario, origin: number): string {
  const lines: string[] = [];
  lines.push(`# HELP http_requests_total ${HELP.requests}`, '# TYPE http_requests_total counter');
  for (const g of groups) {
    STATUSES.forEach((status, i) => {
      lines.push(`http_requests_total${labelText({ ...groupLabels(g), status })} ${g.requests[i]}`);
    });
  }
  lines.push(`# HELP http_request_duration_seconds ${HELP.duration}`, '# TYPE http_request_duration_seconds histogram');
  for (const g of groups) {
    const labels = groupLabels(g);
    LATENCY_BUCKETS.forEach((le, b) => {
      lines.push(`http_request_duration_seconds_bucket${labelText({ ...labels, le: formatLe(le) })} ${g.buckets[b]}`);
    });
    lines.push(`http_request_duration_seconds_bucket${labelText({ ...labels, le: '+Inf' })} ${g.count}`);
    lines.push(`http_request_duration_seconds_sum${labelText(labels)} ${g.sum}`);
    lines.push(`http_request_duration_seconds_count${labelText(labels)} ${g.count}`);
  }
  lines.push(`# HELP app_exceptions_total ${HELP.exceptions}`, '# TYPE app_exceptions_total counter');
  for (const g of groups) {
    lines.push(`app_exceptions_total${labelText(groupLabels(g))} ${g.exceptions}`);
  }
  lines.push(`# HELP demo_scenario_info ${HELP.info}`, '# TYPE demo_scenario_info gauge');
  lines.push(`demo_scenario_info${labelText(infoLabels(scenario, origin))} 1`);
  return lines.join('\n') + '\n';
}

interface HistorySeries {
  labels: Record<string, string>;
  /** Seconds since the epoch. */
  times: number[];
  points: GroupSnapshot[];
}

/**
 * OpenMetrics (what `promtool tsdb create-blocks-from openmetrics` reads): metric families one after the other,
 * each series' points in time order, timestamps in seconds, `# EOF` at the end.
 */
function* renderHistory(
  scenario: DemoScenario,
  origin: number,
  noise: boolean,
  end: number,
  stepMs: number,
  extraLabels: Record<string, string>
): Generator<string> {
  if (!(stepMs >= 1000)) {
    throw new Error('history step must be at least 1 s');
  }
  // A fresh model, so the live one keeps its own position.
  const series: HistorySeries[] = [];
  for (const service of DEMO_SERVICES) {
    for (const env of DEMO_ENVIRONMENTS) {
      const track = new Track(scenario, service, env, origin, noise);
      let current: HistorySeries | undefined;
      for (let t = Math.ceil(origin / stepMs) * stepMs; t <= end; t += stepMs) {
        const point = toSnapshot(track, track.valueAt(t));
        if (!current || current.labels.version !== point.version) {
          current = { labels: { ...groupLabels(point), ...extraLabels }, times: [], points: [] };
          series.push(current);
        }
        current.times.push(t / 1000);
        current.points.push(point);
      }
    }
  }
  const chunk: string[] = [];
  const flush = () => {
    const text = chunk.join('');
    chunk.length = 0;
    return text;
  };
  yield `# HELP http_requests ${HELP.requests}\n# TYPE http_requests counter\n`;
  for (const s of series) {
    for (const [i, status] of STATUSES.entries()) {
      const name = `http_requests_total${labelText({ ...s.labels, status })}`;
      s.points.forEach((p, k) => chunk.push(`${name} ${p.requests[i]} ${s.times[k]}\n`));
      yield flush();
    }
  }
  yield `# HELP http_request_duration_seconds ${HELP.duration}\n# TYPE http_request_duration_seconds histogram\n`;
  for (const s of series) {
    const labels = labelText(s.labels);
    const bucketNames = [...LATENCY_BUCKETS.map(formatLe), '+Inf'].map(
      (le) => `http_request_duration_seconds_bucket${labelText({ ...s.labels, le })}`
    );
    s.points.forEach((p, k) => {
      const ts = s.times[k];
      p.buckets.forEach((count, b) => chunk.push(`${bucketNames[b]} ${count} ${ts}\n`));
      chunk.push(`${bucketNames[LATENCY_BUCKETS.length]} ${p.count} ${ts}\n`);
      chunk.push(`http_request_duration_seconds_count${labels} ${p.count} ${ts}\n`);
      chunk.push(`http_request_duration_seconds_sum${labels} ${p.sum} ${ts}\n`);
    });
    yield flush();
  }
  yield `# HELP app_exceptions ${HELP.exceptions}\n# TYPE app_exceptions counter\n`;
  for (const s of series) {
    const name = `app_exceptions_total${labelText(s.labels)}`;
    s.points.forEach((p, k) => chunk.push(`${name} ${p.exceptions} ${s.times[k]}\n`));
    yield flush();
  }
  yield '# EOF\n';
}

//#endregion

//#region Server

export interface StartDemoMetricsOptions extends Partial<DemoMetricsOptions> {
  port?: number;
  host?: string;
  /** Scenario seed and anchor when no scenario is given (defaults: the fake's default seed, now). */
  seed?: number;
  now?: number;
}

export interface RunningDemoMetrics {
  url: string;
  metrics: DemoMetrics;
  close(): Promise<void>;
}

/** Only what the metrics need of a built scenario, so the events can be garbage-collected. */
export function demoScenario(options: { seed?: number; now?: number } = {}): DemoScenario {
  const { releases, burst, now, seed } = buildScenario({ seed: options.seed ?? DEFAULT_SEED, now: options.now });
  return { releases, burst, now, seed };
}

/** Start the service on a loopback port (0 = any free port). */
export async function startDemoMetrics(options: StartDemoMetricsOptions = {}): Promise<RunningDemoMetrics> {
  const { port = 0, host = '127.0.0.1', seed, now, ...rest } = options;
  const metrics = createDemoMetrics({ ...rest, scenario: rest.scenario ?? demoScenario({ seed, now }) });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : metrics.render());
        return;
      }
      if (url.pathname === '/history') {
        const step = Number(url.searchParams.get('step') ?? 60);
        if (!Number.isFinite(step) || step < 1) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('step: seconds, at least 1\n');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        const labels: Record<string, string> = {};
        for (const name of ['job', 'instance']) {
          const value = url.searchParams.get(name);
          if (value) {
            labels[name] = value;
          }
        }
        for (const text of metrics.history({ stepMs: Math.round(step * 1000), labels })) {
          res.write(text);
        }
        res.end();
        return;
      }
      if (url.pathname === '/' || url.pathname === '/scenario') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(describe(metrics), null, 2) + '\n');
        return;
      }
      if (url.pathname === '/-/healthy') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: try /metrics, /history or /scenario\n');
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${displayHost}:${address.port}`,
    metrics,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function describe(metrics: DemoMetrics): Record<string, unknown> {
  const { scenario } = metrics;
  return {
    anchor: new Date(scenario.now).toISOString(),
    seed: scenario.seed,
    origin: new Date(metrics.origin).toISOString(),
    services: DEMO_SERVICES,
    environments: DEMO_ENVIRONMENTS,
    burst: {
      service: scenario.burst.project,
      env: scenario.burst.environment,
      version: scenario.burst.release,
      start: new Date(scenario.burst.start).toISOString(),
      peakEnd: new Date(scenario.burst.peakEnd).toISOString(),
    },
    endpoints: { metrics: '/metrics', history: '/history?step=60&job=…&instance=…', scenario: '/scenario' },
  };
}

//#endregion

//#region Command line

/** `24h`, `90m`, `2d`, `3600s` or a number of seconds; 0 or empty = none. */
export function parseDuration(text: string | undefined): number {
  const raw = (text ?? '').trim();
  if (raw === '' || raw === '0') {
    return 0;
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw);
  if (!match) {
    throw new Error(`not a duration: "${raw}" (use e.g. 24h, 90m, 2d)`);
  }
  const unit = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE }[match[2] ?? 's'] ?? 1000;
  return Number(match[1]) * unit;
}

/** ISO-8601 or epoch milliseconds. */
export function parseInstant(text: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new Error(`not a time: "${text}" (ISO-8601 or epoch ms)`);
  }
  return ms;
}

/**
 * The scenario anchor and seed, in this order: DEMO_SCENARIO_NOW (+ FAKE_SENTRY_SEED); the running fake's own
 * (GET FAKE_SENTRY_URL/__fake/scenario, retried while the fake starts); else now floored to the minute, which
 * is what a fake started at the same time uses.
 */
export async function resolveAnchor(
  env: Record<string, string | undefined>,
  log: (line: string) => void = () => undefined,
  fetchImpl: typeof fetch = fetch
): Promise<{ now: number; seed: number; source: string }> {
  const envSeed = env.FAKE_SENTRY_SEED ? Number(env.FAKE_SENTRY_SEED) : DEFAULT_SEED;
  if (env.DEMO_SCENARIO_NOW) {
    return { now: parseInstant(env.DEMO_SCENARIO_NOW), seed: envSeed, source: 'DEMO_SCENARIO_NOW' };
  }
  const fakeUrl = env.FAKE_SENTRY_URL?.replace(/\/+$/, '');
  if (fakeUrl) {
    const deadline = Date.now() + parseDuration(env.DEMO_ANCHOR_WAIT ?? '120s');
    for (;;) {
      try {
        const res = await fetchImpl(`${fakeUrl}/__fake/scenario`);
        if (res.ok) {
          const body = (await res.json()) as { now?: string; seed?: number };
          const now = Date.parse(body.now ?? '');
          if (Number.isFinite(now)) {
            return { now, seed: typeof body.seed === 'number' ? body.seed : envSeed, source: fakeUrl };
          }
        }
        log(`${fakeUrl}/__fake/scenario answered ${res.status}`);
      } catch (error) {
        log(`waiting for the Sentry fake at ${fakeUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (Date.now() >= deadline) {
        log('the Sentry fake did not answer: anchoring at this start-up instead');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return { now: defaultNow(), seed: envSeed, source: 'start-up time' };
}

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

//#endregion
