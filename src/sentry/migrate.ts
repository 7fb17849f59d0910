/**
 * Upgrades saved queries, template variable definitions and annotation queries to the current shape: dashboards
 * made with earlier versions, and with the official grafana-sentry-datasource (whose keys this plugin shares).
 * Pure and idempotent; each query type declares its own fields and older shapes in its module.
 */
import { ANNOTATION_KINDS, type SentryAnnotationQuery } from './annotations';
import type { SentryQuery } from './query';
import type { LooseQuery, QueryTypeModule } from './queryType';
import { DEFAULT_QUERY_TYPE, QUERY_SCHEMA_VERSION, QUERY_TYPE_MODULES, QUERY_TYPES, queryTypeOf } from './registry';
import { VARIABLE_KINDS, type SentryVariableQuery, type VariableKind } from './variables';

export function migrateQuery(input: unknown): SentryQuery {
  const query: LooseQuery = { ...(isObject(input) ? input : {}) };
  upgradeLegacyType(query);
  if (query.queryType === undefined || query.queryType === '') {
    // The official plugin saved new panels without a type; it then failed with "unknown query type".
    query.queryType = DEFAULT_QUERY_TYPE;
  }
  query.projectIds = stringList(query.projectIds);
  query.environments = stringList(query.environments);
  const fields: Record<string, string | undefined> = queryTypeOf(query as Pick<SentryQuery, 'queryType'>)?.fields ?? {};
  for (const [key, kind] of Object.entries(fields)) {
    if ((kind === 'list' || kind === 'choices') && query[key] !== undefined) {
      query[key] = stringList(query[key]);
    } else if (kind === 'number' && typeof query[key] === 'string') {
      const n = Number(query[key]);
      // Empty means "default"; other text is kept so validation can say what is wrong with it.
      query[key] = query[key] === '' ? undefined : Number.isFinite(n) ? n : query[key];
    } else if (kind === 'flag' && (query[key] === 'true' || query[key] === 'false')) {
      query[key] = query[key] === 'true';
    }
  }
  query.schemaVersion = QUERY_SCHEMA_VERSION;
  return query as unknown as SentryQuery;
}

/** A `queryType` of an older shape becomes the type that reads it now. */
function upgradeLegacyType(query: LooseQuery) {
  for (const type of QUERY_TYPES) {
    const module = QUERY_TYPE_MODULES[type] as unknown as QueryTypeModule<SentryQuery>;
    const upgrade = typeof query.queryType === 'string' ? module.legacyTypes?.[query.queryType] : undefined;
    if (upgrade) {
      upgrade(query);
      query.queryType = type;
      return;
    }
  }
}

/**
 * Variables saved by the official Sentry plugin use `type` and `teamSlug`; read them as this plugin's
 * kinds. A definition without a kind lists projects, the most common variable; an unknown kind is kept, so
 * validation names it and the kinds there are (listing projects instead would fill the variable with
 * values of another sort).
 */
export function migrateVariableQuery(input: unknown): SentryVariableQuery {
  const { type, teamSlug, ...raw } = isObject(input) ? input : ({} as LooseQuery);
  const given = [raw.kind, type].filter((k) => k !== undefined && k !== null && k !== '');
  const kind =
    given.find((k): k is VariableKind => (VARIABLE_KINDS as readonly unknown[]).includes(k)) ??
    (given[0] as VariableKind | undefined) ??
    VARIABLE_KINDS[0];
  const query = {
    ...raw,
    refId: typeof raw.refId === 'string' ? raw.refId : 'SentryVariable',
    kind,
  } as SentryVariableQuery;
  if (typeof teamSlug === 'string' && !query.team) {
    query.team = teamSlug;
  }
  return query;
}

/** An annotation saved without a kind (e.g. made with the standard editor) shows releases. */
export function migrateAnnotationQuery(input: unknown): SentryAnnotationQuery {
  const query = isObject(input) ? (input as Partial<SentryAnnotationQuery>) : {};
  return { refId: 'Anno', ...query, annotationKind: query.annotationKind ?? ANNOTATION_KINDS[0] };
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') {
    return [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined && v !== '').map(String);
}

function isObject(value: unknown): value is LooseQuery {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
