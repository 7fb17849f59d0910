import type { DataFrame } from '@grafana/data';
import type { TimeRange } from '../endpoints';

/** What one query run needs besides the query: Grafana's request, or the CLI's arguments. */
export interface QueryContext {
  range: TimeRange;
  intervalMs?: number;
  maxDataPoints?: number;
  signal?: AbortSignal;
  /** Longest wait for Sentry's rate limit (default: the client's, 60 s); the query's frames say how long it waited. */
  rateLimitDeadlineMs?: number;
  /**
   * The range ends at "now" and moves with it (Grafana's `to` is `now`): a refresh may read only the new buckets
   * (../tailRefresh.ts). False for a fixed range; unknown (CLI) reads as ending at its `to`.
   */
  relative?: boolean;
  /** Read a series in buckets of this size, whatever the range (a tail refresh continues a series loaded before). */
  bucketMs?: number;
}

export interface QueryOutcome {
  refId: string;
  frames: DataFrame[];
  /** Set when this query failed; other queries of the same request are unaffected. */
  error?: { message: string; kind: string; status?: number };
}

/** How a request looks in the query inspector and `meta.executedQueryString`. */
export function describeRequest(path: string, params: Array<[string, string]>): string {
  const search = new URLSearchParams();
  for (const [k, v] of params) {
    search.append(k, v);
  }
  const query = search.toString();
  return `GET ${path}${query ? `?${query}` : ''}`;
}
