/** Limits shared by the settings, the query types and the runners. Each type's own limits sit in its module. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const MAX_CONCURRENT_REQUESTS_LIMIT = 25;
export const DEFAULT_ROW_BUDGET = 1000;
/** Fewer rows than one page of most lists would make every table look truncated. */
export const MIN_ROW_BUDGET = 100;
export const MAX_ROW_BUDGET = 100000;
/** Rows an events-backed table (events, spans, transactions, lookups) may ask for. */
export const MAX_EVENTS_LIMIT = MAX_ROW_BUDGET;
