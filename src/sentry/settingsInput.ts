/**
 * The checks the settings editor and the CLI share for what a user types (URL, organization slug, request limits,
 * token). Only the editors use them in the plugin, so they sit in the editors' chunk, not in module.js.
 */
// Through the core's index, as the plugin's side does: a chunk reaching into single modules of module.js would split
// module.js's one scope (see ./index.ts).
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  DEFAULT_MAX_RESPONSE_MB,
  DEFAULT_RATE_LIMIT_WAIT_S,
  DEFAULT_ROW_BUDGET,
  DEFAULT_SENTRY_URL,
  MAX_CONCURRENT_REQUESTS_LIMIT,
  MAX_MAX_RESPONSE_MB,
  MAX_RATE_LIMIT_WAIT_S,
  MAX_ROW_BUDGET,
  MIN_MAX_RESPONSE_MB,
  MIN_RATE_LIMIT_WAIT_S,
  MIN_ROW_BUDGET,
} from './index';

/** The outcome of checking what the user typed: a value to save, or a message to show instead. */
export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** Hosts under sentry.io that are not organizations. */
const NON_ORG_SENTRY_HOSTS = new Set(['us', 'de', 'www']);
const SLUG_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Accepts an http(s) origin, optionally with a trailing slash, and returns it without the slash. */
export function checkSentryUrl(text: string): Checked<string> {
  const raw = text.trim();
  if (raw === '') {
    return { value: DEFAULT_SENTRY_URL };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    return { error: `Start the URL with https:// (or http://), e.g. https://${raw.replace(/^\/+/, '')}` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `Not a valid URL: enter the root of your Sentry, e.g. ${DEFAULT_SENTRY_URL}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `Use an https:// or http:// URL, not ${url.protocol}//` };
  }
  if (url.username || url.password) {
    return { error: `Remove the user name and password from the URL: use ${url.origin}` };
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    if (/^\/api\/0(\/|$)/.test(url.pathname)) {
      return { error: `Remove /api/0, the plugin adds it: use ${url.origin}` };
    }
    return { error: `Remove the path: use ${url.origin}, not ${raw}` };
  }
  if (url.search || url.hash) {
    return { error: `Remove the ${url.search ? 'query string' : 'fragment'}: use ${url.origin}` };
  }
  return { value: url.origin };
}

/** Accepts a slug, or a Sentry URL that contains one (https://acme.sentry.io/…, …/organizations/acme/…). */
export function checkOrgSlug(text: string): Checked<string | undefined> {
  const raw = text.trim();
  if (raw === '') {
    return { error: 'Enter the organization slug, e.g. acme' };
  }
  if (SLUG_PATTERN.test(raw)) {
    return { value: raw };
  }
  // Dots alone ("." or "..") are neither a slug nor a URL, and would change the API path.
  if (/^\.+$/.test(raw) || (!raw.includes('/') && !raw.includes('.'))) {
    return { error: 'A slug has only letters, digits, hyphens and underscores, e.g. acme' };
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { error: 'Enter the slug, e.g. acme, or paste a URL of your Sentry organization' };
  }
  const inPath = /^\/organizations\/([^/]+)/.exec(url.pathname);
  if (inPath && SLUG_PATTERN.test(inPath[1])) {
    return { value: inPath[1] };
  }
  const inHost = /^([^.]+)\.sentry\.io$/i.exec(url.hostname);
  if (inHost && !NON_ORG_SENTRY_HOSTS.has(inHost[1].toLowerCase()) && SLUG_PATTERN.test(inHost[1])) {
    return { value: inHost[1].toLowerCase() };
  }
  return {
    error:
      'No organization slug in that URL: paste one like https://acme.sentry.io/issues/ or ' +
      '…/organizations/acme/, or enter just the slug',
  };
}

/** Empty means "use the default" (undefined); anything else must be a whole number in [min, max]. */
export function checkSettingLimit(
  text: string,
  min: number,
  max: number,
  fallback: number
): Checked<number | undefined> {
  const raw = text.trim();
  if (raw === '') {
    return { value: undefined };
  }
  const hint = `use ${min} to ${max}, or leave empty for the default (${fallback})`;
  if (!/^\d+$/.test(raw)) {
    return { error: `Not a whole number: ${hint}` };
  }
  const value = Number(raw);
  if (value < min || value > max) {
    return { error: `${raw} is out of range: ${hint}` };
  }
  return { value };
}

/** Strips what a paste often brings along: whitespace and a "Bearer " prefix. */
export function cleanToken(text: string): string {
  return text.trim().replace(/^Bearer\s+/i, '');
}

/** Requests in flight at once: 1 to MAX_CONCURRENT_REQUESTS_LIMIT, empty for the default. */
export function checkMaxConcurrentRequests(text: string): Checked<number | undefined> {
  return checkSettingLimit(text, 1, MAX_CONCURRENT_REQUESTS_LIMIT, DEFAULT_MAX_CONCURRENT_REQUESTS);
}

/** Rows a paginated query reads: MIN_ROW_BUDGET to MAX_ROW_BUDGET, empty for the default. */
export function checkRowBudget(text: string): Checked<number | undefined> {
  return checkSettingLimit(text, MIN_ROW_BUDGET, MAX_ROW_BUDGET, DEFAULT_ROW_BUDGET);
}

/** Megabytes of one answer: MIN_MAX_RESPONSE_MB to MAX_MAX_RESPONSE_MB, empty for the default. */
export function checkMaxResponseMB(text: string): Checked<number | undefined> {
  return checkSettingLimit(text, MIN_MAX_RESPONSE_MB, MAX_MAX_RESPONSE_MB, DEFAULT_MAX_RESPONSE_MB);
}

/** Seconds a query waits for Sentry's rate limit: MIN_RATE_LIMIT_WAIT_S to MAX_RATE_LIMIT_WAIT_S, empty: default. */
export function checkRateLimitWait(text: string): Checked<number | undefined> {
  return checkSettingLimit(text, MIN_RATE_LIMIT_WAIT_S, MAX_RATE_LIMIT_WAIT_S, DEFAULT_RATE_LIMIT_WAIT_S);
}
