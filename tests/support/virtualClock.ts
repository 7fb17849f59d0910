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
