/**
 * Bucket sizes Sentry accepts, chosen from Grafana's interval and the panel's width. Each endpoint has its
 * own rules (sentry-api notes §8); the chosen interval is always reported so users can compare with Sentry.
 */
import { EventsDataset, isSpanDataset } from './datasets';
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
};
export const STATS_V2_INTERVALS: IntervalRule = { ...SESSIONS_INTERVALS, refusesLongRanges: 'org stats' };

/** The rules of the time-series endpoints for an event dataset. */
export function datasetIntervals(dataset: EventsDataset): IntervalRule {
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

export function chooseInterval(rule: IntervalRule, request: IntervalRequest): ChosenInterval {
  const maxBuckets = rule.sharedBySeries ? rule.maxBuckets / Math.max(1, request.series ?? 1) : rule.maxBuckets;
  const requested = request.requested ? parseInterval(request.requested) : undefined;
  const wanted = Math.max(
    requested ?? request.intervalMs ?? 0,
    request.maxDataPoints && !requested ? request.rangeMs / request.maxDataPoints : 0,
    request.rangeMs / maxBuckets
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
