/**
 * Time series from Sentry's two chart endpoints, as one Grafana frame per series (timeseries-multi) with
 * labels for the group values, display names, units, and a stable order: Sentry's rank, then y-axis order.
 */
import type { DataFrame, DataLink, QueryResultMeta } from '@grafana/data';
import type {
  ApiEventsTimeseries,
  ApiTimeSeries,
  ApiTimeSeriesGroupBy,
  ApiTimeSeriesMeta,
  ApiTimeSeriesValue,
  EventsStatsBucket,
  EventsStatsGroup,
  EventsStatsSeries,
} from '../api';
import { SentryError } from '../errors';
import { TIMESERIES_MULTI_META, makeFrame } from '../frames';
import { ColumnType, columnType, guessColumnType } from '../units';

export interface Series {
  yAxis: string;
  labels: Record<string, string>;
  /** Rank of the group (0 = top); Other comes last. */
  order: number;
  isOther: boolean;
  times: number[];
  values: Array<number | null>;
  column: ColumnType;
}

type Json = Record<string, unknown>;
/** A JSON object read as a `T` of Sentry's: only T's keys can be read, and each value is checked before use. */
type Unchecked<T> = { [K in keyof T]?: unknown };

const SERIES_OBJECT_KEYS = new Set<string>([
  'order',
  'meta',
  'start',
  'end',
  'isMetricsData',
  'isMetricsExtractedData',
  'data',
] satisfies Array<keyof EventsStatsSeries>);

/**
 * events-stats answers in six shapes (one or several y-axes, with or without top events); walk them all.
 * Bucket times are epoch seconds; `{count: null}` is a missing value, and an empty list a zero-filled bucket.
 */
export function seriesFromEventsStats(body: unknown, yAxes: string[], groupFields: string[]): Series[] {
  if (!isObject(body)) {
    throw new SentryError('invalid-response', 'events-stats answered with something that is not an object.');
  }
  const out: Series[] = [];
  const grouped = groupFields.length > 0;
  if (isSeriesObject(body)) {
    // Shape A (or E: top events that found nothing): one unlabelled series.
    out.push(statsSeries(body, yAxes[0] ?? 'count()', {}, 0, false));
    return body.data.length === 0 && !('start' in body) ? [] : out;
  }
  for (const [key, value] of Object.entries(body)) {
    if (SERIES_OBJECT_KEYS.has(key) || !isObject<EventsStatsSeries | EventsStatsGroup>(value)) {
      continue;
    }
    if (!grouped) {
      // Shape B: keyed by y-axis.
      if (isSeriesObject(value)) {
        out.push(statsSeries(value, key, {}, 0, false));
      }
      continue;
    }
    const isOther = key === 'Other';
    const labels = groupLabels(key, groupFields, isOther);
    const rank = typeof value.order === 'number' ? value.order : Number.MAX_SAFE_INTEGER;
    if (isSeriesObject(value)) {
      // Shape C / F: keyed by group, one y-axis.
      out.push(statsSeries(value, yAxes[0] ?? 'count()', labels, rank, isOther));
    } else {
      // Shape D (or E with several y-axes): group → y-axis → series.
      for (const [yAxis, inner] of Object.entries(value)) {
        if (isObject(inner) && isSeriesObject(inner)) {
          out.push(statsSeries(inner, yAxis, labels, rank, isOther));
        }
      }
    }
  }
  return sortSeries(out, yAxes);
}

function statsSeries(
  obj: SeriesObject,
  yAxis: string,
  labels: Record<string, string>,
  order: number,
  isOther: boolean
): Series {
  const times: number[] = [];
  const values: Array<number | null> = [];
  for (const bucket of obj.data) {
    if (!Array.isArray(bucket) || typeof bucket[0] !== 'number') {
      continue;
    }
    times.push(bucket[0] * 1000);
    const inner = bucket[1];
    if (Array.isArray(inner) && inner.length === 0) {
      values.push(0);
    } else {
      const count = Array.isArray(inner) && isObject<EventsStatsBucket[1][number]>(inner[0]) ? inner[0].count : null;
      values.push(typeof count === 'number' ? count : null);
    }
  }
  return {
    yAxis,
    labels,
    order: isOther ? Number.MAX_SAFE_INTEGER : order,
    isOther,
    times,
    values,
    column: guessColumnType(yAxis),
  };
}

/** Sentry joins the group's values, sorted by field name, with commas. */
function groupLabels(label: string, groupFields: string[], isOther: boolean): Record<string, string> {
  const fields = [...groupFields].sort();
  if (isOther) {
    return Object.fromEntries(fields.map((f) => [f, 'Other']));
  }
  if (fields.length === 1) {
    return { [fields[0]]: label };
  }
  const parts = label.split(',');
  return parts.length === fields.length ? Object.fromEntries(fields.map((f, i) => [f, parts[i]])) : { group: label };
}

/** events-timeseries: explicit groupBy pairs, millisecond timestamps, typed values. */
export function seriesFromEventsTimeseries(body: unknown, yAxes: string[], groupFields: string[] = []): Series[] {
  if (!isObject<ApiEventsTimeseries>(body) || !Array.isArray(body.timeSeries)) {
    throw new SentryError('invalid-response', 'events-timeseries answered without a timeSeries list.');
  }
  const out: Series[] = [];
  for (const ts of body.timeSeries) {
    if (!isObject<ApiTimeSeries>(ts) || typeof ts.yAxis !== 'string' || !Array.isArray(ts.values)) {
      continue;
    }
    const meta: Unchecked<ApiTimeSeriesMeta> = isObject<ApiTimeSeriesMeta>(ts.meta) ? ts.meta : {};
    const isOther = meta.isOther === true;
    // "Other" may come without groupBy pairs: label it on every requested group field.
    const labels: Record<string, string> = isOther ? Object.fromEntries(groupFields.map((f) => [f, 'Other'])) : {};
    for (const pair of Array.isArray(ts.groupBy) ? ts.groupBy : []) {
      if (isObject<ApiTimeSeriesGroupBy>(pair) && typeof pair.key === 'string') {
        labels[pair.key] = isOther ? 'Other' : labelValue(pair.value);
      }
    }
    const times: number[] = [];
    const values: Array<number | null> = [];
    for (const point of ts.values) {
      if (isObject<ApiTimeSeriesValue>(point) && typeof point.timestamp === 'number') {
        times.push(point.timestamp);
        values.push(typeof point.value === 'number' ? point.value : null);
      }
    }
    const column =
      typeof meta.valueType === 'string'
        ? columnType(meta.valueType, typeof meta.valueUnit === 'string' ? meta.valueUnit : null)
        : guessColumnType(ts.yAxis);
    out.push({
      yAxis: ts.yAxis,
      labels,
      order: isOther ? Number.MAX_SAFE_INTEGER : typeof meta.order === 'number' ? meta.order : 0,
      isOther,
      times,
      values,
      column,
    });
  }
  return sortSeries(out, yAxes);
}

function labelValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '(none)';
  }
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function sortSeries(series: Series[], yAxes: string[]): Series[] {
  const axisIndex = (y: string) => {
    const i = yAxes.indexOf(y);
    return i < 0 ? yAxes.length : i;
  };
  return series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.order - b.s.order || axisIndex(a.s.yAxis) - axisIndex(b.s.yAxis) || a.i - b.i)
    .map(({ s }) => s);
}

export interface SeriesFrameOptions {
  refId: string;
  meta: QueryResultMeta;
  /** Several y-axes: say which one in the display name. */
  multipleYAxes: boolean;
  /** Data links for every series' value field. */
  links?: DataLink[];
}

export function seriesFrames(series: Series[], options: SeriesFrameOptions): DataFrame[] {
  return series.map((s) => {
    const groupName = Object.values(s.labels).join(', ');
    const displayName = groupName ? (options.multipleYAxes ? `${groupName} · ${s.yAxis}` : groupName) : s.yAxis;
    return makeFrame({
      name: displayName,
      refId: options.refId,
      meta: { ...options.meta, ...TIMESERIES_MULTI_META },
      fields: [
        { name: 'time', type: 'time', values: s.times },
        {
          name: s.yAxis,
          type: 'number',
          values: s.values,
          labels: s.labels,
          config: {
            ...s.column.config,
            displayNameFromDS: displayName,
            ...(options.links?.length ? { links: options.links } : {}),
          },
        },
      ],
    });
  });
}

function isObject<T = Json>(value: unknown): value is Unchecked<T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An events-stats series: its buckets are checked one by one. */
type SeriesObject = Unchecked<EventsStatsSeries> & { data: unknown[] };

function isSeriesObject(value: Unchecked<EventsStatsSeries>): value is SeriesObject {
  return Array.isArray(value.data);
}

/** No data is not an error: a frame with the time field and one empty field per requested value. */
export function emptySeriesFrame(refId: string, valueNames: string[], meta: QueryResultMeta): DataFrame {
  return makeFrame({
    name: 'No data',
    refId,
    meta: { ...meta, ...TIMESERIES_MULTI_META },
    fields: [
      { name: 'time', type: 'time', values: [] },
      ...valueNames.map((name) => ({ name, type: 'number' as const, values: [] })),
    ],
  });
}
