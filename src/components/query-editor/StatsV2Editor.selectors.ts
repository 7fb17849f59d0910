/** UI text and test ids of org stats; the Jest and Playwright tests read them too. Plain values only. */
import { RUN_HINT, queryTestId } from '../../selectors';

export const StatsV2Selectors = {
  Fields: {
    label: 'Field',
    placeholder: 'sum(quantity)',
    tooltip: 'sum(quantity) counts events (or bytes for attachments); sum(times_seen) counts occurrences.',
    testId: queryTestId('stats-v2 fields'),
  },
  Category: {
    label: 'Category',
    placeholder: 'All (grouped by category)',
    tooltip: 'Data categories to count; needed unless grouped by category.',
    testId: queryTestId('stats-v2 category'),
  },
  Outcome: {
    label: 'Outcome',
    placeholder: 'All outcomes',
    tooltip: 'Keep only these outcomes.',
    testId: queryTestId('stats-v2 outcome'),
  },
  Reason: {
    label: 'Reason',
    placeholder: 'All reasons',
    tooltip: 'Keep only these reasons, e.g. ratelimit_backoff or usage_exceeded. Type to add one.',
    testId: queryTestId('stats-v2 reason'),
  },
  GroupBy: {
    label: 'Group by',
    placeholder: 'category, outcome',
    tooltip: 'Split the counts; grouped by project Sentry returns totals only.',
    testId: queryTestId('stats-v2 group-by'),
  },
  Interval: {
    label: 'Interval',
    placeholder: 'auto',
    tooltip: `Bucket size, e.g. 1h or 1d, or a $variable; empty picks one from the time range. ${RUN_HINT}`,
    testId: queryTestId('stats-v2 interval'),
  },
} as const;
