/**
 * Grafana-shaped frames built from plain objects, so the core runs in Node (CLI, tests) and in Grafana
 * alike. Only type imports from Grafana's data package: the string values below are what its FieldType enum holds.
 */
import type { DataFrame, DataFrameType, Field, FieldConfig, FieldType, Labels, QueryResultMeta } from '@grafana/data';

export const FieldTypes = {
  time: 'time' as FieldType.time,
  number: 'number' as FieldType.number,
  string: 'string' as FieldType.string,
  boolean: 'boolean' as FieldType.boolean,
  other: 'other' as FieldType.other,
};

export type FieldTypeName = keyof typeof FieldTypes;

/** Meta for series frames: one frame per series, told apart by labels. */
export const TIMESERIES_MULTI_META: Pick<QueryResultMeta, 'type' | 'typeVersion'> = {
  type: 'timeseries-multi' as DataFrameType.TimeSeriesMulti,
  typeVersion: [0, 1],
};

export interface FieldSpec<T = unknown> {
  name: string;
  type: FieldTypeName;
  values: T[];
  config?: FieldConfig;
  labels?: Labels;
}

export function makeField<T>(spec: FieldSpec<T>): Field<T> {
  const field: Field<T> = {
    name: spec.name,
    type: FieldTypes[spec.type],
    values: spec.values,
    config: spec.config ?? {},
  };
  if (spec.labels) {
    field.labels = spec.labels;
  }
  return field;
}

export interface FrameSpec {
  name?: string;
  refId?: string;
  fields: Array<FieldSpec | Field>;
  meta?: QueryResultMeta;
}

export function makeFrame(spec: FrameSpec): DataFrame {
  const fields = spec.fields.map((f) => (isFieldSpecWithName(f) ? makeField(f) : (f as Field)));
  const length = fields.reduce((max, f) => Math.max(max, f.values.length), 0);
  const frame: DataFrame = { fields, length };
  if (spec.name !== undefined) {
    frame.name = spec.name;
  }
  if (spec.refId !== undefined) {
    frame.refId = spec.refId;
  }
  if (spec.meta) {
    frame.meta = spec.meta;
  }
  return frame;
}

function isFieldSpecWithName(f: FieldSpec | Field): f is FieldSpec {
  return typeof f.type === 'string' && f.type in FieldTypes && !('state' in f);
}

/** Parses an ISO date from Sentry into epoch milliseconds; null for missing or unparseable values. */
export function toEpochMs(value: unknown): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (typeof value === 'number') {
    // Sentry mixes epoch seconds (events-stats) and milliseconds (events-timeseries).
    return value < 1e11 ? value * 1000 : value;
  }
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? null : ms;
}

/** Numbers arrive as strings in some Sentry payloads (issue counts): convert, keep null for missing. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}
