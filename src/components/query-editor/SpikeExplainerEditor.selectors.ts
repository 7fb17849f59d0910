/** UI text and test ids of the spike explainer; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_SPIKE_LIMIT, DEFAULT_SPIKE_MIN_EVENTS, MAX_SPIKE_LIMIT } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const SpikeExplainerSelectors = {
  Search: {
    label: 'Issue search',
    placeholder: 'is:unresolved level:error (Shift+Enter to run)',
    tooltip: `Sentry issue search the issues must match; empty compares all issues, resolved ones included. ${RUN_HINT}`,
    testId: queryTestId('spike search'),
  },
  Baseline: {
    label: 'Compare with',
    tooltip: 'The earlier window whose event counts the time range is compared with.',
    testId: queryTestId('spike baseline'),
    options: { previous: 'Window before', previousDay: 'Day before', previousWeek: 'Week before' },
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_SPIKE_LIMIT),
    tooltip: `Issues to list, 1 to ${MAX_SPIKE_LIMIT}. ${RUN_HINT}`,
    testId: queryTestId('spike limit'),
  },
  MinEvents: {
    label: 'Min events',
    placeholder: String(DEFAULT_SPIKE_MIN_EVENTS),
    tooltip: `Leave out issues with fewer events than this in the time range. ${RUN_HINT}`,
    testId: queryTestId('spike min events'),
  },
} as const;
