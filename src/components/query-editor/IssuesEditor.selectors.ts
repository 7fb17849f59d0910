/** UI text and test ids of the issues table; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_ISSUES_LIMIT, MAX_ISSUES_LIMIT } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const IssuesSelectors = {
  Search: {
    label: 'Search',
    placeholder: 'is:unresolved level:error (Shift+Enter to run)',
    tooltip: `Sentry issue search; empty lists all issues, resolved ones included. ${RUN_HINT}`,
    testId: queryTestId('issues search'),
  },
  Sort: {
    label: 'Sort by',
    placeholder: 'Last seen',
    tooltip: 'Order of the issues; empty uses Sentry’s default (last seen).',
    testId: queryTestId('issues sort'),
    options: {
      date: 'Last seen',
      new: 'First seen',
      freq: 'Events',
      user: 'Users',
      priority: 'Priority',
    },
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_ISSUES_LIMIT),
    tooltip: `Issues to list, 1 to ${MAX_ISSUES_LIMIT}; the data source’s row budget caps it. ${RUN_HINT}`,
    testId: queryTestId('issues limit'),
  },
} as const;
