/** How the core reaches Sentry: one request in, one response out. Implementations add the token. */

export interface SentryRequest {
  /** Path below the Sentry base URL, starting with /api/0/ and ending with a slash. */
  path: string;
  /** Query parameters in order. Lists are repeated keys, which is how Sentry reads them. */
  params?: Array<[string, string]>;
}

export interface SentryResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface SendOptions {
  /** Most bytes of body to read: a longer body is refused (TransportError 'too-large') without being kept. */
  maxBytes?: number;
}

export interface Transport {
  /** Where requests go, for messages (e.g. "https://sentry.io"). Never includes the token. */
  readonly target: string;
  /**
   * Resolves with any HTTP status; rejects only with a TransportError: network failure, cancellation, a body over
   * `options.maxBytes`, or a redirect away from the target.
   */
  send(request: SentryRequest, signal: AbortSignal, options?: SendOptions): Promise<SentryResponse>;
}

export type TransportErrorKind = 'network' | 'cancelled' | 'too-large' | 'redirect';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export function buildQueryString(params: Array<[string, string]> | undefined): string {
  if (!params || params.length === 0) {
    return '';
  }
  return `?${new URLSearchParams(params).toString()}`;
}

/**
 * Stable identity of a GET, used for coalescing and caching: the path and the parameters sorted by key. Sentry reads
 * a key's repeated values in order (field order is column order), so the sort is stable (as Array#sort is) and skipped
 * when the keys already come in order. Only compared, never sent.
 */
export function requestKey(request: SentryRequest): string {
  const params = request.params;
  if (!params || params.length === 0) {
    return request.path;
  }
  return request.path + JSON.stringify(sortedByKey(params) ? params : params.slice().sort(byKey));
}

function sortedByKey(params: Array<[string, string]>): boolean {
  for (let i = 1; i < params.length; i++) {
    if (params[i - 1][0] > params[i][0]) {
      return false;
    }
  }
  return true;
}

function byKey(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** UTF-8 length of `text`, counted no further than just past `limit` (enough to tell that it is over). */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else {
      // The rest of the BMP, and a lone surrogate (sent as U+FFFD).
      bytes += 3;
    }
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
