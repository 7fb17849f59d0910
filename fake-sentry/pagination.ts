// Sentry-style offset pagination: `Link` header with both rels, `results` and `cursor`
// attributes, cursors `0:<offset>:<is_prev>`.

import { badRequest } from './errors';

export const MAX_PER_PAGE = 100;

export interface Cursor {
  value: number;
  offset: number;
  isPrev: boolean;
}

/** Parse `value:offset:is_prev`; anything else → 400 "Invalid cursor parameter." */
export function parseCursor(raw: string | null): Cursor {
  if (raw === null || raw === '') {
    return { value: 0, offset: 0, isPrev: false };
  }
  const match = /^(-?\d+(?:\.\d+)?):(\d+):([01])$/.exec(raw);
  if (!match) {
    throw badRequest('Invalid cursor parameter.');
  }
  return { value: Number(match[1]), offset: Number(match[2]), isPrev: match[3] === '1' };
}

/** `per_page` with Sentry's messages; `max` is 100 on most endpoints. */
export function parsePerPage(params: URLSearchParams, fallback = MAX_PER_PAGE, max = MAX_PER_PAGE): number {
  const raw = params.get('per_page');
  if (raw === null || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw.trim())) {
    throw badRequest('Invalid per_page parameter.');
  }
  const value = Number(raw);
  if (value > max) {
    throw badRequest(`Invalid per_page value. Cannot exceed ${max}.`);
  }
  return Math.max(1, value);
}

export interface LinkContext {
  /** Scheme + host the links point at (Sentry uses its configured URL prefix). */
  baseUrl: string;
  path: string;
  params: URLSearchParams;
}

function linkEntry(context: LinkContext, rel: 'previous' | 'next', cursor: string, hasResults: boolean): string {
  const query = new URLSearchParams(context.params);
  query.delete('cursor');
  const qs = query.toString();
  const uri = `${context.baseUrl}${context.path}?${qs ? `${qs}&` : ''}cursor=${cursor}`;
  return `<${uri}>; rel="${rel}"; results="${hasResults}"; cursor="${cursor}"`;
}

/** The Link header for a page at `offset` of size `limit`. */
export function buildLinkHeader(context: LinkContext, offset: number, limit: number, hasMore: boolean): string {
  const previous = `0:${Math.max(0, offset - limit)}:1`;
  const next = `0:${offset + limit}:0`;
  return `${linkEntry(context, 'previous', previous, offset > 0)}, ${linkEntry(context, 'next', next, hasMore)}`;
}

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** Slice a full result list by cursor/limit and build the Link header. */
export function paginate<T>(items: readonly T[], cursor: Cursor, limit: number, context: LinkContext): Page<T> {
  const offset = cursor.offset;
  const pageItems = items.slice(offset, offset + limit);
  return {
    items: pageItems,
    headers: { Link: buildLinkHeader(context, offset, limit, items.length > offset + limit) },
  };
}
