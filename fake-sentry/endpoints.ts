// Endpoint implementations. Each takes the resolved request context and returns a JSON body
// (plus headers); routing, auth, scopes, rate limits and chaos live in handlers.ts.

import { TokenInfo } from './auth';
import {
  compileAggregateConditions,
  compileEventSearch,
  conditionFunctions,
  resolveDataset,
  Row,
  runTable,
  selectRows,
  validateFields,
  validateSort,
} from './discover';
import { ApiError, badRequest, notFound } from './errors';
import { findIssue, searchIssues, serializeIssue, serializeIssueEvent, validateIssueParams } from './issues';
import { FakeModes } from './modes';
import { Cursor, MAX_PER_PAGE, paginate, parseCursor, parsePerPage } from './pagination';
import {
  DEFAULT_PERIOD_MS,
  isoSeconds,
  isTruthy,
  parseStatsPeriod,
  parseTimeRange,
  resolveEnvironments,
  resolveProjects,
} from './params';
import {
  DAY,
  Deploy,
  EnvName,
  ErrorEvent,
  eventTag,
  HOUR,
  MINUTE,
  Project,
  Release,
  Scenario,
  sliceByTime,
} from './scenario';
import { collectTerms, compileSearch, parseAbsoluteDate, parseSearch } from './search';
import {
  memberProjects,
  ORG_FEATURES,
  releaseEnvironments,
  releaseEventRanges,
  serializeDeploy,
  serializeOrganization,
  serializeProject,
  serializeRelease,
  serializeTeam,
} from './serializers';
import { sessionsResponse, statsV2Response } from './sessions';
import { eventsStats, eventsTimeseries } from './timeseries';

export interface EndpointContext {
  scenario: Scenario;
  params: URLSearchParams;
  /** Decoded path parameters after the org (project slug, team slug, issue id, version, tag key). */
  pathParams: string[];
  path: string;
  token: TokenInfo;
  now: number;
  baseUrl: string;
  modes: FakeModes;
  method: string;
  body?: string;
}

export interface EndpointResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

function linkContext(ctx: EndpointContext) {
  return { baseUrl: ctx.baseUrl, path: ctx.path, params: ctx.params };
}

function pageOf<T>(
  ctx: EndpointContext,
  items: readonly T[],
  perPage = parsePerPage(ctx.params)
): { items: T[]; headers: Record<string, string> } {
  const cursor: Cursor = parseCursor(ctx.params.get('cursor'));
  return paginate(items, cursor, perPage, linkContext(ctx));
}

function orgLinks(ctx: EndpointContext) {
  return { organizationUrl: ctx.baseUrl, regionUrl: ctx.modes.region?.regionUrl ?? ctx.baseUrl };
}

function orgFeatures(ctx: EndpointContext): string[] {
  return ctx.modes.globalViews === false ? ORG_FEATURES.filter((f) => f !== 'global-views') : ORG_FEATURES;
}

function findProject(ctx: EndpointContext, idOrSlug: string): Project {
  const project = ctx.scenario.projects.find((p) => p.slug === idOrSlug || p.id === idOrSlug);
  if (!project) {
    throw notFound();
  }
  return project;
}

// ---------------------------------------------------------------------------------------------
// Organization, projects, teams, environments

/** GET /api/0/: the token's scopes, or `auth: null` without credentials. */
export function getIndex(token: TokenInfo | null): EndpointResult {
  return {
    body: {
      version: '0',
      auth: token ? { scopes: token.scopes } : null,
      user: token?.user
        ? {
            id: token.user.id,
            name: token.user.name,
            username: token.user.username,
            email: token.user.email,
            isActive: true,
          }
        : null,
    },
  };
}

export function listOrganizations(ctx: EndpointContext): EndpointResult {
  const query = (ctx.params.get('query') ?? '').toLowerCase();
  const orgs = [ctx.scenario.org].filter(
    (org) => !query || org.slug.includes(query) || org.name.toLowerCase().includes(query)
  );
  const page = pageOf(
    ctx,
    orgs.map(() => serializeOrganization(ctx.scenario, ctx.token, orgLinks(ctx), orgFeatures(ctx)))
  );
  return { body: page.items, headers: page.headers };
}

export function getOrganization(ctx: EndpointContext): EndpointResult {
  const body = serializeOrganization(ctx.scenario, ctx.token, orgLinks(ctx), orgFeatures(ctx));
  if (ctx.params.get('detailed') !== '0') {
    body.projects = ctx.scenario.projects.map((p) => serializeProject(ctx.scenario, p, ctx.token, ctx.now));
    body.teams = ctx.scenario.teams.map((t) => serializeTeam(ctx.scenario, t, ctx.token, ctx.now, false));
  }
  return { body };
}

export function listProjects(ctx: EndpointContext): EndpointResult {
  const node = parseSearch(ctx.params.get('query') ?? '');
  const members = memberProjects(ctx.scenario, ctx.token);
  const predicate = compileSearch<Project>(node, {
    resolve: (key) => {
      switch (key) {
        case 'id':
          return { type: 'string', get: (p) => p.id };
        case 'slug':
          return { type: 'string', get: (p) => p.slug };
        case 'platform':
          return { type: 'string', get: (p) => p.platform };
        default:
          return null;
      }
    },
    special: (term) => {
      const values = term.list ?? [term.value];
      if (term.key === 'team') {
        return (p) => p.teams.some((t) => values.includes(t.slug));
      }
      if (term.key === 'is_member') {
        const wanted = isTruthy(term.value);
        return (p) => members.includes(p) === wanted;
      }
      return undefined;
    },
    text: (p) => `${p.slug} ${p.name}`,
    now: ctx.now,
  });
  const collapse = ctx.params.getAll('collapse');
  const projects = ctx.scenario.projects
    .filter(predicate)
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((p) => serializeProject(ctx.scenario, p, ctx.token, ctx.now, collapse));
  if (isTruthy(ctx.params.get('all_projects'))) {
    return { body: projects };
  }
  const page = pageOf(ctx, projects);
  return { body: page.items, headers: page.headers };
}

export function listTeams(ctx: EndpointContext): EndpointResult {
  const detailed = ctx.params.get('detailed') !== '0';
  const query = (ctx.params.get('query') ?? '').toLowerCase();
  const teams = ctx.scenario.teams
    .filter((t) => !query || t.slug.includes(query) || t.name.toLowerCase().includes(query))
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((t) => serializeTeam(ctx.scenario, t, ctx.token, ctx.now, detailed));
  const page = pageOf(ctx, teams);
  return { body: page.items, headers: page.headers };
}

export function listTeamProjects(ctx: EndpointContext): EndpointResult {
  const team = ctx.scenario.teams.find((t) => t.slug === ctx.pathParams[0] || t.id === ctx.pathParams[0]);
  if (!team) {
    throw notFound();
  }
  const projects = ctx.scenario.projects
    .filter((p) => team.projects.includes(p.slug))
    .map((p) => serializeProject(ctx.scenario, p, ctx.token, ctx.now));
  const page = pageOf(ctx, projects);
  return { body: page.items, headers: page.headers };
}

function visibilityFilter(ctx: EndpointContext): (env: { isHidden: boolean }) => boolean {
  const visibility = ctx.params.get('visibility') ?? 'visible';
  switch (visibility) {
    case 'visible':
      return (env) => !env.isHidden;
    case 'hidden':
      return (env) => env.isHidden;
    case 'all':
      return () => true;
    default:
      throw badRequest("Invalid value for 'visibility', valid values are: 'all', 'hidden', 'visible'");
  }
}

export function listOrgEnvironments(ctx: EndpointContext): EndpointResult {
  const keep = visibilityFilter(ctx);
  return { body: ctx.scenario.environments.filter(keep).map((env) => ({ id: env.id, name: env.name })) };
}

export function listProjectEnvironments(ctx: EndpointContext): EndpointResult {
  const project = findProject(ctx, ctx.pathParams[0]);
  const keep = visibilityFilter(ctx);
  const envs = ctx.scenario.environments.filter(
    (env) => project.errorsPerHour[env.name] > 0 || project.transactionsPerHour[env.name] > 0
  );
  return { body: envs.filter(keep).map((env) => ({ id: env.id, name: env.name, isHidden: env.isHidden })) };
}

// ---------------------------------------------------------------------------------------------
// Issues

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

// ---------------------------------------------------------------------------------------------
// Discover: events, events-stats, events-timeseries

interface EventsSelection {
  rows: Row[];
  datasetName: string;
  projects: Project[];
  start: number;
  end: number;
  search: ReturnType<typeof compileEventSearch>;
}

function selectEvents(ctx: EndpointContext, options: { singleProjectRule: boolean }): EventsSelection {
  const { params } = ctx;
  const dataset = resolveDataset(params.get('dataset'));
  const range = parseTimeRange(params, ctx.now, { wrapPrefix: 'Invalid date range: ' })!;
  const projects = resolveProjects(ctx.scenario, params, memberProjects(ctx.scenario, ctx.token));
  if (options.singleProjectRule && ctx.modes.globalViews === false && projects.length > 1) {
    throw badRequest('You cannot view events from multiple projects.');
  }
  const environments = resolveEnvironments(ctx.scenario, params);
  const search = compileEventSearch(parseSearch(params.get('query') ?? ''), ctx.now);
  // Data after "now" does not exist yet.
  const end = Math.min(range.end, ctx.now + 1);
  const rows = selectRows({
    scenario: ctx.scenario,
    dataset: dataset.served,
    projects,
    environments,
    start: range.start,
    end,
    predicate: search.rowPredicate,
  });
  return { rows, datasetName: dataset.name, projects, start: range.start, end: range.end, search };
}

function baseMeta(datasetName: string) {
  return {
    isMetricsData: false,
    isMetricsExtractedData: false,
    tips: {},
    datasetReason: 'unchanged',
    dataset: datasetName,
  };
}

export function listEvents(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const fields = params.getAll('field').filter((f) => f !== '');
  if (fields.length === 0) {
    throw badRequest('No columns selected');
  }
  validateFields(fields);
  const perPage = parsePerPage(params);
  const cursor = parseCursor(params.get('cursor'));
  const sort = params.getAll('sort').length ? params.getAll('sort') : params.getAll('orderby');
  validateSort(sort, fields);
  const selection = selectEvents(ctx, { singleProjectRule: true });
  if (selection.projects.length === 0) {
    return { body: { data: [], meta: { tips: { query: 'Need at least one valid project to query.' } } } };
  }
  if (selection.search.hasAggregateConditions && params.get('allowAggregateConditions') === '0') {
    throw badRequest('Aggregate filters (e.g. count():>10) are not allowed in this query.');
  }
  const table = runTable({
    fields,
    sort,
    rows: selection.rows,
    windowMs: selection.end - selection.start,
    aggregateFilter: compileAggregateConditions(selection.search.aggregateTerms, ctx.now),
    conditionFunctions: conditionFunctions(selection.search.aggregateTerms),
  });
  const page = paginate(table.data, cursor, perPage, linkContext(ctx));
  return {
    body: { data: page.items, meta: { fields: table.fields, units: table.units, ...baseMeta(selection.datasetName) } },
    headers: isTruthy(params.get('noPagination')) ? {} : page.headers,
  };
}

export function getEventsStats(ctx: EndpointContext): EndpointResult {
  const selection = selectEvents(ctx, { singleProjectRule: false });
  let comparisonRows: Row[] | undefined;
  let comparisonDeltaMs: number | undefined;
  const delta = ctx.params.get('comparisonDelta');
  if (delta) {
    if (!/^\d+$/.test(delta)) {
      throw badRequest('comparisonDelta must be an integer');
    }
    comparisonDeltaMs = Number(delta) * 1000;
    if (selection.start - comparisonDeltaMs < ctx.now - DEFAULT_PERIOD_MS) {
      throw badRequest('Comparison period is outside retention window');
    }
    const shifted = { ...ctx, params: new URLSearchParams(ctx.params) };
    shifted.params.delete('statsPeriod');
    shifted.params.set('start', new Date(selection.start - comparisonDeltaMs).toISOString());
    shifted.params.set('end', new Date(selection.end - comparisonDeltaMs).toISOString());
    comparisonRows = selectEvents(shifted, { singleProjectRule: false }).rows;
  }
  const body = eventsStats({
    rows: selection.rows,
    comparisonRows,
    comparisonDeltaMs,
    start: selection.start,
    end: selection.end,
    datasetName: selection.datasetName,
    params: ctx.params,
    noProjects: selection.projects.length === 0,
  });
  return { body };
}

export function getEventsTimeseries(ctx: EndpointContext): EndpointResult {
  const selection = selectEvents(ctx, { singleProjectRule: false });
  return {
    body: eventsTimeseries({
      rows: selection.rows,
      start: selection.start,
      end: selection.end,
      now: ctx.now,
      datasetName: selection.datasetName,
      params: ctx.params,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Sessions, stats_v2

export function getSessions(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const range = parseTimeRange(params, ctx.now)!;
  const projects = resolveProjects(ctx.scenario, params, memberProjects(ctx.scenario, ctx.token));
  const environments = resolveEnvironments(ctx.scenario, params);
  const perPage = parsePerPage(params, 5000, 5000);
  const { body } = sessionsResponse({
    scenario: ctx.scenario,
    params,
    projects,
    environments,
    range,
    now: ctx.now,
    minimumInterval: ctx.modes.selfHosted ? { ms: HOUR, label: 'one hour' } : { ms: MINUTE, label: 'one minute' },
  });
  // Pagination runs over groups (default and max 5000 per page).
  const result = body as { groups: unknown[] };
  const page = paginate(result.groups, parseCursor(params.get('cursor')), perPage, linkContext(ctx));
  return { body: { ...result, groups: page.items }, headers: page.headers };
}

export function getStatsV2(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const range = parseTimeRange(params, ctx.now)!;
  const wantsProjects = params.getAll('project').some((p) => p !== '') || params.getAll('groupBy').includes('project');
  const projects = wantsProjects ? resolveProjects(ctx.scenario, params, ctx.scenario.projects, 'all') : null;
  return { body: statsV2Response({ scenario: ctx.scenario, params, projects, range, now: ctx.now }) };
}

// ---------------------------------------------------------------------------------------------
// Tags

const TAG_LABELS: Record<string, string> = {
  user: 'User',
  release: 'Release',
  environment: 'Environment',
  level: 'Level',
  url: 'URL',
  os: 'OS',
};

function tagLabel(scenario: Scenario, key: string): string {
  return (
    scenario.tagLabels?.[key] ??
    TAG_LABELS[key] ??
    key.replace(/[_.]/g, ' ').replace(/\b[a-z]/g, (c) => c.toUpperCase())
  );
}

export function listOrgTags(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const range = parseTimeRange(params, ctx.now)!;
  const projects = resolveProjects(ctx.scenario, params, memberProjects(ctx.scenario, ctx.token));
  const environments = resolveEnvironments(ctx.scenario, params);
  const dataset = params.get('dataset') ?? 'discover';
  const served =
    dataset === 'events' || dataset === 'search_issues' ? 'errors' : dataset === 'replays' ? 'empty' : 'discover';
  const rows = selectRows({
    scenario: ctx.scenario,
    dataset: served,
    projects,
    environments,
    start: range.start,
    end: Math.min(range.end, ctx.now + 1),
    predicate: () => true,
  });
  const totals = new Map<string, { total: number; values: Set<string> }>();
  const count = (key: string, value: string) => {
    let entry = totals.get(key);
    if (!entry) {
      entry = { total: 0, values: new Set<string>() };
      totals.set(key, entry);
    }
    entry.total++;
    entry.values.add(value);
  };
  for (const row of rows) {
    const event = row.kind === 'span' ? row.tx : row;
    for (const key in event.tags) {
      count(key, event.tags[key]);
    }
    if (event.user) {
      count('user', event.user.tag);
    }
  }
  const body = [...totals.entries()]
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .map(([key, entry]) => ({
      key,
      name: tagLabel(ctx.scenario, key),
      totalValues: entry.total,
      uniqueValues: entry.values.size,
    }));
  return { body };
}

export function listProjectTagValues(ctx: EndpointContext): EndpointResult {
  const project = findProject(ctx, ctx.pathParams[0]);
  const key = ctx.pathParams[1];
  const environments = resolveEnvironments(ctx.scenario, ctx.params);
  const query = (ctx.params.get('query') ?? '').toLowerCase();
  const values = new Map<string, { count: number; first: number; last: number; name: string }>();
  const visit = (rows: ReadonlyArray<ErrorEvent | Row>) => {
    for (const row of rows) {
      if (
        row.kind === 'span' ||
        row.project !== project ||
        (environments.length && !environments.includes(row.environment))
      ) {
        continue;
      }
      const value = eventTag(row, key);
      if (value === undefined) {
        continue;
      }
      const entry = values.get(value);
      if (entry) {
        entry.count++;
        entry.first = Math.min(entry.first, row.ts);
        entry.last = Math.max(entry.last, row.ts);
      } else {
        const name = key === 'user' && row.user ? (row.user.email ?? row.user.ip) : value;
        values.set(value, { count: 1, first: row.ts, last: row.ts, name });
      }
    }
  };
  visit(sliceByTime(ctx.scenario.errors, -Infinity, ctx.now + 1));
  visit(sliceByTime(ctx.scenario.transactions, -Infinity, ctx.now + 1));
  if (values.size === 0) {
    throw notFound();
  }
  const items = [...values.entries()]
    .filter(
      ([value, entry]) => !query || value.toLowerCase().includes(query) || entry.name.toLowerCase().includes(query)
    )
    .sort((a, b) => b[1].last - a[1].last || a[0].localeCompare(b[0]))
    .slice(0, 1000)
    .map(([value, entry]) => ({
      key,
      name: entry.name,
      value,
      count: entry.count,
      lastSeen: isoSeconds(entry.last),
      firstSeen: isoSeconds(entry.first),
    }));
  const page = pageOf(ctx, items, parsePerPage(ctx.params, 100, 1000));
  return { body: page.items, headers: page.headers };
}

// ---------------------------------------------------------------------------------------------
// Releases and deploys

const STATS_PERIODS = ['1h', '24h', '1d', '48h', '2d', '7d', '14d', '30d', '90d'];
const SESSION_SORTS = ['crash_free_sessions', 'crash_free_users', 'sessions', 'users', 'sessions_24h', 'users_24h'];
const RELEASE_SORTS = ['date', 'semver', 'build', 'adoption', ...SESSION_SORTS];
const SEMVER_MESSAGE = 'Invalid format of semantic version. For searching non-semver releases, use "release:" instead.';

function parseSemver(value: string): [number, number, number] | null {
  const match = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(value.includes('@') ? value.split('@')[1] : value);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : null;
}

function compareSemver(release: Release, other: [number, number, number]): number {
  return release.major - other[0] || release.minor - other[1] || release.patch - other[2];
}

function validPeriod(ctx: EndpointContext, name: string, fallback: string): string {
  const value = ctx.params.get(name) ?? fallback;
  if (!STATS_PERIODS.includes(value)) {
    throw badRequest(`Invalid ${name}. Valid choices are ${STATS_PERIODS.map((p) => `'${p}'`).join(', ')}`);
  }
  return value;
}

function releaseStage(ctx: EndpointContext, release: Release): string {
  const production = ctx.scenario.releases
    .filter((r) => r.project === release.project)
    .flatMap((r) =>
      r.deploys
        .filter((d) => d.environment === 'production' && d.dateFinished <= ctx.now)
        .map((d) => ({ r, at: d.dateFinished }))
    )
    .sort((a, b) => b.at - a.at);
  if (production[0]?.r === release) {
    return 'adopted';
  }
  return production.some((p) => p.r === release) ? 'replaced' : 'low_adoption';
}

function releasePredicate(ctx: EndpointContext, projects: Project[]): (release: Release) => boolean {
  const node = parseSearch(ctx.params.get('query') ?? '');
  for (const term of collectTerms(node)) {
    if (term.type === 'filter' && term.key === 'release.version' && parseSemver(term.value) === null) {
      throw badRequest(SEMVER_MESSAGE);
    }
  }
  const latestByProject = new Map<Project, Release>();
  for (const project of projects) {
    const latest = ctx.scenario.releases
      .filter((r) => r.project === project && r.dateCreated <= ctx.now)
      .sort((a, b) => b.dateCreated - a.dateCreated)[0];
    if (latest) {
      latestByProject.set(project, latest);
    }
  }
  return compileSearch<Release>(node, {
    resolve: (key) => {
      switch (key) {
        case 'release':
          return { type: 'string', get: (r) => r.version };
        case 'release.package':
          return { type: 'string', get: (r) => r.packageName };
        case 'release.build':
          return { type: 'number', get: (r) => (r.buildCode === null ? null : Number(r.buildCode)) };
        case 'finalized':
          return { type: 'boolean', get: (r) => r.dateReleased !== null && r.dateReleased <= ctx.now };
        case 'release.created':
          return { type: 'date', get: (r) => r.dateCreated };
        case 'release.stage':
          return { type: 'string', get: (r) => releaseStage(ctx, r) };
        default:
          return null;
      }
    },
    special: (term) => {
      if (term.key === 'release' && (term.list ?? [term.value]).includes('latest')) {
        return (r) => latestByProject.get(r.project) === r;
      }
      if (term.key === 'release.version') {
        const target = parseSemver(term.value)!;
        return (r) => {
          const diff = compareSemver(r, target);
          switch (term.operator) {
            case '>':
              return diff > 0;
            case '<':
              return diff < 0;
            case '>=':
              return diff >= 0;
            case '<=':
              return diff <= 0;
            default:
              return diff === 0;
          }
        };
      }
      return undefined;
    },
    // Free text: case-insensitive substring of the version; "pkg (build)" also matches "pkg+build".
    text: (r) => `${r.version} ${r.version.replace(/\+(\w+)$/, ' ($1)')}`,
    now: ctx.now,
  });
}

function sessionTotals(
  ctx: EndpointContext,
  release: Release,
  sinceMs: number
): { sessions: number; users: number; crashed: number; crashedUsers: number } {
  const totals = { sessions: 0, users: 0, crashed: 0, crashedUsers: 0 };
  for (const row of ctx.scenario.sessions) {
    if (row.release === release.version && row.hour >= ctx.now - sinceMs && row.hour <= ctx.now) {
      totals.sessions += row.healthy + row.errored + row.crashed + row.abnormal;
      totals.users += row.users;
      totals.crashed += row.crashed;
      totals.crashedUsers += row.crashedUsers;
    }
  }
  return totals;
}

function listReleasesFor(ctx: EndpointContext, projects: Project[]): EndpointResult {
  const { params } = ctx;
  const sort = params.get('sort') ?? 'date';
  if (!RELEASE_SORTS.includes(sort)) {
    throw badRequest('invalid sort');
  }
  if (SESSION_SORTS.includes(sort) && !isTruthy(params.get('flatten'))) {
    throw badRequest('sorting by crash statistics requires flattening (flatten=1)');
  }
  const status = params.get('status') ?? 'open';
  if (status !== 'open' && status !== 'archived') {
    throw badRequest('invalid value for status');
  }
  const summaryPeriod = validPeriod(ctx, 'summaryStatsPeriod', '14d');
  const health = isTruthy(params.get('health'));
  const healthStat = params.get('healthStat');
  if (healthStat !== null && healthStat !== 'sessions' && healthStat !== 'users') {
    throw badRequest('invalid healthStat');
  }
  const healthPeriod = validPeriod(ctx, 'healthStatsPeriod', '24h');
  const environments = resolveEnvironments(ctx.scenario, params);
  // Releases filter on creation date, and only when a range is given.
  const range = parseTimeRange(params, ctx.now, { optional: true });
  const predicate = releasePredicate(ctx, projects);
  let releases = ctx.scenario.releases.filter(
    (r) =>
      projects.includes(r.project) &&
      r.dateCreated <= ctx.now &&
      r.status === status &&
      (!range || (r.dateCreated >= range.start && r.dateCreated <= range.end)) &&
      (environments.length === 0 ||
        [...releaseEnvironments(ctx.scenario, r, ctx.now)].some((env) => environments.includes(env))) &&
      predicate(r)
  );
  const summaryMs = parseStatsPeriod(summaryPeriod) ?? 14 * DAY;
  const lastProductionDeploy = (r: Release) =>
    Math.max(0, ...r.deploys.filter((d) => d.dateFinished <= ctx.now).map((d) => d.dateFinished));
  switch (sort) {
    case 'semver':
      releases.sort(
        (a, b) =>
          b.major - a.major ||
          b.minor - a.minor ||
          b.patch - a.patch ||
          (a.pre === null ? -1 : 1) - (b.pre === null ? -1 : 1)
      );
      break;
    case 'build':
      releases = releases.filter((r) => r.buildCode !== null).sort((a, b) => Number(b.buildCode) - Number(a.buildCode));
      break;
    case 'adoption':
      releases = releases
        .filter((r) => lastProductionDeploy(r) > 0)
        .sort((a, b) => lastProductionDeploy(b) - lastProductionDeploy(a));
      break;
    case 'date':
      releases.sort((a, b) => b.dateCreated - a.dateCreated);
      break;
    default: {
      const since = sort.endsWith('_24h') ? 24 * HOUR : summaryMs;
      const score = (r: Release) => {
        const t = sessionTotals(ctx, r, since);
        switch (sort) {
          case 'crash_free_sessions':
            return t.sessions ? 1 - t.crashed / t.sessions : -1;
          case 'crash_free_users':
            return t.users ? 1 - t.crashedUsers / t.users : -1;
          case 'users':
          case 'users_24h':
            return t.users;
          default:
            return t.sessions;
        }
      };
      releases.sort((a, b) => score(b) - score(a));
    }
  }
  const page = pageOf(ctx, releases);
  const eventRange = releaseEventRanges(ctx.scenario, ctx.now);
  const releaseCtx = {
    scenario: ctx.scenario,
    now: ctx.now,
    eventRange,
    health,
    healthStatsPeriod: healthPeriod,
    summaryStatsPeriodMs: summaryMs,
  };
  return { body: page.items.map((r) => serializeRelease(r, releaseCtx)), headers: page.headers };
}

export function listReleases(ctx: EndpointContext): EndpointResult {
  const projects = resolveProjects(ctx.scenario, ctx.params, memberProjects(ctx.scenario, ctx.token));
  if (projects.length === 0) {
    return { body: [] };
  }
  return listReleasesFor(ctx, projects);
}

export function listProjectReleases(ctx: EndpointContext): EndpointResult {
  return listReleasesFor(ctx, [findProject(ctx, ctx.pathParams[0])]);
}

function findRelease(ctx: EndpointContext, version: string): Release {
  const release = ctx.scenario.releases.find((r) => r.version === version && r.dateCreated <= ctx.now);
  if (!release) {
    throw notFound();
  }
  return release;
}

export function listDeploys(ctx: EndpointContext): EndpointResult {
  const release = findRelease(ctx, ctx.pathParams[0]);
  const projects = resolveProjects(ctx.scenario, ctx.params, memberProjects(ctx.scenario, ctx.token));
  if (!projects.includes(release.project)) {
    // Newest servers answer 404 when the caller cannot see any of the release's projects.
    throw notFound();
  }
  // The newest server returns the latest deploy per (project, environment).
  const latest = new Map<string, Deploy>();
  for (const deploy of release.deploys) {
    if (deploy.dateFinished > ctx.now) {
      continue;
    }
    const key = `${deploy.projectId}|${deploy.environment}`;
    const current = latest.get(key);
    if (!current || deploy.dateFinished > current.dateFinished) {
      latest.set(key, deploy);
    }
  }
  const deploys = [...latest.values()].sort((a, b) => b.dateFinished - a.dateFinished).map(serializeDeploy);
  const page = pageOf(ctx, deploys);
  return { body: page.items, headers: page.headers };
}

/** POST a deploy (what `sentry-cli deploys new` does); lets tests seed extra annotations. */
export function createDeploy(ctx: EndpointContext): EndpointResult {
  const release = findRelease(ctx, ctx.pathParams[0]);
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(ctx.body || '{}') as Record<string, unknown>;
  } catch {
    throw badRequest('Malformed JSON body');
  }
  const environment = typeof input.environment === 'string' ? input.environment : '';
  if (!environment) {
    throw new ApiError(400, 'environment: This field is required.');
  }
  if (!ctx.scenario.environments.some((env) => env.name === environment)) {
    throw badRequest(`environment: unknown environment ${environment}`);
  }
  const parseDate = (value: unknown) => (typeof value === 'string' ? parseAbsoluteDate(value) : null);
  const deploy: Deploy = {
    id: String(9000 + ctx.scenario.releases.reduce((n, r) => n + r.deploys.length, 0)),
    version: release.version,
    projectId: release.project.id,
    environment: environment as EnvName,
    dateStarted: parseDate(input.dateStarted),
    dateFinished: parseDate(input.dateFinished) ?? ctx.now,
    name: typeof input.name === 'string' ? input.name : null,
    url: typeof input.url === 'string' ? input.url : null,
  };
  release.deploys.push(deploy);
  return { status: 201, body: serializeDeploy(deploy) };
}
