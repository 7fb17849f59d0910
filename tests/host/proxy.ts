/**
 * Grafana's data source proxy, as the browser test host plays it (no Grafana involved). It follows what
 * grafana/grafana does in pkg/api/pluginproxy (ds_proxy.go, utils.go) and pkg/util/proxyutil:
 *
 * - `/api/datasources/proxy/uid/<uid>/<path>`: the first route of plugin.json whose method equals the request's
 *   (compared as written; empty or `*` = any) and whose cleaned path is a string prefix of the cleaned proxy path
 *   wins; the rest of the path is joined onto the route URL's path.
 * - A request that matches no route (another method, another path) is not refused: it goes to the data source's
 *   own URL (Grafana's `url` field, which this plugin leaves empty) with the whole proxy path and none of any
 *   route's headers. With no URL there is no host, Go's transport fails, and Grafana answers 502.
 * - Route `url` and header `content` are Go templates over `.JsonData` and `.SecureJsonData`; a missing key
 *   renders as `<no value>`.
 * - Route headers are *set* (they replace what the browser sent); Origin, Referer (copied to X-Grafana-Referer),
 *   Cookie, Authorization and X-Forwarded-Host/Port/Proto are removed, X-Forwarded-For is set, User-Agent is
 *   Grafana's. Hop-by-hop headers are not forwarded.
 * - Upstream 401 → 400 with the text `Authentication to data source failed`; connection failure → 502 with an
 *   empty body; upstream timeout → 504 with an empty body. Set-Cookie is dropped and
 *   `Content-Security-Policy: sandbox` added to every proxied answer.
 *
 * Plain Node: nothing here imports Grafana or React, so Playwright can test it directly.
 */
import http from 'node:http';
import https from 'node:https';

export interface RouteHeader {
  name: string;
  content: string;
}

/** A `routes` entry of plugin.json (the parts this proxy honours). */
export interface ProxyRoute {
  path: string;
  method?: string;
  url?: string;
  headers?: RouteHeader[];
  urlParams?: RouteHeader[];
  reqRole?: string;
}

/** What Grafana keeps of a data source: jsonData in the clear, secureJsonData decrypted on the server only. */
export interface StoredSettings {
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export const AUTH_FAILED_TEXT = 'Authentication to data source failed';
export const GRAFANA_USER_AGENT = 'Grafana/12.4.10';
/** Grafana's `[dataproxy] timeout` default. */
export const DEFAULT_PROXY_TIMEOUT_MS = 30_000;

const MISSING_VALUE = '<no value>';

/** Renders Grafana's route templates: `{{ .JsonData.key }}` and `{{ .SecureJsonData.key }}`. */
export function renderTemplate(template: string, settings: StoredSettings): string {
  return template.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_match, scope: string, key: string) => {
    const source: Record<string, unknown> = scope === 'JsonData' ? settings.jsonData : settings.secureJsonData;
    const value = source[key];
    if (value === undefined || value === null) {
      return MISSING_VALUE;
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** Grafana's util.CleanRelativePath: a cleaned path without a leading slash. */
export function cleanRelativePath(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      parts.pop();
      continue;
    }
    parts.push(segment);
  }
  return parts.join('/');
}

/**
 * The first route whose method matches and whose cleaned path prefixes the cleaned proxy path (ds_proxy.go,
 * validateRequest). Go compares the methods as they are written: a route's `get` never matches a `GET`.
 */
export function matchRoute(routes: ProxyRoute[], method: string, proxyPath: string): ProxyRoute | undefined {
  const wanted = cleanRelativePath(proxyPath);
  return routes.find((route) => {
    const routeMethod = route.method ?? '';
    if (routeMethod !== '' && routeMethod !== '*' && routeMethod !== method) {
      return false;
    }
    return wanted.startsWith(cleanRelativePath(route.path));
  });
}

/** Grafana's util.JoinURLFragments: exactly one slash between the parts; the second part's end is kept. */
export function joinUrlFragments(base: string, rest: string): string {
  if (rest === '') {
    return base;
  }
  const baseSlash = base.endsWith('/');
  const restSlash = rest.startsWith('/');
  if (baseSlash && restSlash) {
    return base + rest.slice(1);
  }
  return baseSlash || restSlash ? base + rest : `${base}/${rest}`;
}

/** Headers never forwarded by Go's reverse proxy (RFC 7230 hop-by-hop). */
const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Request headers Grafana removes before calling the data source. */
const REMOVED_REQUEST_HEADERS = new Set([
  'origin',
  'referer',
  'cookie',
  'authorization',
  'x-ds-authorization',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'host',
  'content-length',
]);

export type IncomingHeaders = Record<string, string | string[] | undefined>;

export interface UpstreamPlan {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export type PlanResult = { ok: true; plan: UpstreamPlan } | { ok: false; status: number; body: string };

export interface PlanInput {
  routes: ProxyRoute[];
  settings: StoredSettings;
  method: string;
  /** The part after `/api/datasources/proxy/uid/<uid>/`, without the query string. */
  proxyPath: string;
  /** The raw query string including `?`, or ''. */
  search: string;
  headers: IncomingHeaders;
  clientIp?: string;
  /** The data source's own URL (Grafana's `url` field, not jsonData): where a request matching no route goes. */
  dataSourceUrl?: string;
}

/** Where Grafana would send a proxied request, and with which headers; or the error it would answer with. */
export function planProxyRequest(input: PlanInput): PlanResult {
  const route = matchRoute(input.routes, input.method, input.proxyPath);
  if (!route) {
    return planWithoutRoute(input);
  }
  const rendered = renderTemplate(route.url ?? '', input.settings);
  let target: URL;
  try {
    target = new URL(rendered);
  } catch {
    return { ok: false, status: 500, body: `Invalid route URL: ${rendered}` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { ok: false, status: 400, body: `Unsupported route URL scheme: ${target.protocol}` };
  }

  // Grafana trims the route path off the proxy path as sent and joins the rest onto the route URL's path.
  const rest = input.proxyPath.startsWith(route.path) ? input.proxyPath.slice(route.path.length) : input.proxyPath;
  target.pathname = joinUrlFragments(pathOf(target), rest);

  let search = input.search.startsWith('?') ? input.search.slice(1) : input.search;
  if (route.urlParams?.length) {
    search = encodeQuery(search, route.urlParams, input.settings);
  }
  target.search = search;

  const headers = forwardedHeaders(input);
  for (const header of route.headers ?? []) {
    headers[header.name.toLowerCase()] = renderTemplate(header.content, input.settings);
  }
  return { ok: true, plan: { method: input.method, url: target.toString(), headers } };
}

/**
 * A request that matches no route: Grafana's director sends it to the data source's own URL with the whole proxy
 * path and the query as sent; ApplyRoute, which adds a route's headers, runs only for a matched route. Grafana's
 * ValidateURL reads an empty URL as `http://` (no host): the transport fails, and the proxy answers 502, empty.
 */
function planWithoutRoute(input: PlanInput): PlanResult {
  const unreachable: PlanResult = { ok: false, status: 502, body: '' };
  const raw = input.dataSourceUrl ?? '';
  let target: URL;
  try {
    target = new URL(/^[^:]*:\/\//.test(raw) ? raw : `http://${raw}`);
  } catch {
    return unreachable;
  }
  if (target.host === '' || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    return unreachable;
  }
  target.pathname = joinUrlFragments(pathOf(target), input.proxyPath);
  target.search = input.search;
  return { ok: true, plan: { method: input.method, url: target.toString(), headers: forwardedHeaders(input) } };
}

/** Go's url.Parse gives "" as the path of `https://host`, where URL gives "/". */
function pathOf(url: URL): string {
  return url.pathname === '/' ? '' : url.pathname;
}

/** The browser's headers as Grafana passes them on, before any route header is set. */
function forwardedHeaders(input: PlanInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || REMOVED_REQUEST_HEADERS.has(lower)) {
      continue;
    }
    headers[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  const referer = first(input.headers.referer);
  if (referer) {
    headers['x-grafana-referer'] = referer;
  }
  headers['user-agent'] = GRAFANA_USER_AGENT;
  if (input.clientIp) {
    headers['x-forwarded-for'] = input.clientIp;
  }
  return headers;
}

/** Go's url.Values.Encode after adding the route's urlParams: keys sorted, values of a key in order. */
function encodeQuery(search: string, urlParams: RouteHeader[], settings: StoredSettings): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(search)) {
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  for (const param of urlParams) {
    values.set(param.name, [...(values.get(param.name) ?? []), renderTemplate(param.content, settings)]);
  }
  const out = new URLSearchParams();
  for (const key of [...values.keys()].sort()) {
    for (const value of values.get(key)!) {
      out.append(key, value);
    }
  }
  return out.toString();
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** What Grafana turns an upstream answer into. */
export function shapeResponse(
  status: number,
  upstreamHeaders: http.IncomingHttpHeaders,
  body: Buffer
): ProxiedResponse {
  if (status === 401) {
    const text = Buffer.from(AUTH_FAILED_TEXT);
    return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstreamHeaders)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || lower === 'set-cookie' || lower === 'content-length') {
      continue;
    }
    headers[lower] = value;
  }
  headers['content-security-policy'] = 'sandbox';
  return { status, headers, body };
}

export type UpstreamFailure = 'timeout' | 'connection';

/** Grafana's answers when the data source cannot be reached: 504 for a timeout, 502 otherwise, both empty. */
export function failureResponse(failure: UpstreamFailure): ProxiedResponse {
  return { status: failure === 'timeout' ? 504 : 502, headers: {}, body: Buffer.alloc(0) };
}

export interface ForwardOptions {
  timeoutMs?: number;
  body?: Buffer;
  /** Aborted when the browser goes away (Grafana logs 499 and cancels the upstream call). */
  signal?: AbortSignal;
}

/** Sends a planned request upstream and shapes the answer as Grafana does. */
export function forward(plan: UpstreamPlan, options: ForwardOptions = {}): Promise<ProxiedResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const url = new URL(plan.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (response: ProxiedResponse) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(response);
      }
    };
    const request = transport.request(
      url,
      { method: plan.method, headers: { ...plan.headers, ...lengthHeader(options.body) }, signal: options.signal },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          settle(shapeResponse(response.statusCode ?? 502, response.headers, Buffer.concat(chunks)))
        );
        response.on('error', () => settle(failureResponse('connection')));
      }
    );
    // One deadline for the whole exchange, like Grafana's data proxy client timeout.
    const timer = setTimeout(() => {
      settle(failureResponse('timeout'));
      request.destroy();
    }, timeoutMs);
    request.on('error', () => settle(failureResponse('connection')));
    request.end(options.body);
  });
}

function lengthHeader(body: Buffer | undefined): Record<string, string> {
  return body && body.length > 0 ? { 'content-length': String(body.length) } : {};
}
