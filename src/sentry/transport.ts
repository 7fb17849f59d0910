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

export interface Transport {
  /** Where requests go, for messages (e.g. "https://sentry.io"). Never includes the token. */
  readonly target: string;
  /** Resolves with any HTTP status; rejects only with a TransportError (network failure or cancellation). */
  send(request: SentryRequest, signal: AbortSignal): Promise<SentryResponse>;
}

export type TransportErrorKind = 'network' | 'cancelled';

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
  const search = new URLSearchParams();
  for (const [key, value] of params) {
    search.append(key, value);
  }
  return `?${search.toString()}`;
}

/** Stable identity of a GET, used for coalescing and caching. Parameter order matters to Sentry only per key. */
export function requestKey(request: SentryRequest): string {
  const params = [...(request.params ?? [])].map(([k, v], i) => [k, v, i] as const);
  params.sort((a, b) => (a[0] === b[0] ? a[2] - b[2] : a[0] < b[0] ? -1 : 1));
  return request.path + buildQueryString(params.map(([k, v]) => [k, v]));
}
