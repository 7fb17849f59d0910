/** Option lists for the query editor: the Sentry names are values, the labels come from selectors.ts. */
import type { ComboboxOption } from '@grafana/ui';

import { Components } from '../../selectors';
import { DEFAULT_EVENT_FIELDS } from '../../sentry/queries/events';
import { ALL_PERFORMANCE_METRICS } from '../../sentry/queries/performance';
import {
  AnomalyBaseline,
  EventsDataset,
  IssuesSort,
  LookupKind,
  PerformanceMetric,
  QUERY_TYPES,
  QueryType,
  SessionsField,
  SessionsQuery,
  SpikeBaseline,
  StatsV2Query,
} from '../../types';

const selectors = Components.QueryEditor;

export const QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = QUERY_TYPES.map((type) => ({
  value: type,
  label: selectors.QueryType.options[type].label,
  description: selectors.QueryType.options[type].description,
}));

export const ISSUES_SORT_OPTIONS: Array<ComboboxOption<IssuesSort>> = (
  Object.keys(selectors.Issues.Sort.options) as IssuesSort[]
).map((value) => ({ value, label: selectors.Issues.Sort.options[value] }));

export const DATASET_OPTIONS: Array<{ value: EventsDataset; label: string }> = (
  ['errors', 'transactions', 'spans', 'discover'] as const
).map((value) => ({ value, label: selectors.datasets[value] }));

/** Names offered for y-axes; any other aggregate can be typed. */
export const Y_AXIS_SUGGESTIONS: Record<'events' | 'spans', string[]> = {
  events: [
    'count()',
    'count_unique(user)',
    'epm()',
    'eps()',
    'failure_rate()',
    'failure_count()',
    'avg(transaction.duration)',
    'p50(transaction.duration)',
    'p75(transaction.duration)',
    'p95(transaction.duration)',
    'p99(transaction.duration)',
    'apdex()',
  ],
  spans: [
    'count()',
    'epm()',
    'avg(span.duration)',
    'sum(span.duration)',
    'p50(span.duration)',
    'p75(span.duration)',
    'p95(span.duration)',
    'p99(span.duration)',
    'failure_rate()',
  ],
};

/** Fields offered for grouping and counting by; tag keys are added from Sentry. */
export const GROUP_BY_SUGGESTIONS = [
  'project',
  'environment',
  'release',
  'transaction',
  'error.type',
  'level',
  'browser.name',
  'os.name',
];

export const PERFORMANCE_GROUP_BY_SUGGESTIONS = [
  'transaction',
  'project',
  'environment',
  'release',
  'transaction.op',
  'http.method',
  'browser.name',
  'os.name',
];

export const SPAN_GROUP_BY_SUGGESTIONS = [
  'project',
  'environment',
  'release',
  'transaction',
  'span.op',
  'span.description',
];

/** Columns offered for the events table besides the dataset's defaults and tags. */
const EXTRA_EVENT_FIELDS: Record<EventsDataset, string[]> = {
  errors: ['message', 'error.type', 'error.value', 'user.email', 'count()', 'count_unique(user)', 'last_seen()'],
  transactions: ['count()', 'epm()', 'failure_rate()', 'p95(transaction.duration)', 'avg(transaction.duration)'],
  spans: ['span.status', 'count()', 'avg(span.duration)', 'p95(span.duration)', 'sum(span.duration)'],
  discover: ['message', 'level', 'release', 'environment', 'count()', 'epm()', 'last_seen()'],
};

export function eventFieldSuggestions(dataset: EventsDataset): string[] {
  return unique([...DEFAULT_EVENT_FIELDS[dataset], ...EXTRA_EVENT_FIELDS[dataset]]);
}

export const PERFORMANCE_METRIC_OPTIONS: Array<ComboboxOption<PerformanceMetric>> = ALL_PERFORMANCE_METRICS.map(
  (value) => ({ value, label: selectors.Performance.Metrics.options[value] })
);

export const SESSIONS_FIELD_OPTIONS: Array<ComboboxOption<SessionsField>> = (
  Object.keys(selectors.Sessions.Fields.options) as SessionsField[]
).map((value) => ({ value, label: selectors.Sessions.Fields.options[value], description: value }));

type SessionsGroup = NonNullable<SessionsQuery['sessionsGroupBy']>[number];
export const SESSIONS_GROUP_BY: SessionsGroup[] = ['release', 'project', 'environment'];

type StatsField = NonNullable<StatsV2Query['statsFields']>[number];
type StatsGroup = NonNullable<StatsV2Query['statsGroupBy']>[number];
export const STATS_FIELDS: StatsField[] = ['sum(quantity)', 'sum(times_seen)'];
export const STATS_GROUP_BY: StatsGroup[] = ['category', 'outcome', 'reason', 'project'];
export const STATS_CATEGORIES = [
  'error',
  'transaction',
  'span',
  'attachment',
  'session',
  'replay',
  'profile',
  'profile_duration',
  'monitor',
  'log_item',
  'security',
  'default',
];
export const STATS_OUTCOMES = [
  'accepted',
  'filtered',
  'rate_limited',
  'invalid',
  'client_discard',
  'abuse',
  'cardinality_limited',
];
export const STATS_REASONS = [
  'usage_exceeded',
  'ratelimit_backoff',
  'smart_rate_limit',
  'sample_rate',
  'project_quota',
];

export const SPIKE_BASELINE_OPTIONS: Array<{ value: SpikeBaseline; label: string }> = (
  Object.keys(selectors.SpikeExplainer.Baseline.options) as SpikeBaseline[]
).map((value) => ({ value, label: selectors.SpikeExplainer.Baseline.options[value] }));

export const LOOKUP_KIND_OPTIONS: Array<{ value: LookupKind; label: string }> = (
  Object.keys(selectors.RequestLookup.Kind.options) as LookupKind[]
).map((value) => ({ value, label: selectors.RequestLookup.Kind.options[value] }));

export const ANOMALY_BASELINE_OPTIONS: Array<{ value: AnomalyBaseline; label: string }> = (
  Object.keys(selectors.EventsStats.AnomalyBaseline.options) as AnomalyBaseline[]
).map((value) => ({ value, label: selectors.EventsStats.AnomalyBaseline.options[value] }));

/** Plain values as options, label = value. */
export function toOptions<T extends string>(values: readonly T[]): Array<ComboboxOption<T>> {
  return values.map((value) => ({ value, label: value }));
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
