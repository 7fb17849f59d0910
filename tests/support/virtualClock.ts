import type { Clock } from '../../src/sentry/scheduler';

/** A clock whose sleeps return at once and move time forward, recording what was asked for. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = Date.UTC(2026, 4, 1, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      throw new Error('aborted');
    }
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
  }
}

interface Timer {
  at: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Virtual time shared by many actors (several clients and the fake): a sleep returns once nothing else can run
 * (no pending promise work) and its time is the earliest asked for; time then jumps there. Only for work that
 * is all in process and waits on nothing but this clock.
 */
export class SimulatedClock implements Clock {
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];
  private pumping = false;

  constructor(public time = Date.UTC(2026, 4, 1, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(new Error('aborted'));
    }
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.pump();
    });
  }

  /** Fires the earliest timers after the promise work queued so far has run (setImmediate comes after it). */
  private pump() {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      if (this.timers.length === 0) {
        return;
      }
      const at = Math.min(...this.timers.map((t) => t.at));
      const due = this.timers.filter((t) => t.at === at);
      this.timers = this.timers.filter((t) => t.at !== at);
      this.time = Math.max(this.time, at);
      due.forEach((t) => t.resolve());
      if (this.timers.length > 0) {
        this.pump();
      }
    });
  }
}
