/**
 * The query each type starts with: valid and runnable as is, so a new panel or a type change shows data at once.
 */
import { QUERY_SCHEMA_VERSION } from './sentry/migrate';
import { DEFAULT_DISTRIBUTION_FIELD } from './sentry/queries/distribution';
import { DEFAULT_EVENT_FIELDS } from './sentry/queries/events';
import { DEFAULT_PERFORMANCE_METRICS } from './sentry/queries/performance';
import { DEFAULT_LOOKUP_KIND } from './sentry/queries/requestLookup';
import { DEFAULT_SESSIONS_FIELDS } from './sentry/queries/sessions';
import { DEFAULT_SPIKE_BASELINE, DEFAULT_SPIKE_QUERY } from './sentry/queries/spikeExplainer';
import type { QueryType, SentryQuery } from './types';

/** Keys a type change keeps: the query's identity in the panel and its project/environment scope. */
const KEPT_ON_TYPE_CHANGE = ['refId', 'key', 'hide', 'datasource', 'projectIds', 'environments'] as const;

export function defaultQueryFor(type: QueryType, refId: string): SentryQuery {
  const base = { refId, schemaVersion: QUERY_SCHEMA_VERSION };
  switch (type) {
    case 'issues':
      return { ...base, queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq' };
    case 'eventsStats':
      return { ...base, queryType: 'eventsStats', dataset: 'errors', eventsStatsYAxis: ['count()'] };
    case 'errorDistribution':
      return { ...base, queryType: 'errorDistribution', distributionField: DEFAULT_DISTRIBUTION_FIELD };
    case 'events':
      return {
        ...base,
        queryType: 'events',
        dataset: 'errors',
        eventsFields: [...DEFAULT_EVENT_FIELDS.errors],
        eventsSort: 'timestamp',
        eventsSortDirection: 'desc',
      };
    case 'performance':
      return {
        ...base,
        queryType: 'performance',
        performanceMode: 'table',
        performanceMetrics: [...DEFAULT_PERFORMANCE_METRICS],
      };
    case 'spans':
      return {
        ...base,
        queryType: 'spans',
        eventsFields: [...DEFAULT_EVENT_FIELDS.spans],
        eventsSort: 'timestamp',
        eventsSortDirection: 'desc',
      };
    case 'spansStats':
      return { ...base, queryType: 'spansStats', eventsStatsYAxis: ['count()'] };
    case 'sessions':
      return {
        ...base,
        queryType: 'sessions',
        sessionsFields: [...DEFAULT_SESSIONS_FIELDS],
        sessionsMode: 'timeseries',
      };
    case 'statsV2':
      return {
        ...base,
        queryType: 'statsV2',
        statsFields: ['sum(quantity)'],
        statsGroupBy: ['category', 'outcome'],
      };
    case 'releases':
      return { ...base, queryType: 'releases', releasesMode: 'releases' };
    case 'spikeExplainer':
      return {
        ...base,
        queryType: 'spikeExplainer',
        spikeQuery: DEFAULT_SPIKE_QUERY,
        spikeBaseline: DEFAULT_SPIKE_BASELINE,
      };
    case 'requestLookup':
      return { ...base, queryType: 'requestLookup', lookupIds: [], lookupKind: DEFAULT_LOOKUP_KIND };
  }
}

/**
 * The query after the user picks another type: the new type's default, keeping refId, hide, datasource
 * and the project/environment scope of the old one.
 */
export function changeQueryType(query: SentryQuery, type: QueryType): SentryQuery {
  const next: SentryQuery = defaultQueryFor(type, query.refId);
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_ON_TYPE_CHANGE) {
    if (query[key] !== undefined) {
      kept[key] = query[key];
    }
  }
  return { ...next, ...kept } as SentryQuery;
}
