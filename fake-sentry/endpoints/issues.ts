// Issues and an issue's events.

import { compileEventSearch, Row } from '../discover';
import { findIssue, searchIssues, serializeIssue, serializeIssueEvent, validateIssueParams } from '../issues';
import { MAX_PER_PAGE, paginate, parseCursor } from '../pagination';
import { isTruthy, parseTimeRange, resolveEnvironments, resolveProjects } from '../params';
import { badRequest } from '../errors';
import { setIssueStatus } from '../ingest';
import { ErrorEvent, Issue, IssueStatus, sliceByTime } from '../scenario';
import { parseSearch } from '../search';
import { memberProjects } from '../serializers';
import { EndpointContext, EndpointResult, linkContext, pageOf } from './context';

function memberTeamIds(ctx: EndpointContext): string[] {
  return ctx.token.user && !ctx.token.teamless ? ctx.scenario.teams.filter((t) => t.isMember).map((t) => t.id) : [];
}

export function listIssues(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const options = validateIssueParams(params);
  const range = parseTimeRange(params, ctx.now)!;
  const projects = resolveProjects(ctx.scenario, params, memberProjects(ctx.scenario, ctx.token));
  const environments = resolveEnvironments(ctx.scenario, params);
  if (projects.length === 0) {
    return { body: [] };
  }
  const result = searchIssues({
    scenario: ctx.scenario,
    baseUrl: ctx.baseUrl,
    now: ctx.now,
    projects,
    environments,
    start: range.start,
    end: range.end,
    params,
    demoUserId: ctx.token.user?.id ?? null,
    memberTeamIds: memberTeamIds(ctx),
  });
  // The page size is `limit` (not per_page); Sentry's paginator caps it at 100.
  const limit = Math.min(MAX_PER_PAGE, Math.max(1, Number(params.get('limit') || MAX_PER_PAGE)));
  const page = paginate(result.issues, parseCursor(params.get('cursor')), limit, linkContext(ctx));
  const body = page.items.map((stats) =>
    serializeIssue(stats, {
      baseUrl: ctx.baseUrl,
      now: ctx.now,
      start: range.start,
      end: range.end,
      groupStatsPeriod: options.groupStatsPeriod,
      expand: options.expand,
      collapse: options.collapse,
      filteredApplies: result.filteredApplies,
      scenario: ctx.scenario,
      environments,
    })
  );
  const headers: Record<string, string> = {
    ...page.headers,
    'X-Hits': String(result.issues.length),
    'X-Max-Hits': '1000',
  };
  if (result.directHit) {
    headers['X-Sentry-Direct-Hit'] = '1';
  }
  return { body, headers };
}

function shuffleDeterministic<T>(items: T[], key: (item: T) => string): T[] {
  // "sample=1": a stable pseudo-random order (hash of the id).
  const hash = (text: string) => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    }
    return h >>> 0;
  };
  return [...items].sort((a, b) => hash(key(a)) - hash(key(b)));
}

export function listIssueEvents(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const issue = findIssue(ctx.scenario, ctx.pathParams[0], ctx.now, ctx.scenario.projects);
  const range = parseTimeRange(params, ctx.now, { optional: true });
  const environments = resolveEnvironments(ctx.scenario, params);
  const search = compileEventSearch(parseSearch(params.get('query') ?? ''), ctx.now);
  let events = sliceByTime(
    issue.events,
    range?.start ?? -Infinity,
    Math.min(range?.end ?? Infinity, ctx.now + 1)
  ).filter((e) => (environments.length === 0 || environments.includes(e.environment)) && search.rowPredicate(e as Row));
  events = isTruthy(params.get('sample')) ? shuffleDeterministic(events, (e) => e.eventId) : events.reverse();
  const full = isTruthy(params.get('full'));
  const page = pageOf(ctx, events);
  return { body: page.items.map((e: ErrorEvent) => serializeIssueEvent(e, full)), headers: page.headers };
}

const UPDATABLE_STATUSES: readonly IssueStatus[] = ['resolved', 'unresolved', 'ignored'];

/**
 * `PUT /organizations/{org}/issues/?id=…`: Sentry's bulk issue update, for `status` only. Without `id` it applies,
 * as Sentry's does, to the issues the query matches (first 1,000).
 */
export function bulkUpdateIssues(ctx: EndpointContext): EndpointResult {
  let update: { status?: unknown };
  try {
    update = JSON.parse(ctx.body || '{}') as { status?: unknown };
  } catch {
    throw badRequest('Malformed JSON body');
  }
  const status = UPDATABLE_STATUSES.find((s) => s === update.status);
  if (!status) {
    throw badRequest('status: only resolved, unresolved and ignored are supported');
  }
  const projects = resolveProjects(ctx.scenario, ctx.params, memberProjects(ctx.scenario, ctx.token));
  const ids = ctx.params.getAll('id');
  let issues: Issue[];
  if (ids.length > 0) {
    const projectIds = new Set(projects.map((p) => p.id));
    issues = ctx.scenario.issues.filter((issue) => ids.includes(issue.id) && projectIds.has(issue.project.id));
  } else {
    const range = parseTimeRange(ctx.params, ctx.now)!;
    issues = searchIssues({
      scenario: ctx.scenario,
      baseUrl: ctx.baseUrl,
      now: ctx.now,
      projects,
      environments: resolveEnvironments(ctx.scenario, ctx.params),
      start: range.start,
      end: range.end,
      params: ctx.params,
      demoUserId: ctx.token.user?.id ?? null,
      memberTeamIds: memberTeamIds(ctx),
    })
      .issues.slice(0, 1000)
      .map((stats) => stats.issue);
  }
  if (issues.length === 0) {
    return { status: 204, body: null };
  }
  for (const issue of issues) {
    setIssueStatus(ctx.scenario, issue, status, ctx.now);
  }
  const first = issues[0];
  return { body: { status, statusDetails: first.statusDetails, substatus: first.substatus, inbox: null } };
}
