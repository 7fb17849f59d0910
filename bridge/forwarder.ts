// Posts the outbox to Alertmanager (API v2) until it is acknowledged: failures are retried with a doubling backoff,
// never dropped. Every RESEND_INTERVAL_S the firing alerts go into the outbox again, since Alertmanager resolves an
// alert that is not re-sent within its resolve_timeout.

import { BridgeMetrics } from './metrics';
import { StateStore } from './state';
import { PostableAlert } from './types';

export interface ForwarderOptions {
  alertmanagerUrl: string | null;
  resendIntervalMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  requestTimeoutMs: number;
}

export class Forwarder {
  private flushing: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private backoffMs = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  private resendTimer: NodeJS.Timeout | null = null;
  private inFlight: AbortController | null = null;

  constructor(
    private readonly store: StateStore,
    private readonly metrics: BridgeMetrics,
    private readonly options: ForwarderOptions
  ) {}

  /** Re-send what fires (the state may come from before a restart) and post what was pending. */
  start(): void {
    this.resend();
    this.resendTimer = setInterval(() => this.resend(), this.options.resendIntervalMs);
    this.resendTimer.unref();
  }

  /** Queue every firing alert again. */
  resend(): void {
    const firing = this.store.state.firing;
    if (Object.keys(firing).length > 0) {
      this.store.update((state) => {
        for (const [key, alert] of Object.entries(state.firing)) {
          state.outbox[key] ??= alert;
        }
      });
    }
    this.kick();
  }

  /** Post the outbox now unless a post is under way or a backoff is pending. */
  kick(): void {
    if (this.stopped || this.wakeTimer) {
      return;
    }
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async flush(): Promise<void> {
    const url = this.options.alertmanagerUrl;
    while (!this.stopped && url) {
      const batch = Object.entries(this.store.state.outbox);
      if (batch.length === 0) {
        return;
      }
      let result = await this.post(
        url,
        batch.map(([, alert]) => alert)
      );
      let done = result === 'failed' ? [] : batch;
      if (result === 'rejected' && batch.length > 1) {
        // Alertmanager refuses the whole batch for one bad alert: find it by posting one at a time.
        done = [];
        for (const entry of batch) {
          const single = await this.post(url, [entry[1]]);
          if (single !== 'failed') {
            done.push(entry);
          }
        }
        result = done.length === batch.length ? 'sent' : 'failed';
      }
      this.forget(done);
      if (result === 'failed') {
        this.retryLater();
        return;
      }
      this.backoffMs = 0;
    }
  }

  /** Drop what Alertmanager acknowledged (or refused outright) from the outbox, unless a newer post replaced it. */
  private forget(entries: Array<[string, PostableAlert]>): void {
    if (entries.length === 0) {
      return;
    }
    this.store.update((state) => {
      for (const [key, sent] of entries) {
        if (state.outbox[key] !== undefined && JSON.stringify(state.outbox[key]) === JSON.stringify(sent)) {
          delete state.outbox[key];
        }
      }
    });
  }

  private retryLater(): void {
    if (this.stopped) {
      return;
    }
    this.metrics.retries.inc({ target: 'alertmanager' });
    this.backoffMs = Math.min(
      this.options.retryMaxMs,
      this.backoffMs ? this.backoffMs * 2 : this.options.retryInitialMs
    );
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.kick();
    }, this.backoffMs);
  }

  /** `rejected`: Alertmanager answered 400 (an alert it will never take); `failed`: down, or any other answer. */
  private async post(base: string, alerts: PostableAlert[]): Promise<'sent' | 'rejected' | 'failed'> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.options.requestTimeoutMs);
    try {
      const response = await fetch(`${base}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(alerts),
        signal: controller.signal,
      });
      await response.arrayBuffer();
      const result = response.ok ? 'sent' : response.status === 400 ? 'rejected' : 'failed';
      this.metrics.forwards.inc({
        target: 'alertmanager',
        outcome: response.ok ? 'success' : `http_${response.status}`,
      });
      return result;
    } catch {
      this.metrics.forwards.inc({ target: 'alertmanager', outcome: 'unreachable' });
      return 'failed';
    } finally {
      clearTimeout(timeout);
      this.inFlight = null;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resendTimer) {
      clearInterval(this.resendTimer);
    }
    if (this.wakeTimer) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    this.inFlight?.abort();
    await this.flushing;
  }
}
