/** UI text and test ids of the request / trace lookup; the Jest and Playwright tests read them too. Plain values only. */
import { DEFAULT_LOOKUP_LIMIT, DEFAULT_REQUEST_ID_TAG, MAX_EVENTS_LIMIT, MAX_LOOKUP_IDS } from '../../sentry';
import { RUN_HINT, queryTestId } from '../../selectors';

export const RequestLookupSelectors = {
  Ids: {
    label: 'Request or trace ids',
    placeholder: '$request_id, 4bf92f3577b34da6a3ce929d0e0e4736 (Shift+Enter to run)',
    tooltip: `Ids separated by commas or spaces; dashboard variables work too. At most ${MAX_LOOKUP_IDS}. ${RUN_HINT}`,
    testId: queryTestId('lookup ids'),
  },
  Kind: {
    label: 'Ids are',
    tooltip: 'Auto: 32 hexadecimal digits are trace ids, anything else is a request id.',
    testId: queryTestId('lookup kind'),
    options: { auto: 'Auto', request: 'Request ids', trace: 'Trace ids' },
  },
  RequestIdTag: {
    label: 'Request id tag',
    placeholder: DEFAULT_REQUEST_ID_TAG,
    tooltip: `The event tag holding request ids, e.g. request_id or x-request-id. ${RUN_HINT}`,
    testId: queryTestId('lookup request id tag'),
  },
  Limit: {
    label: 'Limit',
    placeholder: String(DEFAULT_LOOKUP_LIMIT),
    tooltip: `Events to list, newest first, 1 to ${MAX_EVENTS_LIMIT}. ${RUN_HINT}`,
    testId: queryTestId('lookup limit'),
  },
} as const;
