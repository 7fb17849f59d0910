// Issue search, counting and serialization for /issues/ and /issues/{id}/events/.

import { resolveColumn, Row } from './discover';
import { ApiError, badRequest, notFound } from './errors';
import { isoMicro, isoSeconds } from './params';
import { collectTerms, compileSearch, FieldResolver, FilterTerm, parseSearch, SearchNode } from './search';
import {
  DAY,
  ErrorEvent,
  eventTags,
  HOUR,
  Issue,
  ORG_MEMBERS,
  Project,
  Release,
  Scenario,
  sliceByTime,
} from './scenario';

export const ISSUE_SORTS = ['date', 'new', 'freq', 'user', 'trends', 'inbox', 'recommended', 'priority'];
export const GROUP_STATS_PERIODS = ['', '14d', '24h', 'auto'];
export const ISSUE_EXPANDS = [
  'inbox',
  'integrationIssues',
  'latestEventHasAttachments',
  'owners',
  'sentryAppIssues',
  'sessions',
];
export const ISSUE_COLLAPSES = ['base', 'filtered', 'lifetime', 'stats', 'unhandled'];
const PARSE_PREFIX = 'Error parsing search query: ';

/** Keys evaluated on the issue's aggregates in the window (like HAVING), not on single events. */
const AGGREGATE_KEYS = new Set(['times_seen', 'timesSeen', 'lastSeen', 'last_seen', 'user_count', 'userCount']);
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
const PRIORITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const INBOX_REASON: Record<string, number> = { new: 0, regressed: 2, escalating: 5, ongoing: 6 };

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

interface IssueWindowStats {
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

function uniqueUsers(events: readonly ErrorEvent[]): number {
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

function latestRelease(releases: readonly Release[], project: Project, now: number): string | null {
  const candidates = releases
    .filter((r) => r.project === project && r.dateCreated <= now)
    .sort((a, b) => b.dateCreated - a.dateCreated);
  return candidates[0]?.version ?? null;
}

function issueSpecial(ctx: IssueQueryContext, term: FilterTerm): ((event: ErrorEvent) => boolean) | undefined {
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
    case 'release':
      // `release:latest` means each project's newest release.
      return (event) =>
        values.some((value) =>
          value === 'latest'
            ? event.release === latestRelease(ctx.scenario.releases, event.project, ctx.now)
            : wildcard(value, event.release)
        );
    case 'project':
      return (event) => values.includes(event.project.slug);
    case 'issue':
      return (event) => values.some((value) => value.toUpperCase() === issueOf(event).shortId);
    default:
      return undefined;
  }
}

function wildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) {
    return pattern === value;
  }
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return regex.test(value);
}

function issueResolver(key: string): FieldResolver<ErrorEvent> | null {
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

function aggregatePredicate(node: SearchNode | null, now: number): ((stats: IssueWindowStats) => boolean) | null {
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

function hasEventLevelTerms(node: SearchNode | null): boolean {
  return collectTerms(node).some((t) => t.type === 'filter' && !ISSUE_KEYS.has(t.key) && !AGGREGATE_KEYS.has(t.key));
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

export interface SerializeOptions {
  baseUrl: string;
  now: number;
  start: number;
  end: number;
  groupStatsPeriod: string;
  expand: string[];
  collapse: string[];
  filteredApplies: boolean;
  scenario: Scenario;
  environments: string[];
}

function statsBuckets(events: readonly ErrorEvent[], period: string, opts: SerializeOptions): Array<[number, number]> {
  let bucketMs: number;
  let first: number;
  let count: number;
  if (period === '14d') {
    bucketMs = DAY;
    count = 14;
    first = Math.floor(opts.now / DAY) * DAY - 13 * DAY;
  } else if (period === 'auto') {
    const range = opts.end - opts.start;
    bucketMs = range <= 2 * DAY ? HOUR : DAY;
    first = Math.floor(opts.start / bucketMs) * bucketMs;
    count = Math.max(1, Math.ceil((opts.end - first) / bucketMs));
  } else {
    bucketMs = HOUR;
    count = 24;
    first = Math.floor(opts.now / HOUR) * HOUR - 23 * HOUR;
  }
  const counts = new Array<number>(count).fill(0);
  for (const event of sliceByTime(events, first, first + count * bucketMs)) {
    counts[Math.floor((event.ts - first) / bucketMs)]++;
  }
  return counts.map((value, i) => [(first + i * bucketMs) / 1000, value]);
}

function seenRange(events: readonly ErrorEvent[]): { firstSeen: string | null; lastSeen: string | null } {
  return {
    firstSeen: events.length ? isoMicro(events[0].ts) : null,
    lastSeen: events.length ? isoMicro(events[events.length - 1].ts) : null,
  };
}

/** One issue object (sentry-api.md §2.1); expand/collapse decide which optional keys appear. */
export function serializeIssue(stats: IssueWindowStats, opts: SerializeOptions): Record<string, unknown> {
  const { issue } = stats;
  const project = issue.project;
  const envFiltered = opts.environments.length > 0;
  const hasHistoryBefore = issue.firstSeen < opts.scenario.historyStart;
  const firstSeen =
    envFiltered && !hasHistoryBefore && stats.envEvents.length ? stats.envEvents[0].ts : issue.firstSeen;
  const lastSeen = stats.envEvents.length ? stats.envEvents[stats.envEvents.length - 1].ts : null;
  const assignedToDemo = issue.assignedTo?.type === 'user' && issue.assignedTo.id === ORG_MEMBERS[0].id;
  const matched = opts.filteredApplies ? stats.matchedEvents : null;
  const latestMatch = matched && matched.length ? matched[matched.length - 1] : null;
  const base: Record<string, unknown> = {
    id: issue.id,
    shareId: null,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    permalink: `${opts.baseUrl}/organizations/${opts.scenario.org.slug}/issues/${issue.id}/`,
    logger: issue.logger,
    level: issue.level,
    status: issue.status,
    statusDetails: issue.statusDetails,
    substatus: issue.substatus,
    isPublic: false,
    platform: project.platform,
    priority: issue.priority,
    priorityLockedAt: issue.priorityLockedAt === null ? null : isoMicro(issue.priorityLockedAt),
    seerFixabilityScore: null,
    seerAutofixLastTriggered: null,
    seerExplorerAutofixLastTriggered: null,
    project: { id: project.id, name: project.name, slug: project.slug, platform: project.platform },
    type: issue.type,
    issueType: 'error',
    issueCategory: 'error',
    metadata:
      issue.type === 'default'
        ? { title: issue.title }
        : {
            type: issue.template.errorType,
            value: issue.template.errorValue,
            filename: issue.template.filename,
            function: issue.template.functionName,
            in_app_frame_mix: 'in-app-only',
          },
    numComments: issue.numComments,
    assignedTo: issue.assignedTo,
    isBookmarked: issue.isBookmarked,
    isSubscribed: issue.isSubscribed,
    subscriptionDetails: issue.isSubscribed ? { reason: assignedToDemo ? 'assigned' : 'unknown' } : null,
    hasSeen: issue.hasSeen,
    annotations: issue.annotations,
    isUnhandled: issue.isUnhandled,
    count: String(stats.count),
    userCount: stats.userCount,
    firstSeen: isoMicro(firstSeen),
    lastSeen: lastSeen === null ? null : isoMicro(lastSeen),
    derivedData: {
      blocker: '',
      progress: '',
      status: '',
      viewCount: issue.hasSeen ? (Number(issue.id) % 7) + 1 : 0,
      hasOpenFixPr: false,
      isAssigned: issue.assignedTo !== null,
      hasRootCause: false,
      lastCompletedAutofixStep: '',
      lastProgressedAt: null,
    },
    matchingEventId: latestMatch ? latestMatch.eventId : null,
    matchingEventEnvironment: latestMatch ? latestMatch.environment : null,
  };
  const out: Record<string, unknown> = opts.collapse.includes('base') ? { id: issue.id } : base;
  if (opts.collapse.includes('unhandled')) {
    delete out.isUnhandled;
  }
  if (!opts.collapse.includes('stats') && opts.groupStatsPeriod !== '') {
    out.stats = { [opts.groupStatsPeriod]: statsBuckets(stats.envEvents, opts.groupStatsPeriod, opts) };
  }
  if (!opts.collapse.includes('lifetime')) {
    out.lifetime = {
      count: String(issue.preHistoryCount + stats.envEvents.length),
      userCount: issue.preHistoryUsers + uniqueUsers(stats.envEvents),
      firstSeen: isoMicro(firstSeen),
      lastSeen: lastSeen === null ? null : isoMicro(lastSeen),
      stats: null,
    };
  }
  if (!opts.collapse.includes('filtered')) {
    out.filtered = matched
      ? {
          count: String(matched.length),
          userCount: uniqueUsers(matched),
          ...seenRange(matched),
          stats: opts.groupStatsPeriod
            ? { [opts.groupStatsPeriod]: statsBuckets(matched, opts.groupStatsPeriod, opts) }
            : {},
        }
      : null;
  }
  for (const expand of opts.expand) {
    switch (expand) {
      case 'inbox':
        out.inbox = {
          reason: INBOX_REASON[issue.substatus ?? ''] ?? 3,
          reason_details: null,
          date_added: isoMicro(issue.firstSeen),
        };
        break;
      case 'owners':
        out.owners = {
          type: 'ownershipRule',
          owner: `team:${project.teams[0].id}`,
          date_added: isoMicro(issue.firstSeen),
        };
        break;
      case 'integrationIssues':
        out.integrationIssues = [];
        break;
      case 'sentryAppIssues':
        out.sentryAppIssues = [];
        break;
      case 'latestEventHasAttachments':
        out.latestEventHasAttachments = project.platform === 'react-native' && issue.level === 'fatal';
        break;
      case 'sessions':
        out.sessionCount = opts.scenario.sessions
          .filter((row) => row.project === project && row.hour >= opts.start && row.hour < opts.end)
          .reduce((sum, row) => sum + row.healthy + row.errored + row.crashed + row.abnormal, 0);
        break;
    }
  }
  return out;
}

export function validateIssueParams(params: URLSearchParams): {
  groupStatsPeriod: string;
  expand: string[];
  collapse: string[];
} {
  const groupStatsPeriod = params.has('groupStatsPeriod') ? (params.get('groupStatsPeriod') ?? '') : '24h';
  if (!GROUP_STATS_PERIODS.includes(groupStatsPeriod)) {
    throw badRequest("Invalid stats_period. Valid choices are '', '24h', and '14d'");
  }
  const expand = params.getAll('expand').filter((e) => ISSUE_EXPANDS.includes(e));
  const collapse = params.getAll('collapse').filter((c) => ISSUE_COLLAPSES.includes(c));
  const limit = params.get('limit');
  if (limit !== null && limit !== '' && !/^\d+$/.test(limit.trim())) {
    throw new ApiError(400, 'invalid limit');
  }
  return { groupStatsPeriod, expand, collapse };
}

/** One event of an issue (sentry-api.md §2.2). */
export function serializeIssueEvent(event: ErrorEvent, full: boolean): Record<string, unknown> {
  const issue = event.issue;
  const out: Record<string, unknown> = {
    id: event.eventId,
    'event.type': issue.type,
    groupID: issue.id,
    eventID: event.eventId,
    projectID: event.project.id,
    message: issue.type === 'default' ? issue.title : '',
    title: issue.title,
    location: issue.template.filename ? `${issue.template.filename}:${issue.lineNo}` : null,
    culprit: issue.culprit,
    user: event.user
      ? {
          id: event.user.id,
          email: event.user.email,
          username: event.user.username,
          ip_address: event.user.ip,
          name: null,
          geo: null,
          data: null,
        }
      : null,
    tags: eventTags(event)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    platform: event.project.platform,
    dateCreated: isoSeconds(event.ts),
    crashFile: null,
    metadata:
      issue.type === 'default'
        ? { title: issue.title }
        : { type: issue.template.errorType, value: issue.template.errorValue },
  };
  if (full) {
    out.entries = [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: issue.template.errorType || 'Message',
              value: issue.template.errorValue,
              mechanism: { type: event.tags.mechanism, handled: event.handled },
              stacktrace: {
                frames: [
                  {
                    filename: issue.template.filename,
                    function: issue.template.functionName,
                    lineNo: issue.lineNo,
                    inApp: true,
                  },
                ],
              },
            },
          ],
        },
      },
    ];
    out.contexts = { trace: { trace_id: event.traceId, op: 'default' } };
  }
  return out;
}

export function findIssue(scenario: Scenario, id: string, now: number, projects: readonly Project[]): Issue {
  const issue = scenario.issues.find((i) => i.id === id || i.shortId === id.toUpperCase());
  if (!issue || issue.firstSeen > now || !projects.includes(issue.project)) {
    throw notFound();
  }
  return issue;
}
