/** UI text and test ids of session health; the Jest and Playwright tests read them too. Plain values only. */
import { RUN_HINT, queryTestId } from '../../selectors';

export const SessionsSelectors = {
  Fields: {
    label: 'Fields',
    placeholder: 'Crash-free rates',
    tooltip: 'Session health figures to read.',
    testId: queryTestId('sessions fields'),
    options: {
      'crash_free_rate(session)': 'Crash-free sessions',
      'crash_free_rate(user)': 'Crash-free users',
      'crash_rate(session)': 'Crashed sessions (rate)',
      'crash_rate(user)': 'Crashed users (rate)',
      'sum(session)': 'Sessions',
      'count_unique(user)': 'Users',
    },
  },
  GroupBy: {
    label: 'Group by',
    placeholder: 'No grouping',
    tooltip: 'Split the figures by release, project or environment.',
    testId: queryTestId('sessions group-by'),
  },
  Mode: {
    label: 'Show',
    testId: queryTestId('sessions mode'),
    options: { timeseries: 'Time series', table: 'Totals table' },
  },
  Search: {
    label: 'Search',
    placeholder: 'release:1.2.0 (Shift+Enter to run)',
    tooltip: `Filter sessions by release, environment or project. ${RUN_HINT}`,
    testId: queryTestId('sessions search'),
  },
  Interval: {
    label: 'Interval',
    placeholder: 'auto',
    tooltip: `Bucket size, e.g. 1h or 1d, or a $variable; empty picks one from the time range. ${RUN_HINT}`,
    testId: queryTestId('sessions interval'),
  },
} as const;
