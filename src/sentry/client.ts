/** The one object that talks to Sentry for a data source instance (or a CLI run). */
import { ServerCapabilities } from './capabilities';
import { BYTES_PER_MB, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_RESPONSE_MB, DEFAULT_ROW_BUDGET } from './limits';
import { SentryError, parseBody } from './errors';
import { nextCursor } from './pagination';
import { RateLimitWait } from './rateBudget';
import { ExecuteOptions, RequestScheduler, SchedulerOptions, SchedulerStats } from './scheduler';
import { SentryResponse, Transport } from './transport';

export interface SentryClientOptions {
  transport: Transport;
  orgSlug: string;
  /** Default for paginated reads. */
  rowBudget?: number;
  maxConcurrentRequests?: number;
  /** Most bytes of one answer (default DEFAULT_MAX_RESPONSE_MB); a longer one fails the query with a 'too-large' error. */
  maxResponseBytes?: number;
  /** Longest wait of a query for Sentry's rate limit (default 60 s); a longer wait fails the query, naming it. */
  rateLimitDeadlineMs?: number;
  scheduler?: Partial<SchedulerOptions>;
}

/** Told of every answer a client view gets (see SentryClient.observed). */
export type ResponseObserver = (path: string, response: SentryResponse) => void;

export interface JsonResult<T> {
  data: T;
  response: SentryResponse;
}

export interface PageOptions<T = unknown> extends ExecuteOptions {
  /** Stop after this many rows and mark the result truncated if Sentry has more. */
  rowBudget?: number;
  /** Query parameter holding the page size: `per_page` on most lists, `limit` on issues. */
  pageSizeParam?: 'per_page' | 'limit';
  /** Sentry's maximum page size for the endpoint. */
  maxPageSize?: number;
  /** Rows of one page; by default the body is the array of rows. */
  rowsOf?: (body: unknown) => unknown[];
  /** Stop after the page where the rows read so far are enough for the caller (not marked truncated). */
  enough?: (rows: T[]) => boolean;
}

export interface PagedResult<T> {
  rows: T[];
  /** Sentry had more rows than the budget allowed. */
  truncated: boolean;
  pages: number;
}

/** What readPages read: how many rows it handed on, over how many pages. */
export interface PageCount {
  rows: number;
  /** Sentry had more rows than the budget allowed. */
  truncated: boolean;
  pages: number;
}

/** A safety stop against a server that keeps answering with the same cursor. */
const MAX_PAGES = 1000;

/** Cache lifetime for metadata (projects, teams, environments, org). */
export const METADATA_TTL_MS = 60_000;

export class SentryClient {
  /** What this Sentry server turned out to support, learnt once per instance. */
  readonly capabilities = new ServerCapabilities();
  readonly orgSlug: string;
  readonly rowBudget: number;
  readonly scheduler: RequestScheduler;

  constructor(options: SentryClientOptions) {
    this.orgSlug = options.orgSlug;
    this.rowBudget = options.rowBudget ?? DEFAULT_ROW_BUDGET;
    this.scheduler = new RequestScheduler(options.transport, {
      maxConcurrent: options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_MB * BYTES_PER_MB,
      ...(options.rateLimitDeadlineMs !== undefined ? { rateLimitDeadlineMs: options.rateLimitDeadlineMs } : {}),
      ...options.scheduler,
    });
  }

  /** Set only on a view made by `observed`. */
  private readonly observer?: ResponseObserver;
  private readonly rateLimitWait?: RateLimitWait;

  /**
   * This client, also telling `observer` of every answer (a query collects Sentry's deprecation headers this way),
   * and with `rateLimitWait` (the query's deadline and total wait for Sentry's rate limit) on every request.
   * Everything else, scheduler and capabilities included, is this client's own.
   */
  observed(observer: ResponseObserver, rateLimitWait?: RateLimitWait): SentryClient {
    const view: Partial<Record<PropertyKey, unknown>> = { observer, rateLimitWait };
    return new Proxy(this, {
      get: (target, key, receiver) => (key in view ? view[key] : Reflect.get(target, key, receiver)),
    });
  }

  /** A query's wait for Sentry's rate limit, starting now: `deadlineMs`, or this client's default (60 s). */
  rateLimitWaitFor(deadlineMs?: number): RateLimitWait {
    const { clock, rateLimitDeadlineMs } = this.scheduler.options;
    return new RateLimitWait(clock.now(), deadlineMs ?? rateLimitDeadlineMs);
  }

  get target(): string {
    return this.scheduler.target;
  }

  get stats(): SchedulerStats {
    return this.scheduler.stats;
  }

  async getJson<T>(
    path: string,
    params: Array<[string, string]> = [],
    options: ExecuteOptions = {}
  ): Promise<JsonResult<T>> {
    const response = await this.scheduler.execute(
      { path, params },
      this.rateLimitWait && !options.rateLimit ? { ...options, rateLimit: this.rateLimitWait } : options
    );
    this.observer?.(path, response);
    const body = parseBody(response);
    if (body.isHtml) {
      throw new SentryError(
        'not-sentry',
        `The Sentry URL at ${this.target} answered ${path} with an HTML page, not Sentry's API. Check the Sentry URL.`,
        response.status
      );
    }
    if (body.json === undefined) {
      throw new SentryError(
        'invalid-response',
        body.malformedJson
          ? `Sentry's answer to ${path} is not valid JSON (truncated or malformed).`
          : `Sentry answered ${path} with an empty body.`,
        response.status
      );
    }
    return { data: body.json as T, response };
  }

  /** Reads pages by cursor until the data ends or the row budget is spent. */
  async getAllPages<T>(
    path: string,
    params: Array<[string, string]> = [],
    options: PageOptions<T> = {}
  ): Promise<PagedResult<T>> {
    const rows: T[] = [];
    const { enough } = options;
    const { truncated, pages } = await this.readPages<T>(path, params, {
      ...options,
      onPage: (pageRows) => {
        for (let i = 0; i < pageRows.length; i++) {
          rows.push(pageRows[i]);
        }
        return enough?.(rows) ?? false;
      },
    });
    return { rows, truncated, pages };
  }

  /**
   * Reads pages by cursor as getAllPages does, handing each page's rows (cut to the budget) to `onPage` instead of
   * keeping them: a caller that builds columns as pages come lets each page's rows go at once. `onPage` answers
   * true when the rows so far are enough (not marked truncated).
   */
  async readPages<T>(
    path: string,
    params: Array<[string, string]>,
    options: Omit<PageOptions<T>, 'enough'> & { onPage: (rows: T[]) => boolean }
  ): Promise<PageCount> {
    const budget = Math.max(1, options.rowBudget ?? this.rowBudget);
    const maxPageSize = options.maxPageSize ?? 100;
    const sizeParam = options.pageSizeParam ?? 'per_page';
    const rowsOf = options.rowsOf ?? defaultRows;
    const base = params.filter(([key]) => key !== sizeParam && key !== 'cursor');
    const seenCursors = new Set<string>();
    let read = 0;
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const pageSize = Math.min(maxPageSize, budget - read);
      const pageParams: Array<[string, string]> = [...base, [sizeParam, String(pageSize)]];
      if (cursor) {
        pageParams.push(['cursor', cursor]);
      }
      const { data, response } = await this.getJson<unknown>(path, pageParams, options);
      pages++;
      const pageRows = rowsOf(data) as T[];
      const room = budget - read;
      const kept = pageRows.length > room ? pageRows.slice(0, room) : pageRows;
      read += kept.length;
      const enough = options.onPage(kept);
      const next = nextCursor(response.headers.link);
      if (pageRows.length > room) {
        return { rows: read, truncated: true, pages };
      }
      if (!next || pageRows.length === 0 || enough) {
        return { rows: read, truncated: false, pages };
      }
      if (read >= budget) {
        return { rows: read, truncated: true, pages };
      }
      if (seenCursors.has(next) || pages >= MAX_PAGES) {
        throw new SentryError('invalid-response', `Sentry kept returning the same page of ${path} (cursor ${next}).`);
      }
      seenCursors.add(next);
      cursor = next;
    }
  }
}

function defaultRows(body: unknown): unknown[] {
  if (!Array.isArray(body)) {
    throw new SentryError('invalid-response', 'Sentry answered with an object where a list was expected.');
  }
  return body;
}
