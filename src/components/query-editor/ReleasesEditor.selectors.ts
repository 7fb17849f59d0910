/** UI text and test ids of releases and deploys; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_RELEASES_LIMIT, MAX_RELEASES_LIMIT } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const ReleasesSelectors = {
  Mode: {
    label: 'Show',
    testId: queryTestId('releases mode'),
    options: { releases: 'Releases', deploys: 'Deploys' },
  },
  Search: {
    label: 'Search',
    placeholder: '1.2. or release.version:>1.2 (Shift+Enter to run)',
    tooltip: `Part of the version, or Sentry’s release search. ${RUN_HINT}`,
    testId: queryTestId('releases search'),
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_RELEASES_LIMIT),
    tooltip: `Rows to list, 1 to ${MAX_RELEASES_LIMIT}. ${RUN_HINT}`,
    testId: queryTestId('releases limit'),
  },
} as const;
