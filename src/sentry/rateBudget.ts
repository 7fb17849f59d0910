/**
 * What one client knows of Sentry's rate limit on one endpoint, and when it may send there next.
 *
 * Sentry counts requests per caller and endpoint in a window, 1 s unless the endpoint says otherwise
 * (`RateLimit(limit, 1)` in sentry/ratelimits/config.py; a 429's message names it: "Limit is 40 requests in
 * 1 seconds"), and answers with X-Sentry-Rate-Limit-Limit, -Remaining (0 once limited) and -Reset (the start of
 * the next window bucket, whole epoch seconds) (sentry/middleware/ratelimit.py, sentry/ratelimits/utils.py).
 * Other clients of the same token, other browser tabs, spend the same budget: a client learns of them only from
 * Remaining. The model below holds for Sentry's fixed buckets and for a rolling window alike:
 * - a request of ours leaves the count one window after it was sent (rolling); until a 429 has named the window,
 *   also not before the reset Sentry reported with it (fixed buckets longer than the 1 s guessed). A rolling
 *   count may outlast the reported reset: Sentry's header names the next bucket, and other limiters name the
 *   whole second by which the oldest request leaves, a second late;
 * - requests of others that Remaining showed leave one window after we saw them, likewise;
 * - with others present, the budget left is spread over the time until it returns instead of sent at once, and
 *   a 429 they share halves how many requests this client sends per window, each answer raising it by about one
 *   per window ("additive increase, multiplicative decrease", as TCP shares a link): clients that learn of each
 *   other only from Remaining share the budget without running it over for long.
 */
import type { QueryResultMetaNotice } from '@grafana/data';
import { SentryError } from './errors';
import { withNotices } from './frames';

/** Sentry's default API window. */
export const DEFAULT_RATE_WINDOW_MS = 1000;
/** Slack for requests that take different times to reach Sentry. */
const WINDOW_MARGIN_MS = 25;
/** The fewest requests per window a client backs off to: one in 8 windows. */
const MIN_PACE = 1 / 8;

interface Send {
  at: number;
  /** When Sentry no longer counts it. */
  leavesAt: number;
  answered: boolean;
}

export type SendDecision = { kind: 'send' } | { kind: 'wait'; ms: number } | { kind: 'answer' };

export class EndpointBudget {
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  limit?: number;
  /** Remaining as of `observedAt`. */
  remaining?: number;
  observedAt = -Infinity;
  /** Epoch ms of the reset Sentry last reported. */
  resetAt?: number;
  concurrentLimit?: number;
  /** Sentry's window: 1 s until a 429's message names it. */
  windowMs = DEFAULT_RATE_WINDOW_MS;
  windowKnown = false;
  /** Requests of other clients that Sentry counted at `observedAt`. */
  others = 0;
  /** Requests per window this client allows itself while sharing the budget (AIMD); Infinity alone. */
  pace = Infinity;
  /** Sent, not answered. */
  inFlight = 0;
  /** Concurrency slots held (counted before sending, unlike inFlight). */
  slots = 0;
  #sends: Send[] = [];
  #lastSendAt = -Infinity;
  /** Drawn at each send: clients backing off together come back at different times ("equal jitter"). */
  #spread = 1;
  /** Last time Sentry showed requests of others, and last time a 429 cut the pace. */
  #sharedAt = -Infinity;
  #cutAt = -Infinity;
  /** When the request behind the last observation was sent. */
  #observedSendAt = -Infinity;
  #answerWaiters: Array<() => void> = [];

  /** Counts a request sent now. */
  send(now: number): Send {
    const send = { at: now, leavesAt: now + this.windowMs + WINDOW_MARGIN_MS, answered: false };
    this.#sends.push(send);
    this.#lastSendAt = now;
    this.#spread = 0.5 + this.#random() / 2;
    this.inFlight++;
    return send;
  }

  /** The answer to `send` (undefined headers: none came, e.g. the network failed). */
  answered(send: Send, now: number, headers?: Record<string, string>, status?: number, detail?: string) {
    this.inFlight--;
    send.answered = true;
    if (status === 429 && detail) {
      const named = /Limit is \d+ requests in (\d+(?:\.\d+)?) seconds?/.exec(detail);
      if (named) {
        this.windowMs = Math.max(1, Number(named[1]) * 1000);
        this.windowKnown = true;
      }
    }
    if (headers) {
      this.#observe(send, now, headers);
      this.#adjustPace(now, status === 429 && headers['x-sentry-rate-limit-remaining'] === '0');
    }
    if (this.limit === undefined) {
      // No limits known (e.g. older self-hosted sends no headers): nothing to count.
      this.#sends = this.#sends.filter((s) => s !== send);
    }
    const waiters = this.#answerWaiters;
    this.#answerWaiters = [];
    waiters.forEach((wake) => wake());
  }

  /** Resolves at the next answer to any request on this endpoint. */
  nextAnswer(): Promise<void> {
    return new Promise((resolve) => this.#answerWaiters.push(resolve));
  }

  #observe(send: Send, now: number, headers: Record<string, string>) {
    const limit = intHeader(headers, 'x-sentry-rate-limit-limit');
    const remaining = intHeader(headers, 'x-sentry-rate-limit-remaining');
    const reset = intHeader(headers, 'x-sentry-rate-limit-reset');
    const concurrentLimit = intHeader(headers, 'x-sentry-rate-limit-concurrentlimit');
    if (concurrentLimit !== undefined && concurrentLimit > 0) {
      this.concurrentLimit = concurrentLimit;
    }
    if (limit === undefined || remaining === undefined) {
      return;
    }
    this.limit = limit;
    // A reset already past says our clock runs ahead of Sentry's: rely on the window alone.
    const resetAt = reset !== undefined && reset * 1000 > now ? reset * 1000 : undefined;
    if (this.windowKnown) {
      send.leavesAt = send.at + this.windowMs + WINDOW_MARGIN_MS;
    } else if (resetAt !== undefined) {
      send.leavesAt = Math.max(send.leavesAt, resetAt);
    }
    if (send.at < this.#observedSendAt) {
      // An answer overtaken by that of a later request: Sentry counted it earlier, so it tells less.
      return;
    }
    this.#observedSendAt = send.at;
    this.remaining = remaining;
    this.observedAt = now;
    this.resetAt = resetAt;
    // Ours that Sentry had seen when it answered: sent no later than this request and still in the window.
    const ours = this.#sends.filter((s) => s.at <= send.at && s.leavesAt > now).length;
    this.others = Math.max(0, limit - remaining - ours);
  }

  #adjustPace(now: number, windowSpent: boolean) {
    if (this.others > 0) {
      this.#sharedAt = now;
    }
    if (windowSpent && this.others > 0) {
      // Once per window: the 429s of one burst are one event.
      if (now - this.#cutAt >= this.windowMs) {
        const ours = this.#sends.filter((s) => s.leavesAt > now).length;
        this.pace = Math.max(MIN_PACE, Math.min(this.pace, Math.max(1, ours)) / 2);
        this.#cutAt = now;
      }
    } else if (now - this.#sharedAt > 2 * this.windowMs) {
      this.pace = Infinity;
    } else if (Number.isFinite(this.pace)) {
      this.pace = Math.min(this.limit ?? Infinity, this.pace < 1 ? this.pace * 2 : this.pace + 1 / this.pace);
    }
  }

  /** Whether a request may go now, else how to wait for one to be allowed. */
  decide(now: number): SendDecision {
    if (this.limit === undefined || this.remaining === undefined) {
      return { kind: 'send' };
    }
    this.#prune(now);
    let firstLeave = Infinity;
    let ours = 0;
    for (const s of this.#sends) {
      if (s.leavesAt > now) {
        ours++;
        firstLeave = Math.min(firstLeave, s.leavesAt);
      }
    }
    // The earliest time every rule allows: our own count, Sentry's, our pace, and the spread of what is left.
    let next = ours >= this.limit ? firstLeave : now;
    const available = this.#available(now);
    if (available <= 0) {
      if (this.inFlight > 0) {
        return { kind: 'answer' };
      }
      next = Math.max(next, this.nextReturn(now));
    } else if (this.others > 0) {
      const horizon = Math.max(this.resetAt ?? 0, this.observedAt + this.windowMs + WINDOW_MARGIN_MS);
      next = Math.max(next, this.#lastSendAt + Math.max(0, horizon - now) / available);
    }
    if (Number.isFinite(this.pace)) {
      next = Math.max(next, this.#lastSendAt + (this.windowMs / this.pace) * this.#spread);
    }
    return next > now ? { kind: 'wait', ms: next - now } : { kind: 'send' };
  }

  /** When a request counted at the last answer next leaves the count. */
  nextReturn(now: number): number {
    let next = Infinity;
    for (const s of this.#sends) {
      if (s.answered && s.leavesAt > now) {
        next = Math.min(next, s.leavesAt);
      }
    }
    const othersLeave = this.#othersLeaveAt();
    if (this.others > 0 && othersLeave > now) {
      next = Math.min(next, othersLeave);
    }
    return Number.isFinite(next) ? next : now + this.windowMs;
  }

  /** Requests Sentry would still accept now, by the last answer and what has left the count since. */
  #available(now: number): number {
    // Requests in flight: Sentry may not have counted them yet when it answered.
    let available = (this.remaining ?? 0) - this.inFlight;
    for (const s of this.#sends) {
      if (s.answered && s.leavesAt > this.observedAt && s.leavesAt <= now) {
        available++;
      }
    }
    if (this.others > 0 && now >= this.#othersLeaveAt()) {
      available += this.others;
    }
    return Math.min(available, this.limit ?? available);
  }

  #othersLeaveAt(): number {
    const windowEnd = this.observedAt + this.windowMs + WINDOW_MARGIN_MS;
    return this.windowKnown ? windowEnd : Math.max(windowEnd, this.resetAt ?? 0);
  }

  /** Forgets requests that had left the count before both now and the last answer. */
  #prune(now: number) {
    const before = Math.min(now, this.observedAt);
    if (this.#sends.length > 0 && this.#sends[0].leavesAt <= before) {
      this.#sends = this.#sends.filter((s) => !s.answered || s.leavesAt > before);
    }
  }
}

/** One query's wait for Sentry's rate limit: how long it may wait, and how long it has waited. */
export class RateLimitWait {
  waitedMs = 0;
  readonly deadlineAt: number;

  constructor(
    startedAt: number,
    /** The longest wait for Sentry's rate limit, counted from `startedAt`. */
    readonly limitMs: number
  ) {
    this.deadlineAt = startedAt + limitMs;
  }

  /** The frame notice saying how long the query waited, once it is a second or more. */
  notice(): string | undefined {
    const seconds = Math.round(this.waitedMs / 1000);
    return seconds >= 1 ? `waited ${seconds} s for Sentry's rate limit` : undefined;
  }

  /** `frame` with the notice, if any. */
  addTo<F extends { meta?: { notices?: QueryResultMetaNotice[] } }>(frame: F): F {
    const text = this.notice();
    return withNotices(frame, text ? [{ severity: 'info', text }] : []);
  }
}

/** The failure when Sentry's rate limit needs a longer wait than the query may take. */
export function rateLimitWaitError(path: string, needMs: number, wait: RateLimitWait, now: number, said?: string) {
  const left = Math.max(0, Math.floor((wait.deadlineAt - now) / 1000));
  return new SentryError(
    'rate-limited',
    `Sentry's rate limit on ${path} needs a wait of ${Math.ceil(needMs / 1000)} s before the next request, ` +
      `beyond the ${Math.round(wait.limitMs / 1000)} s a query waits for it (${left} s left)` +
      (said ? `. Sentry said: ${said.replace(/\.$/, '')}` : '') +
      '. Try again later or refresh less often.',
    429,
    said
  );
}

function intHeader(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? Math.floor(value) : undefined;
}
