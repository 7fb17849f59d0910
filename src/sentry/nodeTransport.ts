/** Direct HTTP to Sentry with the token in the Authorization header: for the CLI and tests, never the browser. */
import { SentryRequest, SentryResponse, Transport, TransportError, buildQueryString } from './transport';

export interface NodeTransportOptions {
  /** Sentry base URL, e.g. https://sentry.io or http://127.0.0.1:3998. */
  baseUrl: string;
  authToken?: string;
  /** Injected for tests; defaults to the global fetch of Node 18+. */
  fetchImpl?: typeof fetch;
  userAgent?: string;
}

export function createNodeTransport(options: NodeTransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  return {
    target: baseUrl,
    async send(request: SentryRequest, signal: AbortSignal): Promise<SentryResponse> {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (options.authToken) {
        headers.Authorization = `Bearer ${options.authToken}`;
      }
      if (options.userAgent) {
        headers['User-Agent'] = options.userAgent;
      }
      let response: Response;
      let body: string;
      try {
        response = await fetchImpl(baseUrl + request.path + buildQueryString(request.params), { headers, signal });
        body = await response.text();
      } catch (error) {
        if (signal.aborted) {
          throw new TransportError('cancelled', 'The request was cancelled.');
        }
        throw new TransportError('network', describeNetworkError(error));
      }
      const lowered: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        lowered[name.toLowerCase()] = value;
      });
      return { status: response.status, headers: lowered, body };
    },
  };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code
      ? `${error.message} (${cause.code})`
      : cause?.message
        ? `${error.message}: ${cause.message}`
        : error.message;
  }
  return String(error);
}
