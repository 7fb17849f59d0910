// Discover's aggregate functions (count, percentiles, rates, apdex, user misery…) as used on the errors,
// transactions and discover datasets: argument checks, result types and units, values over a group of rows.

import { badRequest } from '../errors';
import { isoDiscover } from '../params';
import { parseDuration, parseNumber } from '../search';
import { COLUMNS, MetaType, resolveColumn, Row, userOf } from './columns';

export interface AggregateContext {
  /** Length of the time window the rows came from (for epm/eps). */
  windowMs: number;
}

export interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  resultType(args: string[]): MetaType;
  unit(args: string[]): string | null;
  compute(rows: readonly Row[], args: string[], context: AggregateContext): number | string | null;
}

export const FAILURE_EXCLUDED = new Set(['ok', 'cancelled', 'unknown']);
export const DEFAULT_APDEX_THRESHOLD = 300;
// Sentry's user-misery smoothing constants.
export const MISERY_ALPHA = 5.8875;
export const MISERY_BETA = 111.8625;

function isFailure(row: Row): boolean {
  const status =
    row.kind === 'span' ? (row.isTransaction ? row.status : null) : row.kind === 'transaction' ? row.status : null;
  return status !== null && !FAILURE_EXCLUDED.has(status);
}

export function durationOf(row: Row): number | null {
  return row.kind === 'transaction' ? row.duration : row.kind === 'span' ? row.duration : null;
}

export function numericValues(rows: readonly Row[], field: string): number[] {
  const column = resolveColumn(field);
  const values: number[] = [];
  for (const row of rows) {
    const value = column.get(row);
    if (typeof value === 'number') {
      values.push(value);
    }
  }
  return values;
}

export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) {
    return null;
  }
  // Typed-array sort is numeric and much faster than Array#sort with a comparator.
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function numericColumnType(field: string, fn: string): MetaType {
  const column = COLUMNS[field];
  if (!column || !['duration', 'integer', 'number'].includes(column.type)) {
    throw badRequest(`${fn}: column argument invalid: ${field} is not a numeric column`);
  }
  return column.type;
}

function defaultDurationField(args: string[]): string {
  return args[0] ?? 'transaction.duration';
}

function percentileSpec(q: number): FunctionSpec {
  return {
    minArgs: 0,
    maxArgs: 1,
    resultType: (args) => numericColumnType(defaultDurationField(args), 'percentile'),
    unit: (args) => COLUMNS[defaultDurationField(args)]?.unit ?? null,
    compute: (rows, args) => percentile(numericValues(rows, defaultDurationField(args)), q),
  };
}

export function thresholdArg(args: string[], index: number): number {
  if (args[index] === undefined) {
    return DEFAULT_APDEX_THRESHOLD;
  }
  const value = Number(args[index]);
  if (!Number.isFinite(value) || value <= 0) {
    throw badRequest(`${args[index]} is not a valid threshold`);
  }
  return value;
}

function userKey(row: Row): string | null {
  const user = userOf(row);
  return user ? (user.id ?? user.ip) : null;
}

const COUNT_IF_OPERATORS: Record<string, (a: number | string, b: number | string) => boolean> = {
  equals: (a, b) => a === b,
  notEquals: (a, b) => a !== b,
  less: (a, b) => a < b,
  greater: (a, b) => a > b,
  lessOrEquals: (a, b) => a <= b,
  greaterOrEquals: (a, b) => a >= b,
};

export const DISCOVER_FUNCTIONS: Record<string, FunctionSpec> = {
  count: { minArgs: 0, maxArgs: 1, resultType: () => 'integer', unit: () => null, compute: (rows) => rows.length },
  count_unique: {
    minArgs: 1,
    maxArgs: 1,
    resultType: () => 'integer',
    unit: () => null,
    compute: (rows, args) => {
      const column = resolveColumn(args[0]);
      const seen = new Set<unknown>();
      for (const row of rows) {
        const value = column.get(row);
        if (value !== null && value !== '') {
          seen.add(value);
        }
      }
      return seen.size;
    },
  },
  count_if: {
    minArgs: 3,
    maxArgs: 3,
    resultType: () => 'integer',
    unit: () => null,
    compute: (rows, args) => {
      const column = resolveColumn(args[0]);
      const op = COUNT_IF_OPERATORS[args[1]];
      if (!op) {
        throw badRequest(`${args[1]} is not a valid condition`);
      }
      const numeric =
        column.type === 'duration' ? parseDuration(args[2]) : column.type === 'string' ? null : parseNumber(args[2]);
      const expected = numeric ?? args[2];
      return rows.filter((row) => {
        const value = column.get(row);
        return value !== null && op(typeof expected === 'number' ? Number(value) : String(value), expected);
      }).length;
    },
  },
  epm: rateSpec(60_000, '1/minute'),
  tpm: rateSpec(60_000, '1/minute'),
  eps: rateSpec(1000, '1/second'),
  tps: rateSpec(1000, '1/second'),
  failure_count: {
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'integer',
    unit: () => null,
    compute: (rows) => rows.filter(isFailure).length,
  },
  failure_rate: {
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'percentage',
    unit: () => null,
    compute: (rows) => {
      const candidates = rows.filter((row) => row.kind === 'transaction' || (row.kind === 'span' && row.isTransaction));
      return candidates.length === 0 ? 0 : candidates.filter(isFailure).length / candidates.length;
    },
  },
  p50: percentileSpec(0.5),
  p75: percentileSpec(0.75),
  p90: percentileSpec(0.9),
  p95: percentileSpec(0.95),
  p99: percentileSpec(0.99),
  p100: percentileSpec(1),
  percentile: {
    minArgs: 2,
    maxArgs: 2,
    resultType: (args) => numericColumnType(args[0], 'percentile'),
    unit: (args) => COLUMNS[args[0]]?.unit ?? null,
    compute: (rows, args) => percentile(numericValues(rows, args[0]), Number(args[1])),
  },
  avg: statSpec((values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null)),
  sum: statSpec((values) => values.reduce((a, b) => a + b, 0)),
  min: statSpec((values) => (values.length ? Math.min(...values) : null)),
  max: statSpec((values) => (values.length ? Math.max(...values) : null)),
  apdex: {
    minArgs: 0,
    maxArgs: 1,
    resultType: () => 'number',
    unit: () => null,
    compute: (rows, args) => {
      const threshold = thresholdArg(args, 0);
      let satisfied = 0;
      let tolerated = 0;
      let total = 0;
      for (const row of rows) {
        const duration = durationOf(row);
        if (duration === null || (row.kind === 'span' && !row.isTransaction)) {
          continue;
        }
        total++;
        if (duration <= threshold) {
          satisfied++;
        } else if (duration <= 4 * threshold) {
          tolerated++;
        }
      }
      return total === 0 ? 0 : (satisfied + tolerated / 2) / total;
    },
  },
  count_miserable: {
    minArgs: 1,
    maxArgs: 2,
    resultType: () => 'integer',
    unit: () => null,
    compute: (rows, args) => {
      if (args[0] !== 'user') {
        throw badRequest('count_miserable: only the user column is supported');
      }
      return miserableUsers(rows, thresholdArg(args, 1)).miserable;
    },
  },
  user_misery: {
    minArgs: 0,
    maxArgs: 1,
    resultType: () => 'number',
    unit: () => null,
    compute: (rows, args) => {
      const { miserable, unique } = miserableUsers(rows, thresholdArg(args, 0));
      return (miserable + MISERY_ALPHA) / (unique + MISERY_ALPHA + MISERY_BETA);
    },
  },
  last_seen: {
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'date',
    unit: () => null,
    compute: (rows) => (rows.length ? isoDiscover(Math.max(...rows.map((r) => r.ts))) : null),
  },
  first_seen: {
    minArgs: 0,
    maxArgs: 0,
    resultType: () => 'date',
    unit: () => null,
    compute: (rows) => (rows.length ? isoDiscover(Math.min(...rows.map((r) => r.ts))) : null),
  },
};

export function rateSpec(perMs: number, unit: string): FunctionSpec {
  return {
    minArgs: 0,
    maxArgs: 1,
    resultType: () => 'rate',
    unit: () => unit,
    compute: (rows, _args, context) => (context.windowMs > 0 ? rows.length / (context.windowMs / perMs) : 0),
  };
}

export function statSpec(reduce: (values: number[]) => number | null): FunctionSpec {
  return {
    minArgs: 1,
    maxArgs: 1,
    resultType: (args) => {
      const type = numericColumnType(args[0], 'aggregate');
      return type === 'integer' ? 'integer' : type;
    },
    unit: (args) => COLUMNS[args[0]]?.unit ?? null,
    compute: (rows, args) => reduce(numericValues(rows, args[0])),
  };
}

export function miserableUsers(rows: readonly Row[], threshold: number): { miserable: number; unique: number } {
  const all = new Set<string>();
  const miserable = new Set<string>();
  for (const row of rows) {
    const duration = durationOf(row);
    const user = userKey(row);
    if (duration === null || user === null) {
      continue;
    }
    all.add(user);
    if (duration > 4 * threshold) {
      miserable.add(user);
    }
  }
  return { miserable: miserable.size, unique: all.size };
}
