/** UI text and test ids of event frequency and the spans time series; the Jest and Playwright tests read them too. Plain values only. */
import {
  DEFAULT_ANOMALY_K,
  DEFAULT_ANOMALY_WINDOW,
  DEFAULT_TOP_N,
  MAX_ANOMALY_K,
  MAX_ANOMALY_WINDOW,
  MAX_TOP_N,
} from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const EventsStatsSelectors = {
  Dataset: {
    label: 'Dataset',
    tooltip:
      'Which events to count: errors, or spans (transactions are spans too, with is_transaction). Sentry has ' +
      'deprecated Discover and Transactions: queries saved on them run on Errors and Spans.',
    testId: queryTestId('stats dataset'),
  },
  Search: {
    label: 'Search',
    placeholder: 'level:error !transaction:/health (Shift+Enter to run)',
    tooltip: `Sentry event search. ${RUN_HINT}`,
    testId: queryTestId('stats search'),
  },
  YAxis: {
    label: 'Y-axis',
    placeholder: 'count()',
    tooltip: 'Aggregates to chart, e.g. count(), count_unique(user), epm(), failure_rate(). Type to add your own.',
    testId: queryTestId('stats y-axis'),
  },
  GroupBy: {
    label: 'Group by',
    placeholder: 'No grouping',
    tooltip: 'Fields or tags to split the series by; then the top N groups are charted.',
    testId: queryTestId('stats group-by'),
  },
  TopN: {
    label: 'Top N',
    placeholder: String(DEFAULT_TOP_N),
    tooltip: `Groups to chart when grouped, 1 to ${MAX_TOP_N}. ${RUN_HINT}`,
    testId: queryTestId('stats top-n'),
  },
  Sort: {
    label: 'Rank groups by',
    placeholder: 'First y-axis, highest first',
    tooltip: 'How the top N groups are chosen; a leading - means highest first.',
    testId: queryTestId('stats sort'),
    descending: 'highest first',
    ascending: 'lowest first',
  },
  Other: {
    label: 'Other',
    tooltip: 'Add an "Other" series with everything outside the top N.',
    testId: queryTestId('stats other'),
  },
  AnomalyBand: {
    label: 'Anomaly band',
    tooltip:
      'Draw the range expected from the same series a day or a week earlier, and flag the buckets outside it ' +
      '(series "anomaly": 1 or 0). One y-axis, no group-by.',
    testId: queryTestId('stats anomaly band'),
  },
  AnomalyBaseline: {
    label: 'Learn from',
    tooltip: 'The earlier period the band is computed from.',
    testId: queryTestId('stats anomaly baseline'),
    options: { previousDay: 'Previous day', previousWeek: 'Previous week' },
  },
  AnomalyK: {
    label: 'Width (k)',
    placeholder: String(DEFAULT_ANOMALY_K),
    tooltip:
      `How strict the band is, in standard deviations: k robust ones (1.4826 × median absolute deviation) ` +
      `either side of the median; for counts, the bounds that Poisson noise around the earlier rate passes ` +
      `as rarely as a normal value passes k (k 3: 0.135 % each side), so noise on quiet series is rarely flagged. ` +
      `Above 0, at most ${MAX_ANOMALY_K}. ${RUN_HINT}`,
    testId: queryTestId('stats anomaly k'),
  },
  AnomalyWindow: {
    label: 'Window',
    placeholder: String(DEFAULT_ANOMALY_WINDOW),
    tooltip: `Earlier buckets around the same time each point of the band is computed from, 1 to ${MAX_ANOMALY_WINDOW}. ${RUN_HINT}`,
    testId: queryTestId('stats anomaly window'),
  },
} as const;
