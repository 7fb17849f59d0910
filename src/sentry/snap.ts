/**
 * Ranges snapped to a grid, so that two viewers of a panel, or two refreshes of it within one bucket, send
 * byte-identical requests (which the scheduler shares while in flight, and a shared HTTP cache can answer).
 *
 * Series snap to their bucket size: `start` down to the start of its bucket, `end` up to the end of the bucket it
 * falls in, so the last, incomplete bucket is still asked for and the first bucket is counted whole. Sentry buckets
 * on the same epoch-aligned grid (events-stats zero-fills from the bucket holding `start`; sessions and stats_v2 widen
 * the range to whole intervals themselves), so the answer covers what it covered before, with a complete first bucket
 * instead of a part of one. Tables and lists snap to one minute. Frames keep every bucket Sentry returns, the one
 * holding the panel's `from` included: Grafana draws the panel's range and clips what lies before it.
 */
import type { TimeRange } from './endpoints';

export const MINUTE_MS = 60_000;

/** Start down and end up to multiples of `grainMs` (epoch-aligned); never an end before the start. */
export function snapRange(range: TimeRange, grainMs: number = MINUTE_MS): TimeRange {
  const from = floorTo(range.from.getTime(), grainMs);
  const to = Math.max(from, ceilTo(range.to.getTime(), grainMs));
  return { from: new Date(from), to: new Date(to) };
}

export function floorTo(ms: number, grainMs: number): number {
  return Math.floor(ms / grainMs) * grainMs;
}

export function ceilTo(ms: number, grainMs: number): number {
  return Math.ceil(ms / grainMs) * grainMs;
}
