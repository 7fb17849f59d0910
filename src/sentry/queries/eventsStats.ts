/**
 * Event frequency and other aggregates over time. Uses the public events-timeseries endpoint and falls back
 * to events-stats where the server lacks it (remembered per data source). Top N beyond Sentry's 10 is
 * served by ranking groups with the events table, then charting them ten at a time. The spans time series
 * (./spansStats.ts) is the same query on the spans dataset.
 */
import type { DataFrame, DataLink } from '@grafana/data';
import type { SentryEventsPage } from '../api';
import { FieldErrors, cleanList, collectErrors, distinctList, flagProblem, limitProblem } from '../checks';
import { SentryClient } from '../client';
import { DEFAULT_DATASET, EventsDataset, ServedDataset, datasetProblem } from '../datasets';
import { DatasetPlan, datasetLine, datasetPlans, runOnDatasets } from '../datasetPlans';
import { TimeRange, paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { ChosenInterval, chooseInterval, datasetIntervals, formatInterval } from '../interval';
import { discoverLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { FieldKind, QueryTypeModule } from '../queryType';
import { joinSearch, searchFilter, searchValue } from '../search';
import {
  AnomalyBandFields,
  anomalyBandProblem,
  anomalyBandText,
  anomalySettingsProblems,
  runAnomalyBandQuery,
} from './anomalyBand';
import { QueryContext, describeRequest } from './context';
import { Series, emptySeriesFrame, seriesFrames, seriesFromEventsStats, seriesFromEventsTimeseries } from './series';

/** Sentry's cap on topEvents in one request. */
export const SENTRY_MAX_TOP_EVENTS = 10;
export const MAX_TOP_N = 50;
export const DEFAULT_TOP_N = 5;

/** The fields of an aggregates-over-time query, on events (this type) or spans (spansStats). */
export interface EventsStatsFields extends AnomalyBandFields {
  dataset?: EventsDataset;
  eventsStatsQuery?: string;
  /** Aggregates to chart, e.g. count(), count_unique(user), epm(), failure_rate(). */
  eventsStatsYAxis?: string[];
  /** Group-by fields; with them the query charts the top N groups. */
  eventsStatsGroups?: string[];
  /** Ranks the groups, e.g. -count(). Defaults to the first y-axis, descending. */
  eventsStatsSort?: string;
  /** Top N groups. */
  eventsStatsLimit?: number;
  /** Keep the "Other" series (everything outside the top N). */
  eventsStatsOther?: boolean;
}

/** Event frequency: error rate and other aggregates over time. */
export interface EventsStatsQuery extends SentryQueryBase<'eventsStats'>, EventsStatsFields {}

/** A query of either aggregates-over-time type. */
export type StatsQuery = SentryQueryBase<string> & EventsStatsFields;

export type StatsErrorField =
  | 'dataset'
  | 'eventsStatsYAxis'
  | 'eventsStatsLimit'
  | 'eventsStatsOther'
  | 'anomalyBand'
  | 'anomalyBaseline'
  | 'anomalyK'
  | 'anomalyWindow';

/** Fields both aggregates-over-time types read the same way. */
export const STATS_FIELDS: { [P in keyof EventsStatsFields]?: FieldKind } = {
  eventsStatsQuery: 'search',
  eventsStatsYAxis: 'list',
  eventsStatsGroups: 'list',
  eventsStatsSort: 'text',
  eventsStatsLimit: 'number',
  eventsStatsOther: 'flag',
  anomalyBand: 'flag',
  anomalyK: 'number',
  anomalyWindow: 'number',
};

/** Checks both types share; `dataset` is checked only where the user picks it. */
export function validateStats(query: StatsQuery, dataset?: EventsDataset): FieldErrors<StatsErrorField> {
  return collectErrors({
    dataset: datasetProblem(dataset),
    eventsStatsYAxis:
      query.eventsStatsYAxis !== undefined && cleanList(query.eventsStatsYAxis).length === 0
        ? 'Pick at least one y-axis, e.g. count().'
        : undefined,
    eventsStatsLimit: limitProblem(query.eventsStatsLimit, MAX_TOP_N, 'Top N'),
    eventsStatsOther: flagProblem(query.eventsStatsOther, 'The "Other" series switch'),
    anomalyBand: flagProblem(query.anomalyBand, 'The anomaly band switch') ?? anomalyBandProblem(query),
    ...anomalySettingsProblems(query),
  });
}

/** History text of either type: `label: axes by groups where search, band`. */
export function statsDisplayText(label: string, query: StatsQuery): string {
  const axes = (query.eventsStatsYAxis?.length ? query.eventsStatsYAxis : ['count()']).join(', ');
  const groups = query.eventsStatsGroups?.length
    ? ` by ${query.eventsStatsGroups.join(', ')} (top ${query.eventsStatsLimit ?? 5})`
    : '';
  const search = query.eventsStatsQuery ? ` where ${query.eventsStatsQuery}` : '';
  return `${label}: ${axes}${groups}${search}${anomalyBandText(query)}`;
}

/** Either type's frames: the series, or the series with its expected band. */
export function runStats(
  client: SentryClient,
  query: StatsQuery,
  context: QueryContext,
  dataset: EventsDataset
): Promise<DataFrame[]> {
  return query.anomalyBand
    ? runAnomalyBandQuery(client, query, context, dataset)
    : runEventsStatsQuery(client, query, context, dataset);
}

const eventsStatsDataset = (query: EventsStatsQuery) => query.dataset ?? DEFAULT_DATASET;

export const eventsStatsQueryType: QueryTypeModule<EventsStatsQuery, StatsErrorField> = {
  defaults: () => ({ dataset: 'errors', eventsStatsYAxis: ['count()'] }),
  fields: STATS_FIELDS,
  adHocSearchField: 'eventsStatsQuery',
  dataset: eventsStatsDataset,
  validate: (query) => validateStats(query, query.dataset),
  displayText: (query) => statsDisplayText(`Event frequency (${eventsStatsDataset(query)})`, query),
  run: (client, query, context) => runStats(client, query, context, eventsStatsDataset(query)),
};

export interface StatsRequest {
  dataset: ServedDataset;
  yAxes: string[];
  groups: string[];
  topN: number;
  sort: string;
  search: string;
  withOther: boolean;
  projectIds?: string[];
  environments?: string[];
}

export interface StatsResult {
  series: Series[];
  interval: ChosenInterval;
  executed: string[];
  notices: string[];
}

export async function runEventsStatsQuery(
  client: SentryClient,
  query: StatsQuery,
  context: QueryContext,
  dataset: EventsDataset
): Promise<DataFrame[]> {
  return seriesOnDatasets(client, statsRequestOf(query, dataset), context, query.refId);
}

/** The frames of a stats request, read on the dataset the server serves for it. */
export function seriesOnDatasets(
  client: SentryClient,
  saved: StatsRequest,
  context: QueryContext,
  refId: string
): Promise<DataFrame[]> {
  return onStatsDatasets(client, saved, async (request, plan) => {
    const result = await fetchSeries(client, request, context);
    return statsFrames(
      { ...result, executed: [...datasetLine(plan), ...result.executed] },
      request,
      refId,
      statsLinks(client, request)
    );
  });
}

/**
 * Runs a stats request on the dataset the server serves for it: a saved `transactions` or `discover` request on its
 * replacement (fields and search translated), on the saved dataset where the server has no replacement.
 */
export function onStatsDatasets<T>(
  client: SentryClient,
  saved: StatsRequest,
  attempt: (request: StatsRequest, plan: DatasetPlan) => Promise<T>
): Promise<T> {
  const plans = datasetPlans(saved.dataset, saved.search, [...saved.yAxes, ...saved.groups]);
  return runOnDatasets(client, plans, (plan) => {
    const descending = saved.sort.startsWith('-');
    const request: StatsRequest = {
      ...saved,
      dataset: plan.dataset,
      yAxes: saved.yAxes.map(plan.field),
      groups: saved.groups.map(plan.field),
      sort: `${descending ? '-' : ''}${plan.field(saved.sort.replace(/^-/, ''))}`,
      search: plan.search(saved.search),
    };
    return attempt(request, plan);
  });
}

/** What a saved event frequency or spans time series query asks Sentry for. */
export function statsRequestOf(query: StatsQuery, dataset: EventsDataset): StatsRequest {
  const yAxes = distinctList(query.eventsStatsYAxis);
  const groups = distinctList(query.eventsStatsGroups);
  return {
    dataset,
    yAxes: yAxes.length ? yAxes : ['count()'],
    groups,
    topN: groups.length ? clampTopN(query.eventsStatsLimit) : 0,
    sort: query.eventsStatsSort?.trim() || `-${yAxes[0] ?? 'count()'}`,
    search: query.eventsStatsQuery ?? '',
    withOther: query.eventsStatsOther ?? true,
    projectIds: query.projectIds,
    environments: query.environments,
  };
}

/** The same query in Sentry's Discover, with the panel's range. */
export function statsLinks(client: SentryClient, request: StatsRequest): DataLink[] {
  return discoverLink(
    {
      sentryUrl: client.target,
      org: client.orgSlug,
      projectIds: request.projectIds,
      environments: request.environments,
    },
    {
      dataset: request.dataset,
      fields: [...request.groups, ...request.yAxes],
      yAxis: request.yAxes,
      query: request.search,
    }
  );
}

export function statsFrames(
  result: StatsResult,
  request: StatsRequest,
  refId: string,
  links?: DataLink[]
): DataFrame[] {
  const meta = {
    executedQueryString: [`interval: ${result.interval.text}`, ...result.executed].join('\n'),
    notices: result.notices.map((text) => ({ severity: 'info' as const, text })),
    custom: { interval: result.interval.text, dataset: request.dataset },
  };
  const frames = seriesFrames(result.series, { refId, meta, multipleYAxes: request.yAxes.length > 1, links });
  return frames.length ? frames : [emptySeriesFrame(refId, request.yAxes, meta)];
}

/** The bucket size a stats request gets for the panel's range, interval and width (or the one the context fixes). */
export function statsInterval(request: StatsRequest, context: QueryContext): ChosenInterval {
  if (context.bucketMs) {
    return { ms: context.bucketMs, text: formatInterval(context.bucketMs) };
  }
  return chooseInterval(datasetIntervals(request.dataset), {
    rangeMs: context.range.to.getTime() - context.range.from.getTime(),
    intervalMs: context.intervalMs,
    maxDataPoints: context.maxDataPoints,
    series: Math.min(request.topN, SENTRY_MAX_TOP_EVENTS) || 1,
  });
}

/**
 * Series for a stats request: one call for up to ten groups, batches of ten beyond. `interval` overrides the
 * one chosen from the context (to read another range in the same buckets).
 */
export async function fetchSeries(
  client: SentryClient,
  request: StatsRequest,
  context: QueryContext,
  interval: ChosenInterval = statsInterval(request, context)
): Promise<StatsResult> {
  if (request.topN <= SENTRY_MAX_TOP_EVENTS) {
    const one = await fetchOnce(client, request, interval, context);
    return { series: one.series, interval, executed: [one.executed], notices: [] };
  }
  return fetchManyGroups(client, request, interval, context);
}

/**
 * One request for up to ten groups: events-timeseries where the server has it, else events-stats. Older self-hosted
 * Sentry has no events-timeseries (404); sentry.io answers grouped events-timeseries on errors and discover with a
 * 500 (getsentry/sentry#119949), an answer rather than a fault, so that probe is not retried. Both are learnt once
 * per data source.
 */
async function fetchOnce(client: SentryClient, request: StatsRequest, interval: ChosenInterval, context: QueryContext) {
  const capabilities = client.capabilities;
  const stats = () => fetchEventsStats(client, request, interval, context);
  const routeMissing = (error: unknown) => error instanceof SentryError && error.status === 404;
  if (request.topN === 0) {
    return capabilities.use(
      'eventsTimeseries',
      () => fetchTimeseries(client, request, interval, context),
      stats,
      routeMissing
    );
  }
  const grouped = () =>
    capabilities.use(
      `groupedTimeseries:${request.dataset}`,
      (probe) => fetchTimeseries(client, request, interval, context, probe ? GROUPED_PROBE_FINAL : undefined),
      stats,
      (error) => error instanceof SentryError && error.status === 500
    );
  return capabilities.use('eventsTimeseries', grouped, stats, routeMissing);
}

/** A grouped events-timeseries probe takes a 500 as the answer "not on this dataset". */
const GROUPED_PROBE_FINAL = [500] as const;

/** Search, range (snapped to whole buckets) and scope of every request for one series. */
function commonParams(request: StatsRequest, range: TimeRange, interval: ChosenInterval): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (request.search.trim()) {
    params.push(['query', request.search]);
  }
  params.push(...timeParams(range, interval.ms), ...scopeParams(request.projectIds, request.environments));
  return params;
}

async function fetchTimeseries(
  client: SentryClient,
  request: StatsRequest,
  interval: ChosenInterval,
  context: QueryContext,
  finalStatuses?: readonly number[]
) {
  const params: Array<[string, string]> = [['dataset', request.dataset], ...repeated('yAxis', request.yAxes)];
  if (request.topN > 0) {
    params.push(...repeated('groupBy', request.groups));
    params.push(
      ['topEvents', String(request.topN)],
      ['sort', request.sort],
      ['excludeOther', request.withOther ? '0' : '1']
    );
  }
  params.push(['interval', String(Math.round(interval.ms / 1000))], ...commonParams(request, context.range, interval));
  const path = paths.eventsTimeseries(client.orgSlug);
  const { data } = await client.getJson(path, params, {
    signal: context.signal,
    requiredScope: scopes.org,
    finalStatuses,
  });
  return {
    series: seriesFromEventsTimeseries(data, request.yAxes, request.topN > 0 ? request.groups : []),
    executed: describeRequest(path, params),
  };
}

async function fetchEventsStats(
  client: SentryClient,
  request: StatsRequest,
  interval: ChosenInterval,
  context: QueryContext
) {
  const params: Array<[string, string]> = [['dataset', request.dataset], ...repeated('yAxis', request.yAxes)];
  if (request.topN > 0) {
    // With top events, `field` lists the group columns and the aggregates; the sort must be one of them.
    const sortField = request.sort.replace(/^-/, '');
    const fields = [...new Set([...request.groups, ...request.yAxes, sortField])];
    params.push(...repeated('field', fields));
    params.push(
      ['topEvents', String(request.topN)],
      ['sort', request.sort],
      ['excludeOther', request.withOther ? '0' : '1']
    );
  }
  params.push(['interval', interval.text], ['partial', '1'], ...commonParams(request, context.range, interval));
  const path = paths.eventsStats(client.orgSlug);
  const { data } = await client.getJson(path, params, { signal: context.signal, requiredScope: scopes.org });
  return {
    series: seriesFromEventsStats(data, request.yAxes, request.topN > 0 ? request.groups : []),
    executed: describeRequest(path, params),
  };
}

/**
 * More than ten groups: rank them with the events table, chart them in batches of ten (each batch's search
 * limited to its groups), and compute Other as the ungrouped total minus the groups, for additive aggregates.
 */
async function fetchManyGroups(
  client: SentryClient,
  request: StatsRequest,
  interval: ChosenInterval,
  context: QueryContext
): Promise<StatsResult> {
  const sortField = request.sort.replace(/^-/, '');
  const tableFields = [...new Set([...request.groups, sortField])];
  const tableParams: Array<[string, string]> = [
    ['dataset', request.dataset],
    ...repeated('field', tableFields),
    ['sort', request.sort],
    ['per_page', String(request.topN)],
    // Ranked over the range the series are read for.
    ...commonParams(request, context.range, interval),
  ];
  const eventsPath = paths.events(client.orgSlug);
  const { data } = await client.getJson<SentryEventsPage>(eventsPath, tableParams, {
    signal: context.signal,
    requiredScope: scopes.org,
  });
  const top = (data?.data ?? []).slice(0, request.topN).map((row) => request.groups.map((g) => groupText(row[g])));
  const executed = [describeRequest(eventsPath, tableParams)];
  const batches: string[][][] = [];
  for (let i = 0; i < top.length; i += SENTRY_MAX_TOP_EVENTS) {
    batches.push(top.slice(i, i + SENTRY_MAX_TOP_EVENTS));
  }
  const results = await Promise.all(
    batches.map((batch) =>
      fetchOnce(
        client,
        {
          ...request,
          topN: batch.length,
          withOther: false,
          search: joinSearch(request.search, groupsSearch(request.groups, batch)),
        },
        interval,
        context
      )
    )
  );
  const rankOf = new Map(top.map((values, rank) => [values.join('\u0000'), rank]));
  const series: Series[] = [];
  for (const result of results) {
    executed.push(result.executed);
    for (const s of result.series) {
      const rank = rankOf.get(request.groups.map((g) => s.labels[g] ?? '').join('\u0000'));
      series.push({ ...s, order: rank ?? s.order });
    }
  }
  const notices: string[] = [];
  if (request.withOther) {
    const additive = request.yAxes.filter(isAdditive);
    if (additive.length) {
      const total = await fetchOnce(client, { ...request, yAxes: additive, topN: 0, groups: [] }, interval, context);
      executed.push(total.executed);
      series.push(...otherSeries(total.series, series, request.groups));
    }
    if (additive.length < request.yAxes.length) {
      notices.push(
        `"Other" is shown only for counts and sums: ${request.yAxes.filter((y) => !isAdditive(y)).join(', ')} cannot be subtracted from a total.`
      );
    }
  }
  series.sort((a, b) => a.order - b.order || request.yAxes.indexOf(a.yAxis) - request.yAxes.indexOf(b.yAxis));
  return { series, interval, executed, notices };
}

function otherSeries(totals: Series[], groups: Series[], groupFields: string[]): Series[] {
  return totals.map((total) => {
    const parts = groups.filter((g) => g.yAxis === total.yAxis);
    const values = total.times.map((t, i) => {
      const v = total.values[i];
      if (v === null) {
        return null;
      }
      const sum = parts.reduce((acc, p) => acc + (p.values[p.times.indexOf(t)] ?? 0), 0);
      return Math.max(0, v - sum);
    });
    return {
      ...total,
      labels: Object.fromEntries(groupFields.map((f) => [f, 'Other'])),
      isOther: true,
      order: Number.MAX_SAFE_INTEGER,
      values,
    };
  });
}

/** A search matching exactly these groups: field:[a, b] for one field, (a:x b:y) OR … for several. */
function groupsSearch(groups: string[], tuples: string[][]): string {
  if (groups.length === 1) {
    return searchFilter(
      groups[0],
      tuples.map((t) => t[0])
    );
  }
  return tuples.map((t) => `(${groups.map((g, i) => `${g}:${searchValue(t[i])}`).join(' ')})`).join(' OR ');
}

function groupText(value: unknown): string {
  if (Array.isArray(value)) {
    return String(value[value.length - 1] ?? '');
  }
  return value === null || value === undefined ? '' : String(value);
}

function isAdditive(yAxis: string): boolean {
  return /^(count|sum|failure_count|count_if)\(/.test(yAxis) && !/^count_unique\(/.test(yAxis);
}

function clampTopN(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    return DEFAULT_TOP_N;
  }
  if (n > MAX_TOP_N) {
    throw new SentryError('query', `Top N can be at most ${MAX_TOP_N} (asked for ${n}).`);
  }
  return n;
}
