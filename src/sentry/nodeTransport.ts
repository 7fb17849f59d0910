/** Direct HTTP to Sentry with the token in the Authorization header: for the CLI and tests, never the browser. */
import { SendOptions, SentryRequest, SentryResponse, Transport, TransportError, buildQueryString } from './transport';

export interface NodeTransportOptions {
  /** Sentry base URL, e.g. https://sentry.io or http://127.0.0.1:3998. */
  baseUrl: string;
  authToken?: string;
  /** Injected for tests; defaults to the global fetch of Node 18+. */
  fetchImpl?: typeof fetch;
  userAgent?: string;
}

/** Redirects within the Sentry origin followed for one request; more is a loop or a misconfigured proxy. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createNodeTransport(options: NodeTransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  const origin = originOf(baseUrl);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.authToken) {
    headers.Authorization = `Bearer ${options.authToken}`;
  }
  if (options.userAgent) {
    headers['User-Agent'] = options.userAgent;
  }
  return {
    target: baseUrl,
    async send(request: SentryRequest, signal: AbortSignal, sendOptions: SendOptions = {}): Promise<SentryResponse> {
      try {
        let url = baseUrl + request.path + buildQueryString(request.params);
        for (let redirects = 0; ; redirects++) {
          // Redirects are ours to judge: fetch would follow one to any host (dropping the token there) and report
          // that host's answer as Sentry's.
          const response = await fetchImpl(url, { headers, signal, redirect: 'manual' });
          const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
          if (location === null) {
            const body = await readBody(response, sendOptions.maxBytes);
            return { status: response.status, headers: lowerCased(response.headers), body };
          }
          await response.body?.cancel();
          const next = resolve(location, url);
          if (!next) {
            throw new TransportError(
              'redirect',
              `Sentry at ${origin} redirected ${request.path} to an invalid address.`
            );
          }
          if (next.origin !== origin) {
            throw new TransportError(
              'redirect',
              `Sentry at ${origin} redirected ${request.path} to ${next.origin}; the request was not followed there. ` +
                `Set the Sentry URL to ${next.origin} if that is where your Sentry lives.`
            );
          }
          if (redirects >= MAX_REDIRECTS) {
            throw new TransportError(
              'redirect',
              `Sentry at ${origin} redirected ${request.path} more than ${MAX_REDIRECTS} times (last to ${next.pathname}): a redirect loop, or a proxy in front of Sentry that sends API requests elsewhere.`
            );
          }
          url = next.href;
        }
      } catch (error) {
        if (signal.aborted) {
          throw new TransportError('cancelled', 'The request was cancelled.');
        }
        if (error instanceof TransportError) {
          throw error;
        }
        throw new TransportError('network', describeNetworkError(error));
      }
    },
  };
}

/** The body as text, read chunk by chunk so that one over `maxBytes` is dropped as soon as it is known to be. */
async function readBody(response: Response, maxBytes: number | undefined): Promise<string> {
  if (maxBytes === undefined || !response.body) {
    return response.text();
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw tooLarge(maxBytes);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      // Cancelling closes the connection: the rest is never downloaded.
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function tooLarge(maxBytes: number): TransportError {
  return new TransportError('too-large', `The answer is larger than ${maxBytes} bytes.`);
}

function lowerCased(headers: Headers): Record<string, string> {
  const lowered: Record<string, string> = {};
  headers.forEach((value, name) => {
    lowered[name.toLowerCase()] = value;
  });
  return lowered;
}

function resolve(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
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
