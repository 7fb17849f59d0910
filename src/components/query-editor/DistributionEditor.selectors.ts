/** UI text and test ids of the error distribution; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_DISTRIBUTION_LIMIT, MAX_DISTRIBUTION_LIMIT } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const DistributionSelectors = {
  Field: {
    label: 'Count by',
    placeholder: 'error.type',
    tooltip: 'The field or tag to count errors by, e.g. error.type, level, release or tags[browser].',
    testId: queryTestId('distribution field'),
  },
  Search: {
    label: 'Search',
    placeholder: 'handled:no (Shift+Enter to run)',
    tooltip: `Sentry event search over the errors dataset. ${RUN_HINT}`,
    testId: queryTestId('distribution search'),
  },
  Limit: {
    label: 'Categories',
    placeholder: String(DEFAULT_DISTRIBUTION_LIMIT),
    tooltip: `Largest categories to list, 1 to ${MAX_DISTRIBUTION_LIMIT}; the rest become "Other". ${RUN_HINT}`,
    testId: queryTestId('distribution limit'),
  },
  Share: {
    label: 'Share',
    tooltip: 'Add each category’s share of all errors.',
    testId: queryTestId('distribution share'),
  },
} as const;
