// The demo metrics of one scenario: live counters at any time, their exposition, and their history.

import { MINUTE } from '../../fake-sentry/scenario';
import { renderExposition, renderHistory } from './exposition';
import { DEMO_ENVIRONMENTS, DEMO_SERVICES, DemoScenario, GroupSnapshot, toSnapshot, Track } from './model';

export interface DemoMetricsOptions {
  scenario: DemoScenario;
  /** Counters count from here (ms). Default: the clock at creation. */
  origin?: number;
  /** Scrape time source (ms). Default Date.now. */
  clock?: () => number;
  /** Per-minute traffic noise; off gives the model's smooth curves. Default on. */
  noise?: boolean;
}

export interface HistoryOptions {
  /** Default: the clock. */
  end?: number;
  /** Default one minute. */
  stepMs?: number;
  labels?: Record<string, string>;
}

export interface DemoMetrics {
  readonly scenario: DemoScenario;
  readonly origin: number;
  readonly clock: () => number;
  /** Counter values of every current series group at time t (default: the clock). */
  snapshot(t?: number): GroupSnapshot[];
  /** Prometheus text exposition format 0.0.4 at time t (default: the clock). */
  render(t?: number): string;
  /**
   * OpenMetrics text of every series from the origin to `end`, one point per step, for promtool's backfill.
   * `labels` are added to every series: the `job` and `instance` Prometheus' scrape adds, so the history and the
   * live scrapes are the same series.
   */
  history(options?: HistoryOptions): Generator<string>;
}

export function createDemoMetrics(options: DemoMetricsOptions): DemoMetrics {
  const { scenario } = options;
  const clock = options.clock ?? Date.now;
  const origin = options.origin ?? clock();
  const noise = options.noise ?? true;
  const tracks = DEMO_SERVICES.flatMap((service) =>
    DEMO_ENVIRONMENTS.map((env) => new Track(scenario, service, env, origin, noise))
  );

  const snapshot = (t = clock()): GroupSnapshot[] => tracks.map((track) => toSnapshot(track, track.valueAt(t)));

  return {
    scenario,
    origin,
    clock,
    snapshot,
    render: (t = clock()) => renderExposition(snapshot(t), scenario, origin),
    history: ({ end = clock(), stepMs = MINUTE, labels = {} } = {}) =>
      renderHistory(scenario, origin, noise, end, stepMs, labels),
  };
}
