// The generated scenario's data model: projects, releases, issues, events, spans, sessions and outcomes.

import type { ApiIssue } from '../../src/sentry/api';
import type { ENVIRONMENTS, EnvName, IssueTemplate, ORG, ProjectSpec, TeamSpec } from './content';

export interface ScenarioOptions {
  seed?: number;
  /** Anchor time in ms; defaults to Date.now() floored to the minute. */
  now?: number;
  /** Also generate data this far past `now` (a long-running server reveals it as its clock advances). */
  horizonMs?: number;
}

export interface Project extends ProjectSpec {
  name: string;
  teams: TeamSpec[];
}

export interface Deploy {
  id: string;
  version: string;
  projectId: string;
  environment: EnvName;
  dateStarted: number | null;
  dateFinished: number;
  name: string | null;
  url: string | null;
}

export interface Release {
  id: number;
  version: string;
  project: Project;
  packageName: string;
  versionRaw: string;
  major: number;
  minor: number;
  patch: number;
  pre: string | null;
  buildCode: string | null;
  dateCreated: number;
  /** When the release was finalized (its production deploy finished); null if never. */
  dateReleased: number | null;
  status: 'open' | 'archived';
  ref: string;
  commitCount: number;
  authors: Array<{ name: string; email: string }>;
  deploys: Deploy[];
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface AssignedTo {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export interface Issue {
  id: string;
  /** Line of the culprit frame (stable per issue; used for `location` and stack frames). */
  lineNo: number;
  shortId: string;
  project: Project;
  template: IssueTemplate;
  title: string;
  culprit: string;
  type: 'error' | 'default';
  level: IssueTemplate['level'];
  status: IssueStatus;
  substatus: ApiIssue['substatus'];
  statusDetails: ApiIssue['statusDetails'];
  priority: 'high' | 'medium' | 'low' | null;
  priorityLockedAt: number | null;
  assignedTo: AssignedTo | null;
  /** First event ever (may be before the generated history). */
  firstSeen: number;
  firstRelease: string | null;
  resolvedAt: number | null;
  isUnhandled: boolean;
  logger: string | null;
  numComments: number;
  isBookmarked: boolean;
  isSubscribed: boolean;
  hasSeen: boolean;
  annotations: Array<{ displayName: string; url: string }>;
  /** Events and users before the generated history (only lifetime totals see them). */
  preHistoryCount: number;
  preHistoryUsers: number;
  /** This issue's events, sorted by time. */
  events: ErrorEvent[];
  isBurst: boolean;
}

export interface EventUser {
  id: string | null;
  email: string | null;
  username: string | null;
  ip: string;
  /** The `user` tag value (`id:…` or `ip:…`). */
  tag: string;
}

interface EventBase {
  eventId: string;
  /** Event time in ms (for transactions: the end timestamp). */
  ts: number;
  project: Project;
  environment: EnvName;
  release: string;
  user: EventUser | null;
  traceId: string;
  /**
   * Tags except `user` (read it with eventTag/eventTags). Transactions share interned tag objects:
   * treat them as read-only.
   */
  tags: Readonly<Record<string, string>>;
}

/** One tag of an event (the `user` tag comes from the event's user). */
export function eventTag(event: ErrorEvent | TransactionEvent, key: string): string | undefined {
  return key === 'user' ? event.user?.tag : event.tags[key];
}

/** All tags of an event as [key, value] pairs, `user` included. */
export function eventTags(event: ErrorEvent | TransactionEvent): Array<[string, string]> {
  const entries = Object.entries(event.tags);
  if (event.user) {
    entries.push(['user', event.user.tag]);
  }
  return entries;
}

export interface ErrorEvent extends EventBase {
  kind: 'error';
  issue: Issue;
  level: string;
  handled: boolean;
  transaction: string;
  requestId: string | null;
}

export interface TransactionEvent extends EventBase {
  kind: 'transaction';
  transaction: string;
  op: string;
  /** Duration in ms. */
  duration: number;
  status: string;
  httpMethod: string | null;
  httpStatusCode: string | null;
  spanId: string;
}

export type ScenarioEvent = ErrorEvent | TransactionEvent;

/** A span of a transaction (spans dataset); project, user, trace… come from `tx`. */
export interface SpanRecord {
  kind: 'span';
  tx: TransactionEvent;
  ts: number;
  spanId: string;
  parentSpanId: string | null;
  op: string;
  description: string;
  duration: number;
  selfTime: number;
  status: string;
  isTransaction: boolean;
}

/** Release-health sessions started in one hour for one project × release × environment. */
export interface SessionRow {
  hour: number;
  project: Project;
  release: string;
  environment: EnvName;
  healthy: number;
  errored: number;
  crashed: number;
  abnormal: number;
  /** Users are a contiguous index range in the project's user pool (distinct counts = range unions). */
  userStart: number;
  users: number;
  crashedUsers: number;
  erroredUsers: number;
  abnormalUsers: number;
}

/** Usage outcome totals for one hour × project × category × outcome × reason (stats_v2). */
export interface OutcomeRow {
  hour: number;
  project: Project;
  category: string;
  outcome: string;
  reason: string;
  quantity: number;
  timesSeen: number;
}

export interface BurstInfo {
  project: string;
  projectId: string;
  release: string;
  environment: 'production';
  /** Production deploy finished: the burst starts here (now − 6 h). */
  start: number;
  /** End of the ~2 h peak; afterwards the rate decays exponentially. */
  peakEnd: number;
  peakPerHour: number;
  issueId: string;
  shortId: string;
  title: string;
}

export interface Scenario {
  seed: number;
  now: number;
  /** Start of the generated history (hour-aligned, 14 days before now). */
  historyStart: number;
  /** End of generated data (now + horizon). */
  dataEnd: number;
  org: typeof ORG;
  projects: Project[];
  teams: TeamSpec[];
  environments: typeof ENVIRONMENTS;
  /** Labels of tag keys in the tags list, where they differ from the default label. */
  tagLabels?: Record<string, string>;
  releases: Release[];
  issues: Issue[];
  /** Error events sorted by time. */
  errors: ErrorEvent[];
  /** Transaction events sorted by time. */
  transactions: TransactionEvent[];
  sessions: SessionRow[];
  outcomes: OutcomeRow[];
  burst: BurstInfo;
  /** Spans derived from transactions on first use (root span + child spans). */
  spans(): SpanRecord[];
  userPool(project: Project): { offset: number; size: number };
}
