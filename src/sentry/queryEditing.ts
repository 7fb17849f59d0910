/**
 * What only the query editor does with a query. Like settingsInput.ts it sits in the editors' chunk, not in
 * module.js, and takes the core through its index (see ./index.ts).
 */
import { defaultQueryFor } from './index';
import type { QueryType, SentryQuery } from './query';

/** Keys a type change keeps: the query's identity in the panel and its project/environment scope. */
const KEPT_ON_TYPE_CHANGE = ['refId', 'key', 'hide', 'datasource', 'projectIds', 'environments'] as const;

/**
 * The query after the user picks another type: the new type's default, keeping refId, hide, datasource
 * and the project/environment scope of the old one.
 */
export function changeQueryType(query: SentryQuery, type: QueryType): SentryQuery {
  const next = defaultQueryFor(type, query.refId);
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_ON_TYPE_CHANGE) {
    if (query[key] !== undefined) {
      kept[key] = query[key];
    }
  }
  return { ...next, ...kept } as SentryQuery;
}
