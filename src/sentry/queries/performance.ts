/**
 * Transaction performance presets: the functions Sentry's own performance pages use, as a per-transaction
 * table or as series. The functions sent are listed in executedQueryString so numbers can be compared.
 */
import type { DataFrame } from '@grafana/data';
import { choiceProblem, choicesProblem, collectErrors, limitProblem } from '../checks';
import { SentryClient } from '../client';
import { ServedDataset, isSpanDataset } from '../datasets';
import { MAX_EVENTS_LIMIT } from '../limits';
import { transactionSummaryLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { QueryContext } from './context';
import { runEventsQuery } from './events';
import { DEFAULT_TOP_N, MAX_TOP_N, seriesOnDatasets } from './eventsStats';

export type PerformanceMetric =
  'tpm' | 'p50' | 'p75' | 'p95' | 'p99' | 'failureRate' | 'apdex' | 'miserableUsers' | 'count';

export type PerformanceMode = 'table' | 'timeseries';

export interface PerformanceQuery extends SentryQueryBase<'performance'> {
  performanceMode?: PerformanceMode;
  performanceMetrics?: PerformanceMetric[];
  performanceQuery?: string;
  /** Time-series mode: group by these fields (top N), e.g. transaction. */
  performanceGroupBy?: string[];
  performanceLimit?: number;
  /** Apdex and misery threshold, ms. */
  apdexThreshold?: number;
}

export type PerformanceErrorField = 'performanceMode' | 'performanceMetrics' | 'performanceLimit' | 'apdexThreshold';

/** Why the misery column reads differently where transactions run on spans. */
export const MISERY_ON_SPANS =
  'Sentry counts miserable users only on the deprecated transactions dataset; on spans this column is user misery, a 0–1 score from the same threshold.';

/** Ten minutes: far above any sensible "satisfied" response time. */
export const MAX_APDEX_THRESHOLD_MS = 600_000;
/** Transactions a table lists when the query names no limit. */
export const DEFAULT_PERFORMANCE_TABLE_LIMIT = 50;

export const PERFORMANCE_MODES: PerformanceMode[] = ['table', 'timeseries'];

export const DEFAULT_PERFORMANCE_METRICS: PerformanceMetric[] = [
  'tpm',
  'p50',
  'p95',
  'failureRate',
  'apdex',
  'miserableUsers',
];
export const ALL_PERFORMANCE_METRICS: PerformanceMetric[] = [
  'count',
  'tpm',
  'p50',
  'p75',
  'p95',
  'p99',
  'failureRate',
  'apdex',
  'miserableUsers',
];

export const performanceQueryType: QueryTypeModule<PerformanceQuery, PerformanceErrorField> = {
  defaults: () => ({ performanceMode: 'table', performanceMetrics: [...DEFAULT_PERFORMANCE_METRICS] }),
  fields: {
    performanceMetrics: 'choices',
    performanceQuery: 'search',
    performanceGroupBy: 'list',
    performanceLimit: 'number',
  },
  adHocSearchField: 'performanceQuery',
  dataset: () => 'transactions',
  validate: (query) =>
    collectErrors({
      performanceMode: choiceProblem(query.performanceMode, PERFORMANCE_MODES, 'mode', PERFORMANCE_MODES.join(' or ')),
      performanceMetrics: metricsProblem(query.performanceMetrics),
      performanceLimit:
        query.performanceMode === 'timeseries'
          ? limitProblem(query.performanceLimit, MAX_TOP_N, 'Top N')
          : limitProblem(query.performanceLimit, MAX_EVENTS_LIMIT, 'Limit'),
      apdexThreshold: limitProblem(query.apdexThreshold, MAX_APDEX_THRESHOLD_MS, 'The apdex threshold (ms)'),
    }),
  displayText: (query) =>
    `Performance ${query.performanceMode === 'timeseries' ? 'series' : 'table'}: ${(query.performanceMetrics ?? []).join(', ') || 'default metrics'}`,
  run: runPerformanceQuery,
};

function metricsProblem(metrics: PerformanceMetric[] | undefined): string | undefined {
  if (metrics === undefined) {
    return undefined;
  }
  if (metrics.length === 0) {
    return 'Pick at least one metric, e.g. tpm or p95.';
  }
  return choicesProblem(metrics, ALL_PERFORMANCE_METRICS, 'metric');
}

/** Sentry function for a preset; apdex and misery use the project's threshold unless one is given. */
export function performanceFunction(metric: PerformanceMetric, apdexThreshold?: number): string {
  const threshold = apdexThreshold && apdexThreshold > 0 ? Math.round(apdexThreshold) : undefined;
  switch (metric) {
    case 'count':
      return 'count()';
    case 'tpm':
      return 'tpm()';
    case 'p50':
    case 'p75':
    case 'p95':
    case 'p99':
      return `${metric}(transaction.duration)`;
    case 'failureRate':
      return 'failure_rate()';
    case 'apdex':
      return threshold ? `apdex(${threshold})` : 'apdex()';
    case 'miserableUsers':
      return threshold ? `count_miserable(user,${threshold})` : 'count_miserable(user)';
  }
}

export async function runPerformanceQuery(
  client: SentryClient,
  query: PerformanceQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const metrics = query.performanceMetrics?.length ? query.performanceMetrics : DEFAULT_PERFORMANCE_METRICS;
  const functions = metrics.map((m) => performanceFunction(m, query.apdexThreshold));
  if (query.performanceMode === 'timeseries') {
    const groups = (query.performanceGroupBy ?? []).filter((g) => g.trim() !== '');
    const request = {
      dataset: 'transactions' as const,
      yAxes: functions,
      groups,
      topN: groups.length ? Math.min(query.performanceLimit ?? DEFAULT_TOP_N, MAX_TOP_N) : 0,
      sort: `-${functions.includes('tpm()') ? 'tpm()' : functions[0]}`,
      search: query.performanceQuery ?? '',
      withOther: false,
      projectIds: query.projectIds,
      environments: query.environments,
    };
    return seriesOnDatasets(client, request, context, query.refId);
  }
  const sortFunction = functions.includes('tpm()') ? 'tpm()' : functions[0];
  const [frame] = await runEventsQuery(
    client,
    {
      refId: query.refId,
      eventsFields: ['transaction', 'project', ...functions],
      eventsSort: sortFunction,
      eventsSortDirection: 'desc',
      eventsQuery: query.performanceQuery,
      eventsLimit: query.performanceLimit ?? DEFAULT_PERFORMANCE_TABLE_LIMIT,
      projectIds: query.projectIds,
      environments: query.environments,
    },
    context,
    'transactions'
  );
  const summary = transactionSummaryLink({
    sentryUrl: client.target,
    org: client.orgSlug,
    projectIds: query.projectIds,
    environments: query.environments,
  });
  const fields = frame.fields.map((f) =>
    f.name === 'transaction' ? { ...f, config: { ...f.config, links: summary } } : f
  );
  const ran = (frame.meta?.custom as { dataset?: ServedDataset } | undefined)?.dataset;
  const onSpans = ran !== undefined && isSpanDataset(ran);
  const notices = [
    ...(frame.meta?.notices ?? []),
    ...(onSpans && metrics.includes('miserableUsers') ? [{ severity: 'info' as const, text: MISERY_ON_SPANS }] : []),
  ];
  return [
    { ...frame, name: 'Transactions', fields, meta: { ...frame.meta, notices: notices.length ? notices : undefined } },
  ];
}
