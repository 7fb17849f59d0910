/** Limits shared by the settings, the query types and the runners. Each type's own limits sit in its module. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const MAX_CONCURRENT_REQUESTS_LIMIT = 25;
export const DEFAULT_ROW_BUDGET = 1000;
/** Fewer rows than one page of most lists would make every table look truncated. */
export const MIN_ROW_BUDGET = 100;
export const MAX_ROW_BUDGET = 100000;
/** Rows an events-backed table (events, spans, transactions, lookups) may ask for. */
export const MAX_EVENTS_LIMIT = MAX_ROW_BUDGET;

/**
 * Longest a query waits for Sentry's rate limit, in seconds; a longer wait fails the query, naming it. Sentry's
 * API windows are a second long, so a minute rides out many viewers of one token while a dashboard still answers.
 */
export const DEFAULT_RATE_LIMIT_WAIT_S = 60;
export const MIN_RATE_LIMIT_WAIT_S = 1;
export const MAX_RATE_LIMIT_WAIT_S = 600;

export const BYTES_PER_MB = 1024 * 1024;
/**
 * Most bytes of one answer read from Sentry. Sentry's largest pages (100 issues with stats, 10 series of 10,000
 * buckets) stay under a few MB; a body past this is a misbehaving server or proxy, and reading it whole stalls the tab.
 */
export const DEFAULT_MAX_RESPONSE_MB = 32;
export const MIN_MAX_RESPONSE_MB = 1;
export const MAX_MAX_RESPONSE_MB = 1024;
/**
 * Points kept per series: twice Sentry's own cap on buckets per request (MAX_ROLLUP_POINTS, 10,000), so no genuine
 * answer reaches it, while a misbehaving one cannot make a panel draw (and hold) millions of points.
 */
export const MAX_SERIES_POINTS = 20_000;
