/** Runs one saved query against Sentry. Failures stay on the query they concern. */
import type { DataFrame } from '@grafana/data';
import { QUERY_TYPES, type SentryQuery } from '../types';
import { SentryClient } from './client';
import { SentryError, toSentryError } from './errors';
import { resolveProjectIds } from './metadata';
import { migrateQuery } from './migrate';
import { runAnomalyBandQuery } from './queries/anomalyBand';
import { QueryContext, QueryOutcome } from './queries/context';
import { runDistributionQuery } from './queries/distribution';
import { runEventsQuery } from './queries/events';
import { runEventsStatsQuery } from './queries/eventsStats';
import { runIssuesQuery } from './queries/issues';
import { runPerformanceQuery } from './queries/performance';
import { runReleasesQuery } from './queries/releases';
import { runRequestLookupQuery } from './queries/requestLookup';
import { runSessionsQuery } from './queries/sessions';
import { runSpikeExplainerQuery } from './queries/spikeExplainer';
import { runStatsV2Query } from './queries/statsV2';

export type { QueryContext, QueryOutcome } from './queries/context';

export async function runQuery(client: SentryClient, saved: SentryQuery, context: QueryContext): Promise<QueryOutcome> {
  const query = migrateQuery(saved);
  const refId = query.refId ?? 'A';
  try {
    if (!client.orgSlug) {
      throw new SentryError('query', 'The data source has no organization slug: set it in the data source settings.');
    }
    if (query.projectIds?.length) {
      query.projectIds = await resolveProjectIds(client, query.projectIds, context.signal);
    }
    const frames = await dispatch(client, query, context);
    return { refId, frames: frames.map((f) => ({ ...f, refId })) };
  } catch (error) {
    const e = toSentryError(error);
    return { refId, frames: [], error: { message: e.message, kind: e.kind, status: e.status } };
  }
}

function dispatch(client: SentryClient, query: SentryQuery, context: QueryContext): Promise<DataFrame[]> {
  switch (query.queryType) {
    case 'issues':
      return runIssuesQuery(client, query, context);
    case 'eventsStats':
    case 'spansStats':
      return query.anomalyBand
        ? runAnomalyBandQuery(client, query, context)
        : runEventsStatsQuery(client, query, context);
    case 'errorDistribution':
      return runDistributionQuery(client, query, context);
    case 'events':
    case 'spans':
      return runEventsQuery(client, query, context);
    case 'performance':
      return runPerformanceQuery(client, query, context);
    case 'sessions':
      return runSessionsQuery(client, query, context);
    case 'statsV2':
      return runStatsV2Query(client, query, context);
    case 'releases':
      return runReleasesQuery(client, query, context);
    case 'spikeExplainer':
      return runSpikeExplainerQuery(client, query, context);
    case 'requestLookup':
      return runRequestLookupQuery(client, query, context);
    default:
      throw new SentryError(
        'query',
        `Unknown query type "${String((query as { queryType?: unknown }).queryType)}". Pick one of: ${QUERY_TYPES.join(', ')}.`
      );
  }
}
