/** Option lists for the query editor: the Sentry names are values, the labels come from selectors.ts. */
import type { ComboboxOption } from '@grafana/ui';

import {
  ALL_PERFORMANCE_METRICS,
  DATASETS,
  DEFAULT_EVENT_FIELDS,
  DEPRECATED_DATASETS,
  EventsDataset,
  PerformanceMetric,
  QUERY_TYPES,
  SESSIONS_GROUPS,
  STATS_V2_FIELDS,
  STATS_V2_GROUPS,
  SessionsField,
} from '../../sentry';
import type { AnomalyBaseline } from '../../sentry/queries/anomalyBand';
import type { IssuesSort } from '../../sentry/queries/issues';
import type { LookupKind } from '../../sentry/queries/requestLookup';
import type { SpikeBaseline } from '../../sentry/queries/spikeExplainer';
import type { QueryType } from '../../sentry/query';
import { Components } from '../../selectors';
import { EventsStatsSelectors } from './EventsStatsEditor.selectors';
import { IssuesSelectors } from './IssuesEditor.selectors';
import { PerformanceSelectors } from './PerformanceEditor.selectors';
import { RequestLookupSelectors } from './RequestLookupEditor.selectors';
import { SessionsSelectors } from './SessionsEditor.selectors';
import { SpikeExplainerSelectors } from './SpikeExplainerEditor.selectors';

const selectors = Components.QueryEditor;

export const QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = QUERY_TYPES.map((type) => ({
  value: type,
  ...selectors.QueryType.types[type],
}));

export const ISSUES_SORT_OPTIONS: Array<ComboboxOption<IssuesSort>> = (
  Object.keys(IssuesSelectors.Sort.options) as IssuesSort[]
).map((value) => ({ value, label: IssuesSelectors.Sort.options[value] }));

/**
 * The datasets offered: Sentry's current ones, and a deprecated one only while the query is saved on it (it then runs
 * on its replacement).
 */
export function datasetOptions(current: EventsDataset): Array<{ value: EventsDataset; label: string }> {
  const currentDatasets = DATASETS.filter((value) => !DEPRECATED_DATASETS.includes(value));
  const offered = DEPRECATED_DATASETS.includes(current) ? [...currentDatasets, current] : currentDatasets;
  return offered.map((value) => ({
    value,
    label: DEPRECATED_DATASETS.includes(value)
      ? `${selectors.datasets[value]} ${selectors.deprecatedDataset}`
      : selectors.datasets[value],
  }));
}

/** Names offered for y-axes on the transaction datasets (deprecated by Sentry); any other aggregate can be typed. */
const TRANSACTION_Y_AXES = [
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
];

/** Names offered for y-axes by dataset. */
const Y_AXIS_SUGGESTIONS: Partial<Record<EventsDataset, string[]>> = {
  errors: ['count()', 'count_unique(user)', 'count_unique(issue)', 'epm()', 'eps()'],
  spans: [
    'count()',
    'epm()',
    'failure_rate()',
    'avg(span.duration)',
    'sum(span.duration)',
    'p50(span.duration)',
    'p75(span.duration)',
    'p95(span.duration)',
    'p99(span.duration)',
    'apdex(span.duration,300)',
  ],
};

export function yAxisSuggestions(dataset: EventsDataset): string[] {
  return Y_AXIS_SUGGESTIONS[dataset] ?? TRANSACTION_Y_AXES;
}

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
  return unique([...(DEFAULT_EVENT_FIELDS[dataset] ?? []), ...(EXTRA_EVENT_FIELDS[dataset] ?? [])]);
}

export const PERFORMANCE_METRIC_OPTIONS: Array<ComboboxOption<PerformanceMetric>> = ALL_PERFORMANCE_METRICS.map(
  (value) => ({ value, label: PerformanceSelectors.Metrics.options[value] })
);

/** The editor offers the rates and counts; the other Sessions API fields can be saved in JSON. */
export const SESSIONS_FIELD_OPTIONS: Array<ComboboxOption<SessionsField>> = (
  Object.keys(SessionsSelectors.Fields.options) as Array<keyof typeof SessionsSelectors.Fields.options>
).map((value) => ({ value, label: SessionsSelectors.Fields.options[value], description: value }));

export const SESSIONS_GROUP_BY = SESSIONS_GROUPS;
export const STATS_FIELDS = STATS_V2_FIELDS;
export const STATS_GROUP_BY = STATS_V2_GROUPS;
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
  Object.keys(SpikeExplainerSelectors.Baseline.options) as SpikeBaseline[]
).map((value) => ({ value, label: SpikeExplainerSelectors.Baseline.options[value] }));

export const LOOKUP_KIND_OPTIONS: Array<{ value: LookupKind; label: string }> = (
  Object.keys(RequestLookupSelectors.Kind.options) as LookupKind[]
).map((value) => ({ value, label: RequestLookupSelectors.Kind.options[value] }));

export const ANOMALY_BASELINE_OPTIONS: Array<{ value: AnomalyBaseline; label: string }> = (
  Object.keys(EventsStatsSelectors.AnomalyBaseline.options) as AnomalyBaseline[]
).map((value) => ({ value, label: EventsStatsSelectors.AnomalyBaseline.options[value] }));

/** Plain values as options, label = value. */
export function toOptions<T extends string>(values: readonly T[]): Array<ComboboxOption<T>> {
  return values.map((value) => ({ value, label: value }));
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
