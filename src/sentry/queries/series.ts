/**
 * Time series from Sentry's two chart endpoints, as one Grafana frame per series (timeseries-multi) with
 * labels for the group values, display names, units, and a stable order: Sentry's rank, then y-axis order.
 */
import type { DataFrame, DataLink, QueryResultMeta, QueryResultMetaNotice } from '@grafana/data';
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
import { TIMESERIES_MULTI_META, labelText, makeFrame, toEpochMs, toNumber } from '../frames';
import { MAX_SERIES_POINTS } from '../limits';
import { ColumnType, columnType, guessColumnType } from '../units';

export interface Series {
  yAxis: string;
  labels: Record<string, string>;
  /** Rank of the group (0 = top); Other comes last. */
  order: number;
  isOther: boolean;
  times: number[];
  /** One per time; null where Sentry has no value, or has not finished counting the bucket. */
  values: Array<number | null>;
  column: ColumnType;
  /** How many buckets Sentry marked incomplete (their values are null), and whether they end the series. */
  incomplete?: { buckets: number; trailing: boolean };
  /** Points Sentry sent past MAX_SERIES_POINTS, dropped. */
  dropped?: number;
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
      // Shape B: keyed by y-axis (some servers key the one requested y-axis as "").
      if (isSeriesObject(value)) {
        out.push(statsSeries(value, key === '' && yAxes.length === 1 ? yAxes[0] : key, {}, 0, false));
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
  let dropped = 0;
  for (const bucket of obj.data) {
    const time = Array.isArray(bucket) ? toEpochMs(bucket[0]) : null;
    if (time === null || !Array.isArray(bucket)) {
      continue;
    }
    if (times.length >= MAX_SERIES_POINTS) {
      dropped++;
      continue;
    }
    times.push(time);
    values.push(bucketValue(bucket[1]));
  }
  return {
    yAxis,
    labels,
    order: isOther ? Number.MAX_SAFE_INTEGER : order,
    isOther,
    times,
    values,
    column: guessColumnType(yAxis),
    ...(dropped ? { dropped } : {}),
  };
}

/**
 * A bucket's entries summed, as Sentry's own charts do (`[t, [{count: 321}, {count: 79}]]` is 400); an empty list
 * is a zero-filled bucket, and a bucket with no numeric count has no value.
 */
function bucketValue(entries: unknown): number | null {
  if (!Array.isArray(entries)) {
    return null;
  }
  if (entries.length === 0) {
    return 0;
  }
  let sum: number | null = null;
  for (const entry of entries) {
    const count = isObject<EventsStatsBucket[1][number]>(entry) ? toNumber(entry.count) : null;
    if (count !== null) {
      sum = (sum ?? 0) + count;
    }
  }
  return sum;
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
        labels[pair.key] = isOther ? 'Other' : labelText(pair.value);
      }
    }
    const times: number[] = [];
    const values: Array<number | null> = [];
    let incomplete = 0;
    let trailing = 0;
    let dropped = 0;
    for (const point of ts.values) {
      const time = isObject<ApiTimeSeriesValue>(point) ? toEpochMs(point.timestamp) : null;
      if (time === null) {
        continue;
      }
      if (times.length >= MAX_SERIES_POINTS) {
        dropped++;
        continue;
      }
      times.push(time);
      // A bucket Sentry has not finished counting is no value, not a low one (its 0 is not a real 0).
      const open = point.incomplete === true;
      values.push(open ? null : toNumber(point.value));
      incomplete += open ? 1 : 0;
      trailing = open ? trailing + 1 : 0;
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
      ...(incomplete ? { incomplete: { buckets: incomplete, trailing: trailing === incomplete } } : {}),
      ...(dropped ? { dropped } : {}),
    });
  }
  return sortSeries(out, yAxes);
}

/** What a frame says about the buckets Sentry marked incomplete. */
export function incompleteNotice(series: Pick<Series, 'incomplete'>): QueryResultMetaNotice | undefined {
  const { buckets = 0, trailing = false } = series.incomplete ?? {};
  if (!buckets) {
    return undefined;
  }
  const which = trailing
    ? buckets === 1
      ? 'The last bucket is'
      : `The last ${buckets} buckets are`
    : `${buckets} bucket${buckets === 1 ? ' is' : 's are'}`;
  return {
    severity: 'info',
    text: `${which} incomplete (Sentry is still receiving their events): shown without a value.`,
  };
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
  return series.map(keepPoints).map((s) => {
    const groupName = Object.values(s.labels).join(', ');
    const displayName = groupName ? (options.multipleYAxes ? `${groupName} · ${s.yAxis}` : groupName) : s.yAxis;
    const notices = [incompleteNotice(s), droppedNotice(s)].filter((n): n is QueryResultMetaNotice => Boolean(n));
    const meta = notices.length
      ? { ...options.meta, notices: [...(options.meta.notices ?? []), ...notices] }
      : options.meta;
    return makeFrame({
      name: displayName,
      refId: options.refId,
      meta: { ...meta, ...TIMESERIES_MULTI_META },
      fields: [
        { name: 'time', type: 'time', values: s.times },
        {
          name: s.yAxis,
          type: 'number',
          // One value per time: a short series is padded with null, a long one cut.
          values: fitTo(s.values, s.times.length),
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

/** The series with at most MAX_SERIES_POINTS points (series built from other answers than the parsers' above). */
function keepPoints(series: Series): Series {
  const extra = series.times.length - MAX_SERIES_POINTS;
  if (extra <= 0) {
    return series;
  }
  return {
    ...series,
    times: series.times.slice(0, MAX_SERIES_POINTS),
    values: series.values.slice(0, MAX_SERIES_POINTS),
    dropped: (series.dropped ?? 0) + extra,
  };
}

/** What a frame says about points dropped past MAX_SERIES_POINTS. */
export function droppedNotice(series: Pick<Series, 'times' | 'dropped'>): QueryResultMetaNotice | undefined {
  if (!series.dropped) {
    return undefined;
  }
  const sent = series.times.length + series.dropped;
  return {
    severity: 'warning',
    text: `Sentry sent ${sent} points for this series, more than the ${MAX_SERIES_POINTS} a series keeps: the last ${series.dropped} were dropped.`,
  };
}

/** `values` with exactly `length` entries: cut, or padded with null. */
export function fitTo<T>(values: T[], length: number): Array<T | null> {
  return values.length === length ? values : Array.from({ length }, (_, i) => (i < values.length ? values[i] : null));
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
