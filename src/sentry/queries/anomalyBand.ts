/**
 * Event frequency with an expected band: the series, and beside it a baseline, upper and lower bound learnt
 * from the same series one day or one week earlier (see ../anomaly.ts), plus an `anomaly` series that is 1
 * where the value leaves the band. Two requests: the range, and the earlier range widened by half a window.
 */
import type { DataFrame, DataFrameType, FieldConfig } from '@grafana/data';
import { choiceProblem, distinctList } from '../checks';
import { DatasetPlan, datasetLine } from '../datasetPlans';
import type { EventsDataset } from '../datasets';
import {
  ANOMALY_PERIOD_MS,
  DEFAULT_ANOMALY_K,
  DEFAULT_ANOMALY_WINDOW,
  MAX_ANOMALY_K,
  MAX_ANOMALY_WINDOW,
  anomalyBand,
  baselineRange,
} from '../anomaly';
import { SentryClient } from '../client';
import { SentryError } from '../errors';
import { snapRange } from '../snap';
import { makeFrame } from '../frames';
import { QueryContext } from './context';
import { emptySeriesFrame, incompleteNotice } from './series';
import {
  StatsQuery,
  StatsRequest,
  fetchSeries,
  onStatsDatasets,
  statsInterval,
  statsLinks,
  statsRequestOf,
} from './eventsStats';

export type AnomalyBaseline = 'previousDay' | 'previousWeek';

/** The band's settings on an aggregates-over-time query. */
export interface AnomalyBandFields {
  /**
   * Add an expected band (baseline, upper, lower) from the same series one day or week earlier, and an anomaly
   * flag series. Only for one y-axis without groups.
   */
  anomalyBand?: boolean;
  /** The period the band is learnt from. Default previousDay. */
  anomalyBaseline?: AnomalyBaseline;
  /**
   * How strict the band is, in standard deviations: k robust ones (1.4826 × MAD) either side; for counts, the
   * bounds a count leaves with the probability of a normal value beyond k (see ../anomaly.ts). Default 3.
   */
  anomalyK?: number;
  /** Baseline buckets around each point the band is computed over. Default 6. */
  anomalyWindow?: number;
}

export const ANOMALY_BASELINES: AnomalyBaseline[] = ['previousDay', 'previousWeek'];
const BASELINE_TEXT: Record<AnomalyBaseline, string> = { previousDay: 'previous day', previousWeek: 'previous week' };
/** Aggregates that count events: their band allows for Poisson noise (see countBand in ../anomaly.ts). */
const COUNT_LIKE = /^(count|count_unique|count_if|count_miserable|failure_count)\(/;

/** Why the band cannot be drawn for this query, or undefined. */
export function anomalyBandProblem(query: StatsQuery): string | undefined {
  if (!query.anomalyBand) {
    return undefined;
  }
  const groups = distinctList(query.eventsStatsGroups);
  if (groups.length) {
    return `The anomaly band needs a single series: remove the group-by (${groups.join(', ')}) or turn the band off.`;
  }
  const yAxes = distinctList(query.eventsStatsYAxis);
  if (yAxes.length > 1) {
    return `The anomaly band works on one y-axis: keep one of ${yAxes.join(', ')} or turn the band off.`;
  }
  return undefined;
}

/** What is wrong with the band's settings, by key (each undefined when fine, all when the band is off). */
export function anomalySettingsProblems(query: StatsQuery) {
  const band = Boolean(query.anomalyBand);
  return {
    anomalyBaseline: band
      ? choiceProblem(query.anomalyBaseline, ANOMALY_BASELINES, 'baseline', ANOMALY_BASELINES.join(' or '))
      : undefined,
    anomalyK: band ? anomalyKProblem(query.anomalyK) : undefined,
    anomalyWindow: band ? anomalyWindowProblem(query.anomalyWindow) : undefined,
  };
}

function anomalyKProblem(k: unknown): string | undefined {
  if (k === undefined || k === null || k === '') {
    return undefined;
  }
  const n = Number(k);
  return !Number.isFinite(n) || n <= 0 || n > MAX_ANOMALY_K
    ? `The band width k must be a number above 0 and at most ${MAX_ANOMALY_K}, not ${String(k)}.`
    : undefined;
}

function anomalyWindowProblem(w: unknown): string | undefined {
  if (w === undefined || w === null || w === '') {
    return undefined;
  }
  const n = Number(w);
  return !Number.isInteger(n) || n < 1 || n > MAX_ANOMALY_WINDOW
    ? `The window must be a whole number of buckets from 1 to ${MAX_ANOMALY_WINDOW}, not ${String(w)}.`
    : undefined;
}

/** The band's part of a query's history text. */
export function anomalyBandText(query: StatsQuery): string {
  return query.anomalyBand
    ? `, anomaly band vs ${BASELINE_TEXT[query.anomalyBaseline ?? 'previousDay'] ?? 'previous day'}`
    : '';
}

export async function runAnomalyBandQuery(
  client: SentryClient,
  query: StatsQuery,
  context: QueryContext,
  dataset: EventsDataset
): Promise<DataFrame[]> {
  const problem = anomalyBandProblem(query) ?? Object.values(anomalySettingsProblems(query)).find(Boolean);
  if (problem) {
    throw new SentryError('query', problem);
  }
  return onStatsDatasets(client, statsRequestOf(query, dataset), (request, plan) =>
    bandFrames(client, query, context, request, plan)
  );
}

async function bandFrames(
  client: SentryClient,
  query: StatsQuery,
  context: QueryContext,
  request: StatsRequest,
  plan: DatasetPlan
): Promise<DataFrame[]> {
  const yAxis = request.yAxes[0];
  const baselineKind = query.anomalyBaseline ?? 'previousDay';
  const k = query.anomalyK === undefined || query.anomalyK === null ? DEFAULT_ANOMALY_K : Number(query.anomalyK);
  const windowSize =
    query.anomalyWindow === undefined || query.anomalyWindow === null
      ? DEFAULT_ANOMALY_WINDOW
      : Number(query.anomalyWindow);
  const shiftMs = ANOMALY_PERIOD_MS[baselineKind];

  // Both ranges in the same buckets: the baseline's range is longer, which could pick a coarser interval.
  const interval = statsInterval(request, context);
  // The series is read in whole buckets (../snap.ts): all of the last one on a fixed range, up to now on one ending
  // now (or not known to be fixed), where the last bucket expects a share of a bucket's count.
  const snapped = snapRange(context.range, interval.ms);
  const range = {
    from: snapped.from.getTime(),
    to: context.relative === false ? snapped.to.getTime() : context.range.to.getTime(),
  };
  const earlier = baselineRange(range, shiftMs, interval.ms, windowSize);
  const [current, baseline] = await Promise.all([
    fetchSeries(client, request, context, interval),
    fetchSeries(
      client,
      request,
      { ...context, range: { from: new Date(earlier.from), to: new Date(earlier.to) } },
      interval
    ),
  ]);

  const countLike = COUNT_LIKE.test(yAxis);
  const meta = {
    executedQueryString: [
      `interval: ${interval.text}`,
      ...datasetLine(plan),
      ...current.executed,
      `baseline (${BASELINE_TEXT[baselineKind]}, window ${windowSize}, k ${k}${countLike ? ', counts' : ''}):`,
      ...baseline.executed,
    ].join('\n'),
    custom: {
      interval: interval.text,
      dataset: request.dataset,
      anomaly: { baseline: baselineKind, k, window: windowSize, countLike },
    },
  };
  const series = current.series[0];
  if (!series) {
    return [emptySeriesFrame(query.refId, [yAxis, 'baseline', 'upper', 'lower', 'anomaly'], meta)];
  }
  const earlierSeries = baseline.series[0] ?? { times: [], values: [] };
  const band = anomalyBand({
    current: series,
    baseline: earlierSeries,
    shiftMs,
    intervalMs: interval.ms,
    window: windowSize,
    k,
    countLike,
    range,
  });
  const flagged = band.anomaly.reduce((n, v) => n + v, 0);
  const links = statsLinks(client, request);
  const valueConfig: FieldConfig = {
    ...series.column.config,
    displayNameFromDS: yAxis,
    ...(links.length ? { links } : {}),
  };
  const boundConfig = (displayName: string, custom: Record<string, unknown>): FieldConfig => ({
    ...series.column.config,
    displayNameFromDS: displayName,
    color: { mode: 'fixed', fixedColor: 'blue' },
    custom: { lineWidth: 0, hideFrom: { legend: true, tooltip: false, viz: false }, ...custom },
  });
  return [
    makeFrame({
      name: yAxis,
      refId: query.refId,
      meta: {
        ...meta,
        type: 'timeseries-wide' as DataFrameType.TimeSeriesWide,
        typeVersion: [0, 1],
        notices: [
          {
            severity: 'info',
            text: `${flagged} of ${series.times.length} buckets outside the band learnt from the ${BASELINE_TEXT[baselineKind]}.`,
          },
          ...[incompleteNotice(series)].filter((notice) => notice !== undefined),
        ],
      },
      fields: [
        { name: 'time', type: 'time', values: series.times },
        { name: yAxis, type: 'number', values: series.values, config: valueConfig },
        {
          name: 'baseline',
          type: 'number',
          values: band.baseline,
          config: boundConfig(`Baseline (${BASELINE_TEXT[baselineKind]})`, {
            lineWidth: 1,
            lineStyle: { fill: 'dash', dash: [10, 10] },
            hideFrom: { legend: false, tooltip: false, viz: false },
          }),
        },
        {
          name: 'upper',
          type: 'number',
          values: band.upper,
          config: boundConfig('Upper bound', { fillBelowTo: 'lower', fillOpacity: 15 }),
        },
        { name: 'lower', type: 'number', values: band.lower, config: boundConfig('Lower bound', { fillOpacity: 0 }) },
        {
          name: 'anomaly',
          type: 'number',
          values: band.anomaly,
          config: {
            displayNameFromDS: 'Anomaly',
            unit: 'bool_yes_no',
            decimals: 0,
            min: 0,
            max: 1,
            color: { mode: 'fixed', fixedColor: 'red' },
            custom: {
              drawStyle: 'bars',
              barAlignment: 1,
              fillOpacity: 20,
              lineWidth: 0,
              axisPlacement: 'hidden',
              hideFrom: { legend: false, tooltip: false, viz: false },
            },
          },
        },
      ],
    }),
  ];
}
