/** UI text and test ids of transactions performance; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_PERFORMANCE_TABLE_LIMIT, DEFAULT_TOP_N, MAX_EVENTS_LIMIT, MAX_TOP_N } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const PerformanceSelectors = {
  Mode: {
    label: 'Show',
    testId: queryTestId('performance mode'),
    options: { table: 'Table per transaction', timeseries: 'Time series' },
  },
  Metrics: {
    label: 'Metrics',
    placeholder: 'Default metrics',
    tooltip: 'The figures Sentry’s performance pages show.',
    testId: queryTestId('performance metrics'),
    options: {
      count: 'Count',
      tpm: 'Throughput (tpm)',
      p50: 'p50 duration',
      p75: 'p75 duration',
      p95: 'p95 duration',
      p99: 'p99 duration',
      failureRate: 'Failure rate',
      apdex: 'Apdex',
      miserableUsers: 'Miserable users',
    },
  },
  Search: {
    label: 'Search',
    placeholder: 'transaction:/api/* (Shift+Enter to run)',
    tooltip: `Sentry search over transactions. ${RUN_HINT}`,
    testId: queryTestId('performance search'),
  },
  GroupBy: {
    label: 'Group by',
    placeholder: 'No grouping',
    tooltip: 'Split the series by these fields, e.g. transaction; then the top N groups are charted.',
    testId: queryTestId('performance group-by'),
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_PERFORMANCE_TABLE_LIMIT),
    tooltip: `Transactions to list, 1 to ${MAX_EVENTS_LIMIT}. ${RUN_HINT}`,
    testId: queryTestId('performance limit'),
  },
  TopN: {
    label: 'Top N',
    placeholder: String(DEFAULT_TOP_N),
    tooltip: `Groups to chart when grouped, 1 to ${MAX_TOP_N}. ${RUN_HINT}`,
    testId: queryTestId('performance limit'),
  },
  Apdex: {
    label: 'Apdex threshold (ms)',
    placeholder: 'Project setting',
    tooltip: `Response time counted as satisfied for apdex and miserable users; empty uses each project’s setting. ${RUN_HINT}`,
    testId: queryTestId('performance apdex'),
  },
} as const;
