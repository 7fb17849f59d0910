/**
 * The query types, each picked from one module: what a new query holds, what is wrong with a query, how it reads
 * in history, and how it runs. Adding a type: its module under ./queries, one line here, its editor.
 */
import type { FieldErrors } from './checks';
import type { EventsDataset } from './datasets';
import { errorDistributionQueryType } from './queries/distribution';
import { eventsQueryType } from './queries/events';
import { eventsStatsQueryType } from './queries/eventsStats';
import { issuesQueryType } from './queries/issues';
import { performanceQueryType } from './queries/performance';
import { releasesQueryType } from './queries/releases';
import { requestLookupQueryType } from './queries/requestLookup';
import { sessionsQueryType } from './queries/sessions';
import { spansQueryType } from './queries/spans';
import { spansStatsQueryType } from './queries/spansStats';
import { spikeExplainerQueryType } from './queries/spikeExplainer';
import { statsV2QueryType } from './queries/statsV2';
import type { QueryOf, QueryType, SentryQuery } from './query';
import type { QueryTypeModule } from './queryType';

/** In the type picker's order. */
export const QUERY_TYPE_MODULES: { [T in QueryType]: QueryTypeModule<QueryOf<T>> } = {
  issues: issuesQueryType,
  eventsStats: eventsStatsQueryType,
  errorDistribution: errorDistributionQueryType,
  events: eventsQueryType,
  performance: performanceQueryType,
  spans: spansQueryType,
  spansStats: spansStatsQueryType,
  sessions: sessionsQueryType,
  statsV2: statsV2QueryType,
  releases: releasesQueryType,
  spikeExplainer: spikeExplainerQueryType,
  requestLookup: requestLookupQueryType,
};

export const QUERY_TYPES = Object.keys(QUERY_TYPE_MODULES) as QueryType[];

/** What a typeless query is (the official plugin saved new panels without a type). */
export const DEFAULT_QUERY_TYPE: QueryType = 'issues';

/** Current shape of saved queries, for migrateQuery. */
export const QUERY_SCHEMA_VERSION = 1;

export function isKnownQueryType(type: unknown): type is QueryType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(QUERY_TYPE_MODULES, type);
}

/** The module of a query's type, or undefined for an unknown type. */
export function queryTypeOf(query: Pick<SentryQuery, 'queryType'>): QueryTypeModule<SentryQuery> | undefined {
  return isKnownQueryType(query.queryType)
    ? (QUERY_TYPE_MODULES[query.queryType] as unknown as QueryTypeModule<SentryQuery>)
    : undefined;
}

/** The query each type starts with: valid and runnable as is, so a new panel or a type change shows data at once. */
export function defaultQueryFor(type: QueryType, refId: string): SentryQuery {
  const module = QUERY_TYPE_MODULES[type] as unknown as QueryTypeModule<SentryQuery>;
  return { refId, schemaVersion: QUERY_SCHEMA_VERSION, queryType: type, ...module.defaults() } as SentryQuery;
}

/** Field key → what is wrong with it; `queryType` when the type itself is unknown. */
export type ValidationErrors = FieldErrors<string>;

/**
 * Checks a migrated query before it runs: the editor shows the messages next to the fields they name, and the
 * data source skips queries that fail. A list left out means the runner's default (valid); a list the user
 * emptied is not.
 */
export function validateQuery(query: SentryQuery): ValidationErrors {
  const module = queryTypeOf(query);
  if (!module) {
    return { queryType: `Unknown query type "${String(query.queryType)}": pick one of ${QUERY_TYPES.join(', ')}.` };
  }
  return module.validate(query);
}

export function isValid(query: SentryQuery): boolean {
  return Object.keys(validateQuery(query)).length === 0;
}

/** One line per query for query history and Explore: the type, what it asks for, and its scope. */
export function queryDisplayText(query: SentryQuery): string {
  const module = queryTypeOf(query);
  if (!module) {
    return JSON.stringify(query);
  }
  const scope = [
    query.projectIds?.length ? `projects ${query.projectIds.join(', ')}` : '',
    query.environments?.length ? `env ${query.environments.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `${module.displayText(query)}${scope ? ` (${scope})` : ''}`;
}

/** The Sentry dataset a query reads, for the types that read one. */
export function datasetOf(query: SentryQuery): EventsDataset | undefined {
  return queryTypeOf(query)?.dataset?.(query);
}
