/**
 * Expected bands for a time series, learnt from the same series one period (a day, a week) earlier, from the
 * baseline buckets around the same time of the earlier period (the window). Values that are not counts: the
 * median ± k robust standard deviations (1.4826 × the median absolute deviation). Counts: where the count falls
 * with the probability of a normal value within k standard deviations, given Poisson noise around the
 * baseline's rate (see countBand); counts that vary more than that still get median ± k·MAD. Pure functions,
 * no Grafana.
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
  /**
   * How strict: values that are not counts get k robust standard deviations either side; counts get the bounds
   * a count leaves with the one-sided probability of a normal value beyond k standard deviations (k = 3: 0.135 %).
   */
  k: number;
  /** Counts (count(), count_unique()…): a band for count noise (see countBand), never below 0. */
  countLike: boolean;
  /** Data that are not counts: the half-width is at least this share of |centre|. Default 0.05. */
  minRelativeWidth?: number;
  /** Counts: the share of a whole bucket the judged bucket covers (the baseline's buckets are whole). Default 1. */
  coverage?: number;
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
  if (options.countLike) {
    return countBand(values, centre, options.k, options.coverage ?? 1);
  }
  const half = Math.max(
    options.k * MAD_TO_SIGMA * medianAbsoluteDeviation(values, centre),
    (options.minRelativeWidth ?? DEFAULT_MIN_RELATIVE_WIDTH) * Math.abs(centre)
  );
  return { centre, lower: centre - half, upper: centre + half };
}

/** Jeffreys' prior on a Poisson rate: what a baseline of only zeros still allows. */
const RATE_PRIOR = 0.5;
/** Baseline values beyond what the default band of their median would allow are capped there. */
const OUTLIER_K = 3;

/**
 * The band of a count. A bucket's count is Poisson around its rate; the rate is known only from the n baseline
 * buckets, whose sum is S. With Jeffreys' prior on the rate, the count of the next bucket (a share c of a
 * bucket) is negative binomial with r = S + ½ and odds m = c/n: the Poisson law of the baseline's rate, made
 * wider by how little n buckets tell about it. The bounds are its quantiles at the tail probability of k
 * normal standard deviations (0.135 % each side at k = 3), so a quiet series flags at most about 0.3 % of its
 * buckets, whatever its rate: after six empty baseline buckets 3 events leave the band, where median ± k·√median
 * (at least ± 1) flagged 2.
 *
 * The rate is the mean of the baseline values, each capped at the default band of their median (a burst in the
 * baseline does not hide one now), not their median: Poisson counts at a rate below ln 2 have a median of 0. Counts
 * varying more than Poisson noise (dense series with their own swings) keep at least median ± k·1.4826·MAD.
 */
function countBand(values: readonly number[], centre: number, k: number, coverage: number): BandPoint {
  const n = values.length;
  const mad = medianAbsoluteDeviation(values, centre);
  const cap = Math.max(
    countQuantiles({ r: n * Math.max(0, centre) + RATE_PRIOR, m: 1 / n }, OUTLIER_K).upper,
    centre + OUTLIER_K * MAD_TO_SIGMA * mad
  );
  const sum = values.reduce((total, v) => total + Math.min(Math.max(v, 0), cap), 0);
  const bounds = countQuantiles({ r: sum + RATE_PRIOR, m: coverage / n }, k);
  const half = k * MAD_TO_SIGMA * mad * coverage;
  return {
    centre: (sum * coverage) / n,
    lower: Math.min(bounds.lower, Math.max(0, centre * coverage - half)),
    upper: Math.max(bounds.upper, centre * coverage + half),
  };
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
  /** The queried range: buckets it covers only in part expect a share of a bucket's count (counts only). */
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
    const band = samples.length >= minSamples && coverage > 0 ? bandFromValues(samples, { ...input, coverage }) : null;
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

// Count quantiles (see countBand), computed here rather than taken from a library: a few dozen lines. Exact
// sums of the probabilities, kept as logarithms so that k up to MAX_ANOMALY_K (tails near e^−5000) still works.
// Only where the law is close to normal (σ ≥ 50 and σ ≥ 2k²), where the sums would cost time in proportion to
// σ, the Cornish–Fisher expansion (normal quantile corrected for skew and kurtosis) gives them: it matches the
// exact sums there or is one count off where P(X ≤ x) lies within about 10⁻⁴ of p (tested).

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: Stirling's series (error < 1e-13 from 15 up), shifted there by Γ(x + 1) = x·Γ(x). */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/**
 * ln P(Z > k) for a standard normal Z: the one-sided tail beyond k standard deviations, the tail probability a
 * band of half-width k stands for. Logs, because k = 100 gives e^−5000.
 */
export function logNormalTail(k: number): number {
  const x = k / Math.SQRT2;
  if (x < 2.5) {
    // erf by its series of positive terms (no cancellation), erfc = 1 − erf.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    const erf = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
    return Math.log((1 - erf) / 2);
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated from the back.
  let fraction = x;
  for (let n = 80; n >= 1; n--) {
    fraction = x + n / 2 / fraction;
  }
  return -x * x - LOG_SQRT_PI - Math.log(fraction) - Math.LN2;
}

/** Below this standard deviation count quantiles are always summed exactly; above it, when σ ≥ 2k² too. */
export const CORNISH_FISHER_MIN_SD = 50;
/** Tail terms are summed until what is left is below this share of the sum. */
const NEGLIGIBLE = 1e-13;
/** Partial sums are scaled down past this, so sums across the mode do not overflow. */
const RESCALE = 1e200;

/**
 * The negative binomial law of a count: P(x) = Γ(x + r) / (Γ(r)·x!) · (1 + m)^−r · (m / (1 + m))^x, mean r·m,
 * variance r·m·(1 + m). As r grows with r·m fixed it becomes Poisson(r·m).
 */
export interface CountLaw {
  r: number;
  m: number;
}

/** The smallest count x with P(X < x) ≤ p and the smallest with P(X > x) ≤ p, for p = e^logTail (< ½). */
export function countQuantiles(law: CountLaw, k: number, logTail = logNormalTail(k)): { lower: number; upper: number } {
  const mean = law.r * law.m;
  const sd = Math.sqrt(mean * (1 + law.m));
  const approx = (z: number) => Math.max(0, Math.ceil(mean + sd * cornishFisher(z, law, sd) - 0.5));
  if (sd >= CORNISH_FISHER_MIN_SD && sd >= 2 * k * k) {
    return { lower: approx(-k), upper: approx(k) };
  }
  const exact = new Summation(law);
  return {
    lower: smallestWhere((x) => exact.logAtMost(x) > logTail, approx(-k)),
    upper: smallestWhere((x) => exact.logAbove(x) <= logTail, approx(k)),
  };
}

/** Cornish–Fisher quantile (in standard deviations) of a count law at the normal quantile z. */
function cornishFisher(z: number, { r, m }: CountLaw, sd: number): number {
  const skew = (1 + 2 * m) / sd;
  const kurtosis = 6 / r + 1 / (sd * sd);
  const w =
    z + ((z * z - 1) * skew) / 6 + ((z * z * z - 3 * z) * kurtosis) / 24 - ((2 * z * z * z - 5 * z) * skew * skew) / 36;
  // Corrections larger than z itself mean the expansion says nothing (very skewed laws): the normal quantile.
  return Math.abs(w - z) < Math.abs(z) ? w : z;
}

/** The smallest x ≥ 0 where `test` holds (false below some point, true from there): bracketed from a guess, bisected. */
function smallestWhere(test: (x: number) => boolean, guess: number): number {
  let lo: number; // test false (or −1)
  let hi: number; // test true
  const start = Math.min(guess, 1e10);
  let step = 1;
  if (test(start)) {
    hi = start;
    for (lo = hi - step; lo >= 0 && test(lo); lo = hi - step) {
      hi = lo;
      step *= 2;
    }
    lo = Math.max(lo, -1);
  } else {
    lo = start;
    for (hi = lo + step; !test(hi); hi = lo + step) {
      lo = hi;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

/** Exact tails: the probabilities summed in logs until what is left is negligible. */
class Summation {
  readonly #law: CountLaw;
  readonly #logQ: number;
  readonly #odds: number;
  readonly #mode: number;

  constructor(law: CountLaw) {
    this.#law = law;
    this.#logQ = -Math.log1p(law.m);
    this.#odds = law.m / (1 + law.m);
    this.#mode = law.r > 1 ? Math.floor((law.r - 1) * law.m) : 0;
  }

  /** ln P(X = x). */
  logP(x: number): number {
    const { r } = this.#law;
    return logGamma(x + r) - logGamma(r) - logGamma(x + 1) + r * this.#logQ + x * Math.log(this.#odds);
  }

  /** P(X = x + 1) / P(X = x). */
  ratio(x: number): number {
    return ((x + this.#law.r) / (x + 1)) * this.#odds;
  }

  /** ln P(X > x). */
  logAbove(x: number): number {
    // Terms relative to the first, rescaled when they grow (below the mode): plain products, no logs per term.
    let y = x + 1;
    let term = 1;
    let sum = 1;
    let scale = this.logP(y);
    for (;;) {
      const ratio = this.ratio(y);
      // Past the mode the ratios fall (r ≥ 1) or rise towards m/(1+m) (r < 1): a geometric bound on the rest.
      const bound = this.#law.r >= 1 ? ratio : Math.max(ratio, this.#odds);
      if (y >= this.#mode && bound < 1 && (term * bound) / (1 - bound) < sum * NEGLIGIBLE) {
        return scale + Math.log(sum);
      }
      term *= ratio;
      sum += term;
      y += 1;
      if (sum > RESCALE) {
        scale += Math.log(RESCALE);
        term /= RESCALE;
        sum /= RESCALE;
      }
    }
  }

  /** ln P(X ≤ x). */
  logAtMost(x: number): number {
    if (x < 0) {
      return -Infinity;
    }
    let y = x;
    let term = 1;
    let sum = 1;
    let scale = this.logP(y);
    while (y > 0) {
      // Below the mode, going down, the ratios P(y − 1)/P(y) fall (r ≥ 1): a geometric bound on the rest.
      const ratio = 1 / this.ratio(y - 1);
      if (this.#law.r >= 1 && y <= this.#mode && ratio < 1 && (term * ratio) / (1 - ratio) < sum * NEGLIGIBLE) {
        break;
      }
      term *= ratio;
      sum += term;
      y -= 1;
      if (sum > RESCALE) {
        scale += Math.log(RESCALE);
        term /= RESCALE;
        sum /= RESCALE;
      }
    }
    return scale + Math.log(sum);
  }
}
