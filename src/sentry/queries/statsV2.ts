/** Organization usage (stats_v2): accepted, filtered, rate-limited and invalid events by category, outcome, reason, project. */
import type { DataFrame } from '@grafana/data';
import { choicesProblem, cleanList, collectErrors, intervalProblem } from '../checks';
import { SentryClient } from '../client';
import { paths, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { ChosenInterval, STATS_V2_INTERVALS } from '../interval';
import { usageStatsLink } from '../links';
import type { SentryStatsV2 } from '../api';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { QueryContext, describeRequest } from './context';
import { groupFrames, groupLabeler } from './groups';
import { withServerIntervals } from './serverIntervals';

export type StatsV2Field = 'sum(quantity)' | 'sum(times_seen)';
export type StatsV2Group = 'outcome' | 'category' | 'reason' | 'project';

export interface StatsV2Query extends SentryQueryBase<'statsV2'> {
  statsFields?: StatsV2Field[];
  statsCategory?: string[];
  statsGroupBy?: StatsV2Group[];
  statsOutcome?: string[];
  statsReason?: string[];
  statsInterval?: string;
}

export type StatsV2ErrorField = 'statsFields' | 'statsGroupBy' | 'statsCategory' | 'statsInterval';

export const STATS_V2_FIELDS: StatsV2Field[] = ['sum(quantity)', 'sum(times_seen)'];
export const STATS_V2_GROUPS: StatsV2Group[] = ['category', 'outcome', 'reason', 'project'];
const DEFAULT_FIELDS: StatsV2Field[] = ['sum(quantity)'];
const DEFAULT_GROUP_BY: StatsV2Group[] = ['category', 'outcome'];

export const statsV2QueryType: QueryTypeModule<StatsV2Query, StatsV2ErrorField> = {
  defaults: () => ({ statsFields: [...DEFAULT_FIELDS], statsGroupBy: [...DEFAULT_GROUP_BY] }),
  fields: {
    statsFields: 'choices',
    statsGroupBy: 'choices',
    statsCategory: 'list',
    statsOutcome: 'list',
    statsReason: 'list',
    statsInterval: 'text',
  },
  // Usage outcomes are counted per organization and project, not per environment.
  filtersEnvironments: false,
  validate: (query) => {
    const groupBy = query.statsGroupBy?.length ? query.statsGroupBy : DEFAULT_GROUP_BY;
    return collectErrors({
      statsFields: choicesProblem(query.statsFields, STATS_V2_FIELDS, 'field', STATS_V2_FIELDS.join(' or ')),
      statsGroupBy: choicesProblem(query.statsGroupBy, STATS_V2_GROUPS, 'group-by field'),
      statsCategory:
        cleanList(query.statsCategory).length === 0 && !groupBy.includes('category')
          ? 'Pick at least one category, or group by category: Sentry needs one of the two.'
          : undefined,
      statsInterval: intervalProblem(query.statsInterval),
    });
  },
  displayText: (query) =>
    `Org stats: ${(query.statsFields ?? DEFAULT_FIELDS).join(', ')} by ${(query.statsGroupBy ?? DEFAULT_GROUP_BY).join(', ')}`,
  run: runStatsV2Query,
};

export async function runStatsV2Query(
  client: SentryClient,
  query: StatsV2Query,
  context: QueryContext
): Promise<DataFrame[]> {
  const fields = query.statsFields?.length ? query.statsFields : DEFAULT_FIELDS;
  const groupBy: string[] = query.statsGroupBy?.length ? query.statsGroupBy : DEFAULT_GROUP_BY;
  const categories = query.statsCategory ?? [];
  if (categories.length === 0 && !groupBy.includes('category')) {
    throw new SentryError('query', 'Pick at least one category, or group by category: Sentry needs one of the two.');
  }
  const intervalRequest = {
    rangeMs: context.range.to.getTime() - context.range.from.getTime(),
    intervalMs: context.intervalMs,
    maxDataPoints: context.maxDataPoints,
    requested: query.statsInterval?.trim() || undefined,
  };
  const path = paths.statsV2(client.orgSlug);
  const read = async (interval: ChosenInterval) => {
    const params: Array<[string, string]> = [
      ...repeated('field', fields),
      ...repeated('groupBy', groupBy),
      ...repeated('category', categories),
      ...repeated('outcome', query.statsOutcome),
      ...repeated('reason', query.statsReason),
      ['interval', interval.text],
      ...timeParams(context.range, interval.ms),
    ];
    // stats_v2 is org-wide unless projects are named.
    for (const id of query.projectIds ?? []) {
      params.push(['project', id]);
    }
    const { data } = await client.getJson<SentryStatsV2>(path, params, {
      signal: context.signal,
      requiredScope: scopes.org,
    });
    if (!data || !Array.isArray(data.groups)) {
      throw new SentryError('invalid-response', 'The stats_v2 answer has no groups.');
    }
    return { data, params };
  };
  const { result, interval, described } = await withServerIntervals(
    client,
    STATS_V2_INTERVALS,
    intervalRequest,
    read,
    context.bucketMs
  );
  const { data, params } = result;
  const statsLinks = usageStatsLink({ sentryUrl: client.target, org: client.orgSlug, projectIds: query.projectIds });
  const labelsOf = await groupLabeler(client, groupBy, context.signal);
  const meta = {
    executedQueryString: `interval: ${described}\n${describeRequest(path, params)}`,
    custom: { interval: interval.text },
  };
  const groups = [...data.groups].sort((a, b) => compareLabels(labelsOf(a), labelsOf(b)));
  // Grouped by project, Sentry returns totals only (no intervals).
  return groupFrames({
    refId: query.refId,
    tableName: 'Usage',
    groups,
    labelsOf,
    groupBy,
    fields,
    intervals: data.intervals,
    meta,
    links: statsLinks,
    config: () => ({ decimals: 0 }),
    missingTotal: 0,
  });
}

/** A stable legend order: by label values, whatever order Sentry listed the groups in. */
function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const ka = Object.keys(a)
    .sort()
    .map((k) => a[k])
    .join('\u0000');
  const kb = Object.keys(b)
    .sort()
    .map((k) => b[k])
    .join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
