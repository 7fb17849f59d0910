/** Error distribution: errors counted by one dimension over the range, as a (category, count) table for pies and bars. */
import type { DataFrame } from '@grafana/data';
import type { SentryEventsPage } from '../api';
import { collectErrors, flagProblem, limitProblem, positiveInt } from '../checks';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams } from '../endpoints';
import { SentryError } from '../errors';
import { FieldSpec, makeFrame, toNumber } from '../frames';
import { discoverLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { QueryContext, describeRequest } from './context';

export interface ErrorDistributionQuery extends SentryQueryBase<'errorDistribution'> {
  /** Dimension to count errors by: error.type, level, release, environment, project, browser.name, or tags[key]. */
  distributionField?: string;
  distributionQuery?: string;
  distributionLimit?: number;
  /** Add each category's share of the total. */
  distributionShare?: boolean;
}

export type DistributionErrorField = 'distributionLimit' | 'distributionField' | 'distributionShare';

export const DEFAULT_DISTRIBUTION_FIELD = 'error.type';
export const DEFAULT_DISTRIBUTION_LIMIT = 10;
export const MAX_DISTRIBUTION_LIMIT = 100;

export const errorDistributionQueryType: QueryTypeModule<ErrorDistributionQuery, DistributionErrorField> = {
  defaults: () => ({ distributionField: DEFAULT_DISTRIBUTION_FIELD }),
  fields: {
    distributionQuery: 'search',
    distributionField: 'text',
    distributionLimit: 'number',
    distributionShare: 'flag',
  },
  adHocSearchField: 'distributionQuery',
  dataset: () => 'errors',
  validate: (query) =>
    collectErrors({
      distributionLimit: limitProblem(query.distributionLimit, MAX_DISTRIBUTION_LIMIT, 'Limit'),
      distributionField: query.distributionField?.includes('(')
        ? `Count errors by a field or tag, not a function ("${query.distributionField}").`
        : undefined,
      distributionShare: flagProblem(query.distributionShare, 'The share switch'),
    }),
  displayText: (query) =>
    `Errors by ${query.distributionField || DEFAULT_DISTRIBUTION_FIELD}${query.distributionQuery ? ` where ${query.distributionQuery}` : ''}`,
  run: runDistributionQuery,
};

export async function runDistributionQuery(
  client: SentryClient,
  query: ErrorDistributionQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const field = query.distributionField?.trim() || DEFAULT_DISTRIBUTION_FIELD;
  if (/\(/.test(field)) {
    throw new SentryError('query', `Count errors by a field or tag, not a function ("${field}").`);
  }
  const limit = Math.min(positiveInt(query.distributionLimit) ?? DEFAULT_DISTRIBUTION_LIMIT, MAX_DISTRIBUTION_LIMIT);
  const common: Array<[string, string]> = [['dataset', 'errors']];
  if (query.distributionQuery?.trim()) {
    common.push(['query', query.distributionQuery]);
  }
  common.push(...timeParams(context.range), ...scopeParams(query.projectIds, query.environments));
  const path = paths.events(client.orgSlug);
  const groupedParams: Array<[string, string]> = [
    ['field', field],
    ['field', 'count()'],
    ['sort', '-count()'],
    ['per_page', String(limit)],
    ...common,
  ];
  const totalParams: Array<[string, string]> = [['field', 'count()'], ...common];
  const options = { signal: context.signal, requiredScope: scopes.org };
  const [grouped, total] = await Promise.all([
    client.getJson<SentryEventsPage>(path, groupedParams, options),
    client.getJson<SentryEventsPage>(path, totalParams, options),
  ]);
  const rows = grouped.data.data ?? [];
  const categories = rows.map((r) => categoryText(r[field]));
  const counts = rows.map((r) => toNumber(r['count()']) ?? 0);
  const totalCount = toNumber(total.data.data?.[0]?.['count()']) || counts.reduce((a, b) => a + b, 0);
  const rest = totalCount - counts.reduce((a, b) => a + b, 0);
  if (rest > 0) {
    // Keeps the pie honest when only the top categories were listed.
    categories.push('Other');
    counts.push(rest);
  }
  const fields: FieldSpec[] = [
    { name: field, type: 'string', values: categories, config: { displayName: displayNameOf(field) } },
    {
      name: 'count',
      type: 'number',
      values: counts,
      config: {
        displayName: 'Errors',
        decimals: 0,
        links: discoverLink(
          {
            sentryUrl: client.target,
            org: client.orgSlug,
            projectIds: query.projectIds,
            environments: query.environments,
          },
          { dataset: 'errors', fields: [field, 'count()'], query: query.distributionQuery }
        ),
      },
    },
  ];
  if (query.distributionShare) {
    fields.push({
      name: 'share',
      type: 'number',
      values: counts.map((c) => (totalCount > 0 ? c / totalCount : 0)),
      config: { displayName: 'Share', unit: 'percentunit', decimals: 1 },
    });
  }
  return [
    makeFrame({
      name: `Errors by ${field}`,
      refId: query.refId,
      meta: {
        preferredVisualisationType: 'table',
        executedQueryString: [describeRequest(path, groupedParams), describeRequest(path, totalParams)].join('\n'),
        custom: { total: totalCount },
      },
      fields,
    }),
  ];
}

function categoryText(value: unknown): string {
  if (Array.isArray(value)) {
    // error.type lists every exception in the chain; the last one is what was thrown.
    return value.length ? String(value[value.length - 1]) : '(none)';
  }
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}

function displayNameOf(field: string): string {
  const tag = /^tags?\[(.+)\]$/.exec(field);
  return tag ? tag[1] : field;
}
