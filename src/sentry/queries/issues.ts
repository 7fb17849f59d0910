/** Issues query: one row per Sentry issue, with counts in the selected window and over the issue's lifetime. */
import type { DataFrame, DataLink } from '@grafana/data';
import type { SentryIssue } from '../api';
import { choiceProblem, collectErrors, limitProblem, positiveInt } from '../checks';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams } from '../endpoints';
import { makeFrame, toEpochMs, toNumber } from '../frames';
import { issueLink } from '../links';
import { MAX_ROW_BUDGET } from '../limits';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { QueryContext, describeRequest } from './context';

export type IssuesSort = 'date' | 'new' | 'freq' | 'user' | 'priority';

export interface IssuesQuery extends SentryQueryBase<'issues'> {
  /** Sentry issue search, e.g. "is:unresolved level:error". */
  issuesQuery?: string;
  issuesSort?: IssuesSort;
  /** Rows wanted; capped by the data source's row budget. */
  issuesLimit?: number;
}

export type IssuesErrorField = 'issuesLimit' | 'issuesSort';

export const DEFAULT_ISSUES_LIMIT = 100;
export const MAX_ISSUES_LIMIT = MAX_ROW_BUDGET;
export const ISSUES_SORTS: IssuesSort[] = ['date', 'new', 'freq', 'user', 'priority'];
const ISSUES_PAGE_SIZE = 100;

export const issuesQueryType: QueryTypeModule<IssuesQuery, IssuesErrorField> = {
  defaults: () => ({ issuesQuery: 'is:unresolved', issuesSort: 'freq' }),
  fields: { issuesQuery: 'search', issuesLimit: 'number' },
  adHocSearchField: 'issuesQuery',
  validate: (query) =>
    collectErrors({
      issuesLimit: limitProblem(query.issuesLimit, MAX_ISSUES_LIMIT, 'Limit'),
      issuesSort: choiceProblem(query.issuesSort, ISSUES_SORTS, 'sort', `one of ${ISSUES_SORTS.join(', ')}`),
    }),
  displayText: (query) => `Issues: ${query.issuesQuery || 'all'}${query.issuesSort ? `, by ${query.issuesSort}` : ''}`,
  run: runIssuesQuery,
};

export async function runIssuesQuery(
  client: SentryClient,
  query: IssuesQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const limit = Math.min(positiveInt(query.issuesLimit) ?? DEFAULT_ISSUES_LIMIT, client.rowBudget);
  const params: Array<[string, string]> = [
    // Always sent: without it Sentry applies is:unresolved on its own.
    ['query', query.issuesQuery ?? ''],
    ...timeParams(context.range),
    ...scopeParams(query.projectIds, query.environments),
  ];
  if (query.issuesSort) {
    params.push(['sort', query.issuesSort]);
  }
  const path = paths.issues(client.orgSlug);
  const { rows, truncated, pages } = await client.getAllPages<SentryIssue>(path, params, {
    signal: context.signal,
    rowBudget: limit,
    pageSizeParam: 'limit',
    maxPageSize: ISSUES_PAGE_SIZE,
    requiredScope: scopes.event,
  });
  return [
    issuesFrame(rows, query.refId, {
      links: issueLink({
        sentryUrl: client.target,
        org: client.orgSlug,
        projectIds: query.projectIds,
        environments: query.environments,
      }),
      executed: describeRequest(path, [...params, ['limit', String(Math.min(limit, ISSUES_PAGE_SIZE))]]),
      truncated,
      pages,
      limit,
    }),
  ];
}

interface FrameInfo {
  links: DataLink[];
  executed: string;
  truncated: boolean;
  pages: number;
  limit: number;
}

export function issuesFrame(issues: SentryIssue[], refId: string, info: FrameInfo): DataFrame {
  const col = <T>(pick: (issue: SentryIssue) => T) => issues.map(pick);
  const openInSentry = info.links;
  return makeFrame({
    name: 'Issues',
    refId,
    meta: {
      preferredVisualisationType: 'table',
      executedQueryString: `${info.executed}\n${info.pages} page(s) read`,
      custom: { truncated: info.truncated },
      notices: info.truncated
        ? [
            {
              severity: 'info',
              text: `Showing the first ${issues.length} issues; Sentry has more. Raise the query's limit or the data source's row budget to see them.`,
            },
          ]
        : undefined,
    },
    fields: [
      { name: 'id', type: 'string', values: col((i) => i.id), config: { displayName: 'ID', links: openInSentry } },
      {
        name: 'shortId',
        type: 'string',
        values: col((i) => i.shortId ?? null),
        config: { displayName: 'Short ID', links: openInSentry },
      },
      {
        name: 'title',
        type: 'string',
        values: col((i) => i.title ?? null),
        config: { displayName: 'Title', links: openInSentry },
      },
      { name: 'culprit', type: 'string', values: col((i) => i.culprit ?? null), config: { displayName: 'Culprit' } },
      { name: 'level', type: 'string', values: col((i) => i.level ?? null), config: { displayName: 'Level' } },
      { name: 'status', type: 'string', values: col((i) => i.status ?? null), config: { displayName: 'Status' } },
      {
        name: 'substatus',
        type: 'string',
        values: col((i) => i.substatus ?? null),
        config: { displayName: 'Substatus' },
      },
      { name: 'priority', type: 'string', values: col((i) => i.priority ?? null), config: { displayName: 'Priority' } },
      {
        name: 'project',
        type: 'string',
        values: col((i) => i.project?.slug ?? null),
        config: { displayName: 'Project' },
      },
      { name: 'assignee', type: 'string', values: col((i) => assigneeName(i)), config: { displayName: 'Assignee' } },
      {
        name: 'firstSeen',
        type: 'time',
        values: col((i) => toEpochMs(i.firstSeen)),
        config: { displayName: 'First seen' },
      },
      {
        name: 'lastSeen',
        type: 'time',
        values: col((i) => toEpochMs(i.lastSeen)),
        config: { displayName: 'Last seen' },
      },
      {
        name: 'count',
        type: 'number',
        values: col((i) => toNumber(i.count)),
        config: { displayName: 'Events', decimals: 0 },
      },
      {
        name: 'userCount',
        type: 'number',
        values: col((i) => toNumber(i.userCount)),
        config: { displayName: 'Users', decimals: 0 },
      },
      {
        name: 'lifetimeCount',
        type: 'number',
        values: col((i) => toNumber(i.lifetime?.count)),
        config: { displayName: 'Events (lifetime)', decimals: 0 },
      },
      {
        name: 'lifetimeUserCount',
        type: 'number',
        values: col((i) => toNumber(i.lifetime?.userCount)),
        config: { displayName: 'Users (lifetime)', decimals: 0 },
      },
      { name: 'permalink', type: 'string', values: col((i) => i.permalink ?? null), config: { displayName: 'Link' } },
    ],
  });
}

function assigneeName(issue: SentryIssue): string | null {
  const a = issue.assignedTo;
  if (!a) {
    return null;
  }
  const name = a.name ?? a.email ?? a.id ?? null;
  return name && a.type === 'team' ? `#${name}` : name;
}
