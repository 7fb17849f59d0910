// Tag keys of the organization and tag values of a project.

import type { ApiTagKey, ApiTagValue } from '../../src/sentry/api';
import { Row, selectRows } from '../discover';
import { notFound } from '../errors';
import { parsePerPage } from '../pagination';
import { isoSeconds, parseTimeRange, resolveEnvironments, resolveProjects } from '../params';
import { ErrorEvent, eventTag, Scenario, sliceByTime } from '../scenario';
import { memberProjects } from '../serializers';
import { EndpointContext, EndpointResult, findProject, pageOf } from './context';

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
    .map(([key, entry]): ApiTagKey => ({
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
    .map(([value, entry]): ApiTagValue => ({
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
