// Sentry flavours: what differs between today's sentry.io (`saas`), sentry.io once the deprecated datasets are
// gone (`saas-next`), older self-hosted (`selfhosted`) and the fake's own default (`normal`). Each rule names the
// Sentry source it follows; fake-sentry/README.md has the table.

import { ApiError } from './errors';
import type { FakeModes } from './modes';
import { DAY, HOUR, MINUTE } from './scenario';

export type Flavour = 'normal' | 'saas' | 'saas-next' | 'selfhosted';

/** The flavour a set of modes selects (`selfHosted` wins if both are set; setMode keeps only one). */
export function flavourOf(modes: FakeModes): Flavour {
  if (modes.selfHosted) {
    return 'selfhosted';
  }
  return modes.flavour ?? 'normal';
}

export function isSaas(flavour: Flavour): boolean {
  return flavour === 'saas' || flavour === 'saas-next';
}

// ---------------------------------------------------------------------------------------------
// Datasets

/**
 * sentry.io's DATASET_OPTIONS in order (src/sentry/snuba/utils.py): the keys Sentry lists in
 * `dataset must be one of: …` (OrganizationEventsEndpointBase.get_dataset).
 */
const SAAS_DATASETS = [
  'discover',
  'errors',
  'metricsEnhanced',
  'metrics',
  'ourlogs',
  'logs',
  'uptime_results',
  'profiles',
  'issuePlatform',
  'profileFunctions',
  'profile_functions',
  'spans',
  'spansIndexed',
  'spansMetrics',
  'tracemetrics',
  'transactions',
];

/**
 * Self-hosted before `spans` (getsentry/sentry#76098, 2024-08) and logs: DATASET_OPTIONS of that time
 * (src/sentry/snuba/utils.py, 2024 versions) without `spans`.
 */
const OLD_SELF_HOSTED_DATASETS = [
  'discover',
  'errors',
  'metricsEnhanced',
  'metrics',
  'profiles',
  'issuePlatform',
  'profileFunctions',
  'spansIndexed',
  'spansMetrics',
  'transactions',
];

/** Deprecated for all SaaS customers, to be removed (getsentry/cli#1368); replacements `errors` and `spans`. */
export const DEPRECATED_DATASETS = ['discover', 'transactions'];

/** The dataset names a flavour accepts, in Sentry's order; null = the fake's permissive default list. */
export function datasetOptions(flavour: Flavour): string[] | null {
  switch (flavour) {
    case 'saas':
      return SAAS_DATASETS;
    case 'saas-next':
      return SAAS_DATASETS.filter((name) => !DEPRECATED_DATASETS.includes(name));
    case 'selfhosted':
      return OLD_SELF_HOSTED_DATASETS;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// events-timeseries

/**
 * getsentry/sentry#119949 (open since 2026-07-17): grouped (topEvents) events-timeseries requests on the
 * errors and discover datasets answer 500 on sentry.io; ungrouped ones and grouped spans work.
 */
export function groupedTimeseriesFails(flavour: Flavour, dataset: string): boolean {
  return isSaas(flavour) && (dataset === 'errors' || dataset === 'discover');
}

/** Sentry's 500 body (`{"detail": "Internal Error", "errorId": …}`) with an id derived from the request. */
export function internalError(seed: string): ApiError {
  let hash = 0x811c9dc5;
  let id = '';
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < seed.length; i++) {
      hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    }
    hash = Math.imul(hash ^ round, 0x01000193) >>> 0;
    id += hash.toString(16).padStart(8, '0');
  }
  const body = JSON.stringify({ detail: 'Internal Error', errorId: id });
  return new ApiError(500, 'Internal Error', {}, { body, contentType: 'application/json' });
}

/** INGESTION_DELAY of src/sentry/api/endpoints/timeseries.py (seconds → ms). */
export const INGESTION_DELAY_MS = 90_000;

/**
 * Why a bucket is incomplete, or null. `normal` keeps check_incomplete of organization_events_timeseries.py
 * (`time + rollup >= now - INGESTION_DELAY` → "INCOMPLETE_BUCKET"). SaaS follows the newer IncompleteReason of
 * timeseries.py (BucketBoundaries.incomplete_reason, getsentry/sentry#124402/#124568, rolled out behind a flag):
 * a bucket ending after now has NOT_ELAPSED; one ending within the ingestion delay is INGESTION_PENDING.
 */
export function incompleteReason(flavour: Flavour, bucketStart: number, interval: number, now: number): string | null {
  const bucketEnd = bucketStart + interval;
  if (!isSaas(flavour)) {
    return bucketEnd >= now - INGESTION_DELAY_MS ? 'INCOMPLETE_BUCKET' : null;
  }
  if (bucketEnd > now) {
    return 'NOT_ELAPSED';
  }
  return bucketEnd >= now - INGESTION_DELAY_MS ? 'INGESTION_PENDING' : null;
}

// ---------------------------------------------------------------------------------------------
// sessions and stats_v2 intervals (get_constrained_date_range, src/sentry/snuba/sessions_v2.py)

export interface IntervalRule {
  /** AllowedResolution: the interval must be a multiple of this. */
  ms: number;
  label: string;
  /**
   * Older get_constrained_date_range (restrict_date_range=True): a sub-hour interval only for ranges up to 6 h
   * that start within the last 30 days.
   */
  restrictMinuteRanges?: boolean;
}

const ONE_HOUR: IntervalRule = { ms: HOUR, label: 'one hour' };
const ONE_MINUTE: IntervalRule = { ms: MINUTE, label: 'one minute' };
const TEN_SECONDS: IntervalRule = { ms: 10_000, label: 'ten seconds' };

/**
 * /sessions/: sentry.io's MetricsReleaseHealthBackend.sessions_query_config allows ten seconds without a range
 * restriction; the SessionsReleaseHealthBackend of older self-hosted allows one hour (one minute only with the
 * minute-resolution-sessions feature). `normal` keeps the fake's one minute.
 */
export function sessionsIntervalRule(flavour: Flavour): IntervalRule {
  if (flavour === 'selfhosted') {
    return ONE_HOUR;
  }
  return isSaas(flavour) ? TEN_SECONDS : ONE_MINUTE;
}

/**
 * /stats_v2/: outcomes.QueryDefinition allows one minute everywhere (allow_minute_resolution defaults to True);
 * the older get_constrained_date_range on self-hosted restricts minute intervals to 6 h within 30 days.
 */
export function statsIntervalRule(flavour: Flavour): IntervalRule {
  return flavour === 'selfhosted' ? { ...ONE_MINUTE, restrictMinuteRanges: true } : ONE_MINUTE;
}

/** The older get_constrained_date_range's extra checks for sub-hour intervals (message text as in Sentry). */
export function minuteRangeProblem(
  rule: IntervalRule,
  interval: number,
  range: { start: number; end: number },
  now: number
): string | null {
  if (!rule.restrictMinuteRanges || interval % HOUR === 0) {
    return null;
  }
  // The range is first rounded up to whole hours (the rounding interval of sub-hour intervals).
  const rounded = Math.ceil((range.end - range.start) / HOUR) * HOUR;
  if (rounded > 6 * HOUR) {
    return 'The time-range when using one-minute resolution intervals is restricted to 6 hours.';
  }
  if (now - range.start > 30 * DAY) {
    return 'The time-range when using one-minute resolution intervals is restricted to the last 30 days.';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/**
 * Python's `datetime.isoformat()` of a UTC time: microseconds only when non-zero, `+00:00` offset. Used by the
 * spans dataset's timestamp (datetime_processor, src/sentry/search/eap/spans/attributes.py) and by the
 * deprecation header (src/sentry/api/helpers/deprecation.py).
 */
export function pythonIsoformat(ms: number): string {
  const iso = new Date(ms).toISOString();
  const millis = iso.slice(20, 23);
  const seconds = iso.slice(0, 19);
  return millis === '000' ? `${seconds}+00:00` : `${seconds}.${millis}000+00:00`;
}
