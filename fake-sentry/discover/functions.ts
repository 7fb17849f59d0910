// Parsing aggregate function fields (`p95(transaction.duration)`, `apdex(span.duration,300)`) into the spec of
// the dataset's dialect, and their values and meta.

import { badRequest } from '../errors';
import { MetaType, Row } from './columns';
import { AggregateContext, DISCOVER_FUNCTIONS, FunctionSpec } from './function-specs';
import { spansSpec } from './spans-functions';

export type { AggregateContext, FunctionSpec } from './function-specs';

/**
 * Which functions a dataset has: Discover's (errors, transactions, discover) or the spans dataset's (EAP).
 * `spans` accepts the EAP forms and, as the fake always did, Discover's; `spans-saas` only what sentry.io's
 * spans dataset resolves (and types its timestamp as a string).
 */
export type Dialect = 'discover' | 'spans' | 'spans-saas';

/** Legacy yAxis aliases accepted by events-stats. */
const FIELD_ALIASES: Record<string, string> = { event_count: 'count()', user_count: 'count_unique(user)' };

export interface ParsedFunction {
  field: string;
  name: string;
  args: string[];
  spec: FunctionSpec;
}

const FUNCTION_PATTERN = /^([a-z_0-9]+)\((.*)\)$/;

export function isFunctionField(field: string): boolean {
  return FUNCTION_PATTERN.test(FIELD_ALIASES[field] ?? field);
}

export function parseFunction(field: string, dialect: Dialect = 'discover'): ParsedFunction {
  const canonical = FIELD_ALIASES[field] ?? field;
  const match = FUNCTION_PATTERN.exec(canonical);
  if (!match) {
    throw badRequest(`${field} is not a valid function`);
  }
  const name = match[1];
  const args = match[2].trim() === '' ? [] : match[2].split(',').map((a) => a.trim());
  const spansForm = dialect === 'discover' ? null : spansSpec(name, args, dialect === 'spans-saas');
  const spec = spansForm ?? DISCOVER_FUNCTIONS[name];
  if (!spec) {
    throw badRequest(`${name} is not a valid function`);
  }
  if (!spansForm && (args.length < spec.minArgs || args.length > spec.maxArgs)) {
    throw badRequest(
      `${name}: expected ${spec.minArgs === spec.maxArgs ? spec.minArgs : `${spec.minArgs}-${spec.maxArgs}`} argument(s)`
    );
  }
  // Resolve the result type now so invalid column arguments fail before any work.
  spec.resultType(args);
  return { field, name, args, spec };
}

export function computeFunction(
  fn: ParsedFunction,
  rows: readonly Row[],
  context: AggregateContext
): number | string | null {
  const value = fn.spec.compute(rows, fn.args, context);
  return typeof value === 'number' ? roundValue(value) : value;
}

export function roundValue(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}

export function functionMeta(fn: ParsedFunction): { type: MetaType; unit: string | null } {
  return { type: fn.spec.resultType(fn.args), unit: fn.spec.unit(fn.args) };
}

/** Sentry's alias form of a function field: `p95(transaction.duration)` → `p95_transaction_duration`. */
export function aliasOf(field: string): string {
  return field
    .replace(/[^\w]+/g, '_')
    .replace(/_+$/g, '')
    .replace(/^_+/, '');
}
