/**
 * One scheduler per data source instance: every request to Sentry goes through it. It caps concurrency,
 * paces requests from Sentry's X-Sentry-Rate-Limit-* headers (rateBudget.ts), waits out a 429 within the
 * query's deadline, retries 5xx/network failures with bounded exponential backoff and jitter, times requests
 * out, shares identical in-flight GETs, caches metadata for a short time, and stops work nobody waits for.
 */
import { ErrorContext, SentryError, asSentence, errorFromResponse, isRetryableStatus, tooLargeError } from './errors';
import { DEFAULT_RATE_LIMIT_WAIT_S } from './limits';
import { EndpointBudget, RateLimitWait, rateLimitWaitError } from './rateBudget';
import { SentryRequest, SentryResponse, Transport, TransportError, requestKey } from './transport';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(cancelledError());
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(cancelledError());
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms)
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A query waits this long at most for Sentry's rate limit, unless told otherwise. */
export const DEFAULT_RATE_LIMIT_DEADLINE_MS = DEFAULT_RATE_LIMIT_WAIT_S * 1000;
/** A stop for a server that keeps answering 429 with headers that promise room. */
const MAX_RATE_LIMITED_ATTEMPTS = 50;

export interface SchedulerOptions {
  /** Requests in flight at once across all endpoints. */
  maxConcurrent: number;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx and network failures. */
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Keep at most this many cached responses. */
  cacheEntries: number;
  /** Most bytes of one answer; a longer one fails with a 'too-large' error, unread past the limit where possible. */
  maxResponseBytes?: number;
  /** Longest wait for Sentry's rate limit, from the start of a request not part of a query (a query sets its own). */
  rateLimitDeadlineMs: number;
  clock: Clock;
  random: () => number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  maxConcurrent: 5,
  timeoutMs: 30_000,
  maxRetries: 4,
  backoffBaseMs: 300,
  backoffMaxMs: 10_000,
  cacheEntries: 500,
  rateLimitDeadlineMs: DEFAULT_RATE_LIMIT_DEADLINE_MS,
  clock: systemClock,
  random: Math.random,
};

export interface ExecuteOptions extends ErrorContext {
  signal?: AbortSignal;
  /** Cache a successful answer this long (metadata: projects, teams, environments, org). */
  cacheTtlMs?: number;
  /**
   * Statuses that are an answer, not a fault: not retried. A capability probe sets them (sentry.io answers 500 to
   * grouped events-timeseries on some datasets, every time).
   */
  finalStatuses?: readonly number[];
  /** The query's deadline for waits on Sentry's rate limit, and where they are added up. */
  rateLimit?: RateLimitWait;
}

export interface SchedulerStats {
  /** HTTP requests handed to the transport, retries included. */
  sent: number;
  retries: number;
  coalesced: number;
  cacheHits: number;
  /** 429 answers seen (each was retried or reported). */
  rateLimited: number;
  /** Times a request waited for room in Sentry's rate limit before being sent. */
  paced: number;
}

/**
 * One HTTP request's run: its controller (aborted when every caller has gone, or when an attempt times out), and the
 * waits of the queries sharing it (the longest deadline applies; a query that joins adds its own).
 */
interface Run {
  controller: AbortController;
  waits: RateLimitWait[];
}

interface Flight extends Run {
  promise: Promise<SentryResponse>;
  waiters: number;
}

interface SlotWaiter {
  budget: EndpointBudget;
  resolve: () => void;
}

export class RequestScheduler {
  readonly options: SchedulerOptions;
  readonly stats: SchedulerStats = { sent: 0, retries: 0, coalesced: 0, cacheHits: 0, rateLimited: 0, paced: 0 };
  readonly #flights = new Map<string, Flight>();
  readonly #cache = new Map<string, { expiresAt: number; response: SentryResponse }>();
  readonly #budgets = new Map<string, EndpointBudget>();
  readonly #slotWaiters: SlotWaiter[] = [];
  #active = 0;

  readonly #transport: Transport;

  constructor(transport: Transport, options: Partial<SchedulerOptions> = {}) {
    this.#transport = transport;
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    this.options.maxConcurrent = Math.max(1, Math.floor(this.options.maxConcurrent));
  }

  get target(): string {
    return this.#transport.target;
  }

  /** Resolves with a 2xx response or rejects with a SentryError. */
  execute(request: SentryRequest, options: ExecuteOptions = {}): Promise<SentryResponse> {
    const { signal, cacheTtlMs } = options;
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    const key = requestKey(request);
    if (cacheTtlMs) {
      const hit = this.#cache.get(key);
      if (hit && hit.expiresAt > this.options.clock.now()) {
        this.stats.cacheHits++;
        return Promise.resolve(hit.response);
      }
    }
    let flight = this.#flights.get(key);
    // A flight whose callers all left is being cancelled: a caller arriving now (a re-run) needs its own.
    if (flight && !flight.controller.signal.aborted) {
      this.stats.coalesced++;
      if (options.rateLimit) {
        flight.waits.push(options.rateLimit);
      }
    } else {
      const waits = [
        options.rateLimit ?? new RateLimitWait(this.options.clock.now(), this.options.rateLimitDeadlineMs),
      ];
      const controller = new AbortController();
      const promise = this.#run(request, { controller, waits }, options).then((response) => {
        if (cacheTtlMs) {
          this.#remember(key, response, cacheTtlMs);
        }
        return response;
      });
      const created: Flight = { promise, controller, waiters: 0, waits };
      flight = created;
      this.#flights.set(key, created);
      // Settles even when every caller has gone (handling the failure keeps an abandoned one from being unhandled);
      // a re-run may have started a successor under the same key, which stays.
      const land = () => {
        if (this.#flights.get(key) === created) {
          this.#flights.delete(key);
        }
      };
      promise.then(land, land);
    }
    return signal ? join(flight, signal) : follow(flight);
  }

  /** Drops cached answers, e.g. after the settings change. */
  clearCache(): void {
    this.#cache.clear();
  }

  #remember(key: string, response: SentryResponse, ttlMs: number) {
    this.#cache.delete(key);
    this.#cache.set(key, { expiresAt: this.options.clock.now() + ttlMs, response });
    while (this.#cache.size > this.options.cacheEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#cache.delete(oldest);
    }
  }

  async #run(request: SentryRequest, flight: Run, context: ExecuteOptions): Promise<SentryResponse> {
    const { signal } = flight.controller;
    const budget = this.#budgetFor(request.path);
    const errorContext: ErrorContext = {
      target: context.target ?? this.#transport.target,
      requiredScope: context.requiredScope,
    };
    let retries = 0;
    let limited = 0;
    /** Sentry's words in its last 429, for a failure that names the wait. */
    let said: string | undefined;
    for (;;) {
      const send = await this.#acquireSendPermit(budget, flight, request.path, said);
      let response: SentryResponse | undefined;
      let failure: unknown;
      try {
        response = await this.#sendOnce(request, flight.controller);
      } catch (error) {
        failure = error;
      } finally {
        const rejected = response?.status === 429 ? errorFromResponse(response, errorContext) : undefined;
        said = rejected?.detail ?? said;
        budget.answered(send, this.options.clock.now(), response?.headers, response?.status, rejected?.detail);
        this.#releaseSlot(budget);
      }
      if (!response) {
        if (failure instanceof SentryError && failure.kind === 'unreachable' && retries < this.options.maxRetries) {
          this.stats.retries++;
          await this.options.clock.sleep(this.#backoff(retries++), signal);
          continue;
        }
        throw failure;
      }
      if (response.status >= 200 && response.status < 300) {
        return response;
      }
      const final = context.finalStatuses?.includes(response.status);
      if (response.status === 429) {
        this.stats.rateLimited++;
        const remaining = Number(response.headers['x-sentry-rate-limit-remaining'] ?? NaN);
        if (!final && Number.isFinite(remaining) && ++limited < MAX_RATE_LIMITED_ATTEMPTS) {
          // Sentry told us its limits: wait as long as they need, within the query's deadline.
          this.stats.retries++;
          if (remaining > 0) {
            // Room in the window, so the concurrency limit refused it: others' requests will end soon.
            await this.#rateLimitSleep(flight, this.#backoff(limited - 1), request.path, said);
          }
          // Otherwise the next permit waits for the window.
          continue;
        }
      }
      const retryable = !final && (response.status === 429 || isRetryableStatus(response.status));
      if (!retryable || retries >= this.options.maxRetries) {
        throw errorFromResponse(response, errorContext);
      }
      this.stats.retries++;
      await this.options.clock.sleep(this.#retryDelay(response, retries++), signal);
    }
  }

  /** One attempt, on the flight's own signal: a timeout aborts the flight, since a timed-out request is not retried. */
  async #sendOnce(request: SentryRequest, controller: AbortController): Promise<SentryResponse> {
    const { signal } = controller;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    this.stats.sent++;
    try {
      return await this.#transport.send(request, signal, { maxBytes: this.options.maxResponseBytes });
    } catch (error) {
      if (timedOut) {
        throw new SentryError(
          'timeout',
          `Sentry did not answer within ${formatDuration(this.options.timeoutMs)} (${request.path}).`
        );
      }
      if (signal.aborted || (error instanceof TransportError && error.kind === 'cancelled')) {
        throw cancelledError();
      }
      // Neither is retried: the same request gets the same answer.
      if (error instanceof TransportError && error.kind === 'too-large') {
        throw tooLargeError(request.path, this.options.maxResponseBytes ?? 0);
      }
      if (error instanceof TransportError && error.kind === 'redirect') {
        throw new SentryError('redirected', error.message);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new SentryError(
        'unreachable',
        asSentence(`Could not reach Sentry at ${this.#transport.target}: ${reason}`)
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for a concurrency slot and for the endpoint's rate limit to have room, then counts the send. */
  async #acquireSendPermit(budget: EndpointBudget, flight: Run, path: string, said?: string) {
    const { clock } = this.options;
    const { signal } = flight.controller;
    for (;;) {
      await this.#acquireSlot(budget, signal);
      const now = clock.now();
      const decision = budget.decide(now);
      if (decision.kind === 'send') {
        return budget.send(now);
      }
      // Don't hold a slot while waiting: other endpoints have their own limits.
      this.#releaseSlot(budget);
      this.stats.paced++;
      if (decision.kind === 'wait') {
        // Clients sharing the budget spread out rather than return together.
        const jitter = budget.others > 0 ? this.#jitter(Math.min(decision.ms, budget.windowMs, 1000) / 4) : 0;
        await this.#rateLimitSleep(flight, decision.ms + jitter, path, said);
      } else {
        // An answer in flight will say more; or the budget returns meanwhile.
        await this.#untilAnswer(budget, budget.nextReturn(now) - now, signal);
        this.#addWait(flight, clock.now() - now);
      }
    }
  }

  /** Sleeps `ms` for Sentry's rate limit, or fails at once when that passes the deadline of every query waiting. */
  async #rateLimitSleep(flight: Run, ms: number, path: string, said?: string) {
    const { clock } = this.options;
    const now = clock.now();
    const latest = flight.waits.reduce((a, b) => (b.deadlineAt > a.deadlineAt ? b : a));
    if (now + ms > latest.deadlineAt) {
      throw rateLimitWaitError(path, ms, latest, now, said);
    }
    await clock.sleep(ms, flight.controller.signal);
    this.#addWait(flight, clock.now() - now);
  }

  #addWait(flight: Run, ms: number) {
    for (const wait of flight.waits) {
      wait.waitedMs += ms;
    }
  }

  /** Until the next answer on the endpoint, or `maxMs`. */
  async #untilAnswer(budget: EndpointBudget, maxMs: number, signal: AbortSignal) {
    const timer = new AbortController();
    const onAbort = () => timer.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const slept = this.options.clock.sleep(Math.max(0, maxMs), timer.signal).catch(() => undefined);
      await Promise.race([budget.nextAnswer(), slept]);
    } finally {
      timer.abort();
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) {
      throw cancelledError();
    }
  }

  #acquireSlot(budget: EndpointBudget, signal: AbortSignal): Promise<void> {
    if (this.#hasRoom(budget)) {
      this.#take(budget);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: SlotWaiter = {
        budget,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#slotWaiters.indexOf(waiter);
        if (index >= 0) {
          this.#slotWaiters.splice(index, 1);
        }
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#slotWaiters.push(waiter);
    });
  }

  #hasRoom(budget: EndpointBudget): boolean {
    if (this.#active >= this.options.maxConcurrent) {
      return false;
    }
    return budget.concurrentLimit === undefined || budget.slots < budget.concurrentLimit;
  }

  #take(budget: EndpointBudget) {
    this.#active++;
    budget.slots++;
  }

  #releaseSlot(budget: EndpointBudget) {
    this.#active--;
    budget.slots--;
    for (let i = 0; i < this.#slotWaiters.length && this.#active < this.options.maxConcurrent;) {
      const waiter = this.#slotWaiters[i];
      if (this.#hasRoom(waiter.budget)) {
        this.#slotWaiters.splice(i, 1);
        this.#take(waiter.budget);
        waiter.resolve();
      } else {
        i++;
      }
    }
  }

  #retryDelay(response: SentryResponse, retries: number): number {
    const retryAfter = Number(response.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter > 0) {
      return Math.min(this.options.backoffMaxMs, retryAfter * 1000) + this.#jitter(100);
    }
    return this.#backoff(retries);
  }

  /** Exponential, capped, with "equal jitter": half fixed, half random. */
  #backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** attempt);
    return ceiling / 2 + this.#jitter(ceiling / 2);
  }

  #jitter(maxMs: number): number {
    return Math.floor(this.options.random() * maxMs);
  }

  #budgetFor(path: string): EndpointBudget {
    const key = endpointKey(path);
    let budget = this.#budgets.get(key);
    if (!budget) {
      budget = new EndpointBudget(this.options.random);
      this.#budgets.set(key, budget);
    }
    return budget;
  }
}

/** Sentry limits per endpoint, not per URL: ids, slugs and versions in the path share one budget. */
export function endpointKey(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const previous = out[out.length - 1];
    const segment = segments[i];
    if (segment === '') {
      out.push(segment);
    } else if (previous === 'organizations' || previous === 'teams' || previous === 'projects') {
      out.push('{org}');
      if ((previous === 'teams' || previous === 'projects') && segments[i + 1]) {
        out.push('{id}');
        i++;
      }
    } else if (previous === 'issues' || previous === 'releases') {
      out.push('{id}');
    } else if (previous === 'tags' && segments[i + 1] === 'values') {
      out.push('{key}');
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

export function cancelledError(): SentryError {
  return new SentryError('cancelled', 'The request was cancelled.');
}

/** A caller that cannot go away (no signal) waits for the flight itself. */
function follow(flight: Flight): Promise<SentryResponse> {
  flight.waiters++;
  return flight.promise;
}

function join(flight: Flight, signal: AbortSignal): Promise<SentryResponse> {
  flight.waiters++;
  return new Promise<SentryResponse>((resolve, reject) => {
    let settled = false;
    const leave = () => {
      settled = true;
      flight.waiters--;
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) {
        return;
      }
      leave();
      if (flight.waiters === 0) {
        flight.controller.abort();
      }
      reject(cancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    flight.promise.then(
      (response) => {
        if (!settled) {
          leave();
          resolve(response);
        }
      },
      (error) => {
        if (!settled) {
          leave();
          reject(error);
        }
      }
    );
  });
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
