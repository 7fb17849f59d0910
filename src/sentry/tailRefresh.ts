/**
 * Tail refresh: a series panel on a range ending now, refreshed, reads only its newest buckets. The last result of
 * each query (with its interval settings and range length) is kept per data source; a refresh reads from the last
 * bucket that was complete at that read (and from the first of the trailing buckets without a value, which Sentry
 * had not finished counting) to now, in the same buckets, keeps the earlier buckets still inside the range and drops
 * those that slid out. What it returns equals a full read's frames; only executedQueryString tells the two apart.
 *
 * A full read instead: a fixed range; another query, interval setting or range length; a kept result older than
 * `maxAgeMs` (so late events in older buckets show within that time) or ending before the new range starts; a tail
 * longer than half the range; a tail whose series are not the kept ones (a group appeared or went quiet); and
 * anything but plain series. Types: event frequency, spans time series, performance series, sessions and org stats.
 * Left out, always read in full: series grouped by top N (a tail ranks groups over the tail alone, and the ranking
 * over the range can change with it), and the anomaly band (its notice counts flags over the whole range, and its
 * tail would need the baseline's tail too).
 */
import type { DataFrame, Field } from '@grafana/data';
import { distinctList } from './checks';
import { SentryClient } from './client';
import { parseInterval } from './interval';
import type { QueryContext, QueryOutcome } from './queries/context';
import type { SentryQuery } from './query';
import { runQuery } from './run';
import { ceilTo, floorTo } from './snap';

export interface TailRefreshOptions {
  /** Results kept per data source (least recently used dropped first). */
  entries: number;
  /** Largest result kept, in points over all its series. */
  maxPoints: number;
  /** A result this long after its last full read is read in full again. */
  maxAgeMs: number;
}

export const DEFAULT_TAIL_REFRESH_OPTIONS: TailRefreshOptions = {
  entries: 32,
  maxPoints: 10_000,
  maxAgeMs: 10 * 60_000,
};

/** What one run read: a full read or a tail, and how many points Sentry sent. */
export interface TailRead {
  kind: 'full' | 'tail';
  points: number;
}

type Runner = (client: SentryClient, query: SentryQuery, context: QueryContext) => Promise<QueryOutcome>;

/** One series of a kept result: which it is, and its buckets (copies, whatever Grafana does with the frames). */
interface KeptSeries {
  key: string;
  times: number[];
  values: Array<number | null>;
}

interface Kept {
  series: KeptSeries[];
  bucketMs: number;
  /** The `to` (now) of the read these series come from. */
  to: number;
  /** The `to` of the last full read. */
  fullAt: number;
}

/** Series types whose frames a tail can continue (see the module comment for those left out). */
export function tailRefreshable(query: SentryQuery): boolean {
  switch (query.queryType) {
    case 'eventsStats':
    case 'spansStats':
      return !query.anomalyBand && distinctList(query.eventsStatsGroups).length === 0;
    case 'performance':
      return query.performanceMode === 'timeseries' && distinctList(query.performanceGroupBy).length === 0;
    case 'sessions':
      return query.sessionsMode !== 'table';
    case 'statsV2':
      return true;
    default:
      return false;
  }
}

export class TailRefresh {
  readonly #kept = new Map<string, Kept>();
  readonly #options: TailRefreshOptions;
  /** The read of the last run, for measurements: a tail that could not be merged counts with the full read. */
  lastRead?: TailRead;

  readonly #runner: Runner;

  constructor(options: Partial<TailRefreshOptions> = {}, runner: Runner = runQuery) {
    this.#options = { ...DEFAULT_TAIL_REFRESH_OPTIONS, ...options };
    this.#runner = runner;
  }

  /** Runs the query: its tail when a kept result allows, else in full (and keeps what a refresh can continue). */
  async run(client: SentryClient, query: SentryQuery, context: QueryContext): Promise<QueryOutcome> {
    if (!context.relative || !tailRefreshable(query)) {
      return this.#full(client, query, context);
    }
    const key = JSON.stringify([query, context.intervalMs ?? null, context.maxDataPoints ?? null, rangeMs(context)]);
    const kept = this.#kept.get(key);
    const tailFrom = kept && this.#tailStart(kept, context);
    const merged =
      kept && tailFrom !== undefined ? await this.#tail(client, query, context, kept, tailFrom) : undefined;
    const outcome =
      merged ?? (await this.#full(client, query, context, tailFrom === undefined ? 0 : this.lastRead?.points));
    this.#remember(key, outcome, context, merged && kept ? kept.fullAt : context.range.to.getTime());
    return outcome;
  }

  async #full(client: SentryClient, query: SentryQuery, context: QueryContext, readBefore = 0) {
    const outcome = await this.#runner(client, query, context);
    this.lastRead = { kind: 'full', points: readBefore + pointsOf(outcome.frames) };
    return outcome;
  }

  /** Where the tail starts, or undefined when the kept result cannot be continued. */
  #tailStart(kept: Kept, context: QueryContext): number | undefined {
    const to = context.range.to.getTime();
    const bucket = kept.bucketMs;
    if (to < kept.to || to - kept.fullAt > this.#options.maxAgeMs) {
      return undefined;
    }
    const rangeStart = floorTo(context.range.from.getTime(), bucket);
    // The last bucket complete at the kept read, read again for events that arrived late, and any trailing
    // buckets Sentry had not finished counting then.
    const tailFrom = Math.min(floorTo(kept.to, bucket) - bucket, ...kept.series.map(trailingNullsFrom));
    const buckets = (ceilTo(to, bucket) - rangeStart) / bucket;
    const tailBuckets = (ceilTo(to, bucket) - tailFrom) / bucket;
    return tailFrom < rangeStart || tailBuckets > buckets / 2 ? undefined : tailFrom;
  }

  /** The tail read and merged; the tail's error as it is; undefined when it does not continue the kept series. */
  async #tail(
    client: SentryClient,
    query: SentryQuery,
    context: QueryContext,
    kept: Kept,
    tailFrom: number
  ): Promise<QueryOutcome | undefined> {
    const tailContext: QueryContext = {
      ...context,
      range: { from: new Date(tailFrom), to: context.range.to },
      bucketMs: kept.bucketMs,
    };
    const outcome = await this.#runner(client, query, tailContext);
    this.lastRead = { kind: 'tail', points: pointsOf(outcome.frames) };
    if (outcome.error) {
      return outcome;
    }
    const rangeStart = floorTo(context.range.from.getTime(), kept.bucketMs);
    const frames = mergeFrames(kept, outcome.frames, rangeStart, tailFrom);
    return frames ? { ...outcome, frames } : undefined;
  }

  #remember(key: string, outcome: QueryOutcome, context: QueryContext, fullAt: number) {
    this.#kept.delete(key);
    const bucketMs = outcome.error ? undefined : seriesBucketMs(outcome.frames);
    if (bucketMs === undefined || pointsOf(outcome.frames) > this.#options.maxPoints) {
      return;
    }
    const series = outcome.frames.map((frame) => {
      const [time, value] = seriesFields(frame)!;
      return { key: seriesKey(frame), times: [...time.values], values: [...value.values] };
    });
    this.#kept.set(key, { series, bucketMs, to: context.range.to.getTime(), fullAt });
    for (const oldest of this.#kept.keys()) {
      if (this.#kept.size <= this.#options.entries) {
        break;
      }
      this.#kept.delete(oldest);
    }
  }
}

function rangeMs(context: QueryContext): number {
  return context.range.to.getTime() - context.range.from.getTime();
}

function pointsOf(frames: DataFrame[]): number {
  return frames.reduce((sum, frame) => sum + frame.length, 0);
}

/** A frame of one series: a time field and a number field. */
function seriesFields(frame: DataFrame): [Field<number>, Field<number | null>] | undefined {
  const [time, value, ...rest] = frame.fields;
  if (rest.length || !time || !value || time.type !== 'time' || value.type !== 'number') {
    return undefined;
  }
  return [time as Field<number>, value as Field<number | null>];
}

/** The bucket size all frames are distinct series in (times on its grid, none missing), or undefined. */
function seriesBucketMs(frames: DataFrame[]): number | undefined {
  const texts = new Set(frames.map((f) => (f.meta?.custom as { interval?: unknown } | undefined)?.interval));
  const [text] = [...texts];
  const distinct = new Set(frames.map(seriesKey)).size === frames.length;
  if (!frames.length || texts.size !== 1 || typeof text !== 'string' || !distinct) {
    return undefined;
  }
  const ms = parseInterval(text);
  const onGrid = (frame: DataFrame) => {
    const times = seriesFields(frame)?.[0].values ?? [];
    return times.length > 0 && times.every((t, i) => (i === 0 ? t % ms === 0 : t - times[i - 1] === ms));
  };
  return frames.every(onGrid) ? ms : undefined;
}

/** Which series a frame is: its name, value field and labels. */
function seriesKey(frame: DataFrame): string {
  const value = frame.fields[1];
  return JSON.stringify([frame.name ?? '', value?.name ?? '', value?.labels ?? {}]);
}

/** The start of the run of buckets without a value that ends the series (Infinity when the last has one). */
function trailingNullsFrom(series: KeptSeries): number {
  let i = series.values.length;
  while (i > 0 && series.values[i - 1] === null) {
    i--;
  }
  return i < series.times.length ? series.times[i] : Infinity;
}

/**
 * The kept series from `rangeStart` up to `tailFrom`, then the tail's, in the kept order and the tail's frames;
 * undefined unless the tail holds the same series in the same buckets, starting at `tailFrom`, and each result is one
 * unbroken grid from `rangeStart`.
 */
function mergeFrames(kept: Kept, tail: DataFrame[], rangeStart: number, tailFrom: number): DataFrame[] | undefined {
  const bucket = kept.bucketMs;
  const tailByKey = new Map(tail.map((frame) => [seriesKey(frame), frame]));
  if (seriesBucketMs(tail) !== bucket || tailByKey.size !== kept.series.length) {
    return undefined;
  }
  const note = `tail refresh: buckets from ${new Date(tailFrom).toISOString()} read again; earlier ones kept from the read up to ${new Date(kept.to).toISOString()}`;
  const merged: DataFrame[] = [];
  for (const old of kept.series) {
    const fresh = tailByKey.get(old.key);
    const [time, value] = (fresh && seriesFields(fresh)) || [];
    if (!fresh || !time || !value || time.values[0] !== tailFrom) {
      return undefined;
    }
    const keep = old.times.flatMap((t, i) => (t >= rangeStart && t < tailFrom ? [i] : []));
    const times = [...keep.map((i) => old.times[i]), ...time.values];
    const values = [...keep.map((i) => old.values[i]), ...value.values];
    if (times[0] !== rangeStart || times.some((t, i) => i > 0 && t - times[i - 1] !== bucket)) {
      return undefined;
    }
    merged.push({
      ...fresh,
      length: times.length,
      fields: [
        { ...time, values: times },
        { ...value, values },
      ],
      meta: { ...fresh.meta, executedQueryString: [note, fresh.meta?.executedQueryString].filter(Boolean).join('\n') },
    });
  }
  return merged;
}
