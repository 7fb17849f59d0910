// Endpoint deprecation as Sentry's `@deprecated` decorator does it (src/sentry/api/helpers/deprecation.py).

import { pythonIsoformat } from './flavours';
import type { DeprecationMode } from './modes';

/** deprecation.py's DEPRECATION_HEADER and SUGGESTED_API_HEADER. */
export const DEPRECATION_HEADER = 'X-Sentry-Deprecation-Date';
export const REPLACEMENT_HEADER = 'X-Sentry-Replacement-Endpoint';
/** deprecation.py's GONE_MESSAGE, sent with 410. */
export const GONE_BODY = { message: 'This API no longer exists.' };

export interface DeprecationOutcome {
  headers: Record<string, string>;
  /** Answer 410 with GONE_BODY instead of running the endpoint. */
  gone: boolean;
}

/**
 * Headers (and a brownout 410) for a request to `routeName`, or null when the route is not deprecated.
 * `routePath(name)` gives another route's path for this request's org (Sentry resolves the suggested route name
 * with the request's URL parameters). The decorator does nothing on self-hosted; the caller skips it there.
 */
export function deprecationFor(
  mode: DeprecationMode | undefined | null,
  routeName: string,
  now: number,
  routePath: (name: string) => string | null
): DeprecationOutcome | null {
  if (!mode || !(routeName in mode.routes)) {
    return null;
  }
  const date = Date.parse(mode.date);
  const headers: Record<string, string> = { [DEPRECATION_HEADER]: pythonIsoformat(date) };
  const replacement = mode.routes[routeName];
  const path = replacement ? routePath(replacement) : null;
  if (path) {
    headers[REPLACEMENT_HEADER] = path;
  }
  return { headers, gone: Boolean(mode.brownout) && now > date };
}
