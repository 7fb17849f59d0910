/** @jest-environment node */
import {
  MAD_TO_SIGMA,
  anomalyBand,
  bandFromValues,
  baselineRange,
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

describe('bandFromValues', () => {
  it('is median ± k·1.4826·MAD when that is wider than the floors', () => {
    const band = bandFromValues([100, 110, 90, 100, 120, 80], { k: 3, countLike: true });
    // median 100, deviations 0 10 10 0 20 20 → MAD 10
    expect(band!.centre).toBe(100);
    expect(band!.upper).toBeCloseTo(100 + 3 * MAD_TO_SIGMA * 10);
    expect(band!.lower).toBeCloseTo(100 - 3 * MAD_TO_SIGMA * 10);
  });

  it('counts: at least k·√median (Poisson) and at least 1, never below zero', () => {
    const flat = bandFromValues([16, 16, 16, 16], { k: 3, countLike: true });
    expect(flat).toEqual({ centre: 16, lower: 4, upper: 28 });
    const quiet = bandFromValues([0, 0, 0, 0], { k: 3, countLike: true });
    expect(quiet).toEqual({ centre: 0, lower: 0, upper: 1 });
    const tiny = bandFromValues([0.01, 0.01], { k: 3, countLike: true });
    expect(tiny!.upper).toBeCloseTo(0.01 + 1);
    expect(tiny!.lower).toBe(0);
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
    expect(band).toEqual({ baseline: [100], upper: [130], lower: [70], anomaly: [1] });
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
