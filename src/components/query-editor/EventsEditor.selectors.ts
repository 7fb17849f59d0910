/** UI text and test ids of the events and spans tables; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_FIELDS, MAX_EVENTS_LIMIT } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const EventsSelectors = {
  Dataset: {
    label: 'Dataset',
    tooltip:
      'Which events to list: errors, or spans (transactions are spans too, with is_transaction). Sentry has ' +
      'deprecated Discover and Transactions: queries saved on them run on Errors and Spans.',
    testId: queryTestId('events dataset'),
  },
  Search: {
    label: 'Search',
    placeholder: 'level:error release:1.2.* (Shift+Enter to run)',
    tooltip: `Sentry event search. ${RUN_HINT}`,
    testId: queryTestId('events search'),
  },
  Fields: {
    label: 'Fields',
    placeholder: 'Default fields',
    tooltip: `Columns in the order you pick them: fields, tags[...] and functions such as count(). At most ${MAX_EVENTS_FIELDS}.`,
    testId: queryTestId('events fields'),
  },
  Sort: {
    label: 'Sort by',
    placeholder: 'Sentry’s order',
    tooltip: 'A column to sort by; it must be among the fields.',
    testId: queryTestId('events sort'),
  },
  SortDirection: {
    label: 'Direction',
    testId: queryTestId('events sort direction'),
    options: { desc: 'Descending', asc: 'Ascending' },
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_EVENTS_LIMIT),
    tooltip: `Rows to read, 1 to ${MAX_EVENTS_LIMIT}; the data source’s row budget caps it. ${RUN_HINT}`,
    testId: queryTestId('events limit'),
  },
} as const;
