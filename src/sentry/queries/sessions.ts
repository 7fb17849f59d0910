/** Session health from the public Sessions API: crash-free rates and counts, as series or a totals table. */
import type { DataFrame } from '@grafana/data';
import { choiceProblem, choicesProblem, collectErrors, intervalProblem } from '../checks';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { ChosenInterval, SESSIONS_INTERVALS } from '../interval';
import { releaseHealthLink } from '../links';
import type { SentrySessions, SentrySessionsGroup } from '../api';
import type { SentryQueryBase } from '../query';
import type { LooseQuery, QueryTypeModule } from '../queryType';
import { QueryContext, describeRequest } from './context';
import { groupFrames, groupLabeler } from './groups';
import { withServerIntervals } from './serverIntervals';

/** The fields Sentry's Sessions API answers; the editor offers the first six. */
export const SESSIONS_FIELDS = [
  'crash_free_rate(session)',
  'crash_free_rate(user)',
  'crash_rate(session)',
  'crash_rate(user)',
  'sum(session)',
  'count_unique(user)',
  'avg(session.duration)',
  'p50(session.duration)',
  'p75(session.duration)',
  'p90(session.duration)',
  'p95(session.duration)',
  'p99(session.duration)',
  'max(session.duration)',
  'anr_rate()',
  'foreground_anr_rate()',
] as const;

export type SessionsField = (typeof SESSIONS_FIELDS)[number];

/** What Sentry's Sessions API groups by; session.status splits counts by healthy, errored, crashed and abnormal. */
export type SessionsGroupBy = 'release' | 'project' | 'environment' | 'session.status';

export type SessionsMode = 'timeseries' | 'table';

export interface SessionsQuery extends SentryQueryBase<'sessions'> {
  sessionsFields?: SessionsField[];
  sessionsGroupBy?: SessionsGroupBy[];
  sessionsMode?: SessionsMode;
  sessionsQuery?: string;
  sessionsInterval?: string;
}

export type SessionsErrorField = 'sessionsFields' | 'sessionsGroupBy' | 'sessionsMode' | 'sessionsInterval';

export const DEFAULT_SESSIONS_FIELDS: SessionsField[] = ['crash_free_rate(session)', 'crash_free_rate(user)'];
export const SESSIONS_GROUPS: SessionsGroupBy[] = ['release', 'project', 'environment', 'session.status'];
export const SESSIONS_MODES: SessionsMode[] = ['timeseries', 'table'];

/** The official plugin's session metrics, now served by the public Sessions API. */
const METRICS_TO_SESSIONS: Record<string, SessionsField> = {
  'session.crash_free_rate': 'crash_free_rate(session)',
  'session.crash_free_user_rate': 'crash_free_rate(user)',
  'session.crash_rate': 'crash_rate(session)',
  'session.crash_user_rate': 'crash_rate(user)',
  'session.all': 'sum(session)',
  'count_unique(sentry.sessions.user)': 'count_unique(user)',
};

/** Group-bys an official `metrics` query keeps on upgrade; any other is dropped, as it always was. */
const METRICS_GROUPS: SessionsGroupBy[] = ['release', 'project', 'environment'];

/** The official plugin's `metrics` query (release health from the deprecated metrics API) as a sessions query. */
function fromMetricsQuery(query: LooseQuery) {
  const field = typeof query.metricsField === 'string' ? METRICS_TO_SESSIONS[query.metricsField] : undefined;
  const groupBy = (METRICS_GROUPS as unknown[]).includes(query.metricsGroupBy) ? [query.metricsGroupBy] : [];
  Object.assign(query, {
    sessionsFields: [field ?? DEFAULT_SESSIONS_FIELDS[0]],
    sessionsGroupBy: groupBy,
    sessionsQuery: query.metricsQuery,
    sessionsMode: 'timeseries',
  });
  for (const key of ['metricsField', 'metricsQuery', 'metricsGroupBy', 'metricsSort', 'metricsOrder', 'metricsLimit']) {
    delete query[key];
  }
}

export const sessionsQueryType: QueryTypeModule<SessionsQuery, SessionsErrorField> = {
  defaults: () => ({ sessionsFields: [...DEFAULT_SESSIONS_FIELDS], sessionsMode: 'timeseries' }),
  fields: { sessionsFields: 'choices', sessionsGroupBy: 'choices', sessionsQuery: 'search', sessionsInterval: 'text' },
  legacyTypes: { metrics: fromMetricsQuery },
  validate: (query) =>
    collectErrors({
      sessionsFields:
        query.sessionsFields !== undefined && query.sessionsFields.length === 0
          ? 'Pick at least one field, e.g. crash_free_rate(session).'
          : choicesProblem(query.sessionsFields, SESSIONS_FIELDS, 'field'),
      sessionsGroupBy: choicesProblem(query.sessionsGroupBy, SESSIONS_GROUPS, 'group-by field'),
      sessionsMode: choiceProblem(query.sessionsMode, SESSIONS_MODES, 'mode', SESSIONS_MODES.join(' or ')),
      sessionsInterval: intervalProblem(query.sessionsInterval),
    }),
  displayText: (query) =>
    `Sessions: ${(query.sessionsFields ?? []).join(', ') || 'crash-free rates'}${query.sessionsGroupBy?.length ? ` by ${query.sessionsGroupBy.join(', ')}` : ''}`,
  run: runSessionsQuery,
};

export async function runSessionsQuery(
  client: SentryClient,
  query: SessionsQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const fields = query.sessionsFields?.length ? query.sessionsFields : DEFAULT_SESSIONS_FIELDS;
  const groupBy = query.sessionsGroupBy ?? [];
  const table = query.sessionsMode === 'table';
  const intervalRequest = {
    rangeMs: context.range.to.getTime() - context.range.from.getTime(),
    intervalMs: context.intervalMs,
    maxDataPoints: context.maxDataPoints,
    requested: query.sessionsInterval?.trim() || undefined,
  };
  const path = paths.sessions(client.orgSlug);
  const read = async (interval: ChosenInterval) => {
    const params: Array<[string, string]> = [
      ...repeated('field', fields),
      ...repeated('groupBy', groupBy),
      ['interval', interval.text],
      ['includeSeries', table ? '0' : '1'],
    ];
    if (query.sessionsQuery?.trim()) {
      params.push(['query', query.sessionsQuery]);
    }
    params.push(...timeParams(context.range, interval.ms), ...scopeParams(query.projectIds, query.environments));
    let intervals: string[] = [];
    const { rows } = await client.getAllPages<SentrySessionsGroup>(path, params, {
      signal: context.signal,
      requiredScope: scopes.org,
      maxPageSize: 5000,
      rowBudget: 5000,
      rowsOf: (body) => {
        const page = body as SentrySessions;
        if (!page || !Array.isArray(page.groups)) {
          throw new SentryError('invalid-response', 'The sessions answer has no groups.');
        }
        intervals = page.intervals ?? intervals;
        return page.groups;
      },
    });
    return { groups: rows, intervals, params };
  };
  const { result, interval, described } = await withServerIntervals(
    client,
    SESSIONS_INTERVALS,
    intervalRequest,
    read,
    context.bucketMs
  );
  const { groups, intervals, params } = result;
  const healthLinks = releaseHealthLink(
    { sentryUrl: client.target, org: client.orgSlug, projectIds: query.projectIds, environments: query.environments },
    !table && groupBy.includes('release')
  );
  const labelsOf = await groupLabeler(client, groupBy, context.signal);
  const meta = {
    executedQueryString: `interval: ${described}\n${describeRequest(path, params)}`,
    custom: { interval: interval.text },
  };
  return groupFrames({
    refId: query.refId,
    tableName: 'Sessions',
    groups,
    labelsOf,
    groupBy,
    fields,
    intervals: table ? undefined : intervals,
    meta,
    links: healthLinks,
    config: sessionsConfig,
    missingTotal: null,
  });
}

function sessionsConfig(field: string) {
  return /rate\(/.test(field) ? { unit: 'percentunit', min: 0, max: 1 } : { decimals: 0 };
}
