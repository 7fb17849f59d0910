/**
 * One scheduler per data source instance: every request to Sentry goes through it. It caps concurrency,
 * paces requests from Sentry's X-Sentry-Rate-Limit-* headers, retries 429/5xx/network failures with
 * bounded exponential backoff and jitter, times requests out, shares identical in-flight GETs, caches
 * metadata for a short time, and stops work nobody waits for any more.
 */
import { ErrorContext, SentryError, asSentence, errorFromResponse, isRetryableStatus, tooLargeError } from './errors';
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

/** Longest wait for a rate-limit window that Sentry says is closed. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

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
}

export interface SchedulerStats {
  /** HTTP requests handed to the transport, retries included. */
  sent: number;
  retries: number;
  coalesced: number;
  cacheHits: number;
  /** 429 answers seen (each was retried or reported). */
  rateLimited: number;
  /** Times a request waited for Sentry's rate-limit window to reset before being sent. */
  paced: number;
}

/** What Sentry last told us about one endpoint's limits. */
interface EndpointBudget {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the current window ends. */
  resetAt?: number;
  concurrentLimit?: number;
  /** Sent since `remaining` was last read from a header: Sentry has not counted them for us yet. */
  sentSinceObserved: number;
  inFlight: number;
  /** Concurrency slots held for this endpoint (counted before sending, unlike inFlight). */
  slots: number;
}

interface Flight {
  promise: Promise<SentryResponse>;
  controller: AbortController;
  waiters: number;
}

interface SlotWaiter {
  budget: EndpointBudget;
  resolve: () => void;
}

export class RequestScheduler {
  readonly options: SchedulerOptions;
  readonly stats: SchedulerStats = { sent: 0, retries: 0, coalesced: 0, cacheHits: 0, rateLimited: 0, paced: 0 };
  private readonly flights = new Map<string, Flight>();
  private readonly cache = new Map<string, { expiresAt: number; response: SentryResponse }>();
  private readonly budgets = new Map<string, EndpointBudget>();
  private readonly slotWaiters: SlotWaiter[] = [];
  private active = 0;
  /** Each flight's controller, by its signal: an attempt that times out aborts the flight (timeouts are not retried). */
  private readonly flightControllers = new WeakMap<AbortSignal, AbortController>();

  constructor(
    private readonly transport: Transport,
    options: Partial<SchedulerOptions> = {}
  ) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    this.options.maxConcurrent = Math.max(1, Math.floor(this.options.maxConcurrent));
  }

  get target(): string {
    return this.transport.target;
  }

  /** Resolves with a 2xx response or rejects with a SentryError. */
  execute(request: SentryRequest, options: ExecuteOptions = {}): Promise<SentryResponse> {
    const { signal, cacheTtlMs } = options;
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    const key = requestKey(request);
    if (cacheTtlMs) {
      const hit = this.cache.get(key);
      if (hit && hit.expiresAt > this.options.clock.now()) {
        this.stats.cacheHits++;
        return Promise.resolve(hit.response);
      }
    }
    let flight = this.flights.get(key);
    // A flight whose callers all left is being cancelled: a caller arriving now (a re-run) needs its own.
    if (flight && !flight.controller.signal.aborted) {
      this.stats.coalesced++;
    } else {
      const controller = new AbortController();
      this.flightControllers.set(controller.signal, controller);
      const promise = this.run(request, controller.signal, options).then((response) => {
        if (cacheTtlMs) {
          this.remember(key, response, cacheTtlMs);
        }
        return response;
      });
      const created: Flight = { promise, controller, waiters: 0 };
      flight = created;
      this.flights.set(key, created);
      // Settles even when every caller has gone (handling the failure keeps an abandoned one from being unhandled);
      // a re-run may have started a successor under the same key, which stays.
      const land = () => {
        if (this.flights.get(key) === created) {
          this.flights.delete(key);
        }
      };
      promise.then(land, land);
    }
    return signal ? join(flight, signal) : follow(flight);
  }

  /** Drops cached answers, e.g. after the settings change. */
  clearCache(): void {
    this.cache.clear();
  }

  private remember(key: string, response: SentryResponse, ttlMs: number) {
    this.cache.delete(key);
    this.cache.set(key, { expiresAt: this.options.clock.now() + ttlMs, response });
    while (this.cache.size > this.options.cacheEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.cache.delete(oldest);
    }
  }

  private async run(request: SentryRequest, signal: AbortSignal, context: ExecuteOptions): Promise<SentryResponse> {
    const budget = this.budgetFor(request.path);
    const errorContext: ErrorContext = {
      target: context.target ?? this.transport.target,
      requiredScope: context.requiredScope,
    };
    for (let attempt = 0; ; attempt++) {
      await this.acquireSendPermit(budget, signal);
      let response: SentryResponse | undefined;
      let failure: unknown;
      try {
        response = await this.sendOnce(request, signal);
      } catch (error) {
        failure = error;
      } finally {
        budget.inFlight--;
        this.releaseSlot(budget);
      }
      if (!response) {
        if (failure instanceof SentryError && failure.kind === 'unreachable' && attempt < this.options.maxRetries) {
          this.stats.retries++;
          await this.options.clock.sleep(this.backoff(attempt), signal);
          continue;
        }
        throw failure;
      }
      this.observe(budget, response.headers);
      if (response.status >= 200 && response.status < 300) {
        return response;
      }
      if (response.status === 429) {
        this.stats.rateLimited++;
      }
      const retryable =
        !context.finalStatuses?.includes(response.status) &&
        (response.status === 429 || isRetryableStatus(response.status));
      if (!retryable || attempt >= this.options.maxRetries) {
        throw errorFromResponse(response, errorContext);
      }
      this.stats.retries++;
      await this.options.clock.sleep(this.retryDelay(response, budget, attempt), signal);
    }
  }

  /** One attempt, on the flight's own signal: a timeout aborts the flight, since a timed-out request is not retried. */
  private async sendOnce(request: SentryRequest, signal: AbortSignal): Promise<SentryResponse> {
    const controller = this.flightControllers.get(signal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller?.abort();
    }, this.options.timeoutMs);
    this.stats.sent++;
    try {
      return await this.transport.send(request, signal, { maxBytes: this.options.maxResponseBytes });
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
      throw new SentryError('unreachable', asSentence(`Could not reach Sentry at ${this.transport.target}: ${reason}`));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for a concurrency slot and for the endpoint's rate-limit window to have room, then counts the send. */
  private async acquireSendPermit(budget: EndpointBudget, signal: AbortSignal): Promise<void> {
    for (;;) {
      await this.acquireSlot(budget, signal);
      const wait = this.windowWait(budget);
      if (wait <= 0) {
        budget.sentSinceObserved++;
        budget.inFlight++;
        return;
      }
      // Don't hold a slot while waiting: other endpoints have their own windows.
      this.releaseSlot(budget);
      this.stats.paced++;
      await this.options.clock.sleep(wait + this.jitter(100), signal);
    }
  }

  /** Milliseconds to wait before this endpoint's window has room; 0 to send now. */
  private windowWait(budget: EndpointBudget): number {
    const now = this.options.clock.now();
    if (budget.resetAt !== undefined && now >= budget.resetAt) {
      // A new window has started: Sentry's counter is back at its limit.
      budget.remaining = budget.limit;
      budget.resetAt = undefined;
      budget.sentSinceObserved = 0;
    }
    if (budget.remaining === undefined || budget.remaining - budget.sentSinceObserved > 0) {
      return 0;
    }
    if (budget.resetAt === undefined) {
      // Out of budget with no known reset: wait for answers in flight to tell us, else try.
      return budget.inFlight > 0 ? this.options.backoffBaseMs : 0;
    }
    return budget.resetAt - now;
  }

  private acquireSlot(budget: EndpointBudget, signal: AbortSignal): Promise<void> {
    if (this.hasRoom(budget)) {
      this.take(budget);
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
        const index = this.slotWaiters.indexOf(waiter);
        if (index >= 0) {
          this.slotWaiters.splice(index, 1);
        }
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.slotWaiters.push(waiter);
    });
  }

  private hasRoom(budget: EndpointBudget): boolean {
    if (this.active >= this.options.maxConcurrent) {
      return false;
    }
    return budget.concurrentLimit === undefined || budget.slots < budget.concurrentLimit;
  }

  private take(budget: EndpointBudget) {
    this.active++;
    budget.slots++;
  }

  private releaseSlot(budget: EndpointBudget) {
    this.active--;
    budget.slots--;
    for (let i = 0; i < this.slotWaiters.length && this.active < this.options.maxConcurrent;) {
      const waiter = this.slotWaiters[i];
      if (this.hasRoom(waiter.budget)) {
        this.slotWaiters.splice(i, 1);
        this.take(waiter.budget);
        waiter.resolve();
      } else {
        i++;
      }
    }
  }

  private observe(budget: EndpointBudget, headers: Record<string, string>) {
    const limit = intHeader(headers, 'x-sentry-rate-limit-limit');
    const remaining = intHeader(headers, 'x-sentry-rate-limit-remaining');
    const reset = intHeader(headers, 'x-sentry-rate-limit-reset');
    const concurrentLimit = intHeader(headers, 'x-sentry-rate-limit-concurrentlimit');
    if (limit !== undefined) {
      budget.limit = limit;
    }
    if (remaining !== undefined) {
      budget.remaining = remaining;
      // Requests still in flight may not have been counted by Sentry yet.
      budget.sentSinceObserved = budget.inFlight;
    }
    if (reset !== undefined) {
      budget.resetAt = reset * 1000;
    }
    if (concurrentLimit !== undefined && concurrentLimit > 0) {
      budget.concurrentLimit = concurrentLimit;
    }
  }

  private retryDelay(response: SentryResponse, budget: EndpointBudget, attempt: number): number {
    const backoff = this.backoff(attempt);
    const retryAfter = Number(response.headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter > 0) {
      return Math.min(this.options.backoffMaxMs, retryAfter * 1000) + this.jitter(100);
    }
    if (response.status === 429 && budget.resetAt !== undefined) {
      // Sentry said when its window reopens: retrying sooner only earns another 429.
      const untilReset = budget.resetAt - this.options.clock.now();
      return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(untilReset, 0)) + this.jitter(backoff / 2);
    }
    return backoff;
  }

  /** Exponential, capped, with "equal jitter": half fixed, half random. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** attempt);
    return ceiling / 2 + this.jitter(ceiling / 2);
  }

  private jitter(maxMs: number): number {
    return Math.floor(this.options.random() * maxMs);
  }

  private budgetFor(path: string): EndpointBudget {
    const key = endpointKey(path);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = { sentSinceObserved: 0, inFlight: 0, slots: 0 };
      this.budgets.set(key, budget);
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

function intHeader(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? Math.floor(value) : undefined;
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
