/** Runs one saved query against Sentry. Failures stay on the query they concern. */
import type { SentryQuery } from '../types';
import { SentryClient } from './client';
import { SentryError, toSentryError } from './errors';
import { QueryContext, QueryOutcome } from './queries/context';
import { runIssuesQuery } from './queries/issues';

export type { QueryContext, QueryOutcome } from './queries/context';

export async function runQuery(client: SentryClient, query: SentryQuery, context: QueryContext): Promise<QueryOutcome> {
  const refId = query.refId ?? 'A';
  try {
    if (!client.orgSlug) {
      throw new SentryError('query', 'The data source has no organization slug: set it in the data source settings.');
    }
    const frames = await dispatch(client, query, context);
    return { refId, frames: frames.map((f) => ({ ...f, refId })) };
  } catch (error) {
    const e = toSentryError(error);
    return { refId, frames: [], error: { message: e.message, kind: e.kind, status: e.status } };
  }
}

function dispatch(client: SentryClient, query: SentryQuery, context: QueryContext) {
  switch (query.queryType) {
    case 'issues':
      return runIssuesQuery(client, query, context);
    default:
      throw new SentryError(
        'query',
        `Unknown query type "${String((query as { queryType?: unknown }).queryType)}". Pick one of: issues.`
      );
  }
}
