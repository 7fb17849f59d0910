/**
 * Grafana's BackendSrv for the test host: window.fetch behind Grafana's observable API, with Grafana's ways of
 * failing (every non-2xx status is an error with the status and the body), cancelling (a new request with the same
 * requestId, an abort signal, or unsubscribing aborts the browser request) and refusing `..` in paths.
 */
import { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { Observable, lastValueFrom } from 'rxjs';

function serializeParams(values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) {
        continue;
      }
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.join('&');
}

export class HostBackendSrv implements BackendSrv {
  /** Like Grafana: a new request with the same requestId cancels the one in flight. */
  private readonly inFlight = new Map<string, () => void>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      let finished = false;
      const cancel = () => {
        if (!finished) {
          finished = true;
          controller.abort();
          subscriber.error(this.cancelledError(options));
        }
      };
      if (options.requestId) {
        this.inFlight.get(options.requestId)?.();
        this.inFlight.set(options.requestId, cancel);
      }
      options.abortSignal?.addEventListener('abort', cancel, { once: true });

      const query = options.params ? serializeParams(options.params) : '';
      const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
      if (options.validatePath && /(^|\/)\.\.(\/|$)/.test(options.url.split('?')[0])) {
        finished = true;
        subscriber.error({ status: 400, data: { message: 'Invalid request path' }, config: options });
        return undefined;
      }
      const headers = new Headers();
      headers.set('Accept', 'application/json, text/plain, */*');
      headers.set('X-Grafana-Org-Id', '1');
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value !== undefined && value !== null) {
          headers.set(name, String(value));
        }
      }
      let body: BodyInit | undefined;
      if (options.data !== undefined && options.data !== null) {
        if (typeof options.data === 'string' || options.data instanceof Blob || options.data instanceof FormData) {
          body = options.data;
        } else {
          body = JSON.stringify(options.data);
          if (!headers.has('Content-Type')) {
            headers.set('Content-Type', 'application/json');
          }
        }
      }

      window
        .fetch(url, {
          method: (options.method ?? 'GET').toUpperCase(),
          headers,
          body,
          credentials: options.credentials ?? 'same-origin',
          signal: controller.signal,
        })
        .then(async (response) => {
          const data = await this.readBody(response, options.responseType);
          if (finished) {
            return;
          }
          finished = true;
          const fetchResponse: FetchResponse<T> = {
            data: data as T,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          if (response.ok) {
            subscriber.next(fetchResponse);
            subscriber.complete();
          } else {
            // Grafana's fetch fails for every non-2xx status with the status and the body.
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              config: options,
            };
            subscriber.error(error);
          }
        })
        .catch((error: unknown) => {
          if (finished) {
            return;
          }
          finished = true;
          const message = error instanceof Error ? error.message : String(error);
          subscriber.error({ status: 0, statusText: message, data: { message }, config: options });
        })
        .finally(() => {
          if (options.requestId && this.inFlight.get(options.requestId) === cancel) {
            this.inFlight.delete(options.requestId);
          }
        });

      // Unsubscribing (a panel closed, a newer query) aborts the browser request.
      return () => {
        if (!finished) {
          finished = true;
          controller.abort();
        }
      };
    });
  }

  private cancelledError(options: BackendSrvRequest): FetchError {
    return { status: -1, statusText: 'Request was aborted', data: null, cancelled: true, config: options };
  }

  private async readBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
    switch (responseType) {
      case 'text':
        return response.text();
      case 'blob':
        return response.blob();
      case 'arraybuffer':
        return response.arrayBuffer();
      default: {
        const text = await response.text();
        if (text === '') {
          return undefined;
        }
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
    }
  }

  private call<T>(method: string, url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return lastValueFrom(this.fetch<T>({ ...options, url, method, data })).then((r) => r.data);
  }

  get<T = any>(url: string, query?: any, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return lastValueFrom(this.fetch<T>({ ...options, url, method: 'GET', params: query, requestId })).then(
      (r) => r.data
    );
  }
  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('DELETE', url, data, options);
  }
  post<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('POST', url, data, options);
  }
  patch<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('PATCH', url, data, options);
  }
  put<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('PUT', url, data, options);
  }
  request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options)).then((r) => r.data);
  }
  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }
  chunked(): Observable<FetchResponse<Uint8Array | undefined>> {
    throw new Error('chunked() is not supported by the test host');
  }
}

/** The host's one BackendSrv: the plugin gets it through setBackendSrv, the pages use it for the host's API. */
export const backendSrv = new HostBackendSrv();
