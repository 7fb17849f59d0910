import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

//#region Configuration

/** Settings saved in the data source's jsonData (visible to the browser). */
export interface SentryConfig extends DataSourceJsonData {
  /** Sentry base URL, e.g. https://sentry.io, https://de.sentry.io or a self-hosted root. */
  url?: string;
  /** Organization slug, e.g. "acme". */
  orgSlug?: string;
  /** Requests to Sentry in flight at once for this data source instance. */
  maxConcurrentRequests?: number;
  /** Most rows a paginated query fetches before it stops and marks the result truncated. */
  rowBudget?: number;
}

/** Secrets saved server-side in secureJsonData; the browser never reads them back. */
export interface SentrySecureConfig {
  authToken?: string;
}

//#endregion

//#region Query model

export const QUERY_TYPES = ['issues'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

interface SentryQueryBase<T extends QueryType> extends DataQuery {
  queryType: T;
  /** Numeric Sentry project ids (strings, as Grafana variables carry them). Empty = all accessible projects. */
  projectIds?: string[];
  environments?: string[];
}

export type IssuesSort = 'date' | 'new' | 'freq' | 'user' | 'priority';

export interface IssuesQuery extends SentryQueryBase<'issues'> {
  /** Sentry issue search, e.g. "is:unresolved level:error". */
  issuesQuery?: string;
  issuesSort?: IssuesSort;
  /** Rows wanted; capped by the data source's row budget. */
  issuesLimit?: number;
}

export type SentryQuery = IssuesQuery;

//#endregion
