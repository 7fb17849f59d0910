// Release health (sessions) and usage stats (stats_v2).

import type { ApiSessions } from '../../src/sentry/api';
import { flavourOf, sessionsIntervalRule, statsIntervalRule } from '../flavours';
import { paginate, parseCursor, parsePerPage } from '../pagination';
import { parseTimeRange, resolveEnvironments, resolveProjects } from '../params';
import { memberProjects } from '../serializers';
import { sessionsResponse, statsV2Response } from '../sessions';
import { EndpointContext, EndpointResult, linkContext } from './context';

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
    minimumInterval: sessionsIntervalRule(flavourOf(ctx.modes)),
  });
  // Pagination runs over groups (default and max 5000 per page).
  const page = paginate(body.groups, parseCursor(params.get('cursor')), perPage, linkContext(ctx));
  return { body: { ...body, groups: page.items } satisfies ApiSessions, headers: page.headers };
}

export function getStatsV2(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const range = parseTimeRange(params, ctx.now)!;
  const wantsProjects = params.getAll('project').some((p) => p !== '') || params.getAll('groupBy').includes('project');
  const projects = wantsProjects ? resolveProjects(ctx.scenario, params, ctx.scenario.projects, 'all') : null;
  const minimumInterval = statsIntervalRule(flavourOf(ctx.modes));
  return { body: statsV2Response({ scenario: ctx.scenario, params, projects, range, now: ctx.now, minimumInterval }) };
}
