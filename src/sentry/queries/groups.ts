/**
 * Sessions and stats_v2 answer alike: groups with `by` labels, `totals` and per-interval `series`. One way to
 * label them (project ids shown as slugs) and to turn them into a totals table or one series per group × field.
 */
import type { DataFrame, DataLink, FieldConfig, QueryResultMeta } from '@grafana/data';
import type { SentrySessionsGroup, SentryStatsV2Group } from '../api';
import { SentryClient } from '../client';
import { FieldSpec, columnTitle, labelText, makeFrame, toEpochMs, toNumber } from '../frames';
import { listProjects } from '../metadata';
import { Series, emptySeriesFrame, fitTo, seriesFrames } from './series';

/** A group of either answer. */
export type SentryGroup = SentrySessionsGroup | SentryStatsV2Group;

export type GroupLabeler = (group: SentryGroup) => Record<string, string>;

/**
 * Labels of a group in the requested groupBy order (Sentry's `by` keys come in any order), then any key Sentry
 * added, with project ids replaced by slugs (read once, cached) when grouped by project.
 */
export async function groupLabeler(
  client: SentryClient,
  groupBy: readonly string[],
  signal?: AbortSignal
): Promise<GroupLabeler> {
  const projects = groupBy.includes('project') ? await listProjects(client, signal) : [];
  const slugs = new Map(projects.map((p) => [String(p.id), p.slug]));
  return (group) => {
    const by: Record<string, unknown> = group.by ?? {};
    const keys = [...groupBy.filter((k) => k in by), ...Object.keys(by).filter((k) => !groupBy.includes(k))];
    return Object.fromEntries(
      keys.map((k) => [k, (k === 'project' ? slugs.get(String(by[k])) : undefined) ?? labelText(by[k])])
    );
  };
}

export interface GroupFramesOptions {
  refId: string;
  /** Frame name of the totals table. */
  tableName: string;
  groups: SentryGroup[];
  labelsOf: GroupLabeler;
  groupBy: readonly string[];
  fields: readonly string[];
  /** Bucket starts; undefined gives the totals table. */
  intervals?: string[];
  meta: QueryResultMeta;
  links: DataLink[];
  config: (field: string) => FieldConfig;
  /** A total Sentry left out: null (no data) for sessions, 0 for usage counts. */
  missingTotal: number | null;
}

export function groupFrames(o: GroupFramesOptions): DataFrame[] {
  if (!o.intervals) {
    const columns: FieldSpec[] = [
      ...o.groupBy.map((k): FieldSpec => ({
        name: k,
        type: 'string',
        values: o.groups.map((g) => o.labelsOf(g)[k] ?? null),
        config: columnTitle(k),
      })),
      ...o.fields.map((f): FieldSpec => ({
        name: f,
        type: 'number',
        values: o.groups.map((g) => totalOf(g, f) ?? o.missingTotal),
        config: { ...o.config(f), links: o.links },
      })),
    ];
    return [
      makeFrame({
        name: o.tableName,
        refId: o.refId,
        meta: { ...o.meta, preferredVisualisationType: 'table' },
        fields: columns,
      }),
    ];
  }
  const times = o.intervals.map((t) => toEpochMs(t) ?? 0);
  const series: Series[] = o.groups.flatMap((group, order) =>
    o.fields.map((f) => ({
      yAxis: f,
      labels: o.labelsOf(group),
      order,
      isOther: false,
      times,
      // One number (or null) per interval, however many Sentry sent.
      values: fitTo(seriesOf(group, f), times.length),
      column: { type: 'number' as const, config: o.config(f) },
    }))
  );
  const frames = seriesFrames(series, {
    refId: o.refId,
    meta: o.meta,
    multipleYAxes: o.fields.length > 1,
    links: o.links,
  });
  return frames.length ? frames : [emptySeriesFrame(o.refId, [...o.fields], o.meta)];
}

/** A group's total of a field: a number, or null when Sentry sent none or something else. */
function totalOf(group: SentryGroup, field: string): number | null {
  const totals: Record<string, unknown> = group.totals ?? {};
  return toNumber(totals[field]);
}

function seriesOf(group: SentryGroup, field: string): Array<number | null> {
  const series: Record<string, unknown> = group.series ?? {};
  const values = series[field];
  return Array.isArray(values) ? values.map(toNumber) : [];
}
