/**
 * Dashboard variables in saved queries. Search strings get Sentry syntax (see search.ts): one value is quoted when it
 * needs it, several become `[a, b]`, so a variable value can never change the meaning of the search.
 * Lists (projects, environments, fields, group-by) get one entry per value.
 */
import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import type { SentryAnnotationQuery } from './annotations';
import type { SentryQuery } from './query';
import type { FieldKind } from './queryType';
import { queryTypeOf } from './registry';
import { joinSearch, searchValue } from './search';
import type { VariableDefinition } from './variables';

/** Grafana's TemplateSrv.replace, or a stand-in with its rules (the CLI's). */
export type Replace = TemplateSrv['replace'];

/** Joins multi-values for splitting afterwards; no Sentry name or value contains it. */
const LIST_SEPARATOR = '\u001f';

/** Fields every query type has. */
const BASE_FIELDS: Record<string, FieldKind> = { projectIds: 'list', environments: 'list' };

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

/** Dashboard variables in the query's own fields, each as its type declares (see FieldKind). */
export function interpolateQuery(replace: Replace, query: SentryQuery, scopedVars?: ScopedVars): SentryQuery {
  const out: Record<string, unknown> = { ...query };
  const fields: Record<string, FieldKind | undefined> = { ...BASE_FIELDS, ...queryTypeOf(query)?.fields };
  for (const [key, kind] of Object.entries(fields)) {
    const value = out[key];
    if (kind === 'search' && typeof value === 'string') {
      out[key] = interpolateSearch(replace, value, scopedVars);
    } else if (kind === 'list' && Array.isArray(value)) {
      out[key] = interpolateList(replace, value, scopedVars);
    } else if (kind === 'text' && typeof value === 'string') {
      out[key] = replace(value, scopedVars);
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

/** An annotation's scope lists and its search (issue search or version text) with dashboard variables. */
export function interpolateAnnotationQuery(
  replace: Replace,
  query: SentryAnnotationQuery,
  scopedVars?: ScopedVars
): SentryAnnotationQuery {
  return {
    ...query,
    projectIds: interpolateList(replace, query.projectIds, scopedVars),
    environments: interpolateList(replace, query.environments, scopedVars),
    annotationQuery: query.annotationQuery
      ? interpolateSearch(replace, query.annotationQuery, scopedVars)
      : query.annotationQuery,
  };
}

/** A tag key Sentry's search accepts; anything else is ignored rather than sent. */
const TAG_KEY_PATTERN = /^!?[\w.\-:[\]]+$/;

/**
 * Ad hoc filters as Sentry search terms on every query that has a search: `=` → key:value, `!=` →
 * !key:value, `=|` (one of) → key:[a, b]. Values are quoted as needed; unsupported operators are skipped.
 */
export function applyAdHocFilters(query: SentryQuery, filters: AdHocVariableFilter[] | undefined): SentryQuery {
  const key = queryTypeOf(query)?.adHocSearchField;
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
