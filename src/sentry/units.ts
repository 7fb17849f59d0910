/** Sentry's column types and units (meta.fields / meta.units, valueType / valueUnit) as Grafana field types and units. */
import type { FieldConfig } from '@grafana/data';
import type { FieldTypeName } from './frames';

export interface ColumnType {
  type: FieldTypeName;
  config: FieldConfig;
}

const SIZE_UNITS: Record<string, string> = {
  bit: 'bits',
  byte: 'bytes',
  kilobyte: 'deckbytes',
  kibibyte: 'kbytes',
  megabyte: 'decmbytes',
  mebibyte: 'mbytes',
  gigabyte: 'decgbytes',
  gibibyte: 'gbytes',
};

const DURATION_UNITS: Record<string, string> = {
  nanosecond: 'ns',
  microsecond: 'µs',
  millisecond: 'ms',
  second: 's',
  minute: 'm',
  hour: 'h',
  day: 'd',
  week: 'w',
};

export function columnType(sentryType: string | undefined | null, unit: string | undefined | null): ColumnType {
  switch (sentryType) {
    case 'date':
      return { type: 'time', config: {} };
    case 'integer':
      return { type: 'number', config: { decimals: 0 } };
    case 'number':
    case 'score':
      return { type: 'number', config: {} };
    case 'duration':
      return { type: 'number', config: { unit: DURATION_UNITS[unit ?? 'millisecond'] ?? 'ms' } };
    case 'percentage':
    case 'percent_change':
      // Sentry's percentages are 0–1 fractions.
      return { type: 'number', config: { unit: 'percentunit' } };
    case 'rate':
      return {
        type: 'number',
        config: { unit: unit === '1/second' ? 'cps' : unit === '1/minute' ? 'cpm' : undefined },
      };
    case 'size':
      return { type: 'number', config: { unit: SIZE_UNITS[unit ?? 'byte'] ?? 'bytes' } };
    case 'boolean':
      return { type: 'boolean', config: {} };
    case 'string':
      return { type: 'string', config: {} };
    default:
      return { type: 'other', config: {} };
  }
}

/** The type Sentry would give a function's result, for servers that leave meta out. */
export function guessColumnType(field: string): ColumnType {
  if (field === 'timestamp' || field.endsWith('_seen()') || field === 'time') {
    return columnType('date', null);
  }
  if (/^(count|count_unique|count_if|count_miserable|failure_count)\(/.test(field)) {
    return columnType('integer', null);
  }
  if (/^(p\d+|avg|sum|min|max)\((transaction|span)\.(duration|self_time)/.test(field) || /\.duration$/.test(field)) {
    return columnType('duration', 'millisecond');
  }
  if (/^(failure_rate|user_misery)\(/.test(field)) {
    return columnType('percentage', null);
  }
  if (/^(epm|tpm)\(/.test(field)) {
    return columnType('rate', '1/minute');
  }
  if (/^(eps|tps)\(/.test(field)) {
    return columnType('rate', '1/second');
  }
  if (/^apdex\(/.test(field)) {
    return columnType('number', null);
  }
  return { type: 'other', config: {} };
}
