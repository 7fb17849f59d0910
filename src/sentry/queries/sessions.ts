/** Session health from the public Sessions API: crash-free rates and counts, as series or a totals table. */
import type { DataFrame } from '@grafana/data';
import type { SessionsField, SessionsQuery } from '../../types';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { chooseInterval } from '../interval';
import { releaseHealthLink } from '../links';
import { QueryContext, describeRequest } from './context';
import { groupFrames, groupLabeler } from './groups';

export const DEFAULT_SESSIONS_FIELDS: SessionsField[] = ['crash_free_rate(session)', 'crash_free_rate(user)'];

interface SessionsGroup {
  by?: Record<string, string | number>;
  totals?: Record<string, number | null>;
  series?: Record<string, Array<number | null>>;
}

interface SessionsBody {
  intervals?: string[];
  groups?: SessionsGroup[];
}

export async function runSessionsQuery(
  client: SentryClient,
  query: SessionsQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const fields = query.sessionsFields?.length ? query.sessionsFields : DEFAULT_SESSIONS_FIELDS;
  const groupBy = query.sessionsGroupBy ?? [];
  const table = query.sessionsMode === 'table';
  const interval = chooseInterval('sessions', {
    rangeMs: context.range.to.getTime() - context.range.from.getTime(),
    intervalMs: context.intervalMs,
    maxDataPoints: context.maxDataPoints,
    requested: query.sessionsInterval?.trim() || undefined,
  });
  const params: Array<[string, string]> = [
    ...repeated('field', fields),
    ...repeated('groupBy', groupBy),
    ['interval', interval.text],
    ['includeSeries', table ? '0' : '1'],
  ];
  if (query.sessionsQuery?.trim()) {
    params.push(['query', query.sessionsQuery]);
  }
  params.push(...timeParams(context.range), ...scopeParams(query.projectIds, query.environments));
  const path = paths.sessions(client.orgSlug);
  let intervals: string[] = [];
  const { rows: groups } = await client.getAllPages<SessionsGroup>(path, params, {
    signal: context.signal,
    requiredScope: scopes.org,
    maxPageSize: 5000,
    rowBudget: 5000,
    rowsOf: (body) => {
      const page = body as SessionsBody;
      if (!page || !Array.isArray(page.groups)) {
        throw new SentryError('invalid-response', 'The sessions answer has no groups.');
      }
      intervals = page.intervals ?? intervals;
      return page.groups;
    },
  });
  const healthLinks = releaseHealthLink(
    { sentryUrl: client.target, org: client.orgSlug, projectIds: query.projectIds, environments: query.environments },
    !table && groupBy.includes('release')
  );
  const labelsOf = await groupLabeler(client, groupBy, context.signal);
  const meta = {
    executedQueryString: `interval: ${interval.text}\n${describeRequest(path, params)}`,
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
