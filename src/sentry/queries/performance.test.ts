/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';
import { performanceFunction } from './performance';

const fake = createTestFake();
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;

describe('transactions performance against the fake', () => {
  it('lists transactions with throughput, percentiles, failure rate, Apdex and misery, typed', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'performance',
        performanceMetrics: ['tpm', 'p50', 'p75', 'p95', 'p99', 'failureRate', 'apdex', 'miserableUsers'],
      },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.name).toBe('Transactions');
    const p50 = field(frame, 'p50(transaction.duration)').values as number[];
    const p95 = field(frame, 'p95(transaction.duration)').values as number[];
    const p99 = field(frame, 'p99(transaction.duration)').values as number[];
    p50.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(p95[i]);
      expect(p95[i]).toBeLessThanOrEqual(p99[i]);
    });
    expect(field(frame, 'p95(transaction.duration)').config.unit).toBe('ms');
    expect(field(frame, 'failure_rate()').config.unit).toBe('percentunit');
    expect(field(frame, 'tpm()').config.unit).toBe('cpm');
    for (const apdex of field(frame, 'apdex()').values as number[]) {
      expect(apdex).toBeGreaterThanOrEqual(0);
      expect(apdex).toBeLessThanOrEqual(1);
    }
    // Sorted by throughput; the functions sent are visible for comparison with Sentry.
    const tpm = field(frame, 'tpm()').values as number[];
    expect([...tpm].sort((a, b) => b - a)).toEqual(tpm);
    expect(frame.meta?.executedQueryString).toContain('field=count_miserable%28user%29');
  });

  it('uses an explicit Apdex threshold when given', () => {
    expect(performanceFunction('apdex', 300)).toBe('apdex(300)');
    expect(performanceFunction('miserableUsers', 300)).toBe('count_miserable(user,300)');
    expect(performanceFunction('apdex')).toBe('apdex()');
  });

  it('charts a metric per transaction in time-series mode', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'performance',
        performanceMode: 'timeseries',
        performanceMetrics: ['p95'],
        performanceGroupBy: ['transaction'],
        performanceLimit: 3,
      },
      { ...lastHours(24), intervalMs: HOUR }
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames).toHaveLength(3);
    expect(outcome.frames.every((f) => f.fields[1].labels?.transaction && f.fields[1].config.unit === 'ms')).toBe(true);
  });
});
