/**
 * Requests through Grafana's data source proxy: `<instance url>/<route>/api/0/…`. Grafana adds the
 * Authorization header from secureJsonData on its server, so the browser never holds the token.
 * Grafana's fetch is injected (type-only import) to keep this module free of runtime Grafana imports.
 *
 * Redirects: Grafana's proxy (pkg/api/pluginproxy, an httputil.ReverseProxy) does not follow them; it hands Sentry's
 * 3xx and Location to the browser, whose fetch follows them outside the proxy, without the token. An answer that
 * arrives that way is marked `redirected` and is refused here; one the browser cannot read (another host without
 * CORS) fails as a network error. Bodies arrive whole from Grafana's fetch, so the size cap is checked after.
 */
import type { BackendSrv, FetchError, FetchResponse } from '@grafana/runtime';
import { PROXY_ROUTE_PATH } from './constants';
import {
  SendOptions,
  SentryRequest,
  SentryResponse,
  Transport,
  TransportError,
  buildQueryString,
  utf8Length,
} from './transport';

export type GrafanaFetcher = Pick<BackendSrv, 'fetch'>;

/** `pageUrl`: the page's address (Grafana's), against which a relative instance URL resolves. */
export function createProxyTransport(
  fetcher: GrafanaFetcher,
  instanceUrl: string,
  sentryUrl: string,
  pageUrl: string | undefined = globalThis.location?.href
): Transport {
  const proxyBase = `${instanceUrl.replace(/\/+$/, '')}/${PROXY_ROUTE_PATH}`;
  return {
    target: sentryUrl,
    send(request: SentryRequest, signal: AbortSignal, options: SendOptions = {}): Promise<SentryResponse> {
      return new Promise<SentryResponse>((resolve, reject) => {
        // Grafana has read the whole body already: only keeping it can be refused.
        const deliver = (response: SentryResponse) => {
          if (options.maxBytes !== undefined && utf8Length(response.body, options.maxBytes) > options.maxBytes) {
            reject(new TransportError('too-large', `The answer is larger than ${options.maxBytes} bytes.`));
          } else {
            resolve(response);
          }
        };
        if (signal.aborted) {
          reject(new TransportError('cancelled', 'The request was cancelled.'));
          return;
        }
        // Unsubscribing aborts Grafana's underlying request.
        let subscription: { unsubscribe(): void } | undefined;
        const onAbort = () => {
          subscription?.unsubscribe();
          reject(new TransportError('cancelled', 'The request was cancelled.'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        subscription = fetcher
          .fetch<string>({
            url: proxyBase + request.path + buildQueryString(request.params),
            method: 'GET',
            headers: { Accept: 'application/json' },
            // Parse ourselves: Sentry may answer HTML, a JSON string, or truncated JSON.
            responseType: 'text',
            showErrorAlert: false,
            showSuccessAlert: false,
          })
          .subscribe({
            next: (response: FetchResponse<string>) => {
              signal.removeEventListener('abort', onAbort);
              const away = redirectedAway(response, proxyBase, pageUrl);
              if (away) {
                reject(redirectError(sentryUrl, request.path, away));
                return;
              }
              deliver({ status: response.status, headers: headersOf(response.headers), body: textOf(response.data) });
            },
            error: (error: unknown) => {
              signal.removeEventListener('abort', onAbort);
              settleError(error, deliver, reject);
            },
          });
      });
    },
  };
}

/** Where the browser ended up after following a redirect out of the proxy route. */
interface Elsewhere {
  url: URL;
  /** Another host than Grafana's. */
  otherHost: boolean;
}

/**
 * Where an answer came from when the browser followed a redirect out of the proxy route; undefined when it came
 * through the route (a redirect that stays under it still went through Grafana, with the token).
 */
function redirectedAway(
  response: FetchResponse<string>,
  proxyBase: string,
  pageUrl: string | undefined
): Elsewhere | undefined {
  if (!response.redirected || !response.url) {
    return undefined;
  }
  let url: URL;
  let base: URL;
  try {
    url = new URL(response.url);
    base = new URL(`${proxyBase}/`, pageUrl ?? url);
  } catch {
    return undefined;
  }
  if (url.origin === base.origin && url.pathname.startsWith(base.pathname)) {
    return undefined;
  }
  return { url, otherHost: url.origin !== base.origin };
}

function redirectError(sentryUrl: string, path: string, away: Elsewhere): TransportError {
  const followed = "the browser followed it outside Grafana's data source proxy, without the token.";
  return new TransportError(
    'redirect',
    away.otherHost
      ? `Sentry at ${sentryUrl} redirected ${path} to ${away.url.origin}; ${followed} Set the Sentry URL to ${away.url.origin} if that is where your Sentry lives.`
      : `Sentry at ${sentryUrl} redirected ${path} to ${away.url.pathname} on Grafana's own address; ${followed} Check the Sentry URL and any proxy in front of Sentry.`
  );
}

/** Grafana's fetch fails for every non-2xx status; a status is still an answer, so pass it on. */
function settleError(error: unknown, resolve: (response: SentryResponse) => void, reject: (error: unknown) => void) {
  const fetchError = error as Partial<FetchError>;
  if (fetchError?.cancelled) {
    reject(new TransportError('cancelled', 'The request was cancelled.'));
    return;
  }
  const status = typeof fetchError?.status === 'number' ? fetchError.status : 0;
  if (status <= 0) {
    const message = fetchError?.statusText || (error instanceof Error ? error.message : 'network error');
    reject(new TransportError('network', `Grafana could not send the request: ${message}`));
    return;
  }
  resolve({ status, headers: {}, body: textOf(fetchError.data) });
}

function headersOf(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach?.((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

function textOf(data: unknown): string {
  if (data === undefined || data === null) {
    return '';
  }
  return typeof data === 'string' ? data : JSON.stringify(data);
}
