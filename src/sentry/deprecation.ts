/**
 * Sentry's word that an endpoint is going away. Its `deprecated` decorator (src/sentry/api/helpers/deprecation.py)
 * adds `X-Sentry-Deprecation-Date` (an ISO date) and, where Sentry names one, `X-Sentry-Replacement-Endpoint` (a
 * path) to every answer of a deprecated endpoint; after that date it answers 410 during brownouts.
 */
import type { QueryResultMetaNotice } from '@grafana/data';
import { toEpochMs, withNotices } from './frames';

export const DEPRECATION_DATE_HEADER = 'x-sentry-deprecation-date';
export const REPLACEMENT_ENDPOINT_HEADER = 'x-sentry-replacement-endpoint';

/** The notice for an answer to `path` carrying Sentry's deprecation headers (names in lower case); none without. */
export function deprecationNotice(path: string, headers: Record<string, string>): string | undefined {
  const date = headers[DEPRECATION_DATE_HEADER]?.trim();
  if (!date) {
    return undefined;
  }
  const ms = toEpochMs(date);
  const day = ms === null ? date : new Date(ms).toISOString().slice(0, 10);
  const replacement = replacementEndpoint(headers);
  return (
    `Sentry has deprecated ${path} and may stop answering it from ${day}` +
    (replacement ? `; it names ${replacement} as the replacement.` : '.')
  );
}

export function replacementEndpoint(headers: Record<string, string>): string | undefined {
  return headers[REPLACEMENT_ENDPOINT_HEADER]?.trim() || undefined;
}

/** Collects the deprecation notices of a query's answers, each once, for its frames. */
export class DeprecationNotices {
  readonly #texts = new Set<string>();

  /** Looks at one answer (a client observer). */
  readonly observe = (path: string, response: { headers: Record<string, string> }): void => {
    const text = deprecationNotice(path, response.headers);
    if (text) {
      this.#texts.add(text);
    }
  };

  /** `frame` with a warning notice per deprecated endpoint the query used. */
  addTo<F extends { meta?: { notices?: QueryResultMetaNotice[] } }>(frame: F): F {
    return withNotices(
      frame,
      [...this.#texts].map((text): QueryResultMetaNotice => ({ severity: 'warning', text }))
    );
  }
}
