/**
 * What one Sentry server can do, learnt from its answers and remembered per data source instance (sentry.io,
 * self-hosted Sentry of every age and region hosts differ): which endpoints and datasets exist, whether grouped
 * events-timeseries works on a dataset, and the finest bucket sizes it accepts. The user never picks.
 */
import type { ServedDataset } from './datasets';
import type { IntervalRule } from './interval';

export type CapabilityKey =
  /** The public events-timeseries endpoint (absent on older self-hosted Sentry: 404). */
  | 'eventsTimeseries'
  /** Grouped (top N) events-timeseries on a dataset (sentry.io answers 500 on errors and discover). */
  | `groupedTimeseries:${ServedDataset}`
  /** A dataset of the events endpoints (older self-hosted has no spans; newer Sentry retires discover, transactions). */
  | `dataset:${ServedDataset}`;

export class ServerCapabilities {
  readonly #known = new Map<CapabilityKey, boolean>();
  readonly #probes = new Map<CapabilityKey, Promise<boolean | undefined>>();
  readonly #floors = new Map<IntervalRule, number>();

  /** true or false once learnt; undefined while unknown. */
  get(key: CapabilityKey): boolean | undefined {
    return this.#known.get(key);
  }

  set(key: CapabilityKey, value: boolean): void {
    this.#known.set(key, value);
  }

  /** The smallest bucket the server asked for on the endpoint of an interval rule, once it has said. */
  intervalFloorMs(rule: IntervalRule): number | undefined {
    return this.#floors.get(rule);
  }

  learnIntervalFloor(rule: IntervalRule, ms: number): void {
    this.#floors.set(rule, Math.max(ms, this.#floors.get(rule) ?? 0));
  }

  /**
   * Runs `attempt` where the server has the capability and `fallback` where it lacks it. While it is unknown, the
   * first caller's attempt is the probe (`attempt(true)`) and other callers wait for its verdict, so a missing
   * capability costs one failed request per instance, however many panels ask at once. `lacks` tells a "missing"
   * answer from a failure that says nothing about the capability (those are thrown and leave it unknown).
   */
  async use<T>(
    key: CapabilityKey,
    attempt: (probe: boolean) => Promise<T>,
    fallback: () => Promise<T>,
    lacks: (error: unknown) => boolean
  ): Promise<T> {
    for (let pending = this.#probes.get(key); pending; pending = this.#probes.get(key)) {
      await pending;
    }
    const known = this.#known.get(key);
    if (known === false) {
      return fallback();
    }
    if (known === true) {
      return attempt(false);
    }
    let settle: (verdict: boolean | undefined) => void = () => undefined;
    this.#probes.set(
      key,
      new Promise((resolve) => {
        settle = resolve;
      })
    );
    let verdict: boolean | undefined;
    try {
      try {
        const result = await attempt(true);
        verdict = true;
        return result;
      } catch (error) {
        if (!lacks(error)) {
          throw error;
        }
      }
      // Marked missing only once the fallback works: the same answer can mean something else (a 404 for an
      // unknown environment), and then the fallback fails too.
      const result = await fallback();
      verdict = false;
      return result;
    } finally {
      if (verdict !== undefined) {
        this.#known.set(key, verdict);
      }
      this.#probes.delete(key);
      settle(verdict);
    }
  }
}
