// The fake Sentry as a pure request → response function: routing, auth, scopes, org lookup,
// rate limits, chaos, flavours, region and deprecation modes. server.ts wraps it in node:http.

import { authenticate, hasAnyScope, missingCredentials, TokenInfo } from './auth';
import { deprecationFor, GONE_BODY } from './deprecation';
import * as endpoints from './endpoints';
import { EndpointContext } from './endpoints';
import { ApiError, forbidden, notFound } from './errors';
import {
  BAD_GATEWAY_HTML,
  ChaosMonkey,
  ChaosOutcome,
  FakeModes,
  mergeModes,
  RateLimiter,
  RateLimitMode,
  SERVICE_UNAVAILABLE_HTML,
} from './modes';
import { makeHostile } from './hostile';
import { ingestRequest } from './ingest';
import { ROUTES, orgRoutePath, WRITE_RELEASE_SCOPES } from './routes';
import { buildScenario, defaultNow, Scenario } from './scenario';

export * from './auth';
export type { ChaosMode, DeprecationMode, FakeModes, RateLimitMode, RegionMode, SaasFlavour } from './modes';
export type { Flavour } from './flavours';

export interface FakeRequest {
  method: string;
  /** Path plus query string, e.g. `/api/0/organizations/acme/issues/?limit=5`. */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Chaos "drop": the server destroys the socket without answering (status is 0). */
  dropConnection?: boolean;
}

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
  /** Which token kind made the call ('none' without credentials). */
  auth: string;
  at: number;
}

export interface FakeSentryOptions {
  seed?: number;
  /** Scenario anchor time (ms); default Date.now() floored to the minute. */
  now?: number;
  /** Clock for "now" in queries and rate-limit windows; default: fixed at `now` if given, else Date.now. */
  clock?: () => number;
  /** How chaos latency passes; default real timers (a test sharing virtual time with its clients passes its own). */
  sleep?: (ms: number) => Promise<void>;
  /** Generate data this far past `now` (a long-running server reveals it as the clock advances). */
  horizonMs?: number;
  /** Public URL of this fake (permalinks, Link headers, org links). */
  baseUrl?: string;
  modes?: FakeModes;
  /** Reuse an already built scenario (must match seed/now). */
  scenario?: Scenario;
}

export interface FakeSentry {
  handle(request: FakeRequest): Promise<FakeResponse>;
  /** The data being served: the hostile variant while that mode is on. */
  readonly scenario: Scenario;
  /** Merge mode changes (null/undefined entries switch a mode off). */
  setMode(modes: Partial<FakeModes>): void;
  getModes(): FakeModes;
  setBaseUrl(baseUrl: string): void;
  readonly baseUrl: string;
  requestLog: RequestLogEntry[];
}

/** Rate limits applied when no rateLimit mode is set: headers like sentry.io, limits nobody hits. */
const BACKGROUND_RATE_LIMIT: RateLimitMode = { limit: 1000, windowMs: 1000, concurrent: 100 };
const MAX_LOG_ENTRIES = 2000;

function headerValue(headers: FakeRequest['headers'], name: string): string | undefined {
  if (!headers) {
    return undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value[0] : value;
    }
  }
  return undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function html(status: number, body: string, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

const NOT_FOUND_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page Not Found | Sentry</title></head>
<body><div class="container"><h1>Page Not Found</h1><p>The page you are looking for was not found.</p>
<p>You may wish to try the following:</p><ul><li>The link you followed may be broken, or the page may have been removed.</li></ul></div></body></html>
`;

const LOGIN_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Login | Sentry</title></head>
<body><div class="auth-container"><h1>Sign in to Sentry</h1>
<form method="post" action="/auth/login/"><input type="text" name="username" placeholder="username or email">
<input type="password" name="password"><button type="submit">Continue</button></form></div></body></html>
`;

function errorResponse(error: ApiError, extraHeaders: Record<string, string>): FakeResponse {
  if (error.rawBody) {
    return {
      status: error.status,
      headers: { 'Content-Type': error.rawBody.contentType, ...extraHeaders, ...error.extraHeaders },
      body: error.rawBody.body,
    };
  }
  return json(error.status, { detail: error.detail }, { ...extraHeaders, ...error.extraHeaders });
}

/** Sentry's catch-all for API paths without a trailing slash (JSON when the request sends JSON). */
function trailingSlashHint(path: string, contentType: string | undefined): FakeResponse {
  const help = 'Route not found, did you forget a trailing slash?';
  const suggestion = `try: ${path}/`;
  if ((contentType ?? '').startsWith('application/json')) {
    return json(404, { info: `${help} ${suggestion}` });
  }
  const body = `${help}\n\n${suggestion}\n${' '.repeat(suggestion.length - 1)}^\n`;
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body };
}

/** The response for a chaos outcome, or null when the request should proceed. */
function chaosResponse(outcome: ChaosOutcome, rateHeaders: Record<string, string>): FakeResponse | null {
  switch (outcome.kind) {
    case 'drop':
      return { status: 0, headers: {}, body: '', dropConnection: true };
    case 'error':
      // A 500 comes from Sentry itself (JSON); 502/503 from the load balancer in front of it (HTML).
      return outcome.status === 500
        ? json(500, { detail: 'Internal Error', errorId: outcome.errorId }, rateHeaders)
        : html(outcome.status, outcome.status === 502 ? BAD_GATEWAY_HTML : SERVICE_UNAVAILABLE_HTML);
    case 'rate-limited':
      return {
        status: 429,
        headers: { 'Content-Type': 'text/html; charset=utf-8', ...rateHeaders },
        body: JSON.stringify(
          'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds'
        ),
      };
    default:
      return null;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound();
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export function createFakeSentry(options: FakeSentryOptions = {}): FakeSentry {
  const anchor = options.now ?? options.scenario?.now ?? defaultNow();
  const demo = options.scenario ?? buildScenario({ seed: options.seed, now: anchor, horizonMs: options.horizonMs });
  // Built on first use: a second scenario of its own, since makeHostile rewrites what it is given.
  let hostile: Scenario | undefined;
  const served = (): Scenario =>
    modes.hostile
      ? (hostile ??= makeHostile(buildScenario({ seed: demo.seed, now: demo.now, horizonMs: demo.dataEnd - demo.now })))
      : demo;
  const clock = options.clock ?? (options.now !== undefined ? () => anchor : () => Date.now());
  let baseUrl = (options.baseUrl ?? 'http://127.0.0.1:3998').replace(/\/$/, '');
  if (options.modes?.flavour && options.modes.selfHosted) {
    throw new Error('createFakeSentry: pick one flavour (selfHosted or flavour), not both');
  }
  let modes: FakeModes = { ...options.modes };
  const limiter = new RateLimiter();
  let chaos = modes.chaos ? new ChaosMonkey(modes.chaos) : null;
  const requestLog: RequestLogEntry[] = [];

  const log = (request: FakeRequest, status: number, auth: string) => {
    requestLog.push({ method: request.method.toUpperCase(), url: request.url, status, auth, at: clock() });
    if (requestLog.length > MAX_LOG_ENTRIES) {
      requestLog.splice(0, requestLog.length - MAX_LOG_ENTRIES);
    }
  };

  const setMode = (changes: Partial<FakeModes>) => {
    modes = mergeModes(modes, changes);
    if ('chaos' in changes) {
      chaos = modes.chaos ? new ChaosMonkey(modes.chaos) : null;
    }
    if ('rateLimit' in changes) {
      limiter.reset();
    }
  };

  /** Control endpoints for demos and browser tests (outside /api/0/). */
  const control = (request: FakeRequest, path: string): FakeResponse | null => {
    const scenario = served();
    if (path === '/__fake/health') {
      return json(200, { ok: true });
    }
    if (path === '/__fake/mode') {
      if (request.method.toUpperCase() === 'POST' || request.method.toUpperCase() === 'PUT') {
        try {
          setMode(JSON.parse(request.body || '{}') as Partial<FakeModes>);
        } catch {
          return json(400, { detail: 'Malformed JSON body' });
        }
      }
      return json(200, modes);
    }
    if (path === '/__fake/scenario') {
      return json(200, {
        seed: scenario.seed,
        now: new Date(scenario.now).toISOString(),
        org: scenario.org,
        projects: scenario.projects.map((p) => ({ id: p.id, slug: p.slug, platform: p.platform })),
        burst: {
          ...scenario.burst,
          start: new Date(scenario.burst.start).toISOString(),
          peakEnd: new Date(scenario.burst.peakEnd).toISOString(),
        },
        counts: {
          issues: scenario.issues.length,
          errors: scenario.errors.length,
          transactions: scenario.transactions.length,
        },
      });
    }
    if (path === '/__fake/requests') {
      return json(200, requestLog.slice(-200));
    }
    return null;
  };

  const route = async (request: FakeRequest): Promise<{ response: FakeResponse; auth: string }> => {
    const scenario = served();
    const url = new URL(request.url, 'http://fake.invalid');
    const path = url.pathname;
    const method = request.method.toUpperCase();

    const controlResponse = control(request, path);
    if (controlResponse) {
      return { response: controlResponse, auth: 'control' };
    }
    const ingested = ingestRequest(demo, path, url.searchParams, request, clock());
    if (ingested) {
      return { response: json(ingested.status, ingested.body), auth: 'dsn' };
    }
    if (!path.startsWith('/api/0/')) {
      // A wrong base URL shows up as HTML: a login page on self-hosted, a 404 page otherwise.
      return { response: modes.selfHosted ? html(200, LOGIN_HTML) : html(404, NOT_FOUND_HTML), auth: 'none' };
    }
    if (!path.endsWith('/')) {
      return { response: trailingSlashHint(path, headerValue(request.headers, 'content-type')), auth: 'none' };
    }

    const isIndex = path === '/api/0/';
    const matched = isIndex ? null : ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m !== null);
    if (!isIndex && (!matched || (modes.selfHosted && matched.r.name === 'events-timeseries'))) {
      // Unknown routes (and events-timeseries on older self-hosted) answer an empty 404.
      return {
        response: { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '' },
        auth: 'none',
      };
    }

    // Rate limiting happens before the view runs (and thus before authentication).
    const authHeader = headerValue(request.headers, 'authorization');
    let rateHeaders: Record<string, string> = {};
    let releaseSlot = () => {};
    if (!modes.selfHosted) {
      const decision = limiter.check(
        `${authHeader ?? 'anonymous'}|${matched?.r.name ?? 'index'}`,
        modes.rateLimit ?? BACKGROUND_RATE_LIMIT,
        clock()
      );
      rateHeaders = decision.headers;
      releaseSlot = decision.release;
      if (decision.rejection) {
        decision.release();
        return {
          response: {
            status: 429,
            headers: { 'Content-Type': decision.rejection.contentType, ...rateHeaders },
            body: decision.rejection.body,
          },
          auth: 'rate-limited',
        };
      }
    }

    try {
      if (chaos) {
        // Infrastructure trouble: latency, load-balancer errors, dropped connections.
        const outcome = chaos.roll();
        await (options.sleep ?? sleep)(outcome.latencyMs);
        const failure = chaosResponse(outcome, rateHeaders);
        if (failure) {
          return { response: failure, auth: 'chaos' };
        }
      }
      let token: TokenInfo | null;
      try {
        token = authenticate(authHeader, `${baseUrl}/auth/login/${scenario.org.slug}/`);
      } catch (error) {
        if (error instanceof ApiError) {
          return { response: errorResponse(error, rateHeaders), auth: 'invalid' };
        }
        throw error;
      }
      if (isIndex || !matched) {
        return { response: json(200, endpoints.getIndex(token).body, rateHeaders), auth: token?.kind ?? 'none' };
      }
      if (!token) {
        return { response: errorResponse(missingCredentials(), rateHeaders), auth: 'none' };
      }
      const { r, m } = matched;
      const handler = r.methods[method];
      if (!handler) {
        return { response: json(405, { detail: `Method "${method}" not allowed.` }, rateHeaders), auth: token.kind };
      }
      try {
        const scopes = method === 'GET' ? r.scopes : (r.writeScopes ?? WRITE_RELEASE_SCOPES);
        if (!hasAnyScope(token, scopes)) {
          throw forbidden();
        }
        const groups = m!.slice(1).map(decodeSegment);
        if (r.orgScoped) {
          const org = groups[0];
          if (org !== scenario.org.slug && org !== scenario.org.id) {
            throw notFound();
          }
          if (r.data && modes.region && modes.region.serveData === false) {
            throw notFound();
          }
        }
        // Sentry's deprecation decorator does nothing on self-hosted.
        const deprecation = modes.selfHosted
          ? null
          : deprecationFor(modes.deprecation, r.name, clock(), (name) => orgRoutePath(name, groups[0]));
        if (deprecation?.gone) {
          return {
            response: json(410, GONE_BODY, { ...rateHeaders, ...deprecation.headers }),
            auth: token.kind,
          };
        }
        const ctx: EndpointContext = {
          scenario,
          params: url.searchParams,
          pathParams: r.orgScoped ? groups.slice(1) : groups,
          path,
          token,
          now: clock(),
          baseUrl,
          modes,
          method,
          body: request.body,
        };
        const result = handler(ctx);
        return {
          response: json(result.status ?? 200, result.body, {
            ...rateHeaders,
            ...result.headers,
            ...deprecation?.headers,
          }),
          auth: token.kind,
        };
      } catch (error) {
        if (error instanceof ApiError) {
          return { response: errorResponse(error, rateHeaders), auth: token.kind };
        }
        // An unexpected failure looks like Sentry's own 500.
        return {
          response: json(500, { detail: 'Internal Error', errorId: 'f4ce5e0000000000000000000000f4ce' }, rateHeaders),
          auth: token.kind,
        };
      }
    } finally {
      releaseSlot();
    }
  };

  return {
    get scenario() {
      return served();
    },
    requestLog,
    get baseUrl() {
      return baseUrl;
    },
    setBaseUrl(next: string) {
      baseUrl = next.replace(/\/$/, '');
    },
    setMode,
    getModes: () => ({ ...modes }),
    async handle(request: FakeRequest): Promise<FakeResponse> {
      const { response, auth } = await route(request);
      log(request, response.status, auth);
      return response;
    },
  };
}
