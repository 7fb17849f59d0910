// Issue search for /issues/: candidates, per-issue stats in the window, the query's filters and the sort.

import { badRequest, notFound } from '../errors';
import { compileSearch, parseSearch } from '../search';
import { ErrorEvent, Issue, Project, Scenario, sliceByTime } from '../scenario';
import {
  AGGREGATE_KEYS,
  aggregatePredicate,
  hasEventLevelTerms,
  issueResolver,
  issueSpecial,
  PARSE_PREFIX,
} from './filters';

export const ISSUE_SORTS = ['date', 'new', 'freq', 'user', 'trends', 'inbox', 'recommended', 'priority'];

const PRIORITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

export interface IssueQueryContext {
  scenario: Scenario;
  baseUrl: string;
  now: number;
  projects: Project[];
  environments: string[];
  start: number;
  end: number;
  params: URLSearchParams;
  demoUserId: string | null;
  memberTeamIds: string[];
}

export interface IssueWindowStats {
  issue: Issue;
  /** Visible events of the issue in the requested environments (any time up to now). */
  envEvents: ErrorEvent[];
  windowEvents: ErrorEvent[];
  matchedEvents: ErrorEvent[];
  count: number;
  userCount: number;
  windowLastSeen: number;
}

function userKey(event: ErrorEvent): string | null {
  return event.user ? (event.user.id ?? event.user.ip) : null;
}

export function uniqueUsers(events: readonly ErrorEvent[]): number {
  const seen = new Set<string>();
  for (const event of events) {
    const key = userKey(event);
    if (key) {
      seen.add(key);
    }
  }
  return seen.size;
}

function visibleEvents(issue: Issue, now: number, environments: string[]): ErrorEvent[] {
  const visible = sliceByTime(issue.events, -Infinity, now + 1);
  return environments.length ? visible.filter((e) => environments.includes(e.environment)) : visible;
}

function sortIssues(stats: IssueWindowStats[], sort: string): void {
  const byId = (a: IssueWindowStats, b: IssueWindowStats) => Number(b.issue.id) - Number(a.issue.id);
  const by = (value: (s: IssueWindowStats) => number) => (a: IssueWindowStats, b: IssueWindowStats) =>
    value(b) - value(a) || byId(a, b);
  switch (sort) {
    case 'new':
    case 'inbox':
      stats.sort(by((s) => s.issue.firstSeen));
      break;
    case 'freq':
    case 'trends':
      stats.sort(by((s) => s.count));
      break;
    case 'user':
      stats.sort(by((s) => s.userCount));
      break;
    case 'priority':
      // Legacy sort still offered by the official Grafana plugin.
      stats.sort(
        (a, b) =>
          (PRIORITY_RANK[b.issue.priority ?? ''] ?? 0) - (PRIORITY_RANK[a.issue.priority ?? ''] ?? 0) ||
          b.windowLastSeen - a.windowLastSeen ||
          byId(a, b)
      );
      break;
    case 'recommended':
      stats.sort(by((s) => s.count / (1 + (s.windowLastSeen ? 0 : 1))));
      break;
    default:
      stats.sort(by((s) => s.windowLastSeen));
  }
}

export interface IssueSearchResult {
  issues: IssueWindowStats[];
  directHit: boolean;
  filteredApplies: boolean;
  sort: string;
}

/** Resolve the matching issues (sorted, not paginated). */
export function searchIssues(ctx: IssueQueryContext): IssueSearchResult {
  const { params } = ctx;
  const sort = params.get('sort') || 'date';
  if (!ISSUE_SORTS.includes(sort)) {
    throw badRequest('Invalid sort');
  }
  const projectIds = new Set(ctx.projects.map((p) => p.id));
  const candidates = ctx.scenario.issues.filter(
    (issue) => projectIds.has(issue.project.id) && issue.firstSeen <= ctx.now
  );

  const windowStats = (issue: Issue, matched: ErrorEvent[] | null): IssueWindowStats => {
    const envEvents = visibleEvents(issue, ctx.now, ctx.environments);
    const windowEvents = envEvents.filter((e) => e.ts >= ctx.start && e.ts < ctx.end);
    return {
      issue,
      envEvents,
      windowEvents,
      matchedEvents: matched ?? windowEvents,
      count: windowEvents.length,
      userCount: uniqueUsers(windowEvents),
      windowLastSeen: windowEvents.length ? windowEvents[windowEvents.length - 1].ts : 0,
    };
  };

  // Explicit ids (`group=`) skip the search entirely.
  const groupIds = params.getAll('group').filter((g) => g !== '');
  if (groupIds.length > 0) {
    const picked = candidates.filter((issue) => groupIds.includes(issue.id)).map((issue) => windowStats(issue, null));
    sortIssues(picked, sort);
    return { issues: picked, directHit: false, filteredApplies: false, sort };
  }

  // `query` absent means `is:unresolved`; `query=` (empty) means everything.
  const query = params.has('query') ? (params.get('query') ?? '') : 'is:unresolved';
  const trimmed = query.trim();
  if (/^[0-9a-f]{32}$/i.test(trimmed)) {
    const hit = candidates.find((issue) => issue.events.some((e) => e.eventId === trimmed.toLowerCase()));
    if (hit) {
      return { issues: [windowStats(hit, null)], directHit: true, filteredApplies: false, sort };
    }
  }
  if (params.get('shortIdLookup') === '1') {
    const hit = candidates.find((issue) => issue.shortId === trimmed.toUpperCase());
    if (hit) {
      return { issues: [windowStats(hit, null)], directHit: true, filteredApplies: false, sort };
    }
  }

  const node = parseSearch(query, PARSE_PREFIX);
  const eventPredicate = compileSearch<ErrorEvent>(node, {
    resolve: issueResolver,
    text: (event) => `${event.issue.title} ${event.issue.culprit}`,
    special: (term) => issueSpecial(ctx, term),
    now: ctx.now,
    skip: (key) => AGGREGATE_KEYS.has(key),
  });
  const aggregate = aggregatePredicate(node, ctx.now);
  const filteredApplies = hasEventLevelTerms(node);

  const results: IssueWindowStats[] = [];
  for (const issue of candidates) {
    const base = windowStats(issue, null);
    const matched = base.windowEvents.filter(eventPredicate);
    if (matched.length === 0) {
      continue;
    }
    const stats = { ...base, matchedEvents: matched };
    if (!aggregate || aggregate(stats)) {
      results.push(stats);
    }
  }
  sortIssues(results, sort);
  return { issues: results, directHit: false, filteredApplies, sort };
}

export function findIssue(scenario: Scenario, id: string, now: number, projects: readonly Project[]): Issue {
  const issue = scenario.issues.find((i) => i.id === id || i.shortId === id.toUpperCase());
  if (!issue || issue.firstSeen > now || !projects.includes(issue.project)) {
    throw notFound();
  }
  return issue;
}
