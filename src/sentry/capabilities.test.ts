/** @jest-environment node */
import { ServerCapabilities } from './capabilities';
import { SESSIONS_INTERVALS, STATS_V2_INTERVALS } from './interval';

const missing = new Error('missing');
const unrelated = new Error('unrelated');
const lacks = (error: unknown) => error === missing;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ServerCapabilities.use', () => {
  it('probes once, remembers the server has it, and then attempts without probing', async () => {
    const capabilities = new ServerCapabilities();
    const attempt = jest.fn(async (probe: boolean) => (probe ? 'probe' : 'known'));
    const fallback = jest.fn(async () => 'fallback');
    expect(await capabilities.use('eventsTimeseries', attempt, fallback, lacks)).toBe('probe');
    expect(await capabilities.use('eventsTimeseries', attempt, fallback, lacks)).toBe('known');
    expect(capabilities.get('eventsTimeseries')).toBe(true);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('marks it missing once the fallback works, and goes straight to the fallback from then on', async () => {
    const capabilities = new ServerCapabilities();
    const attempt = jest.fn(async () => {
      throw missing;
    });
    const fallback = jest.fn(async () => 'fallback');
    expect(await capabilities.use('groupedTimeseries:errors', attempt, fallback, lacks)).toBe('fallback');
    expect(await capabilities.use('groupedTimeseries:errors', attempt, fallback, lacks)).toBe('fallback');
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(capabilities.get('groupedTimeseries:errors')).toBe(false);
    expect(capabilities.get('groupedTimeseries:spans')).toBeUndefined();
  });

  it('leaves it unknown when the failure says nothing about it, or when the fallback fails too', async () => {
    const capabilities = new ServerCapabilities();
    await expect(
      capabilities.use(
        'eventsTimeseries',
        async () => Promise.reject(unrelated),
        async () => 'fallback',
        lacks
      )
    ).rejects.toBe(unrelated);
    await expect(
      capabilities.use(
        'eventsTimeseries',
        async () => Promise.reject(missing),
        async () => Promise.reject(unrelated),
        lacks
      )
    ).rejects.toBe(unrelated);
    expect(capabilities.get('eventsTimeseries')).toBeUndefined();
  });

  it('lets callers that arrive during a probe wait for its verdict: one failed attempt for many callers', async () => {
    const capabilities = new ServerCapabilities();
    const gate = deferred<void>();
    const attempt = jest.fn(async () => {
      await gate.promise;
      throw missing;
    });
    const fallback = jest.fn(async () => 'fallback');
    const all = Promise.all([1, 2, 3, 4].map(() => capabilities.use('dataset:spans', attempt, fallback, lacks)));
    gate.resolve();
    expect(await all).toEqual(['fallback', 'fallback', 'fallback', 'fallback']);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(fallback).toHaveBeenCalledTimes(4);
  });

  it('keeps the largest interval floor an endpoint asked for', () => {
    const capabilities = new ServerCapabilities();
    expect(capabilities.intervalFloorMs(SESSIONS_INTERVALS)).toBeUndefined();
    capabilities.learnIntervalFloor(SESSIONS_INTERVALS, 60_000);
    capabilities.learnIntervalFloor(SESSIONS_INTERVALS, 3_600_000);
    capabilities.learnIntervalFloor(SESSIONS_INTERVALS, 10_000);
    expect(capabilities.intervalFloorMs(SESSIONS_INTERVALS)).toBe(3_600_000);
    expect(capabilities.intervalFloorMs(STATS_V2_INTERVALS)).toBeUndefined();
  });
});
