// Organization, projects, teams and environments.

import type {
  ApiEnvironment,
  ApiIndex,
  ApiOrganization,
  ApiProject,
  ApiProjectEnvironment,
  ApiTeam,
} from '../../src/sentry/api';
import { TokenInfo } from '../auth';
import { badRequest, notFound } from '../errors';
import { isTruthy } from '../params';
import { Project } from '../scenario';
import { compileSearch, parseSearch } from '../search';
import { memberProjects, ORG_FEATURES, serializeOrganization, serializeProject, serializeTeam } from '../serializers';
import { EndpointContext, EndpointResult, findProject, pageOf } from './context';

function orgLinks(ctx: EndpointContext) {
  const region = ctx.modes.region;
  return region
    ? { organizationUrl: region.organizationUrl ?? region.regionUrl, regionUrl: region.regionUrl }
    : { organizationUrl: ctx.baseUrl, regionUrl: ctx.baseUrl };
}

function orgFeatures(ctx: EndpointContext): string[] {
  return ctx.modes.globalViews === false ? ORG_FEATURES.filter((f) => f !== 'global-views') : ORG_FEATURES;
}

/** GET /api/0/: the token's scopes, or `auth: null` without credentials. */
export function getIndex(token: TokenInfo | null): EndpointResult {
  const body: ApiIndex = {
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
  };
  return { body };
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
  // The detailed organization also lists projects and teams, which the schema's answer leaves out.
  const body: ApiOrganization & { projects?: ApiProject[]; teams?: ApiTeam[] } = serializeOrganization(
    ctx.scenario,
    ctx.token,
    orgLinks(ctx),
    orgFeatures(ctx)
  );
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
  return {
    body: ctx.scenario.environments.filter(keep).map((env): ApiEnvironment => ({ id: env.id, name: env.name })),
  };
}

export function listProjectEnvironments(ctx: EndpointContext): EndpointResult {
  const project = findProject(ctx, ctx.pathParams[0]);
  const keep = visibilityFilter(ctx);
  const envs = ctx.scenario.environments.filter(
    (env) => project.errorsPerHour[env.name] > 0 || project.transactionsPerHour[env.name] > 0
  );
  return {
    body: envs
      .filter(keep)
      .map((env): ApiProjectEnvironment => ({ id: env.id, name: env.name, isHidden: env.isHidden })),
  };
}
