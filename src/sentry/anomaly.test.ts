/** @jest-environment node */
import {
  MAD_TO_SIGMA,
  anomalyBand,
  bandFromValues,
  baselineRange,
  countQuantiles,
  logGamma,
  logNormalTail,
  maxForwardBuckets,
  median,
  medianAbsoluteDeviation,
  windowOffsets,
} from './anomaly';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('robust statistics', () => {
  it('median of odd, even and empty lists, without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('median absolute deviation ignores a single outlier', () => {
    expect(medianAbsoluteDeviation([10, 11, 9, 10, 1000], 10)).toBe(1);
  });
});

/** Brute-force quantiles of a count law given by ln P(0) and ln P(x + 1) / P(x), summed in logs up to `top`. */
function bruteQuantiles(logP0: number, logRatio: (x: number) => number, top: number, logTail: number) {
  const logs = [logP0];
  for (let x = 0; x < top; x++) {
    logs.push(logs[x] + logRatio(x));
  }
  const logAdd = (a: number, b: number) => Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
  // lower: the smallest x with P(X ≤ x) > p; upper: the smallest x with P(X > x) ≤ p.
  let atMost = -Infinity;
  const lower = logs.findIndex((l) => (atMost = logAdd(atMost, l)) > logTail);
  let above = -Infinity;
  let upper = top;
  while (upper > 0 && logAdd(above, logs[upper]) <= logTail) {
    above = logAdd(above, logs[upper]);
    upper--;
  }
  return { lower, upper };
}

const negativeBinomial = (r: number, m: number, k: number, top: number) =>
  bruteQuantiles(-r * Math.log1p(m), (x) => Math.log((x + r) / (x + 1)) + Math.log(m / (1 + m)), top, logNormalTail(k));
const poisson = (rate: number, k: number, top: number) =>
  bruteQuantiles(-rate, (x) => Math.log(rate / (x + 1)), top, logNormalTail(k));

describe('count statistics', () => {
  it('normal tail probabilities of k standard deviations, far out too', () => {
    expect(Math.exp(logNormalTail(1))).toBeCloseTo(0.158655253931457, 14);
    expect(Math.exp(logNormalTail(3)) / 0.00134989803163).toBeCloseTo(1, 10);
    expect(Math.exp(logNormalTail(3.5)) / 2.32629079035525e-4).toBeCloseTo(1, 10);
    expect(Math.exp(logNormalTail(5)) / 2.86651571879194e-7).toBeCloseTo(1, 10);
    expect(Math.exp(logNormalTail(10)) / 7.61985302416053e-24).toBeCloseTo(1, 10);
    expect(logNormalTail(100)).toBeCloseTo(-5005.52420869, 6);
  });

  it('ln Γ against factorials', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
    const logFactorial = (n: number) => Array.from({ length: n }, (_, i) => Math.log(i + 1)).reduce((a, b) => a + b, 0);
    for (const n of [3, 10, 14, 15, 16, 100, 1000]) {
      expect(logGamma(n + 1) / logFactorial(n)).toBeCloseTo(1, 12);
    }
  });

  /** Exact below a standard deviation of 50 (and 2k²); the Cornish–Fisher expansion above is at most one count off. */
  function expectQuantiles(
    actual: { lower: number; upper: number },
    exact: { lower: number; upper: number },
    sd: number,
    k: number
  ) {
    if (sd < 50 || sd < 2 * k * k) {
      expect(actual).toEqual(exact);
    } else {
      expect(Math.abs(actual.lower - exact.lower)).toBeLessThanOrEqual(1);
      expect(Math.abs(actual.upper - exact.upper)).toBeLessThanOrEqual(1);
    }
  }

  it('Poisson quantiles, small and large rates: the limit of many baseline buckets', () => {
    // P(X > 1) = 0.0047 and P(X > 2) = 0.00016 for a rate of 0.1: at most 2 events are within 3 σ's tail.
    expect(countQuantiles({ r: 1e8, m: 0.1 / 1e8 }, 3)).toEqual({ lower: 0, upper: 2 });
    expect(countQuantiles({ r: 1e8, m: 10 / 1e8 }, 3)).toEqual({ lower: 2, upper: 21 });
    for (const rate of [0.1, 0.5, 1, 3, 10, 30, 100, 1000, 2400, 10_000, 100_000]) {
      for (const k of [1, 2, 3, 4, 6]) {
        const top = Math.ceil(rate + 15 * Math.sqrt(rate) + 30);
        expectQuantiles(countQuantiles({ r: 1e8, m: rate / 1e8 }, k), poisson(rate, k, top), Math.sqrt(rate), k);
      }
    }
    // A near tie: P(X ≤ 9800) is 0.0227492 for Poisson(10,000), the tail of 2 σ 0.0227501.
    expect(countQuantiles({ r: 1e8, m: 1e-4 }, 2)).toEqual({ lower: 9800, upper: 10201 });
    expect(poisson(10_000, 2, 12_000)).toEqual({ lower: 9801, upper: 10200 });
  });

  it('negative binomial quantiles match brute-force sums', () => {
    const laws = [
      { r: 0.5, m: 1 / 6 },
      { r: 0.5, m: 1 },
      { r: 3.5, m: 1 / 6 },
      { r: 12.5, m: 1 / 3 },
      { r: 60.5, m: 1 / 12 },
      { r: 300.5, m: 1 / 6 },
      { r: 2000.5, m: 0.01 },
      // standard deviation 60 and 150: Cornish–Fisher for k ≤ 5 and k ≤ 8.
      { r: 21_600, m: 1 / 6 },
      { r: 11_250, m: 1 },
    ];
    for (const law of laws) {
      const sd = Math.sqrt(law.r * law.m * (1 + law.m));
      for (const k of [0.5, 1, 2, 3, 4, 5, 8]) {
        const top = Math.ceil(law.r * law.m + (k + 12) * sd + 60);
        expectQuantiles(countQuantiles(law, k), negativeBinomial(law.r, law.m, k, top), sd, k);
      }
    }
  });

  it('still exact at k = 100 (a tail of e^−5005)', () => {
    const bounds = countQuantiles({ r: 0.5, m: 1 / 6 }, 100);
    expect(bounds).toEqual(negativeBinomial(0.5, 1 / 6, 100, 3000));
    expect(bounds.upper).toBeGreaterThan(2000);
  });
});

describe('bandFromValues', () => {
  it('is median ± k·1.4826·MAD when that is wider than the floors', () => {
    const band = bandFromValues([100, 110, 90, 100, 120, 80], { k: 3, countLike: true });
    // median 100, deviations 0 10 10 0 20 20 → MAD 10
    expect(band!.centre).toBe(100);
    expect(band!.upper).toBeCloseTo(100 + 3 * MAD_TO_SIGMA * 10);
    expect(band!.lower).toBeCloseTo(100 - 3 * MAD_TO_SIGMA * 10);
  });

  it('counts: after a baseline of zeros, 1 or 2 events stay inside the band and 3 leave it (k = 3)', () => {
    expect(bandFromValues([0, 0, 0, 0, 0, 0], { k: 3, countLike: true })).toEqual({ centre: 0, lower: 0, upper: 2 });
    // Fewer baseline buckets tell less about the rate: a wider band.
    expect(bandFromValues([0, 0], { k: 3, countLike: true })!.upper).toBeGreaterThan(2);
  });

  it('counts: bounds are the count quantiles of the baseline rate, whole and never below zero', () => {
    const flat = bandFromValues([16, 16, 16, 16], { k: 3, countLike: true });
    // r = 64 + ½ over 4 buckets: mean 16.1, standard deviation 4.5.
    expect(flat).toEqual({ centre: 16, lower: 5, upper: 32 });
    expect(countQuantiles({ r: 64.5, m: 1 / 4 }, 3)).toEqual({ lower: 5, upper: 32 });
    const sparse = bandFromValues([0, 1, 0, 2, 0, 1], { k: 3, countLike: true })!;
    expect(sparse.centre).toBeCloseTo(4 / 6);
    expect(sparse.lower).toBe(0);
    expect(Number.isInteger(sparse.upper)).toBe(true);
    // A larger k is a smaller tail probability: a wider band.
    expect(bandFromValues([16, 16, 16, 16], { k: 5, countLike: true })!.upper).toBeGreaterThan(32);
  });

  it('counts: the rate is the mean of the baseline, with a burst in it capped', () => {
    const calm = bandFromValues([2, 3, 2, 3, 3, 2], { k: 3, countLike: true })!;
    const withBurst = bandFromValues([2, 3, 2, 400, 3, 2], { k: 3, countLike: true })!;
    expect(calm.centre).toBe(2.5);
    expect(calm.upper).toBe(9);
    // 400 counts as the highest value the median's own band allows (9): 12 events still leave the band.
    expect(withBurst).toEqual({ centre: 3.5, lower: 0, upper: 11 });
  });

  it('counts varying more than Poisson noise keep median ± k·1.4826·MAD', () => {
    const values = [1000, 1400, 800, 1200, 600, 1000];
    // median 1000, deviations 0 400 200 200 400 0 → MAD 200; Poisson noise alone would give about ± 100.
    const band = bandFromValues(values, { k: 3, countLike: true })!;
    expect(band.upper).toBeCloseTo(1000 + 3 * MAD_TO_SIGMA * 200);
    expect(band.lower).toBeCloseTo(1000 - 3 * MAD_TO_SIGMA * 200);
    expect(band.centre).toBe(1000);
    const poisson = countQuantiles({ r: 6000.5, m: 1 / 6 }, 3);
    expect(poisson.upper - poisson.lower).toBeLessThan(band.upper - band.lower);
  });

  it('counts over part of a bucket expect that share of the count', () => {
    const band = bandFromValues([100, 100], { k: 3, countLike: true, coverage: 0.25 })!;
    expect(band.centre).toBe(25);
    expect(band).toEqual({ centre: 25, ...countQuantiles({ r: 200.5, m: 0.125 }, 3) });
  });

  it('other data: at least 5 % of the centre by default, and may go negative', () => {
    const band = bandFromValues([200, 200, 200], { k: 3, countLike: false });
    expect(band).toEqual({ centre: 200, lower: 190, upper: 210 });
    const negative = bandFromValues([-1, 1, 0], { k: 1, countLike: false, minRelativeWidth: 0 });
    expect(negative!.lower).toBeLessThan(0);
  });

  it('gives no band without values', () => {
    expect(bandFromValues([], { k: 3, countLike: true })).toBeNull();
  });
});

describe('windows', () => {
  it('centres the window, one more bucket in the past when even', () => {
    expect(windowOffsets(1)).toEqual([0]);
    expect(windowOffsets(5)).toEqual([-2, -1, 0, 1, 2]);
    expect(windowOffsets(6)).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(windowOffsets(0)).toEqual([0]);
  });

  it('never reaches half a period ahead: daily buckets against the previous day look back only', () => {
    expect(maxForwardBuckets(DAY, HOUR)).toBe(11);
    expect(maxForwardBuckets(DAY, DAY)).toBe(0);
    expect(maxForwardBuckets(DAY, 12 * HOUR)).toBe(0);
    expect(windowOffsets(6, 11)).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(windowOffsets(6, 0)).toEqual([-5, -4, -3, -2, -1, 0]);
    expect(windowOffsets(30, 11)).toEqual(Array.from({ length: 30 }, (_, i) => i - 18));
    // Days 10 and 11 are judged on days 7–9 and 8–10.
    expect(baselineRange({ from: 10 * DAY, to: 12 * DAY }, DAY, DAY, 3)).toEqual({ from: 7 * DAY, to: 11 * DAY });
  });

  it('widens the earlier range so every window is complete', () => {
    const range = { from: 10 * DAY, to: 11 * DAY };
    expect(baselineRange(range, DAY, HOUR, 6)).toEqual({ from: 9 * DAY - 3 * HOUR, to: 10 * DAY + 2 * HOUR });
    // A range that does not start or end on a bucket boundary: whole buckets.
    const ragged = { from: 10 * DAY + HOUR / 2, to: 11 * DAY - HOUR / 2 };
    expect(baselineRange(ragged, DAY, HOUR, 6)).toEqual({ from: 9 * DAY - 3 * HOUR, to: 10 * DAY + 2 * HOUR });
  });
});

describe('anomalyBand', () => {
  const times = Array.from({ length: 24 }, (_, i) => 2 * DAY + i * HOUR);
  const earlierTimes = Array.from({ length: 30 }, (_, i) => DAY - 3 * HOUR + i * HOUR);
  // Yesterday: a smooth daily cycle around 20 per hour.
  const cycle = (t: number) => Math.round(20 + 8 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));

  it('follows the baseline and flags only what leaves the band', () => {
    const values: Array<number | null> = times.map((t) => cycle(t));
    values[10] = 120;
    values[11] = 90;
    values[15] = null;
    const band = anomalyBand({
      current: { times, values },
      baseline: { times: earlierTimes, values: earlierTimes.map((t) => cycle(t)) },
      shiftMs: 2 * DAY - DAY,
      intervalMs: HOUR,
      window: 6,
      k: 3,
      countLike: true,
    });
    expect(band.anomaly.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([10, 11]);
    band.baseline.forEach((b, i) => expect(Math.abs(b! - cycle(times[i]))).toBeLessThanOrEqual(5));
    band.upper.forEach((u, i) => expect(u!).toBeGreaterThan(band.baseline[i]!));
    expect(band.anomaly[15]).toBe(0);
  });

  it('flags drops below the band too', () => {
    const band = anomalyBand({
      current: { times: [DAY], values: [0] },
      baseline: { times: [0], values: [100] },
      shiftMs: DAY,
      intervalMs: HOUR,
      window: 1,
      k: 3,
      countLike: true,
    });
    // One baseline bucket of 100: the rate is known only roughly, so the band is wider than Poisson(100)'s.
    expect(band).toEqual({ baseline: [100], upper: [147], lower: [62], anomaly: [1] });
    const judged = (value: number) =>
      anomalyBand({
        current: { times: [DAY], values: [value] },
        baseline: { times: [0], values: [100] },
        shiftMs: DAY,
        intervalMs: HOUR,
        window: 1,
        k: 3,
        countLike: true,
      }).anomaly[0];
    expect([61, 62, 147, 148].map(judged)).toEqual([1, 0, 0, 1]);
  });

  it('leaves buckets without enough baseline unbanded and unflagged', () => {
    const band = anomalyBand({
      current: { times: [DAY, DAY + HOUR], values: [500, 500] },
      baseline: { times: [0 - 3 * HOUR, 0], values: [1, 1] },
      shiftMs: DAY,
      intervalMs: HOUR,
      window: 6,
      k: 3,
      countLike: true,
    });
    expect(band.baseline).toEqual([null, null]);
    expect(band.anomaly).toEqual([0, 0]);
  });

  it('scales the expected count of buckets the range covers only in part', () => {
    const band = anomalyBand({
      current: { times: [DAY, DAY + HOUR], values: [100, 25] },
      baseline: { times: [0, HOUR], values: [100, 100] },
      shiftMs: DAY,
      intervalMs: HOUR,
      window: 1,
      k: 3,
      countLike: true,
      range: { from: DAY, to: DAY + HOUR + HOUR / 4 },
    });
    expect(band.baseline).toEqual([100, 25]);
    expect(band.anomaly).toEqual([0, 0]);
  });
});

/** A seeded generator of Poisson counts (xorshift32, then Knuth's product of uniforms): the same series every run. */
function poissonSource(seed: number) {
  let state = seed;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  return (rate: number) => {
    const limit = Math.exp(-rate);
    let count = 0;
    for (let product = uniform(); product > limit; product *= uniform()) {
      count++;
    }
    return count;
  };
}

describe('anomalyBand on counts', () => {
  const QUARTER = HOUR / 4;

  it('flags at most 1 % of a quiet Poisson series over 7 days, at any rate', () => {
    const days = 7;
    const times = Array.from({ length: days * 96 }, (_, i) => 8 * DAY + i * QUARTER);
    const earlierTimes = Array.from({ length: days * 96 + 6 }, (_, i) => 7 * DAY + (i - 3) * QUARTER);
    for (const rate of [0.05, 0.3, 1, 4, 15, 60]) {
      const draw = poissonSource(Math.round(rate * 1000) + 1);
      // A daily cycle, peak to trough 3 : 1, like the fake's traffic.
      const at = (t: number) => draw(rate * (1 + 0.5 * Math.sin((2 * Math.PI * (t % DAY)) / DAY)));
      const band = anomalyBand({
        current: { times, values: times.map(at) },
        baseline: { times: earlierTimes, values: earlierTimes.map(at) },
        shiftMs: DAY,
        intervalMs: QUARTER,
        window: 6,
        k: 3,
        countLike: true,
      });
      const flagged = band.anomaly.reduce((n, v) => n + v, 0);
      expect([rate, flagged]).toEqual([rate, expect.any(Number)]);
      expect(flagged).toBeLessThanOrEqual(times.length / 100);
      expect(band.baseline.every((b) => b !== null)).toBe(true);
    }
  });

  it('does not flag one or two events after a day of none', () => {
    const times = Array.from({ length: 96 }, (_, i) => DAY + i * QUARTER);
    const earlier = Array.from({ length: 102 }, (_, i) => (i - 3) * QUARTER);
    const band = anomalyBand({
      current: { times, values: times.map((_, i) => [0, 1, 2][i % 3]) },
      baseline: { times: earlier, values: earlier.map(() => 0) },
      shiftMs: DAY,
      intervalMs: QUARTER,
      window: 6,
      k: 3,
      countLike: true,
    });
    expect(band.anomaly.every((v) => v === 0)).toBe(true);
    expect(band.upper.every((u) => u === 2)).toBe(true);
  });
});

describe('anomalyBand with null values (incomplete or missing buckets)', () => {
  const base = { shiftMs: DAY, intervalMs: HOUR, window: 6, k: 3 };
  const earlier = Array.from({ length: 6 }, (_, i) => (i - 3) * HOUR);

  it('never flags a null value, and still draws the band there', () => {
    for (const countLike of [true, false]) {
      const band = anomalyBand({
        ...base,
        countLike,
        current: { times: [DAY, DAY + HOUR], values: [null, 500] },
        baseline: { times: [...earlier, 3 * HOUR], values: [10, 10, 10, 10, 10, 10, 10] },
      });
      expect(band.anomaly).toEqual([0, 1]);
      expect(band.baseline[0]).toBe(10);
      expect(band.upper[0]).not.toBeNull();
    }
  });

  it('leaves null baseline buckets out of the window instead of reading them as 0', () => {
    for (const countLike of [true, false]) {
      const band = anomalyBand({
        ...base,
        countLike,
        current: { times: [DAY], values: [10] },
        baseline: { times: earlier, values: [10, null, null, 10, null, 10] },
      });
      // Three values of 10 (the window's minimum of half its size): the band is centred on 10, and 10 is normal.
      expect(band.baseline).toEqual([10]);
      expect(band.anomaly).toEqual([0]);
    }
  });

  it('draws no band and flags nothing when nulls leave too few baseline values', () => {
    for (const countLike of [true, false]) {
      const band = anomalyBand({
        ...base,
        countLike,
        current: { times: [DAY], values: [1000] },
        baseline: { times: earlier, values: [10, null, null, 10, null, null] },
      });
      expect(band).toEqual({ baseline: [null], upper: [null], lower: [null], anomaly: [0] });
    }
  });
});
