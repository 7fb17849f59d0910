/**
 * Checks a saved query before it runs: the editor shows the messages next to the fields they name, and the
 * data source skips queries that fail. Queries are checked as the runner sees them, after `migrateQuery`,
 * so dashboards saved by earlier versions or by the official Sentry plugin are judged by what they mean.
 * A list left out entirely means the runner's default (and is valid); a list the user emptied is not.
 */
import { MAX_ROW_BUDGET } from './sentry/constants';
import { isKnownQueryType, migrateQuery } from './sentry/migrate';
import { DEFAULT_EVENT_FIELDS } from './sentry/queries/events';
import { anomalyBandProblem, anomalySettingsProblems } from './sentry/queries/anomalyBand';
import { MAX_TOP_N } from './sentry/queries/eventsStats';
import { ALL_PERFORMANCE_METRICS } from './sentry/queries/performance';
import { LOOKUP_KINDS, MAX_LOOKUP_IDS, requestIdField } from './sentry/queries/requestLookup';
import { MAX_SPIKE_LIMIT, SPIKE_BASELINES } from './sentry/queries/spikeExplainer';
import {
  EventsDataset,
  EventsQuery,
  EventsStatsQuery,
  PerformanceQuery,
  QUERY_TYPES,
  RequestLookupQuery,
  SentryQuery,
  SessionsQuery,
  SpansQuery,
  SpansStatsQuery,
  SpikeExplainerQuery,
  StatsV2Query,
} from './types';

/** Field key (as in the saved query) → what is wrong with it. */
export type ValidationErrors = Record<string, string>;

export const MAX_ISSUES_LIMIT = MAX_ROW_BUDGET;
export const MAX_EVENTS_LIMIT = MAX_ROW_BUDGET;
export const MAX_RELEASES_LIMIT = MAX_ROW_BUDGET;
export const MAX_DISTRIBUTION_LIMIT = 100;
/** Ten minutes: far above any sensible "satisfied" response time. */
export const MAX_APDEX_THRESHOLD_MS = 600_000;
/** Sentry's limit on the columns of one events query. */
export const MAX_EVENTS_FIELDS = 20;

const DATASETS: EventsDataset[] = ['errors', 'transactions', 'spans', 'discover'];
const ISSUES_SORTS = ['date', 'new', 'freq', 'user', 'priority'];
const INTERVAL_PATTERN = /^(\d+)(s|m|h|d|w)$/;
/** $name, ${name}, ${name:format} and [[name]]. */
const VARIABLE_PATTERN = /^(\$\w+|\$\{[^}]+\}|\[\[[^\]]+\]\])$/;

export function validateQuery(input: SentryQuery): ValidationErrors {
  const query = migrateQuery(input);
  const errors: ValidationErrors = {};
  if (!isKnownQueryType(query.queryType)) {
    errors.queryType = `Unknown query type "${String(query.queryType)}": pick one of ${QUERY_TYPES.join(', ')}.`;
    return errors;
  }
  switch (query.queryType) {
    case 'issues':
      checkLimit(errors, 'issuesLimit', query.issuesLimit, MAX_ISSUES_LIMIT, 'Limit');
      if (query.issuesSort !== undefined && !ISSUES_SORTS.includes(query.issuesSort)) {
        errors.issuesSort = `Unknown sort "${query.issuesSort}": use one of ${ISSUES_SORTS.join(', ')}.`;
      }
      break;
    case 'events':
    case 'spans':
      checkEventsTable(errors, query);
      break;
    case 'eventsStats':
    case 'spansStats':
      checkEventsStats(errors, query);
      break;
    case 'errorDistribution':
      checkLimit(errors, 'distributionLimit', query.distributionLimit, MAX_DISTRIBUTION_LIMIT, 'Limit');
      if (query.distributionField && query.distributionField.includes('(')) {
        errors.distributionField = `Count errors by a field or tag, not a function ("${query.distributionField}").`;
      }
      break;
    case 'performance':
      checkPerformance(errors, query);
      break;
    case 'sessions':
      checkSessions(errors, query);
      break;
    case 'statsV2':
      checkStatsV2(errors, query);
      break;
    case 'releases':
      checkLimit(errors, 'releasesLimit', query.releasesLimit, MAX_RELEASES_LIMIT, 'Limit');
      if (query.releasesMode !== undefined && query.releasesMode !== 'releases' && query.releasesMode !== 'deploys') {
        errors.releasesMode = `Unknown mode "${String(query.releasesMode)}": use releases or deploys.`;
      }
      break;
    case 'spikeExplainer':
      checkSpikeExplainer(errors, query);
      break;
    case 'requestLookup':
      checkRequestLookup(errors, query);
      break;
  }
  return errors;
}

export function isValid(query: SentryQuery): boolean {
  return Object.keys(validateQuery(query)).length === 0;
}

/** The columns an events or spans query reads: the user's, or its dataset's defaults. */
export function effectiveEventsFields(query: EventsQuery | SpansQuery): string[] {
  const fields = cleanList(query.eventsFields);
  if (fields.length) {
    return fields;
  }
  const dataset = query.queryType === 'spans' ? 'spans' : (query.dataset ?? 'discover');
  return DEFAULT_EVENT_FIELDS[dataset] ?? DEFAULT_EVENT_FIELDS.discover;
}

function checkEventsTable(errors: ValidationErrors, query: EventsQuery | SpansQuery) {
  if (query.queryType === 'events' && query.dataset !== undefined && !DATASETS.includes(query.dataset)) {
    errors.dataset = `Unknown dataset "${query.dataset}": use one of ${DATASETS.join(', ')}.`;
  }
  const fields = effectiveEventsFields(query);
  if (fields.length > MAX_EVENTS_FIELDS) {
    errors.eventsFields = `Sentry allows at most ${MAX_EVENTS_FIELDS} fields per query; remove ${fields.length - MAX_EVENTS_FIELDS}.`;
  }
  const sort = query.eventsSort?.trim();
  if (sort && !fields.includes(sort)) {
    errors.eventsSort = `Sort by ${sort} needs ${sort} among the fields: add it or pick another sort field.`;
  }
  const direction = query.eventsSortDirection;
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
    errors.eventsSortDirection = `Unknown sort direction "${String(direction)}": use asc or desc.`;
  }
  checkLimit(errors, 'eventsLimit', query.eventsLimit, MAX_EVENTS_LIMIT, 'Limit');
}

function checkEventsStats(errors: ValidationErrors, query: EventsStatsQuery | SpansStatsQuery) {
  if (query.queryType === 'eventsStats' && query.dataset !== undefined && !DATASETS.includes(query.dataset)) {
    errors.dataset = `Unknown dataset "${query.dataset}": use one of ${DATASETS.join(', ')}.`;
  }
  if (query.eventsStatsYAxis !== undefined && cleanList(query.eventsStatsYAxis).length === 0) {
    errors.eventsStatsYAxis = 'Pick at least one y-axis, e.g. count().';
  }
  checkLimit(errors, 'eventsStatsLimit', query.eventsStatsLimit, MAX_TOP_N, 'Top N');
  const bandProblem = anomalyBandProblem(query);
  if (bandProblem) {
    errors.anomalyBand = bandProblem;
  }
  Object.assign(errors, anomalySettingsProblems(query));
}

function checkSpikeExplainer(errors: ValidationErrors, query: SpikeExplainerQuery) {
  if (query.spikeBaseline !== undefined && !SPIKE_BASELINES.includes(query.spikeBaseline)) {
    errors.spikeBaseline = `Unknown baseline "${String(query.spikeBaseline)}": use ${SPIKE_BASELINES.join(', ')}.`;
  }
  checkLimit(errors, 'spikeLimit', query.spikeLimit, MAX_SPIKE_LIMIT, 'Limit');
  const minEvents = query.spikeMinEvents as unknown;
  if (minEvents !== undefined && minEvents !== null && minEvents !== '') {
    const n = Number(minEvents);
    if (!Number.isInteger(n) || n < 0) {
      errors.spikeMinEvents = `Min events must be a whole number, 0 or more, not ${String(minEvents)}.`;
    }
  }
}

function checkRequestLookup(errors: ValidationErrors, query: RequestLookupQuery) {
  if (query.lookupKind !== undefined && !LOOKUP_KINDS.includes(query.lookupKind)) {
    errors.lookupKind = `Unknown id kind "${String(query.lookupKind)}": use ${LOOKUP_KINDS.join(', ')}.`;
  }
  const ids = cleanList(query.lookupIds);
  if (ids.length > MAX_LOOKUP_IDS) {
    errors.lookupIds = `Look up at most ${MAX_LOOKUP_IDS} ids at once, not ${ids.length}.`;
  }
  const tag = query.requestIdTag?.trim() ?? '';
  if (tag !== '' && !VARIABLE_PATTERN.test(tag)) {
    const field = requestIdField(tag);
    if ('error' in field) {
      errors.requestIdTag = field.error;
    }
  }
  checkLimit(errors, 'lookupLimit', query.lookupLimit, MAX_EVENTS_LIMIT, 'Limit');
}

function checkPerformance(errors: ValidationErrors, query: PerformanceQuery) {
  const metrics = query.performanceMetrics;
  if (metrics !== undefined) {
    const unknown = metrics.filter((m) => !ALL_PERFORMANCE_METRICS.includes(m));
    if (metrics.length === 0) {
      errors.performanceMetrics = 'Pick at least one metric, e.g. tpm or p95.';
    } else if (unknown.length) {
      errors.performanceMetrics = `Unknown metric ${unknown.map((m) => `"${m}"`).join(', ')}: use ${ALL_PERFORMANCE_METRICS.join(', ')}.`;
    }
  }
  if (query.performanceMode === 'timeseries') {
    checkLimit(errors, 'performanceLimit', query.performanceLimit, MAX_TOP_N, 'Top N');
  } else {
    checkLimit(errors, 'performanceLimit', query.performanceLimit, MAX_EVENTS_LIMIT, 'Limit');
  }
  checkLimit(errors, 'apdexThreshold', query.apdexThreshold, MAX_APDEX_THRESHOLD_MS, 'The apdex threshold (ms)');
}

function checkSessions(errors: ValidationErrors, query: SessionsQuery) {
  if (query.sessionsFields !== undefined && query.sessionsFields.length === 0) {
    errors.sessionsFields = 'Pick at least one field, e.g. crash_free_rate(session).';
  }
  checkInterval(errors, 'sessionsInterval', query.sessionsInterval);
}

function checkStatsV2(errors: ValidationErrors, query: StatsV2Query) {
  const groupBy = query.statsGroupBy?.length ? query.statsGroupBy : ['category', 'outcome'];
  if (cleanList(query.statsCategory).length === 0 && !groupBy.includes('category')) {
    errors.statsCategory = 'Pick at least one category, or group by category: Sentry needs one of the two.';
  }
  checkInterval(errors, 'statsInterval', query.statsInterval);
}

/** Empty means the default; otherwise a whole number from 1 to max. */
function checkLimit(errors: ValidationErrors, key: string, value: unknown, max: number, what: string) {
  if (value === undefined || value === null || value === '') {
    return;
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    errors[key] = `${what} must be a whole number from 1 to ${max}, not ${String(value)}.`;
  } else if (n > max) {
    errors[key] = `${what} can be at most ${max}, not ${n}.`;
  }
}

function checkInterval(errors: ValidationErrors, key: string, value: string | undefined) {
  const text = value?.trim() ?? '';
  if (text === '' || VARIABLE_PATTERN.test(text)) {
    return;
  }
  const match = INTERVAL_PATTERN.exec(text);
  if (!match) {
    errors[key] =
      `Interval "${text}" is not a number and a unit: use e.g. 30s, 5m, 1h or 1d, a $variable, or leave it empty.`;
  } else if (Number(match[1]) === 0) {
    errors[key] = `Interval "${text}" must be longer than zero.`;
  }
}

function cleanList(values: string[] | undefined): string[] {
  return (values ?? []).map((v) => String(v).trim()).filter((v) => v !== '');
}
