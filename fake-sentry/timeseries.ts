// events-stats (classic, shapes A–F) and events-timeseries (public, ms timestamps).

import type {
  ApiEventsTimeseries,
  ApiTimeSeries,
  ApiTimeSeriesGroupBy,
  ApiTimeSeriesMeta,
  ApiTimeSeriesValue,
  EventsStatsBody,
  EventsStatsBucket,
  EventsStatsGroup,
  EventsStatsMeta,
  EventsStatsSeries,
} from '../src/sentry/api';
import { ApiError, badRequest } from './errors';
import {
  aliasOf,
  AggregateContext,
  computeFunction,
  Dialect,
  functionMeta,
  isFunctionField,
  MetaType,
  parseFunction,
  ParsedFunction,
  resolveColumn,
  Row,
  runTable,
  validateFields,
  validateSort,
} from './discover';
import { parseStatsPeriod } from './params';
import { DAY, HOUR, MINUTE } from './scenario';

/** MAX_ROLLUP_POINTS: range / interval must stay below this (divided by topEvents). */
export const MAX_ROLLUP_POINTS = 10_000;
export const MAX_TOP_EVENTS = 10;

/** get_interval_from_range (non high-fidelity). */
export function defaultInterval(rangeMs: number): number {
  if (rangeMs >= 60 * DAY) {
    return DAY;
  }
  if (rangeMs >= 30 * DAY) {
    return 4 * HOUR;
  }
  if (rangeMs > DAY) {
    return HOUR;
  }
  if (rangeMs > HOUR) {
    return 5 * MINUTE;
  }
  return 15 * MINUTE;
}

/**
 * Interval for events-stats: statsPeriod syntax; unparseable → 1 h (like get_rollup_from_request);
 * zero or too many points → silently the range default (the endpoint catches the validation error).
 */
export function resolveInterval(raw: string | null, rangeMs: number, topEvents: number): number {
  const fallback = defaultInterval(rangeMs);
  let interval = raw === null || raw === '' ? fallback : (parseStatsPeriod(raw) ?? HOUR);
  const maxPoints = topEvents > 0 ? MAX_ROLLUP_POINTS / topEvents : MAX_ROLLUP_POINTS;
  if (interval <= 0 || rangeMs / interval > maxPoints) {
    interval = fallback;
  }
  return interval;
}

export interface Buckets {
  first: number;
  interval: number;
  count: number;
}

/** Buckets covering [start, end): the first floored to the interval, the last one may be partial. */
export function makeBuckets(start: number, end: number, interval: number): Buckets {
  const first = Math.floor(start / interval) * interval;
  const last = Math.floor((end - 1) / interval) * interval;
  return { first, interval, count: Math.max(1, (last - first) / interval + 1) };
}

function bucketRows(rows: readonly Row[], buckets: Buckets, shiftMs = 0): Row[][] {
  const out: Row[][] = Array.from({ length: buckets.count }, () => []);
  for (const row of rows) {
    const index = Math.floor((row.ts + shiftMs - buckets.first) / buckets.interval);
    if (index >= 0 && index < buckets.count) {
      out[index].push(row);
    }
  }
  return out;
}

/** One value per bucket; empty buckets are zero-filled like Sentry's zerofill. */
function seriesValues(fn: ParsedFunction, bucketed: Row[][], interval: number): Array<number | null> {
  const context: AggregateContext = { windowMs: interval };
  return bucketed.map((rows) => {
    if (rows.length === 0) {
      return 0;
    }
    const value = computeFunction(fn, rows, context);
    return typeof value === 'number' ? value : null;
  });
}

export interface StatsInput {
  /** Rows already filtered by dataset, projects, environments, query and time range. */
  rows: Row[];
  /** Rows of the comparison window (comparisonDelta), if requested. */
  comparisonRows?: Row[];
  comparisonDeltaMs?: number;
  start: number;
  end: number;
  datasetName: string;
  params: URLSearchParams;
  /** No accessible projects → `{"data": []}`. */
  noProjects: boolean;
  /** The dataset's functions and field types (default Discover's). */
  dialect?: Dialect;
}

function parseTopEvents(raw: string | null): number {
  if (raw === null || raw === '') {
    return 0;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw badRequest('topEvents must be an integer');
  }
  const value = Number(raw);
  if (value > MAX_TOP_EVENTS) {
    throw badRequest(`Can only get up to ${MAX_TOP_EVENTS} top events`);
  }
  if (value <= 0) {
    throw badRequest('If topEvents needs to be at least 1');
  }
  return value;
}

const YAXIS_ALIASES: Record<string, string> = { event_count: 'count()', user_count: 'count_unique(user)' };

function parseYAxis(
  params: URLSearchParams,
  dialect: Dialect = 'discover'
): Array<{ label: string; fn: ParsedFunction }> {
  const raw = params.getAll('yAxis').filter((y) => y !== '');
  const list = raw.length ? raw : ['count()'];
  return list.map((label) => {
    const canonical = YAXIS_ALIASES[label] ?? label;
    if (!isFunctionField(canonical)) {
      throw badRequest(`${label} is not a valid function`);
    }
    return { label, fn: parseFunction(canonical, dialect) };
  });
}

/** GET events-stats: shapes A–F of sentry-api.md §2.4. */
export function eventsStats(input: StatsInput): EventsStatsBody {
  const { params } = input;
  const dialect = input.dialect ?? 'discover';
  const topEvents = parseTopEvents(params.get('topEvents'));
  const yAxis = parseYAxis(params, dialect);
  if (input.noProjects) {
    return { data: [] };
  }
  const interval = resolveInterval(params.get('interval'), input.end - input.start, topEvents);
  const buckets = makeBuckets(input.start, input.end, interval);
  const seriesStart = buckets.first / 1000;
  // A single-bucket range gets its end bumped by a second, as Sentry does.
  const seriesEnd = (buckets.first + buckets.count * interval) / 1000 + (buckets.count === 1 ? 1 : 0);
  const inputFormat = params.get('transformAliasToInputFormat') === '1';

  const baseMeta = (
    extraFields: Record<string, MetaType>,
    extraUnits: Record<string, string | null>,
    topForm: boolean
  ): EventsStatsMeta => {
    const fields: Record<string, string> = { time: 'date', ...extraFields };
    const units: Record<string, string | null> = { time: null, ...extraUnits };
    for (const { fn } of yAxis) {
      const key = topForm || inputFormat ? fn.field : aliasOf(fn.field);
      const meta = functionMeta(fn);
      fields[key] = meta.type;
      units[key] = meta.unit;
    }
    return {
      fields,
      units,
      isMetricsData: false,
      isMetricsExtractedData: false,
      tips: {},
      datasetReason: 'unchanged',
      dataset: input.datasetName,
    };
  };

  const buildSeries = (
    fn: ParsedFunction,
    rows: readonly Row[],
    meta: EventsStatsMeta,
    order: number | undefined
  ): EventsStatsSeries => {
    const values = seriesValues(fn, bucketRows(rows, buckets), interval);
    const comparison =
      input.comparisonRows && input.comparisonDeltaMs
        ? seriesValues(fn, bucketRows(input.comparisonRows, buckets, input.comparisonDeltaMs), interval)
        : null;
    const data = values.map((value, i): EventsStatsBucket => [
      (buckets.first + i * interval) / 1000,
      [comparison ? { count: value, comparisonCount: comparison[i] } : { count: value }],
    ]);
    const series: EventsStatsSeries = { data, start: seriesStart, end: seriesEnd, isMetricsData: false, meta };
    if (order !== undefined) {
      series.order = order;
    }
    return series;
  };

  const multiAxis = (rows: readonly Row[], meta: EventsStatsMeta): Record<string, EventsStatsSeries> =>
    Object.fromEntries(yAxis.map(({ label, fn }, order) => [label, buildSeries(fn, rows, meta, order)]));

  if (topEvents === 0) {
    const meta = baseMeta({}, {}, false);
    return yAxis.length === 1 ? buildSeries(yAxis[0].fn, input.rows, meta, undefined) : multiAxis(input.rows, meta);
  }

  // topEvents: rank groups with a table query over `field`, then one series per group.
  const fields = params.getAll('field').filter((f) => f !== '');
  const tableFields = fields.length ? fields : yAxis.map((y) => y.fn.field);
  validateFields(tableFields);
  const sort = params.getAll('sort').length ? params.getAll('sort') : params.getAll('orderby');
  validateSort(sort, tableFields);
  const groupColumns = tableFields.filter((f) => !isFunctionField(f) && !f.startsWith('equation|'));
  const columnTypes: Record<string, MetaType> = {};
  const columnUnits: Record<string, string | null> = {};
  for (const column of groupColumns) {
    columnTypes[column] = resolveColumn(column, dialect === 'spans-saas').type;
    columnUnits[column] = null;
  }
  const topMeta = baseMeta(columnTypes, columnUnits, true);

  if (groupColumns.length === 0) {
    // Shape F: no group-by columns → one group labelled "".
    if (yAxis.length === 1) {
      return { '': buildSeries(yAxis[0].fn, input.rows, topMeta, 0) };
    }
    return { '': { ...multiAxis(input.rows, topMeta), order: 0 } };
  }

  const table = runTable({
    fields: tableFields,
    sort,
    rows: input.rows,
    windowMs: input.end - input.start,
    aggregateFilter: null,
    conditionFunctions: [],
    dialect,
  });
  const top = table.data.slice(0, topEvents);
  const topRows = table.groupRows.slice(0, topEvents);
  if (top.length === 0) {
    // Shape E: nothing matched.
    const meta = baseMeta({}, {}, false);
    return yAxis.length === 1
      ? buildSeries(yAxis[0].fn, input.rows, meta, undefined)
      : { '': multiAxis(input.rows, meta) };
  }

  const sortedColumns = [...groupColumns].sort();
  const result: Record<string, EventsStatsSeries | EventsStatsGroup> = {};
  top.forEach((values, rank) => {
    let label = sortedColumns
      .map((column) => (values[column] === null || values[column] === undefined ? 'None' : String(values[column])))
      .join(',');
    if (label === 'Other') {
      label = `Other (${sortedColumns.join(',')})`;
    }
    result[label] =
      yAxis.length === 1
        ? buildSeries(yAxis[0].fn, topRows[rank], topMeta, rank)
        : { ...multiAxis(topRows[rank], topMeta), order: rank };
  });
  const inTop = new Set<Row>(topRows.flat());
  const otherRows = input.rows.filter((row) => !inTop.has(row));
  if (params.get('excludeOther') !== '1' && top.length === topEvents && otherRows.length > 0) {
    result.Other =
      yAxis.length === 1
        ? buildSeries(yAxis[0].fn, otherRows, topMeta, topEvents)
        : { ...multiAxis(otherRows, topMeta), order: topEvents };
  }
  return result;
}

export interface TimeseriesInput {
  rows: Row[];
  start: number;
  end: number;
  now: number;
  datasetName: string;
  params: URLSearchParams;
  dialect?: Dialect;
  /** Why a bucket is incomplete (flavours.ts), or null. */
  incompleteReason(bucketStart: number, interval: number): string | null;
  /** Set when grouped requests fail on this dataset (getsentry/sentry#119949): thrown after validation. */
  groupedFailure?: ApiError;
}

/** GET events-timeseries (sentry-api.md §2.5): ms timestamps, incomplete flags, groupBy for top events. */
export function eventsTimeseries(input: TimeseriesInput): ApiEventsTimeseries {
  const { params } = input;
  const dialect = input.dialect ?? 'discover';
  const topEvents = parseTopEvents(params.get('topEvents'));
  const yAxis = parseYAxis(params, dialect);
  const groupBy = params.getAll('groupBy').filter((g) => g !== '');
  if (topEvents > 0 && groupBy.length === 0) {
    throw badRequest('groupBy is a required parameter when doing topEvents');
  }
  if (groupBy.includes('timestamp')) {
    throw badRequest('Cannot group by timestamp');
  }
  if (topEvents > 0 && input.groupedFailure) {
    throw input.groupedFailure;
  }
  const interval = resolveInterval(params.get('interval'), input.end - input.start, topEvents);
  const buckets = makeBuckets(input.start, input.end, interval);

  const series = (
    fn: ParsedFunction,
    label: string,
    rows: readonly Row[],
    extra: Pick<ApiTimeSeries, 'groupBy'> & Pick<ApiTimeSeriesMeta, 'order' | 'isOther'>
  ): ApiTimeSeries => {
    const values = seriesValues(fn, bucketRows(rows, buckets), interval).map((value, i) => {
      const timestamp = buckets.first + i * interval;
      const reason = input.incompleteReason(timestamp, interval);
      const point: ApiTimeSeriesValue = { timestamp, value: value ?? 0, incomplete: reason !== null };
      if (reason !== null) {
        point.incompleteReason = reason;
      }
      return point;
    });
    const meta = functionMeta(fn);
    const { groupBy: groupByList, order, isOther } = extra;
    const out: ApiTimeSeries = {
      yAxis: label,
      values,
      meta: {
        valueType: meta.type,
        valueUnit: meta.unit,
        interval,
        ...(order !== undefined ? { order, isOther } : {}),
      },
    };
    if (groupByList) {
      out.groupBy = groupByList;
    }
    return out;
  };

  const timeSeries: ApiTimeSeries[] = [];
  if (topEvents === 0 || groupBy.length === 0) {
    for (const { label, fn } of yAxis) {
      timeSeries.push(series(fn, label, input.rows, {}));
    }
  } else {
    const fields = [...groupBy, ...yAxis.map((y) => y.fn.field)];
    const sortParam = params.getAll('sort');
    const sort = sortParam.length ? sortParam : [`-${yAxis[0].fn.field}`];
    validateSort(sort, fields);
    const table = runTable({
      fields,
      sort,
      rows: input.rows,
      windowMs: input.end - input.start,
      aggregateFilter: null,
      conditionFunctions: [],
      dialect,
    });
    const top = table.data.slice(0, topEvents);
    const topRows = table.groupRows.slice(0, topEvents);
    top.forEach((values, rank) => {
      // Group-by cells of the table hold strings, numbers or null.
      const groupByList = groupBy.map((key): ApiTimeSeriesGroupBy => ({
        key,
        value: (values[key] ?? null) as ApiTimeSeriesGroupBy['value'],
      }));
      for (const { label, fn } of yAxis) {
        timeSeries.push(series(fn, label, topRows[rank], { groupBy: groupByList, order: rank, isOther: false }));
      }
    });
    const inTop = new Set<Row>(topRows.flat());
    const otherRows = input.rows.filter((row) => !inTop.has(row));
    if (params.get('excludeOther') !== '1' && top.length === topEvents && otherRows.length > 0) {
      for (const { label, fn } of yAxis) {
        timeSeries.push(series(fn, label, otherRows, { order: topEvents, isOther: true }));
      }
    }
  }
  return {
    timeSeries,
    meta: { dataset: input.datasetName, start: buckets.first, end: buckets.first + buckets.count * interval },
  };
}
