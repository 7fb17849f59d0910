// Releases (with health and adoption) and their deploys.

import { ApiError, badRequest, notFound } from '../errors';
import { hostileReleaseCounts } from '../hostile';
import { isTruthy, parseStatsPeriod, parseTimeRange, resolveEnvironments, resolveProjects } from '../params';
import { DAY, Deploy, EnvName, HOUR, Project, Release } from '../scenario';
import { collectTerms, compileSearch, parseAbsoluteDate, parseSearch } from '../search';
import {
  memberProjects,
  releaseEnvironments,
  releaseEventRanges,
  serializeDeploy,
  serializeRelease,
} from '../serializers';
import { EndpointContext, EndpointResult, findProject, pageOf } from './context';

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
  const serialize = (r: Release) => serializeRelease(r, releaseCtx);
  return {
    body: page.items.map((r) => (ctx.modes.hostile ? hostileReleaseCounts(serialize(r)) : serialize(r))),
    headers: page.headers,
  };
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
