// Terms of an issue search: `is:`, `assigned:`, `release:latest`… on the issue, event-level keys through
// Discover's columns, and aggregate keys (`times_seen:>10`) on the issue's stats in the window.

import { resolveColumn, Row } from '../discover';
import { badRequest } from '../errors';
import { collectTerms, compileSearch, FieldResolver, FilterTerm, SearchNode, valueMatcher } from '../search';
import { ErrorEvent, Project, Release } from '../scenario';
import type { IssueQueryContext, IssueWindowStats } from './search';

export const PARSE_PREFIX = 'Error parsing search query: ';

/** Keys evaluated on the issue's aggregates in the window (like HAVING), not on single events. */
export const AGGREGATE_KEYS = new Set(['times_seen', 'timesSeen', 'lastSeen', 'last_seen', 'user_count', 'userCount']);
/** Keys about the issue itself (everything else filters the issue's events). */
const ISSUE_KEYS = new Set([
  'is',
  'level',
  'assigned',
  'assigned_to',
  'bookmarks',
  'firstSeen',
  'first_seen',
  'issue.priority',
  'priority',
  'issue.category',
  'issue.type',
  'project',
  'firstRelease',
  'first_release',
  'issue',
  'issue.id',
  'error.unhandled',
  'substatus',
  'issue.substatus',
  'has',
]);

const IS_VALUES = [
  'assigned',
  'for_review',
  'ignored',
  'linked',
  'resolved',
  'unassigned',
  'unlinked',
  'unresolved',
  'archived',
  'escalating',
  'new',
  'ongoing',
  'regressed',
  'bookmarked',
];

function latestRelease(releases: readonly Release[], project: Project, now: number): string | null {
  const candidates = releases
    .filter((r) => r.project === project && r.dateCreated <= now)
    .sort((a, b) => b.dateCreated - a.dateCreated);
  return candidates[0]?.version ?? null;
}

export function issueSpecial(ctx: IssueQueryContext, term: FilterTerm): ((event: ErrorEvent) => boolean) | undefined {
  const values = term.list ?? [term.value];
  const issueOf = (event: ErrorEvent) => event.issue;
  switch (term.key) {
    case 'is': {
      const invalid = values.find((value) => !IS_VALUES.includes(value));
      if (invalid !== undefined) {
        throw badRequest(
          `${PARSE_PREFIX}Invalid value for "is" search, valid values are [${IS_VALUES.map((v) => `'${v}'`).join(', ')}]`
        );
      }
      return (event) =>
        values.some((value) => {
          const issue = issueOf(event);
          switch (value) {
            case 'unresolved':
              return issue.status === 'unresolved';
            case 'resolved':
              return issue.status === 'resolved';
            case 'ignored':
            case 'archived':
              return issue.status === 'ignored';
            case 'assigned':
              return issue.assignedTo !== null;
            case 'unassigned':
              return issue.assignedTo === null;
            case 'for_review':
              return issue.status === 'unresolved' && (issue.substatus === 'new' || issue.substatus === 'regressed');
            case 'linked':
              return issue.annotations.length > 0;
            case 'unlinked':
              return issue.annotations.length === 0;
            case 'new':
            case 'ongoing':
            case 'regressed':
            case 'escalating':
              return issue.substatus === value;
            default:
              return issue.isBookmarked;
          }
        });
    }
    case 'assigned':
    case 'assigned_to':
      return (event) =>
        values.some((value) => {
          const assignee = issueOf(event).assignedTo;
          if (value === 'none') {
            return assignee === null;
          }
          if (value === 'me') {
            return assignee?.type === 'user' && assignee.id === ctx.demoUserId;
          }
          if (value === 'me_or_none') {
            return assignee === null || (assignee.type === 'user' && assignee.id === ctx.demoUserId);
          }
          if (value === 'my_teams') {
            return assignee?.type === 'team' && ctx.memberTeamIds.includes(assignee.id);
          }
          if (value.startsWith('#')) {
            return assignee?.type === 'team' && assignee.name === value.slice(1);
          }
          return assignee?.type === 'user' && (assignee.email === value || assignee.name === value);
        });
    case 'bookmarks':
      return (event) => issueOf(event).isBookmarked;
    case 'release': {
      // `release:latest` means each project's newest release.
      const matchers = values.map((value): ((event: ErrorEvent) => boolean) => {
        if (value === 'latest') {
          return (event) => event.release === latestRelease(ctx.scenario.releases, event.project, ctx.now);
        }
        const matches = valueMatcher(value);
        return (event) => matches(event.release);
      });
      return (event) => matchers.some((m) => m(event));
    }
    case 'project':
      return (event) => values.includes(event.project.slug);
    case 'issue':
      return (event) => values.some((value) => value.toUpperCase() === issueOf(event).shortId);
    default:
      return undefined;
  }
}

export function issueResolver(key: string): FieldResolver<ErrorEvent> | null {
  switch (key) {
    case 'level':
      return { type: 'string', get: (event) => event.issue.level };
    case 'firstSeen':
    case 'first_seen':
      return { type: 'date', get: (event) => event.issue.firstSeen };
    case 'issue.priority':
    case 'priority':
      return { type: 'string', get: (event) => event.issue.priority };
    case 'issue.category':
      return { type: 'string', get: () => 'error' };
    case 'issue.type':
      return { type: 'string', get: (event) => (event.issue.type === 'error' ? 'error' : 'default') };
    case 'firstRelease':
    case 'first_release':
      return { type: 'string', get: (event) => event.issue.firstRelease };
    case 'issue.id':
      return { type: 'number', get: (event) => Number(event.issue.id) };
    case 'error.unhandled':
      return { type: 'boolean', get: (event) => !event.handled };
    case 'substatus':
    case 'issue.substatus':
      return { type: 'string', get: (event) => event.issue.substatus };
    case 'assignee':
      return { type: 'string', get: (event) => event.issue.assignedTo?.name ?? null };
    case 'timestamp':
      return { type: 'date', get: (event) => event.ts };
    default: {
      // Event-level keys: the same columns and tags Discover knows.
      const column = resolveColumn(key);
      const type =
        column.type === 'integer' || column.type === 'number'
          ? 'number'
          : column.type === 'duration'
            ? 'duration'
            : column.type === 'boolean'
              ? 'boolean'
              : 'string';
      return { type, get: (event) => column.get(event as Row) };
    }
  }
}

export function aggregatePredicate(
  node: SearchNode | null,
  now: number
): ((stats: IssueWindowStats) => boolean) | null {
  if (!collectTerms(node).some((t) => t.type === 'filter' && AGGREGATE_KEYS.has(t.key))) {
    return null;
  }
  return compileSearch<IssueWindowStats>(node, {
    resolve: (key) => {
      if (key === 'times_seen' || key === 'timesSeen') {
        return { type: 'number', get: (s) => s.count };
      }
      if (key === 'user_count' || key === 'userCount') {
        return { type: 'number', get: (s) => s.userCount };
      }
      return { type: 'date', get: (s) => s.windowLastSeen };
    },
    text: () => '',
    skipText: true,
    now,
    skip: (key) => !AGGREGATE_KEYS.has(key),
  });
}

export function hasEventLevelTerms(node: SearchNode | null): boolean {
  return collectTerms(node).some((t) => t.type === 'filter' && !ISSUE_KEYS.has(t.key) && !AGGREGATE_KEYS.has(t.key));
}
