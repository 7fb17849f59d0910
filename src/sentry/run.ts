/** Runs one query against Sentry. Failures stay on the query they concern. */
import { SentryClient } from './client';
import { DeprecationNotices } from './deprecation';
import { SentryError, toSentryError } from './errors';
import { resolveProjectIds } from './metadata';
import { migrateQuery } from './migrate';
import { QueryContext, QueryOutcome } from './queries/context';
import type { SentryQuery } from './query';
import { queryTypeOf, validateQuery } from './registry';

export type { QueryContext, QueryOutcome } from './queries/context';

/** Runs a query as saved in a dashboard or given to the CLI: upgraded first, then as runQuery. */
export function runSavedQuery(client: SentryClient, saved: unknown, context: QueryContext): Promise<QueryOutcome> {
  return runQuery(client, migrateQuery(saved), context);
}

/** Runs a migrated query: validated, project slugs resolved to ids, then its type's runner. */
export async function runQuery(client: SentryClient, query: SentryQuery, context: QueryContext): Promise<QueryOutcome> {
  const refId = query.refId ?? 'A';
  // Messages about the query name the projects as they were sent (ids, once slugs are resolved).
  let scoped = query;
  // Sentry's deprecation headers on any answer become a warning on the query's frames, and time spent waiting
  // for Sentry's rate limit a notice.
  const deprecations = new DeprecationNotices();
  const rateLimitWait = client.rateLimitWaitFor(context.rateLimitDeadlineMs);
  const observed = client.observed(deprecations.observe, rateLimitWait);
  try {
    if (!client.orgSlug) {
      throw new SentryError('query', 'The data source has no organization slug: set it in the data source settings.');
    }
    const problems = Object.values(validateQuery(query));
    const module = queryTypeOf(query);
    if (problems.length || !module) {
      throw new SentryError('query', problems.join(' '));
    }
    if (query.projectIds?.length) {
      scoped = { ...query, projectIds: await resolveProjectIds(observed, query.projectIds, context.signal) };
    }
    const frames = await module.run(observed, scoped, context);
    return { refId, frames: frames.map((f) => rateLimitWait.addTo(deprecations.addTo({ ...f, refId }))) };
  } catch (error) {
    const e = toSentryError(error);
    return { refId, frames: [], error: { message: explainForQuery(e, scoped), kind: e.kind, status: e.status } };
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
