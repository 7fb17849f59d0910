/**
 * Expected bands for a time series, learnt from the same series one period (a day, a week) earlier: for each
 * bucket, the median of the baseline buckets around the same time of the earlier period is the centre, and
 * k robust standard deviations (1.4826 × the median absolute deviation) either side are the bounds. Counts get
 * a Poisson floor on the spread, so quiet series do not flag ordinary noise. Pure functions, no Grafana.
 */

/** Scales a median absolute deviation to a standard deviation for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;
export const DEFAULT_ANOMALY_K = 3;
export const DEFAULT_ANOMALY_WINDOW = 6;
export const MAX_ANOMALY_K = 100;
export const MAX_ANOMALY_WINDOW = 100;
/** For data that are not counts: the half-width is at least this share of the centre. */
export const DEFAULT_MIN_RELATIVE_WIDTH = 0.05;

export const ANOMALY_PERIOD_MS = {
  previousDay: 24 * 3_600_000,
  previousWeek: 7 * 24 * 3_600_000,
} as const;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of the absolute deviations from `centre`. */
export function medianAbsoluteDeviation(values: readonly number[], centre: number): number {
  return median(values.map((v) => Math.abs(v - centre))) ?? 0;
}

export interface BandOptions {
  /** Half-width in robust standard deviations. */
  k: number;
  /**
   * Counts (count(), count_unique()…): the half-width is at least k·√centre (Poisson) and at least 1, and the
   * lower bound is never below 0.
   */
  countLike: boolean;
  /** Data that are not counts: the half-width is at least this share of |centre|. Default 0.05. */
  minRelativeWidth?: number;
}

export interface BandPoint {
  centre: number;
  lower: number;
  upper: number;
}

/** The band of one bucket from the baseline values around it; null without values. */
export function bandFromValues(values: readonly number[], options: BandOptions): BandPoint | null {
  const centre = median(values);
  if (centre === null) {
    return null;
  }
  let half = options.k * MAD_TO_SIGMA * medianAbsoluteDeviation(values, centre);
  if (options.countLike) {
    half = Math.max(half, options.k * Math.sqrt(Math.max(centre, 0)), 1);
  } else {
    half = Math.max(half, (options.minRelativeWidth ?? DEFAULT_MIN_RELATIVE_WIDTH) * Math.abs(centre));
  }
  const lower = centre - half;
  return { centre, lower: options.countLike ? Math.max(0, lower) : lower, upper: centre + half };
}

export interface SeriesPoints {
  /** Bucket starts, epoch ms. */
  times: readonly number[];
  values: ReadonlyArray<number | null>;
}

export interface AnomalyBandInput extends BandOptions {
  current: SeriesPoints;
  /** The same series over the earlier period (see baselineRange), at the same bucket size. */
  baseline: SeriesPoints;
  /** How far back the baseline is: a baseline bucket at t is compared with the current bucket at t + shiftMs. */
  shiftMs: number;
  intervalMs: number;
  /** Baseline buckets per window, centred on the same time of the earlier period (see windowOffsets). */
  window: number;
  /** The queried range: buckets it covers only in part have their expected count scaled down (counts only). */
  range?: { from: number; to: number };
  /** Fewest baseline values a window needs for a band. Default half the window, at least 1. */
  minSamples?: number;
}

export interface AnomalyBandResult {
  baseline: Array<number | null>;
  upper: Array<number | null>;
  lower: Array<number | null>;
  /** 1 where the value is above upper or below lower, else 0 (also where there is no value or no band). */
  anomaly: number[];
}

/**
 * Offsets, in buckets, of a window of `size` centred on 0 (one more in the past when the size is even), moved
 * back when it would reach more than `maxForward` buckets ahead.
 */
export function windowOffsets(size: number, maxForward = Number.POSITIVE_INFINITY): number[] {
  const n = Math.max(1, Math.floor(size));
  const first = Math.min(-Math.floor(n / 2), Math.max(0, maxForward) - (n - 1));
  return Array.from({ length: n }, (_, i) => first + i);
}

/**
 * Buckets a baseline window may reach ahead of the same time one period earlier: less than half the period,
 * so with coarse buckets (a day against the previous day) it never reads the period being judged.
 */
export function maxForwardBuckets(shiftMs: number, intervalMs: number): number {
  return Math.max(0, Math.ceil(shiftMs / 2 / intervalMs) - 1);
}

/** The range to fetch the baseline for, so every window of the current range is complete. */
export function baselineRange(
  range: { from: number; to: number },
  shiftMs: number,
  intervalMs: number,
  window: number
): { from: number; to: number } {
  const offsets = windowOffsets(window, maxForwardBuckets(shiftMs, intervalMs));
  // Buckets start at multiples of the interval: the first one at or before `from`, the last one before `to`.
  const firstBucket = Math.floor(range.from / intervalMs) * intervalMs;
  const endOfLastBucket = Math.ceil(range.to / intervalMs) * intervalMs;
  return {
    from: firstBucket - shiftMs + offsets[0] * intervalMs,
    to: endOfLastBucket - shiftMs + offsets[offsets.length - 1] * intervalMs,
  };
}

export function anomalyBand(input: AnomalyBandInput): AnomalyBandResult {
  const byTime = new Map<number, number>();
  input.baseline.times.forEach((t, i) => {
    const v = input.baseline.values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      byTime.set(t, v);
    }
  });
  const offsets = windowOffsets(input.window, maxForwardBuckets(input.shiftMs, input.intervalMs));
  const minSamples = Math.max(1, input.minSamples ?? Math.ceil(offsets.length / 2));
  const out: AnomalyBandResult = { baseline: [], upper: [], lower: [], anomaly: [] };
  input.current.times.forEach((t, i) => {
    const samples: number[] = [];
    for (const offset of offsets) {
      const v = byTime.get(t - input.shiftMs + offset * input.intervalMs);
      if (v !== undefined) {
        samples.push(v);
      }
    }
    const coverage = input.countLike && input.range ? bucketCoverage(t, input.intervalMs, input.range) : 1;
    const band =
      samples.length >= minSamples && coverage > 0
        ? bandFromValues(
            samples.map((v) => v * coverage),
            input
          )
        : null;
    const value = input.current.values[i];
    out.baseline.push(band ? band.centre : null);
    out.upper.push(band ? band.upper : null);
    out.lower.push(band ? band.lower : null);
    out.anomaly.push(band && typeof value === 'number' && (value > band.upper || value < band.lower) ? 1 : 0);
  });
  return out;
}

/** Share of the bucket [t, t + interval) inside the range. */
function bucketCoverage(t: number, intervalMs: number, range: { from: number; to: number }): number {
  const covered = Math.min(t + intervalMs, range.to) - Math.max(t, range.from);
  return Math.max(0, Math.min(1, covered / intervalMs));
}
