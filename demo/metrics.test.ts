/** @jest-environment node */
// The demo metrics service follows the fake's scenario: its Prometheus text parses strictly, covers every service and
// environment, shows the burst, counts monotonically and matches its OpenMetrics history.

import { countErrors, HOUR, MINUTE, releaseAt } from '../fake-sentry/scenario';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import { LATENCY_BUCKETS, startDemoMetrics } from './metrics';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram'];

function parseValue(text: string, line: string): number {
  if (text === '+Inf' || text === 'Inf') {
    return Infinity;
  }
  if (text === '-Inf') {
    return -Infinity;
  }
  if (text === 'NaN') {
    return NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new Error(`bad value "${text}" in: ${line}`);
  }
  return Number(text);
}

/** `name{a="b",…} value [timestamp]`, with the label escapes of the text format. */
function parseSampleLine(line: string): Sample {
  const nameEnd = line.search(/[{ ]/);
  const name = line.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) {
    throw new Error(`bad metric name in: ${line}`);
  }
  const labels: Record<string, string> = {};
  let i = nameEnd;
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i);
      const key = line.slice(i, eq);
      if (!LABEL_NAME.test(key) || line[eq + 1] !== '"' || key in labels) {
        throw new Error(`bad label "${key}" in: ${line}`);
      }
      let j = eq + 2;
      let value = '';
      while (line[j] !== '"') {
        if (j >= line.length) {
          throw new Error(`unterminated label value in: ${line}`);
        }
        if (line[j] === '\\') {
          const next = line[j + 1];
          value += next === 'n' ? '\n' : next;
          j += 2;
        } else {
          value += line[j++];
        }
      }
      labels[key] = value;
      i = j + 1;
      if (line[i] === ',') {
        i++;
      } else if (line[i] !== '}') {
        throw new Error(`expected , or } in: ${line}`);
      }
    }
    i++;
  }
  const rest = line.slice(i).split(' ');
  if (rest[0] !== '' || rest.length < 2 || rest.length > 3) {
    throw new Error(`expected " value [timestamp]" in: ${line}`);
  }
  const sample: Sample = { name, labels, value: parseValue(rest[1], line) };
  if (rest[2] !== undefined) {
    sample.timestamp = parseValue(rest[2], line);
  }
  return sample;
}

const seriesKey = (s: Sample) =>
  `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;

/**
 * A strict reader of the Prometheus text format (0.0.4), or with `openMetrics` of OpenMetrics 1.0 as promtool
 * backfills it: TYPE before samples, samples named after their family, no family interleaved, histograms whole.
 */
function parseExposition(text: string, openMetrics = false): { types: Map<string, string>; samples: Sample[] } {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  if (openMetrics) {
    expect(lines.pop()).toBe('# EOF');
  }
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const finished = new Set<string>();
  let current: string | undefined;
  const familyOf = (name: string): string | undefined => {
    if (types.has(name) && !(openMetrics && types.get(name) === 'counter')) {
      return name;
    }
    for (const suffix of openMetrics
      ? ['_total', '_bucket', '_sum', '_count', '_created']
      : ['_bucket', '_sum', '_count']) {
      const family = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
      if (family && ['histogram', 'summary', 'counter'].includes(types.get(family) ?? '')) {
        return family;
      }
    }
    return undefined;
  };
  for (const line of lines) {
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!match) {
        expect(openMetrics).toBe(false);
        continue;
      }
      const [, kind, name, rest] = match;
      expect(name).toMatch(METRIC_NAME);
      if (kind === 'TYPE') {
        expect({ name, type: rest, known: TYPES.includes(rest ?? '') }).toEqual({ name, type: rest, known: true });
        expect({ name, declaredTwice: types.has(name) }).toEqual({ name, declaredTwice: false });
        types.set(name, rest!);
      }
      if (current !== name) {
        expect({ family: name, interleaved: finished.has(name) }).toEqual({ family: name, interleaved: false });
        if (current) {
          finished.add(current);
        }
        current = name;
      }
      continue;
    }
    // Plain checks in this loop: an expect() per sample makes long histories slow.
    const sample = parseSampleLine(line);
    if (familyOf(sample.name) !== current) {
      throw new Error(`sample outside its family ${familyOf(sample.name)} (under ${current}): ${line}`);
    }
    if (openMetrics && sample.timestamp === undefined) {
      throw new Error(`no timestamp: ${line}`);
    }
    samples.push(sample);
  }
  // Histograms: cumulative buckets ending at +Inf = _count, per label set (and timestamp).
  const pointKey = (s: Sample) => {
    const { le: _le, ...labels } = s.labels;
    return `${seriesKey({ ...s, name: '', labels })}@${s.timestamp ?? ''}`;
  };
  for (const [family, type] of types) {
    if (type !== 'histogram') {
      continue;
    }
    const counts = new Map(samples.filter((s) => s.name === `${family}_count`).map((s) => [pointKey(s), s.value]));
    const groups = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      groups.set(pointKey(s), [...(groups.get(pointKey(s)) ?? []), s]);
    }
    expect(groups.size).toBeGreaterThan(0);
    expect(groups.size).toBe(counts.size);
    const problems: string[] = [];
    for (const [key, buckets] of groups) {
      const bounds = buckets.map((b) => parseValue(b.labels.le, 'le'));
      if (bounds[bounds.length - 1] !== Infinity || bounds.some((b, k) => k > 0 && b <= bounds[k - 1])) {
        problems.push(`${family}${key}: le ${bounds.join(' ')}`);
      }
      if (buckets.some((b, k) => k > 0 && b.value < buckets[k - 1].value)) {
        problems.push(`${family}${key}: buckets not cumulative`);
      }
      if (counts.get(key) !== buckets[buckets.length - 1].value) {
        problems.push(`${family}${key}: +Inf ${buckets[buckets.length - 1].value} != count ${counts.get(key)}`);
      }
    }
    expect(problems).toEqual([]);
  }
  return { types, samples };
}

describe('demo metrics service (demo/metrics.ts)', () => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry();
  });

  afterAll(() => sentry.close());

  /** A service on the fake's own scenario, its clock under the test's control. */
  const startOnFake = async (originAgoMs: number) => {
    const scenario = sentry.fake.scenario;
    const clock = { now: scenario.now - originAgoMs };
    const running = await startDemoMetrics({ scenario, origin: clock.now, clock: () => clock.now });
    const scrapeAt = async (t: number) => {
      clock.now = t;
      const res = await fetch(`${running.url}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseExposition(await res.text());
    };
    return { running, scrapeAt, scenario };
  };

  const sumOf = (samples: Sample[], name: string, match: Record<string, string | RegExp>) =>
    samples
      .filter(
        (s) =>
          s.name === name &&
          Object.entries(match).every(([k, v]) => (typeof v === 'string' ? s.labels[k] === v : v.test(s.labels[k])))
      )
      .reduce((n, s) => n + s.value, 0);

  it('serves Prometheus text for the four services in both environments', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(12 * HOUR);
    try {
      const { types, samples } = await scrapeAt(scenario.now);
      expect(Object.fromEntries(types)).toEqual({
        http_requests_total: 'counter',
        http_request_duration_seconds: 'histogram',
        app_exceptions_total: 'counter',
        demo_scenario_info: 'gauge',
      });
      const covered = (name: string) =>
        [...new Set(samples.filter((s) => s.name === name).map((s) => `${s.labels.service}/${s.labels.env}`))].sort();
      const expected = ['checkout-api', 'web-frontend', 'payments-worker', 'mobile-app']
        .flatMap((service) => ['production', 'staging'].map((env) => `${service}/${env}`))
        .sort();
      for (const name of ['http_requests_total', 'http_request_duration_seconds_count', 'app_exceptions_total']) {
        expect({ name, covered: covered(name) }).toEqual({ name, covered: expected });
      }
      // Series carry the release running there (as the fake's events do) and the statuses the fake maps to.
      for (const s of samples.filter((x) => x.name === 'http_requests_total')) {
        expect(s.labels.version).toBe(releaseAt(scenario, s.labels.service, s.labels.env, scenario.now));
        expect(['200', '404', '500', '503', '504']).toContain(s.labels.status);
      }
      expect(samples.filter((s) => s.name === 'http_request_duration_seconds_bucket').map((s) => s.labels.le)).toEqual(
        expect.arrayContaining([...LATENCY_BUCKETS.map(String), '+Inf'])
      );
      expect(samples.find((s) => s.name === 'demo_scenario_info')?.labels).toMatchObject({
        anchor: new Date(scenario.now).toISOString(),
        burst_release: 'checkout-api@2.4.1',
      });
    } finally {
      await running.close();
    }
  });

  it('shows the burst after checkout-api@2.4.1: the production error ratio far above its quiet baseline', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(12 * HOUR);
    const { burst } = scenario;
    const match = { service: 'checkout-api', env: 'production' };
    const window = async (from: number, to: number) => {
      const [a, b] = [(await scrapeAt(from)).samples, (await scrapeAt(to)).samples];
      const delta = (name: string, extra: Record<string, string | RegExp> = {}) =>
        sumOf(b, name, { ...match, ...extra }) - sumOf(a, name, { ...match, ...extra });
      const versions = new Set(
        [...a, ...b]
          .filter(
            (s) =>
              s.name === 'http_requests_total' && s.labels.env === 'production' && s.labels.service === 'checkout-api'
          )
          .map((s) => s.labels.version)
      );
      expect(versions.size).toBe(1);
      return {
        version: [...versions][0],
        errorRatio: delta('http_requests_total', { status: /^5/ }) / delta('http_requests_total'),
        exceptions: delta('app_exceptions_total'),
        meanLatency: delta('http_request_duration_seconds_sum') / delta('http_request_duration_seconds_count'),
      };
    };
    try {
      const quiet = await window(scenario.now - 11 * HOUR, scenario.now - 9 * HOUR);
      const from = burst.start + 15 * MINUTE;
      const loud = await window(from, burst.peakEnd);
      expect(quiet.version).toBe('checkout-api@2.4.0');
      expect(loud.version).toBe(burst.release);
      expect(quiet.errorRatio).toBeGreaterThan(0);
      expect(quiet.errorRatio).toBeLessThan(0.02);
      expect(loud.errorRatio).toBeGreaterThan(5 * quiet.errorRatio);
      expect(loud.meanLatency).toBeGreaterThan(1.2 * quiet.meanLatency);
      // The same burst as the fake's Sentry events: exceptions match its error count in the window.
      const sentryErrors = countErrors(scenario, {
        project: 'checkout-api',
        environment: 'production',
        start: from,
        end: burst.peakEnd,
      });
      expect(sentryErrors).toBeGreaterThan(300);
      expect(Math.abs(loud.exceptions - sentryErrors) / sentryErrors).toBeLessThan(0.2);
    } finally {
      await running.close();
    }
  });

  it('counts monotonically across scrapes, consistent with its history', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(2 * HOUR);
    try {
      const t1 = scenario.now - 30 * MINUTE;
      const first = (await scrapeAt(t1)).samples;
      const second = (await scrapeAt(t1 + 5 * MINUTE + 7_000)).samples;
      const before = new Map(first.map((s) => [seriesKey(s), s.value]));
      let grew = 0;
      for (const s of second.filter((x) => x.name !== 'demo_scenario_info')) {
        const previous = before.get(seriesKey(s));
        expect({ series: seriesKey(s), previous }).not.toEqual({ series: seriesKey(s), previous: undefined });
        expect(s.value).toBeGreaterThanOrEqual(previous!);
        grew += s.value > previous! ? 1 : 0;
      }
      expect(grew).toBeGreaterThan(second.length / 2);

      // The backfill history is OpenMetrics, and ends where the live counters are.
      const history = parseExposition(
        [...running.metrics.history({ end: t1, labels: { job: 'demo-metrics' } })].join(''),
        true
      );
      const last = new Map<string, number>();
      const seen = new Map<string, number>();
      const problems: string[] = [];
      for (const s of history.samples) {
        const { job, ...labels } = s.labels;
        const key = seriesKey({ ...s, labels });
        if (job !== 'demo-metrics' || s.timestamp! <= (seen.get(key) ?? -Infinity)) {
          problems.push(`${key} @${s.timestamp}: job ${job}`);
        }
        if (s.value < (last.get(key) ?? 0)) {
          problems.push(`${key} @${s.timestamp}: ${s.value} < ${last.get(key)}`);
        }
        seen.set(key, s.timestamp!);
        last.set(key, s.value);
      }
      expect(problems).toEqual([]);
      for (const s of first.filter((x) => x.name !== 'demo_scenario_info')) {
        expect({ series: seriesKey(s), value: last.get(seriesKey(s)) }).toEqual({
          series: seriesKey(s),
          value: s.value,
        });
      }
    } finally {
      await running.close();
    }
  });

  it('keeps counting on the real clock', async () => {
    const running = await startDemoMetrics({ scenario: sentry.fake.scenario });
    try {
      const scrape = async () => parseExposition(await (await fetch(`${running.url}/metrics`)).text()).samples;
      const first = new Map((await scrape()).map((s) => [seriesKey(s), s.value]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const s of await scrape()) {
        expect(s.value).toBeGreaterThanOrEqual(first.get(seriesKey(s))!);
      }
    } finally {
      await running.close();
    }
  });
});
