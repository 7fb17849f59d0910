/**
 * Saved queries: a union on `queryType`, stored in dashboards as they are. Each type's fields are declared in its
 * module under ./queries; keys shared with the official Sentry plugin (issuesQuery, eventsFields,
 * eventsStatsYAxis, statsCategory…) keep its meaning, so its dashboards import unchanged.
 */
import type { DataQuery } from '@grafana/schema';
import type { ErrorDistributionQuery } from './queries/distribution';
import type { EventsQuery } from './queries/events';
import type { EventsStatsQuery } from './queries/eventsStats';
import type { IssuesQuery } from './queries/issues';
import type { PerformanceQuery } from './queries/performance';
import type { ReleasesQuery } from './queries/releases';
import type { RequestLookupQuery } from './queries/requestLookup';
import type { SessionsQuery } from './queries/sessions';
import type { SpansQuery } from './queries/spans';
import type { SpansStatsQuery } from './queries/spansStats';
import type { SpikeExplainerQuery } from './queries/spikeExplainer';
import type { StatsV2Query } from './queries/statsV2';

/** What every query type has: its type, and the project/environment scope the type change keeps. */
export interface SentryQueryBase<T extends string> extends DataQuery {
  queryType: T;
  /** Numeric Sentry project ids (strings, as Grafana variables carry them). Empty = all accessible projects. */
  projectIds?: string[];
  environments?: string[];
  /** Shape version, for migrateQuery. */
  schemaVersion?: number;
}

export type SentryQuery =
  | IssuesQuery
  | EventsStatsQuery
  | ErrorDistributionQuery
  | EventsQuery
  | PerformanceQuery
  | SpansQuery
  | SpansStatsQuery
  | SessionsQuery
  | StatsV2Query
  | ReleasesQuery
  | SpikeExplainerQuery
  | RequestLookupQuery;

export type QueryType = SentryQuery['queryType'];

/** The query of one type. */
export type QueryOf<T extends QueryType> = Extract<SentryQuery, { queryType: T }>;
