/**
 * Upgrades saved queries to the current shape: dashboards made with earlier versions, and with the official
 * grafana-sentry-datasource (whose keys this plugin shares). Pure and idempotent.
 */
import { QUERY_TYPES, type QueryType, type SentryQuery, type SessionsField } from '../types';

export const QUERY_SCHEMA_VERSION = 1;

/** The official plugin's session metrics, now served by the public Sessions API. */
const METRICS_TO_SESSIONS: Record<string, SessionsField> = {
  'session.crash_free_rate': 'crash_free_rate(session)',
  'session.crash_free_user_rate': 'crash_free_rate(user)',
  'session.crash_rate': 'crash_rate(session)',
  'session.crash_user_rate': 'crash_rate(user)',
  'session.all': 'sum(session)',
  'count_unique(sentry.sessions.user)': 'count_unique(user)',
};

type Loose = Record<string, unknown> & { refId?: string };

export function migrateQuery(input: unknown): SentryQuery {
  const query: Loose = { ...(isObject(input) ? input : {}) };
  if (query.queryType === 'metrics') {
    migrateMetrics(query);
  }
  if (query.queryType === undefined || query.queryType === '') {
    // The official plugin saved new panels without a type; it then failed with "unknown query type".
    query.queryType = 'issues';
  }

  query.projectIds = stringList(query.projectIds);
  query.environments = stringList(query.environments);
  for (const key of [
    'eventsFields',
    'eventsStatsYAxis',
    'eventsStatsGroups',
    'statsFields',
    'statsCategory',
    'statsGroupBy',
    'statsOutcome',
    'statsReason',
    'lookupIds',
  ]) {
    if (query[key] !== undefined) {
      query[key] = stringList(query[key]);
    }
  }
  for (const key of [
    'issuesLimit',
    'eventsLimit',
    'eventsStatsLimit',
    'distributionLimit',
    'performanceLimit',
    'releasesLimit',
    'spikeLimit',
    'spikeMinEvents',
    'lookupLimit',
    'anomalyK',
    'anomalyWindow',
  ]) {
    if (typeof query[key] === 'string') {
      const n = Number(query[key]);
      // Empty means "default"; other text is kept so validation can say what is wrong with it.
      query[key] = query[key] === '' ? undefined : Number.isFinite(n) ? n : query[key];
    }
  }

  query.schemaVersion = QUERY_SCHEMA_VERSION;
  return query as unknown as SentryQuery;
}

function migrateMetrics(query: Loose) {
  const field = typeof query.metricsField === 'string' ? METRICS_TO_SESSIONS[query.metricsField] : undefined;
  const groupBy = ['release', 'project', 'environment'].includes(String(query.metricsGroupBy))
    ? [query.metricsGroupBy]
    : [];
  Object.assign(query, {
    queryType: 'sessions',
    sessionsFields: [field ?? 'crash_free_rate(session)'],
    sessionsGroupBy: groupBy,
    sessionsQuery: query.metricsQuery,
    sessionsMode: 'timeseries',
  });
  for (const key of ['metricsField', 'metricsQuery', 'metricsGroupBy', 'metricsSort', 'metricsOrder', 'metricsLimit']) {
    delete query[key];
  }
}

export function isKnownQueryType(type: unknown): type is QueryType {
  return typeof type === 'string' && (QUERY_TYPES as readonly string[]).includes(type);
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined && v !== '').map(String);
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
