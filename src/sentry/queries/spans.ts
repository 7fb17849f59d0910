/** Spans table: the events table on the spans dataset, with a link to each span's trace. */
import type { EventsDataset } from '../datasets';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import {
  EVENTS_TABLE_FIELDS,
  EventsTableErrorField,
  EventsTableFields,
  eventsTableDefaults,
  eventsTableText,
  runEventsQuery,
  validateEventsTable,
} from './events';

export interface SpansQuery extends SentryQueryBase<'spans'>, EventsTableFields {}

const SPANS: EventsDataset = 'spans';

export const spansQueryType: QueryTypeModule<SpansQuery, EventsTableErrorField> = {
  defaults: () => eventsTableDefaults(SPANS),
  fields: EVENTS_TABLE_FIELDS,
  adHocSearchField: 'eventsQuery',
  dataset: () => SPANS,
  validate: (query) => validateEventsTable(query, SPANS),
  displayText: (query) => eventsTableText('Spans', query),
  run: (client, query, context) => runEventsQuery(client, query, context, SPANS),
};
