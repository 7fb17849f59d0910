/** Turns whatever Sentry (or Grafana's proxy in front of it) answered into a message a user can act on. */
import { replacementEndpoint } from './deprecation';
import { BYTES_PER_MB } from './limits';
import type { SentryResponse } from './transport';

export type SentryErrorKind =
  | 'auth' // 401, or Grafana's proxy reporting that Sentry rejected the token
  | 'permission' // 403
  | 'not-found' // 404
  | 'gone' // 410: Sentry retired the endpoint (deprecated, past its date)
  | 'bad-request' // 400 from Sentry: bad search, field, interval…
  | 'rate-limited' // 429 after retries
  | 'server' // 5xx from Sentry
  | 'unreachable' // the proxy could not reach Sentry (502/504 with empty body), or the network failed
  | 'timeout'
  | 'cancelled'
  | 'not-sentry' // an HTML page or something else that is not Sentry's API
  | 'redirected' // Sentry's URL redirected elsewhere (another host, a loop), or answered a redirect where data was expected
  | 'too-large' // an answer over the response size limit
  | 'invalid-response' // JSON that does not parse or has the wrong shape
  | 'query'; // the query itself is invalid before anything is sent

export class SentryError extends Error {
  constructor(
    readonly kind: SentryErrorKind,
    message: string,
    readonly status?: number,
    /** Sentry's own explanation, when it gave one. */
    readonly detail?: string
  ) {
    super(message);
    this.name = 'SentryError';
  }
}

/** Grafana's data source proxy replaces Sentry's 401 with this 400 (pkg/api/pluginproxy). */
const GRAFANA_PROXY_AUTH_FAILED = 'Authentication to data source failed';

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504, 520, 521, 522, 523, 524]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** An answer over the response size limit, refused before it is parsed. */
export function tooLargeError(path: string, maxBytes: number): SentryError {
  return new SentryError(
    'too-large',
    `Sentry's answer to ${path} is larger than ${formatBytes(maxBytes)}, the response size limit. ` +
      'Narrow the query (a shorter time range, fewer fields or a lower limit), or raise the limit ' +
      '(data source setting "Response size limit", CLI --max-response-mb).'
  );
}

/** In MB (2^20 bytes, as in the setting) when whole. */
export function formatBytes(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

export interface ParsedBody {
  json?: unknown;
  isHtml: boolean;
  /** JSON was expected but could not be parsed (e.g. a truncated response). */
  malformedJson: boolean;
  text: string;
}

export function parseBody(response: SentryResponse): ParsedBody {
  const text = response.body ?? '';
  const trimmed = text.trim();
  const contentType = response.headers['content-type'] ?? '';
  // Sentry's own 429 is a JSON string sent as text/html, so the body decides, not only the header.
  if (/^<(!doctype|html|head|body)/i.test(trimmed) || (contentType.includes('text/html') && trimmed.startsWith('<'))) {
    return { isHtml: true, malformedJson: false, text };
  }
  if (trimmed === '') {
    return { isHtml: false, malformedJson: false, text };
  }
  try {
    return { json: JSON.parse(trimmed), isHtml: false, malformedJson: false, text };
  } catch {
    const looksJson = /^[[{"]/.test(trimmed) || contentType.includes('json');
    return { isHtml: false, malformedJson: looksJson, text };
  }
}

/**
 * Sentry's `detail` is a string, an object `{code, message, extra}` (SSO, 2FA), or absent; 429 bodies are
 * a bare JSON string. Never returns "[object Object]".
 */
export function extractDetail(body: ParsedBody): string | undefined {
  const json = body.json;
  if (typeof json === 'string') {
    return json;
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const detail = record.detail;
    if (typeof detail === 'string') {
      return withErrorId(detail, record.errorId);
    }
    if (detail && typeof detail === 'object') {
      const d = detail as Record<string, unknown>;
      const message = typeof d.message === 'string' ? d.message : undefined;
      const code = typeof d.code === 'string' ? d.code : undefined;
      if (message || code) {
        return [message, code ? `(${code})` : undefined].filter(Boolean).join(' ');
      }
      return JSON.stringify(detail);
    }
    // Serializer validation errors: {"field": ["message"]}.
    const parts = Object.entries(record)
      .filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
    if (parts.length > 0) {
      return parts.join('; ');
    }
  }
  if (!body.isHtml && body.json === undefined && body.text.trim() !== '') {
    return body.text.trim().slice(0, 300);
  }
  return undefined;
}

function withErrorId(detail: string, errorId: unknown): string {
  return typeof errorId === 'string' && errorId ? `${detail} (Sentry error id ${errorId})` : detail;
}

export interface ErrorContext {
  /** Where the request went, e.g. "https://sentry.io" (for messages). */
  target?: string;
  /** The scope the endpoint needs, e.g. "event:read" (for 403 messages). */
  requiredScope?: string;
}

export function errorFromResponse(response: SentryResponse, context: ErrorContext = {}): SentryError {
  const { status } = response;
  const body = parseBody(response);
  const detail = extractDetail(body);
  const where = context.target ? ` at ${context.target}` : '';

  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    return new SentryError(
      'redirected',
      `Sentry${where} answered with a redirect (${status}${location ? ` to ${location}` : ''}) where data was expected, and it is not followed. Check the Sentry URL and any proxy in front of Sentry.`,
      status
    );
  }
  if (body.isHtml) {
    return new SentryError(
      'not-sentry',
      `The Sentry URL${where} answered with an HTML page (status ${status}), not Sentry's API. ` +
        'Check the URL: use the instance root (https://sentry.io, https://de.sentry.io or https://sentry.example.com), ' +
        'not a page URL; a self-hosted login page or proxy error page also looks like this.',
      status
    );
  }
  if (status === 401 || (status === 400 && body.text.includes(GRAFANA_PROXY_AUTH_FAILED))) {
    const reason = detail && !detail.includes(GRAFANA_PROXY_AUTH_FAILED) ? `: ${detail}` : '';
    return new SentryError(
      'auth',
      `Sentry rejected the auth token (401${reason}). The token is wrong, expired or revoked: create a new one and save it in the data source settings.`,
      401,
      detail
    );
  }
  if (status === 403) {
    const scope = context.requiredScope
      ? ` This request needs the scope ${context.requiredScope}, and access to the projects it names.`
      : '';
    return new SentryError(
      'permission',
      `Sentry refused access (403: ${detail ?? 'permission denied'}).${scope}`,
      status,
      detail
    );
  }
  if (status === 404) {
    const reason =
      detail ??
      (body.text.trim() === ''
        ? 'empty response: the feature may not be enabled for this organization or Sentry version'
        : 'not found');
    return new SentryError(
      'not-found',
      `Sentry answered 404 (${reason}). Check the organization slug, and that the projects, environments or release named in the query exist.`,
      status,
      detail
    );
  }
  if (status === 410) {
    // Sentry's deprecation brownouts answer {"message": "This API no longer exists."} with the replacement's path.
    const json = body.json as { message?: unknown } | undefined;
    const reason = typeof json?.message === 'string' ? json.message : detail;
    const replacement = replacementEndpoint(response.headers);
    return new SentryError(
      'gone',
      `Sentry has retired this endpoint (410${reason ? `: ${reason}` : ''}).` +
        (replacement ? ` Sentry names ${replacement} as its replacement.` : ''),
      status,
      reason
    );
  }
  if (status === 429) {
    return new SentryError(
      'rate-limited',
      `Sentry's rate limit was still exceeded after retrying (${detail ?? '429 Too Many Requests'}). Lower "Max concurrent requests" or refresh less often.`,
      status,
      detail
    );
  }
  if (body.malformedJson) {
    return new SentryError(
      'invalid-response',
      `Sentry answered status ${status} with JSON that could not be parsed (truncated or malformed): ${snippet(body.text)}`,
      status
    );
  }
  if ((status === 502 || status === 504) && body.text.trim() === '') {
    return new SentryError(
      status === 504 ? 'timeout' : 'unreachable',
      status === 504
        ? `Sentry${where} did not answer in time (504 from Grafana's data source proxy).`
        : `Grafana could not reach Sentry${where} (502: connection refused, DNS or TLS failure). Check the Sentry URL.`,
      status
    );
  }
  if (status >= 500) {
    return new SentryError('server', `Sentry server error (${status}${detail ? `: ${detail}` : ''}).`, status, detail);
  }
  if (status === 400) {
    return new SentryError(
      'bad-request',
      `Sentry rejected the query (400): ${detail ?? 'no reason given'}.`.replace(/\.\.$/, '.'),
      status,
      detail
    );
  }
  return new SentryError(
    'server',
    `Unexpected answer from Sentry (status ${status}${detail ? `: ${detail}` : ''}).`,
    status,
    detail
  );
}

/** Text as a sentence, so that another one can follow it: a full stop is added unless it ends in one. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function snippet(text: string): string {
  const t = text.trim();
  return t.length > 120 ? `${t.slice(0, 120)}…` : t;
}

/** Any thrown value as a SentryError, so callers always have a kind and a readable message. */
export function toSentryError(error: unknown): SentryError {
  if (error instanceof SentryError) {
    return error;
  }
  if (error instanceof Error) {
    return new SentryError('invalid-response', error.message || error.name);
  }
  return new SentryError('invalid-response', typeof error === 'string' ? error : JSON.stringify(error));
}
