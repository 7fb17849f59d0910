// Event ingestion (`POST /api/<project id>/envelope/`, authenticated by the DSN's public key), issue status changes
// (the bulk issue update), and the listeners told about both (the webhook sender in webhooks.ts).
// Ingested events join the scenario as any generated event does: the data source then shows them.

import { randomBytes } from 'node:crypto';

import { ErrorEvent, EnvName, Issue, IssueStatus, IssueTemplate, Project, Scenario } from './scenario';

/** The public key of every project's DSN in the fake (the DSN is not a secret in Sentry either). */
export const DSN_PUBLIC_KEY = '5e17a1e75d5e4c0f9a2b1c3d4e5f6a7b';

/** The DSN a client uses to send events to `project` of the fake at `baseUrl`. */
export function dsnFor(baseUrl: string, project: Pick<Project, 'id'>): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${DSN_PUBLIC_KEY}@${url.host}/${project.id}`;
}

export const ENVELOPE_PATH = /^\/api\/(\d+)\/envelope\/$/;

export type IssueChange = 'created' | 'resolved' | 'unresolved' | 'ignored';
export type IssueListener = (issue: Issue, change: IssueChange, event?: ErrorEvent) => void;

interface Ingested {
  /** Issues made from ingested events, by project and grouping key. */
  groups: Map<string, Issue>;
  listeners: IssueListener[];
  nextId: number;
}

const ingestedBy = new WeakMap<Scenario, Ingested>();

function ingested(scenario: Scenario): Ingested {
  let state = ingestedBy.get(scenario);
  if (!state) {
    state = { groups: new Map(), listeners: [], nextId: 1 };
    ingestedBy.set(scenario, state);
  }
  return state;
}

export function onIssueChange(scenario: Scenario, listener: IssueListener): () => void {
  const { listeners } = ingested(scenario);
  listeners.push(listener);
  return () => listeners.splice(listeners.indexOf(listener), 1);
}

function notify(scenario: Scenario, issue: Issue, change: IssueChange, event?: ErrorEvent): void {
  for (const listener of [...ingested(scenario).listeners]) {
    listener(issue, change, event);
  }
}

/** Set an issue's status as Sentry's issue update does; listeners hear of real changes only. */
export function setIssueStatus(scenario: Scenario, issue: Issue, status: IssueStatus, now: number): void {
  if (issue.status === status) {
    return;
  }
  issue.status = status;
  issue.statusDetails = {};
  issue.substatus = status === 'resolved' ? null : status === 'ignored' ? 'archived_forever' : 'ongoing';
  issue.resolvedAt = status === 'resolved' ? now : null;
  notify(scenario, issue, status);
}

export interface IngestResult {
  status: number;
  body: unknown;
}

function insertByTime<T extends { ts: number }>(items: T[], item: T): void {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].ts <= item.ts) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  items.splice(lo, 0, item);
}

/** The items of an envelope: header line, then per item a header and a payload (`length` bytes, or one line). */
export function parseEnvelope(body: string): {
  header: Record<string, unknown>;
  items: Array<{ type: string; payload: string }>;
} {
  const bytes = Buffer.from(body, 'utf8');
  let offset = 0;
  const line = (): string | null => {
    if (offset >= bytes.length) {
      return null;
    }
    let end = bytes.indexOf(0x0a, offset);
    end = end === -1 ? bytes.length : end;
    const text = bytes.subarray(offset, end).toString('utf8');
    offset = end + 1;
    return text;
  };
  const header = JSON.parse(line() ?? '{}') as Record<string, unknown>;
  const items: Array<{ type: string; payload: string }> = [];
  for (let itemLine = line(); itemLine !== null; itemLine = line()) {
    if (itemLine.trim() === '') {
      continue;
    }
    const item = JSON.parse(itemLine) as { type?: string; length?: number };
    let payload: string;
    if (typeof item.length === 'number') {
      payload = bytes.subarray(offset, offset + item.length).toString('utf8');
      offset += item.length + 1;
    } else {
      payload = line() ?? '';
    }
    items.push({ type: String(item.type ?? ''), payload });
  }
  return { header, items };
}

function publicKeyOf(authHeader: string | undefined, query: URLSearchParams): string | null {
  const fromHeader = authHeader ? /sentry_key=([^,\s]+)/.exec(authHeader)?.[1] : undefined;
  return fromHeader ?? query.get('sentry_key');
}

const LEVELS: ReadonlyArray<IssueTemplate['level']> = ['fatal', 'error', 'warning', 'info'];

function tagsOf(raw: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  const entries = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.entries(raw) : [];
  for (const entry of entries) {
    if (Array.isArray(entry) && typeof entry[0] === 'string' && entry[1] !== undefined && entry[1] !== null) {
      tags[entry[0]] = String(entry[1]);
    }
  }
  return tags;
}

function newIssue(state: Ingested, project: Project, title: string, level: IssueTemplate['level'], ts: number): Issue {
  const template: IssueTemplate = {
    type: 'default',
    level,
    title,
    errorType: '',
    errorValue: title,
    culprit: '',
    filename: '',
    functionName: '',
    isUnhandled: false,
    logger: null,
  };
  const n = state.nextId++;
  return {
    id: String(7100000000 + n),
    lineNo: 1,
    shortId: `${project.slug.toUpperCase()}-ING${n.toString(36).toUpperCase()}`,
    project,
    template,
    title,
    culprit: '',
    type: 'default',
    level,
    status: 'unresolved',
    substatus: 'new',
    statusDetails: {},
    priority: level === 'fatal' || level === 'error' ? 'high' : level === 'warning' ? 'medium' : 'low',
    priorityLockedAt: null,
    assignedTo: null,
    firstSeen: ts,
    firstRelease: null,
    resolvedAt: null,
    isUnhandled: false,
    logger: null,
    numComments: 0,
    isBookmarked: false,
    isSubscribed: false,
    hasSeen: false,
    annotations: [],
    preHistoryCount: 0,
    preHistoryUsers: 0,
    events: [],
    isBurst: false,
  };
}

/** Store one event: into the issue its fingerprint (or message) groups it with, created or regressed as needed. */
function storeEvent(scenario: Scenario, project: Project, raw: Record<string, unknown>, now: number): string {
  const state = ingested(scenario);
  const eventId = typeof raw.event_id === 'string' ? raw.event_id : randomBytes(16).toString('hex');
  const level = LEVELS.find((l) => l === raw.level) ?? (raw.level === 'debug' ? 'info' : 'error');
  const title = String(
    raw.message ?? (raw.logentry as { message?: string } | undefined)?.message ?? '<unlabeled event>'
  );
  const fingerprint = Array.isArray(raw.fingerprint) ? raw.fingerprint.map(String) : [title];
  const key = `${project.id}|${JSON.stringify(fingerprint)}`;
  const ts = typeof raw.timestamp === 'number' ? Math.round(raw.timestamp * 1000) : now;
  let issue = state.groups.get(key);
  const created = !issue;
  if (!issue) {
    issue = newIssue(state, project, title, level, ts);
    state.groups.set(key, issue);
    scenario.issues.push(issue);
  }
  const tags = tagsOf(raw.tags);
  const event: ErrorEvent = {
    kind: 'error',
    eventId,
    ts,
    project,
    environment: (typeof raw.environment === 'string' ? raw.environment : 'production') as EnvName,
    release: typeof raw.release === 'string' ? raw.release : '',
    user: null,
    traceId: randomBytes(16).toString('hex'),
    tags: { level, ...tags },
    issue,
    level,
    handled: true,
    transaction: typeof raw.transaction === 'string' ? raw.transaction : '',
    requestId: null,
  };
  insertByTime(issue.events, event);
  insertByTime(scenario.errors, event);
  if (created) {
    notify(scenario, issue, 'created', event);
  } else if (issue.status === 'resolved') {
    // A new event of a resolved issue is a regression.
    setIssueStatus(scenario, issue, 'unresolved', now);
    issue.substatus = 'regressed';
  }
  return eventId;
}

/** `POST /api/<project id>/envelope/`: event items become events (and issues); other item types are accepted. */
export function ingestEnvelope(
  scenario: Scenario,
  projectId: string,
  request: { method: string; body?: string; authHeader?: string; query: URLSearchParams },
  now: number
): IngestResult {
  if (request.method !== 'POST') {
    return { status: 405, body: { detail: 'Method not allowed' } };
  }
  if (publicKeyOf(request.authHeader, request.query) !== DSN_PUBLIC_KEY) {
    return { status: 401, body: { detail: 'missing authorization information' } };
  }
  const project = scenario.projects.find((p) => p.id === projectId);
  if (!project) {
    return { status: 403, body: { detail: 'event submission rejected with_reason: ProjectId' } };
  }
  let envelope;
  try {
    envelope = parseEnvelope(request.body ?? '');
  } catch {
    return { status: 400, body: { detail: 'invalid envelope' } };
  }
  let id = typeof envelope.header.event_id === 'string' ? envelope.header.event_id : null;
  for (const item of envelope.items.filter((i) => i.type === 'event')) {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(item.payload) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { detail: 'invalid event payload' } };
    }
    id = storeEvent(scenario, project, event, now);
  }
  return { status: 200, body: { id } };
}

/** The answer of the ingestion endpoint when `path` is one, else null. */
export function ingestRequest(
  scenario: Scenario,
  path: string,
  query: URLSearchParams,
  request: { method: string; body?: string; headers?: Record<string, string | string[] | undefined> },
  now: number
): IngestResult | null {
  const match = ENVELOPE_PATH.exec(path);
  if (!match) {
    return null;
  }
  const auth = request.headers?.['x-sentry-auth'] ?? request.headers?.['X-Sentry-Auth'];
  const authHeader = Array.isArray(auth) ? auth[0] : auth;
  return ingestEnvelope(
    scenario,
    match[1],
    { method: request.method.toUpperCase(), body: request.body, authHeader, query },
    now
  );
}
