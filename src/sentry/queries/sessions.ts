/** Session health from the public Sessions API: crash-free rates and counts, as series or a totals table. */
import type { DataFrame } from '@grafana/data';
import type { SessionsField, SessionsQuery } from '../../types';
import { METADATA_TTL_MS, SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { FieldSpec, makeFrame, toEpochMs } from '../frames';
import { chooseInterval } from '../interval';
import { releaseHealthLink } from '../links';
import type { SentryProject } from '../types';
import { QueryContext, describeRequest } from './context';
import { Series, emptySeriesFrame, seriesFrames } from './series';

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
  const slugs = groupBy.includes('project') ? await projectSlugs(client, context.signal) : new Map<string, string>();
  const labelsOf = (g: SessionsGroup) =>
    Object.fromEntries(
      Object.entries(g.by ?? {}).map(([k, v]) => [k, k === 'project' ? (slugs.get(String(v)) ?? String(v)) : String(v)])
    );
  const meta = {
    executedQueryString: `interval: ${interval.text}\n${describeRequest(path, params)}`,
    custom: { interval: interval.text },
  };

  if (table) {
    const labelKeys = groupBy as string[];
    const columns: FieldSpec[] = [
      ...labelKeys.map((k): FieldSpec => ({
        name: k,
        type: 'string',
        values: groups.map((g) => labelsOf(g)[k] ?? null),
      })),
      ...fields.map((f): FieldSpec => ({
        name: f,
        type: 'number',
        values: groups.map((g) => g.totals?.[f] ?? null),
        config: { ...sessionsConfig(f), links: healthLinks },
      })),
    ];
    return [
      makeFrame({
        name: 'Sessions',
        refId: query.refId,
        meta: { ...meta, preferredVisualisationType: 'table' },
        fields: columns,
      }),
    ];
  }
  const times = intervals.map((t) => toEpochMs(t) ?? 0);
  const series: Series[] = groups.flatMap((group, order) =>
    fields.map((f) => ({
      yAxis: f,
      labels: labelsOf(group),
      order,
      isOther: false,
      times,
      values: group.series?.[f] ?? [],
      column: { type: 'number' as const, config: sessionsConfig(f) },
    }))
  );
  const frames = seriesFrames(series, {
    refId: query.refId,
    meta,
    multipleYAxes: fields.length > 1,
    links: healthLinks,
  });
  return frames.length ? frames : [emptySeriesFrame(query.refId, fields, meta)];
}

function sessionsConfig(field: string) {
  return /rate\(/.test(field) ? { unit: 'percentunit', min: 0, max: 1 } : { decimals: 0 };
}

/** Sessions and stats_v2 name projects by numeric id; show slugs, as everywhere else. */
export async function projectSlugs(client: SentryClient, signal?: AbortSignal): Promise<Map<string, string>> {
  const { rows } = await client.getAllPages<SentryProject>(paths.projects(client.orgSlug), [], {
    signal,
    cacheTtlMs: METADATA_TTL_MS,
    rowBudget: 100_000,
    requiredScope: scopes.org,
  });
  return new Map(rows.map((p) => [String(p.id), p.slug]));
}
