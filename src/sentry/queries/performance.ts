/**
 * Transaction performance presets: the functions Sentry's own performance pages use, as a per-transaction
 * table or as series. The functions sent are listed in executedQueryString so numbers can be compared.
 */
import type { DataFrame } from '@grafana/data';
import type { PerformanceMetric, PerformanceQuery } from '../../types';
import { SentryClient } from '../client';
import { runEventsQuery } from './events';
import { DEFAULT_TOP_N, fetchSeries, statsFrames, statsLinks } from './eventsStats';
import { transactionSummaryLink } from '../links';
import { QueryContext } from './context';

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
      topN: groups.length ? Math.min(query.performanceLimit ?? DEFAULT_TOP_N, 50) : 0,
      sort: `-${functions.includes('tpm()') ? 'tpm()' : functions[0]}`,
      search: query.performanceQuery ?? '',
      withOther: false,
      projectIds: query.projectIds,
      environments: query.environments,
    };
    const result = await fetchSeries(client, request, context);
    return statsFrames(result, request, query.refId, statsLinks(client, request));
  }
  const sortFunction = functions.includes('tpm()') ? 'tpm()' : functions[0];
  const [frame] = await runEventsQuery(
    client,
    {
      refId: query.refId,
      queryType: 'events',
      dataset: 'transactions',
      eventsFields: ['transaction', 'project', ...functions],
      eventsSort: sortFunction,
      eventsSortDirection: 'desc',
      eventsQuery: query.performanceQuery,
      eventsLimit: query.performanceLimit ?? 50,
      projectIds: query.projectIds,
      environments: query.environments,
    },
    context
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
  return [{ ...frame, name: 'Transactions', fields }];
}
