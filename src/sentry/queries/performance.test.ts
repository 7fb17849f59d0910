/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';
import { MISERY_ON_SPANS, PerformanceMetric, performanceFunction } from './performance';

const fake = createTestFake();
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;
const allMetrics = {
  refId: 'A',
  queryType: 'performance' as const,
  performanceMetrics: [
    'tpm',
    'p50',
    'p75',
    'p95',
    'p99',
    'failureRate',
    'apdex',
    'miserableUsers',
  ] as PerformanceMetric[],
};

describe('transactions performance against the fake', () => {
  it('lists transactions with throughput, percentiles, failure rate, Apdex and misery from spans, typed', async () => {
    const outcome = await runQuery(fakeClient(fake), allMetrics, lastHours(24));
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.name).toBe('Transactions');
    const p50 = field(frame, 'p50(span.duration)').values as number[];
    const p95 = field(frame, 'p95(span.duration)').values as number[];
    const p99 = field(frame, 'p99(span.duration)').values as number[];
    expect(p50.length).toBeGreaterThan(0);
    p50.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(p95[i]);
      expect(p95[i]).toBeLessThanOrEqual(p99[i]);
    });
    expect(field(frame, 'p95(span.duration)').config.unit).toBe('ms');
    expect(field(frame, 'failure_rate()').config.unit).toBe('percentunit');
    expect(field(frame, 'epm()').config.unit).toBe('cpm');
    for (const apdex of field(frame, 'apdex(span.duration,300)').values as number[]) {
      expect(apdex).toBeGreaterThanOrEqual(0);
      expect(apdex).toBeLessThanOrEqual(1);
    }
    // Sorted by throughput; the functions sent are visible for comparison with Sentry.
    const epm = field(frame, 'epm()').values as number[];
    expect([...epm].sort((a, b) => b - a)).toEqual(epm);
    const executed = frame.meta?.executedQueryString ?? '';
    expect(executed).toContain('dataset=spans');
    expect(executed).toContain('is_transaction%3Atrue');
    expect(executed).toContain('field=user_misery%28span.duration%2C300%29');
    expect(frame.meta?.notices).toContainEqual({ severity: 'info', text: MISERY_ON_SPANS });
  });

  it('gives the same numbers on spans as on the transactions dataset it replaces', async () => {
    const onSpans = await runQuery(
      fakeClient(fake),
      { ...allMetrics, performanceMetrics: ['p95', 'tpm'] },
      lastHours(24)
    );
    const onTransactions = await runQuery(
      fakeClient(createTestFake({ modes: { selfHosted: true } })),
      { ...allMetrics, performanceMetrics: ['p95', 'tpm'] },
      lastHours(24)
    );
    expect(onTransactions.error).toBeUndefined();
    const [spans] = onSpans.frames;
    const [transactions] = onTransactions.frames;
    expect(transactions.meta?.executedQueryString).toContain('dataset=transactions');
    expect(field(spans, 'transaction').values).toEqual(field(transactions, 'transaction').values);
    expect(field(spans, 'p95(span.duration)').values).toEqual(field(transactions, 'p95(transaction.duration)').values);
    expect(field(spans, 'epm()').values).toEqual(field(transactions, 'tpm()').values);
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
