/** @jest-environment node */
import {
  EVENTS_STATS_INTERVALS,
  SESSIONS_INTERVALS,
  SPANS_INTERVALS,
  STATS_V2_INTERVALS,
  chooseInterval,
  datasetIntervals,
  formatInterval,
  minimumIntervalIn,
  parseInterval,
  refusesFineBuckets,
} from './interval';

const H = 3_600_000;
const D = 24 * H;

describe('chooseInterval', () => {
  it('rounds Grafana’s interval up to a step Sentry charts with', () => {
    expect(chooseInterval(EVENTS_STATS_INTERVALS, { rangeMs: 6 * H, intervalMs: 20_000 }).text).toBe('1m');
    expect(chooseInterval(EVENTS_STATS_INTERVALS, { rangeMs: 7 * D, intervalMs: 7 * 60_000 }).text).toBe('10m');
  });

  it('keeps the point count within Sentry’s cap, shared by the top-N series', () => {
    // 30 days at 1m would be 43 200 points per series; with 5 series Sentry allows 2 000 each.
    const chosen = chooseInterval(EVENTS_STATS_INTERVALS, { rangeMs: 30 * D, intervalMs: 60_000, series: 5 });
    expect((30 * D) / chosen.ms).toBeLessThanOrEqual(2000);
    expect(chosen.text).toBe('30m');
  });

  it('honours the panel’s max data points', () => {
    expect(
      chooseInterval(EVENTS_STATS_INTERVALS, { rangeMs: 24 * H, intervalMs: 60_000, maxDataPoints: 100 }).text
    ).toBe('15m');
  });

  it('snaps span queries to EAP granularities', () => {
    expect(chooseInterval(SPANS_INTERVALS, { rangeMs: H, intervalMs: 10_000 }).text).toBe('15s');
    expect(chooseInterval(SPANS_INTERVALS, { rangeMs: 2 * D, intervalMs: 2.5 * H }).text).toBe('3h');
  });

  it('picks the span rules for the spans dataset and the event rules for the others', () => {
    expect(datasetIntervals('spans')).toBe(SPANS_INTERVALS);
    expect(['errors', 'transactions', 'discover'].map((d) => datasetIntervals(d as never))).toEqual([
      EVENTS_STATS_INTERVALS,
      EVENTS_STATS_INTERVALS,
      EVENTS_STATS_INTERVALS,
    ]);
  });

  it('gives sessions and org stats at least Sentry’s documented hour, finer buckets only for ranges up to 5 h', () => {
    const week = chooseInterval(SESSIONS_INTERVALS, { rangeMs: 7 * D, intervalMs: 60_000 });
    expect(week.text).toBe('1h');
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: D, intervalMs: 5 * 60_000 }).text).toBe('1h');
    expect(chooseInterval(STATS_V2_INTERVALS, { rangeMs: 90 * D, intervalMs: H }).text).toBe('3h');
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: 3 * H, intervalMs: 5 * 60_000 }).text).toBe('5m');
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: 6 * H, intervalMs: 5 * 60_000 }).text).toBe('1h');
    // Always a divisor of a day, within 1000 buckets.
    expect(D % week.ms).toBe(0);
  });

  it('keeps to a floor the server asked for, on short ranges too', () => {
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: 3 * H, intervalMs: 5 * 60_000 }, H).text).toBe('1h');
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: 3 * H, intervalMs: 1000 }, 60_000).text).toBe('1m');
  });

  it('uses a requested interval over Grafana’s, still within the rules', () => {
    expect(chooseInterval(STATS_V2_INTERVALS, { rangeMs: D, intervalMs: 60_000, requested: '1h' }).text).toBe('1h');
    expect(chooseInterval(SESSIONS_INTERVALS, { rangeMs: D, requested: '7h' }).text).toBe('8h');
  });

  it('refuses a sessions range that cannot fit 1000 daily buckets, with a clear message', () => {
    expect(() => chooseInterval(SESSIONS_INTERVALS, { rangeMs: 1200 * D })).toThrow(
      'The time range is too long for session health: Sentry allows at most 1000 buckets of at most one day.'
    );
    expect(() => chooseInterval(STATS_V2_INTERVALS, { rangeMs: 1200 * D })).toThrow('too long for org stats');
  });

  it('falls back to daily buckets where the endpoint takes any range (events)', () => {
    expect(chooseInterval(EVENTS_STATS_INTERVALS, { rangeMs: 20_000 * D, series: 10 })).toEqual({ ms: D, text: '1d' });
  });
});

describe('Sentry’s refusals of a bucket size', () => {
  it('read the floor they name', () => {
    expect(minimumIntervalIn('The interval has to be a multiple of the minimum interval of one hour.')).toBe(H);
    expect(
      minimumIntervalIn(
        'Sentry answered 400: The interval has to be a multiple of the minimum interval of ten seconds.'
      )
    ).toBe(10_000);
    expect(minimumIntervalIn('… the minimum interval of one minute.')).toBe(60_000);
    expect(minimumIntervalIn('The interval should divide one day without a remainder.')).toBeUndefined();
  });

  it('tell a fine bucket refused for this range', () => {
    expect(
      refusesFineBuckets('The time-range when using one-minute resolution intervals is restricted to 6 hours.')
    ).toBe(true);
    expect(refusesFineBuckets('Invalid query.')).toBe(false);
  });
});

describe('parseInterval / formatInterval', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', H],
    ['1d', D],
    ['90', 90_000],
  ])('%s', (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });

  it('rejects garbage with a message naming the input', () => {
    expect(() => parseInterval('five minutes')).toThrow('Invalid interval "five minutes"');
    expect(() => parseInterval('0m')).toThrow('longer than zero');
  });

  it('formats in the largest whole unit', () => {
    expect([formatInterval(D), formatInterval(2 * H), formatInterval(300_000), formatInterval(15_000)]).toEqual([
      '1d',
      '2h',
      '5m',
      '15s',
    ]);
  });
});
