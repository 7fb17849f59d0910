/**
 * Bucket sizes Sentry accepts, chosen from Grafana's interval and the panel's width. Each endpoint has its
 * own rules (sentry-api notes §8); the chosen interval is always reported so users can compare with Sentry.
 */
import { ServedDataset, isSpanDataset } from './datasets';
import { SentryError } from './errors';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** events-stats on errors/transactions: any size works; these keep buckets aligned with Sentry's UI. */
const EVENTS_STATS_STEPS = [
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  12 * HOUR,
  DAY,
];
/** Granularities the span (EAP) datasets snap to. */
const SPANS_STEPS = [
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  4 * HOUR,
  12 * HOUR,
  DAY,
];
/** Sessions and stats_v2: must divide one day and be at most a day. */
const DAY_DIVISOR_STEPS = [
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  4 * HOUR,
  6 * HOUR,
  8 * HOUR,
  12 * HOUR,
  DAY,
];

/** Sentry's cap on points per series (MAX_ROLLUP_POINTS). */
const EVENTS_MAX_POINTS = 10_000;
const SESSIONS_MAX_BUCKETS = 1000;

/** What one endpoint accepts as a bucket size. */
export interface IntervalRule {
  /** Bucket sizes, ascending. */
  steps: number[];
  /** Most buckets in one answer. */
  maxBuckets: number;
  /** The bucket cap is shared by the series of one request (top N). */
  sharedBySeries: boolean;
  /** What the endpoint serves, for the message when the range cannot fit; without one, the largest step is used. */
  refusesLongRanges?: string;
  /** The smallest bucket the endpoint is documented to take (sessions, stats_v2: one hour). */
  floorMs?: number;
  /** Ranges up to this long may try finer buckets than `floorMs` (servers with minute resolution allow them). */
  fineRangeMs?: number;
}

export const EVENTS_STATS_INTERVALS: IntervalRule = {
  steps: EVENTS_STATS_STEPS,
  maxBuckets: EVENTS_MAX_POINTS,
  sharedBySeries: true,
};
export const SPANS_INTERVALS: IntervalRule = {
  steps: SPANS_STEPS,
  maxBuckets: EVENTS_MAX_POINTS,
  sharedBySeries: true,
};
export const SESSIONS_INTERVALS: IntervalRule = {
  steps: DAY_DIVISOR_STEPS,
  maxBuckets: SESSIONS_MAX_BUCKETS,
  sharedBySeries: false,
  refusesLongRanges: 'session health',
  // Sentry documents one hour; with minute resolution it takes finer buckets for ranges under 6 h, counted after
  // it rounds the range up to whole hours (and adds a second to an explicit end), so only up to 5 h is safe.
  floorMs: HOUR,
  fineRangeMs: 5 * HOUR,
};
export const STATS_V2_INTERVALS: IntervalRule = { ...SESSIONS_INTERVALS, refusesLongRanges: 'org stats' };

/** The rules of the time-series endpoints for an event dataset. */
export function datasetIntervals(dataset: ServedDataset): IntervalRule {
  return isSpanDataset(dataset) ? SPANS_INTERVALS : EVENTS_STATS_INTERVALS;
}

export interface IntervalRequest {
  rangeMs: number;
  /** Grafana's interval for the panel. */
  intervalMs?: number;
  maxDataPoints?: number;
  /** Series requested at once (top N); Sentry's point cap is shared between them. */
  series?: number;
  /** A user-chosen interval (e.g. "1h", "$__interval" after interpolation) that overrides Grafana's. */
  requested?: string;
}

export interface ChosenInterval {
  ms: number;
  /** Sentry's syntax: 30s, 5m, 1h, 1d. */
  text: string;
}

/** The smallest bucket a request may get: the learnt floor, and the documented one unless the range is short. */
export function intervalFloor(rule: IntervalRule, rangeMs: number, learntFloorMs = 0): number {
  const documented = rule.fineRangeMs !== undefined && rangeMs <= rule.fineRangeMs ? 0 : (rule.floorMs ?? 0);
  return Math.max(documented, learntFloorMs);
}

/** `learntFloorMs`: the finest bucket this server turned out to accept on the endpoint. */
export function chooseInterval(rule: IntervalRule, request: IntervalRequest, learntFloorMs = 0): ChosenInterval {
  const maxBuckets = rule.sharedBySeries ? rule.maxBuckets / Math.max(1, request.series ?? 1) : rule.maxBuckets;
  const requested = request.requested ? parseInterval(request.requested) : undefined;
  const wanted = Math.max(
    requested ?? request.intervalMs ?? 0,
    request.maxDataPoints && !requested ? request.rangeMs / request.maxDataPoints : 0,
    request.rangeMs / maxBuckets,
    intervalFloor(rule, request.rangeMs, learntFloorMs)
  );
  const step = rule.steps.find((s) => s >= wanted);
  if (step !== undefined) {
    return { ms: step, text: formatInterval(step) };
  }
  if (rule.refusesLongRanges) {
    throw new SentryError(
      'query',
      `The time range is too long for ${rule.refusesLongRanges}: Sentry allows at most ${rule.maxBuckets} buckets of at most one day. Choose a range of ${rule.maxBuckets} days or less.`
    );
  }
  const largest = rule.steps[rule.steps.length - 1];
  return { ms: largest, text: formatInterval(largest) };
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, five: 5, ten: 10, fifteen: 15, thirty: 30 };
const UNIT_WORDS: Record<string, number> = { second: SECOND, minute: MINUTE, hour: HOUR, day: DAY };

/**
 * The bucket floor in Sentry's refusal "The interval has to be a multiple of the minimum interval of one hour."
 * (also "ten seconds", "one minute"), or undefined when the message is another one.
 */
export function minimumIntervalIn(message: string): number | undefined {
  const match = /minimum interval of (\w+|\d+) (second|minute|hour|day)s?/i.exec(message);
  if (!match) {
    return undefined;
  }
  const count = NUMBER_WORDS[match[1].toLowerCase()] ?? Number(match[1]);
  const unit = UNIT_WORDS[match[2].toLowerCase()];
  // A number word we do not know: the documented one hour is the safe floor.
  return Number.isFinite(count) && count > 0 ? count * unit : HOUR;
}

/** Sentry's refusal of a fine bucket for this range ("…one-minute resolution intervals is restricted to 6 hours"). */
export function refusesFineBuckets(message: string): boolean {
  return /resolution intervals is restricted/i.test(message);
}

/** Reads Sentry/Grafana interval syntax: 30s, 5m, 1h, 1d, 1w, or a bare number of seconds. */
export function parseInterval(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(text);
  if (!match) {
    throw new SentryError('query', `Invalid interval "${text}": use a number and a unit, e.g. 30s, 5m, 1h or 1d.`);
  }
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  const factor = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY }[unit] ?? SECOND;
  const ms = value * factor;
  if (ms <= 0) {
    throw new SentryError('query', `Invalid interval "${text}": it must be longer than zero.`);
  }
  return ms;
}

export function formatInterval(ms: number): string {
  if (ms % DAY === 0) {
    return `${ms / DAY}d`;
  }
  if (ms % HOUR === 0) {
    return `${ms / HOUR}h`;
  }
  if (ms % MINUTE === 0) {
    return `${ms / MINUTE}m`;
  }
  return `${Math.round(ms / SECOND)}s`;
}
