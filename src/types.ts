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
  /** Prometheus data source that Sentry panels link to (its uid). */
  prometheusDatasourceUid?: string;
  /** Which Prometheus label carries the same value as which Sentry dimension (project slug, environment…). */
  labelMap?: LabelMapping[];
  /** PromQL for links to Prometheus; `<labels>` becomes the matchers from the label map. */
  prometheusQuery?: string;
}

export interface LabelMapping {
  /** Prometheus label, e.g. service. */
  prometheus: string;
  /** Sentry dimension: project (slug), environment, release, transaction, or a tag key. */
  sentry: string;
}

/** Secrets saved server-side in secureJsonData; the browser never reads them back. */
export interface SentrySecureConfig {
  authToken?: string;
}

//#endregion

//#region Query model

/**
 * Saved queries: a union on `queryType`, stored in dashboards as-is. Keys shared with the official Sentry
 * plugin (issuesQuery, eventsFields, eventsStatsYAxis, statsCategory…) keep its meaning, so its dashboards
 * import unchanged; `migrateQuery` upgrades older shapes.
 */
export const QUERY_TYPES = [
  'issues',
  'eventsStats',
  'errorDistribution',
  'events',
  'performance',
  'spans',
  'spansStats',
  'sessions',
  'statsV2',
  'releases',
  'spikeExplainer',
  'requestLookup',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** Discover datasets a query can read; `discover` is Sentry's default when none is sent (errors + transactions). */
export type EventsDataset = 'errors' | 'transactions' | 'spans' | 'discover';

interface SentryQueryBase<T extends QueryType> extends DataQuery {
  queryType: T;
  /** Numeric Sentry project ids (strings, as Grafana variables carry them). Empty = all accessible projects. */
  projectIds?: string[];
  environments?: string[];
  /** Shape version, for migrateQuery. */
  schemaVersion?: number;
}

export type IssuesSort = 'date' | 'new' | 'freq' | 'user' | 'priority';

export interface IssuesQuery extends SentryQueryBase<'issues'> {
  /** Sentry issue search, e.g. "is:unresolved level:error". */
  issuesQuery?: string;
  issuesSort?: IssuesSort;
  /** Rows wanted; capped by the data source's row budget. */
  issuesLimit?: number;
}

export type SortDirection = 'asc' | 'desc';

interface EventsTableFields {
  dataset?: EventsDataset;
  eventsQuery?: string;
  /** Columns in the user's order: fields, tags[...] and functions such as count() or p95(transaction.duration). */
  eventsFields?: string[];
  eventsSort?: string;
  eventsSortDirection?: SortDirection;
  eventsLimit?: number;
}

export interface EventsQuery extends SentryQueryBase<'events'>, EventsTableFields {}
/** The events table on the spans dataset. */
export interface SpansQuery extends SentryQueryBase<'spans'>, EventsTableFields {}

interface EventsStatsFields {
  dataset?: EventsDataset;
  eventsStatsQuery?: string;
  /** Aggregates to chart, e.g. count(), count_unique(user), epm(), failure_rate(). */
  eventsStatsYAxis?: string[];
  /** Group-by fields; with them the query charts the top N groups. */
  eventsStatsGroups?: string[];
  /** Ranks the groups, e.g. -count(). Defaults to the first y-axis, descending. */
  eventsStatsSort?: string;
  /** Top N groups. */
  eventsStatsLimit?: number;
  /** Keep the "Other" series (everything outside the top N). */
  eventsStatsOther?: boolean;
  /**
   * Add an expected band (baseline, upper, lower) from the same series one day or week earlier, and an anomaly
   * flag series. Only for one y-axis without groups.
   */
  anomalyBand?: boolean;
  /** The period the band is learnt from. Default previousDay. */
  anomalyBaseline?: AnomalyBaseline;
  /** Band half-width in robust standard deviations (1.4826 × MAD). Default 3. */
  anomalyK?: number;
  /** Baseline buckets around each point the band is computed over. Default 6. */
  anomalyWindow?: number;
}

export type AnomalyBaseline = 'previousDay' | 'previousWeek';

/** Event frequency: error rate and other aggregates over time. */
export interface EventsStatsQuery extends SentryQueryBase<'eventsStats'>, EventsStatsFields {}
export interface SpansStatsQuery extends SentryQueryBase<'spansStats'>, EventsStatsFields {}

export interface ErrorDistributionQuery extends SentryQueryBase<'errorDistribution'> {
  /** Dimension to count errors by: error.type, level, release, environment, project, browser.name, or tags[key]. */
  distributionField?: string;
  distributionQuery?: string;
  distributionLimit?: number;
  /** Add each category's share of the total. */
  distributionShare?: boolean;
}

export type PerformanceMetric =
  'tpm' | 'p50' | 'p75' | 'p95' | 'p99' | 'failureRate' | 'apdex' | 'miserableUsers' | 'count';

export interface PerformanceQuery extends SentryQueryBase<'performance'> {
  performanceMode?: 'table' | 'timeseries';
  performanceMetrics?: PerformanceMetric[];
  performanceQuery?: string;
  /** Time-series mode: group by these fields (top N), e.g. transaction. */
  performanceGroupBy?: string[];
  performanceLimit?: number;
  /** Apdex and misery threshold, ms. */
  apdexThreshold?: number;
}

export type SessionsField =
  | 'crash_free_rate(session)'
  | 'crash_free_rate(user)'
  | 'crash_rate(session)'
  | 'crash_rate(user)'
  | 'sum(session)'
  | 'count_unique(user)';

export interface SessionsQuery extends SentryQueryBase<'sessions'> {
  sessionsFields?: SessionsField[];
  sessionsGroupBy?: Array<'release' | 'project' | 'environment'>;
  sessionsMode?: 'timeseries' | 'table';
  sessionsQuery?: string;
  sessionsInterval?: string;
}

export interface StatsV2Query extends SentryQueryBase<'statsV2'> {
  statsFields?: Array<'sum(quantity)' | 'sum(times_seen)'>;
  statsCategory?: string[];
  statsGroupBy?: Array<'outcome' | 'category' | 'reason' | 'project'>;
  statsOutcome?: string[];
  statsReason?: string[];
  statsInterval?: string;
}

export interface ReleasesQuery extends SentryQueryBase<'releases'> {
  releasesMode?: 'releases' | 'deploys';
  /** Substring of the version, or Sentry's release search (release:…, release.version:>1.2). */
  releasesQuery?: string;
  releasesLimit?: number;
}

/** Which earlier window the spike explainer compares the selected one with. */
export type SpikeBaseline = 'previous' | 'previousDay' | 'previousWeek';

/** Issues ranked by how much more often they occurred in the selected window than in a baseline window. */
export interface SpikeExplainerQuery extends SentryQueryBase<'spikeExplainer'> {
  /** Sentry issue search the candidates must match. Default "is:unresolved". */
  spikeQuery?: string;
  /** previous: the window of the same length just before; previousDay / previousWeek: the same window shifted back. */
  spikeBaseline?: SpikeBaseline;
  /** Rows to return. Default 10. */
  spikeLimit?: number;
  /** Issues with fewer events than this in the selected window are left out. Default 5. */
  spikeMinEvents?: number;
}

export type LookupKind = 'auto' | 'request' | 'trace';

/** Error events (and a trace's transactions) for given request ids or trace ids, with their issues. */
export interface RequestLookupQuery extends SentryQueryBase<'requestLookup'> {
  /** Request ids or trace ids, e.g. from a variable or a data link. */
  lookupIds?: string[];
  /** auto: 32 hex digits are trace ids, anything else a request id. Default auto. */
  lookupKind?: LookupKind;
  /** The event tag holding request ids. Default request_id. */
  requestIdTag?: string;
  /** Rows to return. Default 100. */
  lookupLimit?: number;
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

//#endregion

//#region Variable query

export const VARIABLE_KINDS = ['projects', 'environments', 'teams', 'releases', 'tagKeys', 'tagValues'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** A template variable's definition, saved in the dashboard. */
export interface SentryVariableQuery extends DataQuery {
  kind: VariableKind;
  /** projects: what the variable's value holds (text is always the slug). */
  projectValue?: 'id' | 'slug';
  /** projects: only this team's projects. environments, releases, tagValues: only these projects (ids, slugs or variables). */
  team?: string;
  projectIds?: string[];
  /** releases: only releases deployed to / seen in these environments. */
  environments?: string[];
  /** tagValues: the tag. */
  tagKey?: string;
  /** releases: substring of the version. */
  search?: string;
}

/** What the core needs of a variable's definition. */
export type VariableDefinition = Omit<SentryVariableQuery, keyof DataQuery>;

//#endregion

//#region Annotation query

export const ANNOTATION_KINDS = ['releases', 'deploys', 'newIssues', 'regressions'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** An annotation's query, saved in the dashboard's annotation list. */
export interface SentryAnnotationQuery extends DataQuery {
  annotationKind: AnnotationKind;
  projectIds?: string[];
  environments?: string[];
  /** Issue search for new issues and regressions; version substring for releases and deploys. */
  annotationQuery?: string;
}

//#endregion
