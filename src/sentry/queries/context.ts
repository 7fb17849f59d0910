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
