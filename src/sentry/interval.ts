/**
 * Bucket sizes Sentry accepts, chosen from Grafana's interval and the panel's width. Each endpoint has its
 * own rules (sentry-api notes §8); the chosen interval is always reported so users can compare with Sentry.
 */
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

export type IntervalEndpoint = 'events-stats' | 'spans' | 'sessions' | 'stats_v2';

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

export function chooseInterval(endpoint: IntervalEndpoint, request: IntervalRequest): ChosenInterval {
  const steps =
    endpoint === 'spans' ? SPANS_STEPS : endpoint === 'events-stats' ? EVENTS_STATS_STEPS : DAY_DIVISOR_STEPS;
  const maxBuckets =
    endpoint === 'sessions' || endpoint === 'stats_v2'
      ? SESSIONS_MAX_BUCKETS
      : EVENTS_MAX_POINTS / Math.max(1, request.series ?? 1);
  const requested = request.requested ? parseInterval(request.requested) : undefined;
  const wanted = Math.max(
    requested ?? request.intervalMs ?? 0,
    request.maxDataPoints && !requested ? request.rangeMs / request.maxDataPoints : 0,
    request.rangeMs / maxBuckets
  );
  const step = steps.find((s) => s >= wanted);
  if (step === undefined) {
    if (endpoint === 'sessions' || endpoint === 'stats_v2') {
      throw new SentryError(
        'query',
        `The time range is too long for ${endpoint === 'sessions' ? 'session health' : 'org stats'}: Sentry allows at most ${SESSIONS_MAX_BUCKETS} buckets of at most one day. Choose a range of ${SESSIONS_MAX_BUCKETS} days or less.`
      );
    }
    return { ms: DAY, text: '1d' };
  }
  return { ms: step, text: formatInterval(step) };
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
