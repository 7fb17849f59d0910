/**
 * Grafana-shaped frames built from plain objects, so the core runs in Node (CLI, tests) and in Grafana
 * alike. Only type imports from Grafana's data package: the string values below are what its FieldType enum holds.
 */
import type {
  DataFrame,
  DataFrameType,
  Field,
  FieldConfig,
  FieldType,
  Labels,
  QueryResultMeta,
  QueryResultMetaNotice,
} from '@grafana/data';

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
  const made = spec.fields.map((f) => (isFieldSpecWithName(f) ? makeField(f) : (f as Field)));
  const length = made.reduce((max, f) => Math.max(max, f.values.length), 0);
  // Grafana reads every field up to the frame's length: a shorter field is padded with null, never left short.
  const fields = made.map((f) =>
    f.values.length === length ? f : { ...f, values: [...f.values, ...new Array(length - f.values.length).fill(null)] }
  );
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

/**
 * A time from Sentry as epoch milliseconds: an ISO date, or epoch seconds or milliseconds as a number or a numeric
 * string. Null for missing or unparseable values (and for anything but a string or a number).
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') {
    // Sentry mixes epoch seconds (events-stats) and milliseconds (events-timeseries).
    return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : null;
  }
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  // Sentry's ISO form first: it is what nearly every time is, and no numeric text passes for it (no "T").
  const iso = parseIsoUtc(value);
  if (iso !== undefined) {
    return iso;
  }
  if (NUMERIC.test(value)) {
    return toEpochMs(Number(value));
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A decimal number as text: what Sentry sends for some counts and times. */
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** An ISO 8601 date and time with a zone, as Sentry writes timestamps (`2025-04-13T14:19:18+00:00`, `…Z`). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A value that is a point in time: an ISO date-time string, or epoch seconds/milliseconds after 2001. */
export function isTimestamp(value: unknown): boolean {
  if (typeof value === 'string') {
    return ISO_DATE_TIME.test(value) && toEpochMs(value) !== null;
  }
  return typeof value === 'number' && value >= 1e9 && value < 1e14;
}

/**
 * The timestamps Sentry sends (`2026-05-01T08:12:44.123456Z`, `…+00:00`) read by hand: a 100,000-row table
 * has 100,000 of them and Date.parse costs about three times as much. Anything else (no zone, odd
 * offsets, out-of-range parts) returns undefined and is left to Date.parse, whose answers this matches.
 */
export function parseIsoUtc(text: string): number | undefined {
  const length = text.length;
  if (
    length < 20 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined; // also catches non-digits (digits() answers -1)
  }
  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === 46) {
    // Fractions: milliseconds are the first three digits, the rest is truncated, as Date.parse does.
    const start = ++i;
    while (i < length && isDigit(text.charCodeAt(i))) {
      if (i - start < 3) {
        millis = millis * 10 + text.charCodeAt(i) - 48;
      }
      i++;
    }
    if (i === start) {
      return undefined;
    }
    for (let scale = i - start; scale < 3; scale++) {
      millis *= 10;
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90 && i + 1 === length) {
    // Z
  } else if ((zone === 43 || zone === 45) && i + 6 === length && text.charCodeAt(i + 3) === 58) {
    const hours = digits(text, i + 1, 2);
    const minutes = digits(text, i + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
      return undefined;
    }
    offsetMinutes = zone === 43 ? hours * 60 + minutes : -(hours * 60 + minutes);
  } else {
    return undefined;
  }
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return minutes * 60_000 + second * 1000 + millis;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The decimal number in text[start, start + count), or -1 if any of it is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) {
      return -1;
    }
    value = value * 10 + code - 48;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (days past the month's end roll over, as in Date). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * A number field's value: numbers as they are, numeric strings (issue counts arrive as strings) converted, and
 * anything else (missing, objects, booleans, other text) null, so no string or object reaches a number field.
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && NUMERIC.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * A Sentry value as a series label or display name, which Grafana shows as text: strings as they are, numbers and
 * booleans as written, lists joined with ", ", objects as JSON (never "[object Object]"), no value as "(none)".
 */
export function labelText(value: unknown): string {
  if (value === null || value === undefined) {
    return '(none)';
  }
  if (Array.isArray(value)) {
    return value.map(labelText).join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A plain Sentry column as a table header reads ("project" → "Project", "id" → "ID"); functions and dotted fields
 * (count(), span.op) stay as Sentry writes them.
 */
export function columnTitle(name: string): FieldConfig {
  return /^[a-z_]+$/.test(name)
    ? { displayName: name === 'id' ? 'ID' : name[0].toUpperCase() + name.slice(1).replace(/_/g, ' ') }
    : {};
}

/** `frame` with `notices` after those it has (the same frame when there are none). */
export function withNotices<F extends { meta?: { notices?: QueryResultMetaNotice[] } }>(
  frame: F,
  notices: QueryResultMetaNotice[]
): F {
  return notices.length
    ? { ...frame, meta: { ...frame.meta, notices: [...(frame.meta?.notices ?? []), ...notices] } }
    : frame;
}
