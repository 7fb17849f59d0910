/**
 * Requests through Grafana's data source proxy: `<instance url>/<route>/api/0/…`. Grafana adds the
 * Authorization header from secureJsonData on its server, so the browser never holds the token.
 * Grafana's fetch is injected (type-only import) to keep this module free of runtime Grafana imports.
 */
import type { BackendSrv, FetchError, FetchResponse } from '@grafana/runtime';
import { PROXY_ROUTE_PATH } from './constants';
import { SentryRequest, SentryResponse, Transport, TransportError, buildQueryString } from './transport';

export type GrafanaFetcher = Pick<BackendSrv, 'fetch'>;

export function createProxyTransport(fetcher: GrafanaFetcher, instanceUrl: string, sentryUrl: string): Transport {
  const proxyBase = `${instanceUrl.replace(/\/+$/, '')}/${PROXY_ROUTE_PATH}`;
  return {
    target: sentryUrl,
    send(request: SentryRequest, signal: AbortSignal): Promise<SentryResponse> {
      return new Promise<SentryResponse>((resolve, reject) => {
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
              resolve({ status: response.status, headers: headersOf(response.headers), body: textOf(response.data) });
            },
            error: (error: unknown) => {
              signal.removeEventListener('abort', onAbort);
              settleError(error, resolve, reject);
            },
          });
      });
    },
  };
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
