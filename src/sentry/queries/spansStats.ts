/** Spans time series: span aggregates over time, e.g. p95(span.duration); event frequency on the spans dataset. */
import type { EventsDataset } from '../datasets';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import {
  EventsStatsFields,
  STATS_FIELDS,
  StatsErrorField,
  runStats,
  statsDisplayText,
  validateStats,
} from './eventsStats';

export interface SpansStatsQuery extends SentryQueryBase<'spansStats'>, EventsStatsFields {}

const SPANS: EventsDataset = 'spans';

export const spansStatsQueryType: QueryTypeModule<SpansStatsQuery, StatsErrorField> = {
  defaults: () => ({ eventsStatsYAxis: ['count()'] }),
  fields: STATS_FIELDS,
  adHocSearchField: 'eventsStatsQuery',
  dataset: () => SPANS,
  validate: (query) => validateStats(query),
  displayText: (query) => statsDisplayText('Spans', query),
  run: (client, query, context) => runStats(client, query, context, SPANS),
};
