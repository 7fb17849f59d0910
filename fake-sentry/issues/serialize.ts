// Issue and issue-event objects (sentry-api.md §2.1, §2.2), with the expand/collapse/groupStatsPeriod options.

import type { ApiIssue, ApiIssueEvent, IssueExpandKey } from '../../src/sentry/api';
import { ApiError, badRequest } from '../errors';
import { isoMicro, isoSeconds } from '../params';
import { DAY, ErrorEvent, eventTags, HOUR, ORG_MEMBERS, Scenario, sliceByTime } from '../scenario';
import { IssueWindowStats, uniqueUsers } from './search';

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

const INBOX_REASON: Record<string, number> = { new: 0, regressed: 2, escalating: 5, ongoing: 6 };

/** An issue as listed: `collapse` drops groups of keys, `expand` adds others; only `id` is always there. */
export type ListedIssue = Pick<ApiIssue, 'id'> & Partial<ApiIssue>;
/** The keys an issue has unless `collapse=base`. */
type IssueBase = Omit<ApiIssue, 'stats' | 'lifetime' | 'filtered' | IssueExpandKey>;
/** With `full`, an event also carries its entries and contexts, which the schema's list leaves out. */
export type ListedIssueEvent = ApiIssueEvent & { entries?: unknown[]; contexts?: Record<string, unknown> };

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
export function serializeIssue(stats: IssueWindowStats, opts: SerializeOptions): ListedIssue {
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
  const base: IssueBase = {
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
  const out: ListedIssue = opts.collapse.includes('base') ? { id: issue.id } : base;
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
export function serializeIssueEvent(event: ErrorEvent, full: boolean): ListedIssueEvent {
  const issue = event.issue;
  const out: ListedIssueEvent = {
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
