/**
 * Dashboard variables in saved queries. Search strings get Sentry syntax: one value is quoted when it
 * needs it, several become `[a, b]`, so a variable value can never change the meaning of the search.
 * Lists (projects, environments, fields, group-by) get one entry per value.
 */
import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { joinSearch, searchValue } from './sentry/search';
import type { SentryQuery, VariableDefinition } from './types';

type Replace = TemplateSrv['replace'];

/** Joins multi-values for splitting afterwards; no Sentry name or value contains it. */
const LIST_SEPARATOR = '\u001f';

const SEARCH_KEYS = [
  'issuesQuery',
  'eventsQuery',
  'eventsStatsQuery',
  'distributionQuery',
  'performanceQuery',
  'sessionsQuery',
  'releasesQuery',
  'spikeQuery',
] as const;

const LIST_KEYS = [
  'projectIds',
  'environments',
  'eventsFields',
  'eventsStatsYAxis',
  'eventsStatsGroups',
  'performanceGroupBy',
  'statsCategory',
  'statsOutcome',
  'statsReason',
  'lookupIds',
] as const;

const TEXT_KEYS = [
  'eventsSort',
  'eventsStatsSort',
  'distributionField',
  'sessionsInterval',
  'statsInterval',
  'requestIdTag',
] as const;

/** Sentry search syntax for a variable's value(s). */
export function formatSearchValue(value: string | string[]): string {
  if (Array.isArray(value)) {
    return value.length === 1 ? searchValue(value[0]) : `[${value.map(searchValue).join(', ')}]`;
  }
  return searchValue(value);
}

function formatList(value: string | string[]): string {
  return Array.isArray(value) ? value.join(LIST_SEPARATOR) : value;
}

export function interpolateSearch(replace: Replace, text: string, scopedVars?: ScopedVars): string {
  return replace(text, scopedVars, formatSearchValue);
}

export function interpolateList(replace: Replace, values: string[] | undefined, scopedVars?: ScopedVars): string[] {
  return (values ?? [])
    .flatMap((v) => replace(v, scopedVars, formatList).split(LIST_SEPARATOR))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function interpolateQuery(replace: Replace, query: SentryQuery, scopedVars?: ScopedVars): SentryQuery {
  const out: Record<string, unknown> = { ...query };
  for (const key of SEARCH_KEYS) {
    if (typeof out[key] === 'string') {
      out[key] = interpolateSearch(replace, out[key] as string, scopedVars);
    }
  }
  for (const key of LIST_KEYS) {
    if (Array.isArray(out[key])) {
      out[key] = interpolateList(replace, out[key] as string[], scopedVars);
    }
  }
  for (const key of TEXT_KEYS) {
    if (typeof out[key] === 'string') {
      out[key] = replace(out[key] as string, scopedVars);
    }
  }
  return out as unknown as SentryQuery;
}

export function interpolateVariableQuery<Q extends VariableDefinition>(
  replace: Replace,
  query: Q,
  scopedVars?: ScopedVars
): Q {
  return {
    ...query,
    team: query.team ? replace(query.team, scopedVars) : query.team,
    tagKey: query.tagKey ? replace(query.tagKey, scopedVars) : query.tagKey,
    search: query.search ? replace(query.search, scopedVars) : query.search,
    projectIds: interpolateList(replace, query.projectIds, scopedVars),
    environments: interpolateList(replace, query.environments, scopedVars),
  };
}

/** The search field of each query type that takes Sentry event or issue search. */
const SEARCH_KEY_BY_TYPE: Partial<Record<string, (typeof SEARCH_KEYS)[number]>> = {
  issues: 'issuesQuery',
  eventsStats: 'eventsStatsQuery',
  spansStats: 'eventsStatsQuery',
  events: 'eventsQuery',
  spans: 'eventsQuery',
  errorDistribution: 'distributionQuery',
  performance: 'performanceQuery',
  spikeExplainer: 'spikeQuery',
};

/** A tag key Sentry's search accepts; anything else is ignored rather than sent. */
const TAG_KEY_PATTERN = /^!?[\w.\-:[\]]+$/;

/**
 * Ad hoc filters as Sentry search terms on every query that has a search: `=` → key:value, `!=` →
 * !key:value, `=|` (one of) → key:[a, b]. Values are quoted as needed; unsupported operators are skipped.
 */
export function applyAdHocFilters(query: SentryQuery, filters: AdHocVariableFilter[] | undefined): SentryQuery {
  const key = SEARCH_KEY_BY_TYPE[query.queryType];
  if (!key || !filters?.length) {
    return query;
  }
  const terms = filters.flatMap((f) => {
    if (!TAG_KEY_PATTERN.test(f.key) || f.key.startsWith('!')) {
      return [];
    }
    switch (f.operator) {
      case '=':
        return [`${f.key}:${searchValue(f.value)}`];
      case '!=':
        return [`!${f.key}:${searchValue(f.value)}`];
      case '=|':
        return f.values?.length ? [`${f.key}:${formatSearchValue(f.values)}`] : [];
      case '!=|':
        return f.values?.length ? [`!${f.key}:${formatSearchValue(f.values)}`] : [];
      default:
        return [];
    }
  });
  if (!terms.length) {
    return query;
  }
  const current = (query as unknown as Record<string, string | undefined>)[key] ?? '';
  return { ...query, [key]: joinSearch(current, terms.join(' ')) } as SentryQuery;
}
