/** Runs one saved query against Sentry. Failures stay on the query they concern. */
import type { DataFrame } from '@grafana/data';
import { QUERY_TYPES, type SentryQuery } from '../types';
import { validateQuery } from '../validation';
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
    const problems = Object.values(validateQuery(query));
    if (problems.length) {
      throw new SentryError('query', problems.join(' '));
    }
    if (query.projectIds?.length) {
      query.projectIds = await resolveProjectIds(client, query.projectIds, context.signal);
    }
    const frames = await dispatch(client, query, context);
    return { refId, frames: frames.map((f) => ({ ...f, refId })) };
  } catch (error) {
    const e = toSentryError(error);
    return { refId, frames: [], error: { message: explainForQuery(e, query), kind: e.kind, status: e.status } };
  }
}

/** Sentry's 404 and 403 name nothing; the query's own filters are the usual cause, so say which. */
function explainForQuery(error: SentryError, query: SentryQuery): string {
  if (error.kind === 'not-found' && query.environments?.length) {
    return `Sentry answered 404: check that the environment${query.environments.length > 1 ? 's' : ''} ${query.environments.join(', ')} exist${query.environments.length > 1 ? '' : 's'} in the organization (Sentry answers 404 for an unknown environment name, e.g. a stale variable value).`;
  }
  if (error.kind === 'permission' && query.projectIds?.length) {
    return `${error.message} Check that the projects ${query.projectIds.join(', ')} exist and the token can access them (Sentry answers 403 for an unknown project id).`;
  }
  return error.message;
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
