// Table queries: field and sort checks, plain rows or groups with aggregates and equations, sorted.

import { badRequest } from '../errors';
import { Column, MetaType, resolveColumn, Row } from './columns';
import { evaluateEquation } from './equations';
import {
  AggregateContext,
  computeFunction,
  Dialect,
  functionMeta,
  isFunctionField,
  ParsedFunction,
  parseFunction,
} from './functions';

export interface TableRequest {
  fields: string[];
  sort: string[];
  rows: Row[];
  windowMs: number;
  aggregateFilter: ((values: Record<string, unknown>) => boolean) | null;
  /** Extra functions needed by conditions but not selected. */
  conditionFunctions: string[];
  /** The dataset's functions and field types (default Discover's). */
  dialect?: Dialect;
}

export interface TableResult {
  data: Array<Record<string, unknown>>;
  fields: Record<string, MetaType>;
  units: Record<string, string | null>;
  /** Group key per result row (for events-stats top events). */
  groupRows: Row[][];
}

export const MAX_FIELDS = 20;

export function validateFields(fields: string[]): void {
  if (fields.length === 0) {
    throw badRequest('No columns selected');
  }
  if (fields.length > MAX_FIELDS) {
    throw badRequest(`You can view up to ${MAX_FIELDS} fields at a time. Please delete some and try again.`);
  }
}

export function validateSort(sort: string[], fields: string[]): void {
  for (const entry of sort) {
    const field = entry.replace(/^-/, '');
    if (!fields.includes(field) || field.startsWith('equation|')) {
      throw badRequest('Cannot sort by a field that is not selected.');
    }
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) {
    return 0;
  }
  // Nulls sort last in ascending order.
  if (a === null || a === undefined) {
    return 1;
  }
  if (b === null || b === undefined) {
    return -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a) < String(b) ? -1 : 1;
}

export function sortRows(data: Array<Record<string, unknown>>, sort: string[]): void {
  if (sort.length === 0) {
    return;
  }
  data.sort((x, y) => {
    for (const entry of sort) {
      const desc = entry.startsWith('-');
      const field = desc ? entry.slice(1) : entry;
      const result = compareValues(x[field], y[field]);
      if (result !== 0) {
        return desc ? -result : result;
      }
    }
    return 0;
  });
}

/** Run a Discover table query: plain rows, or groups with aggregates. */
export function runTable(request: TableRequest): TableResult {
  const { fields } = request;
  const dialect = request.dialect ?? 'discover';
  const parse = (field: string) => parseFunction(field, dialect);
  const fieldMeta: Record<string, MetaType> = {};
  const units: Record<string, string | null> = {};
  const functions: ParsedFunction[] = [];
  const columns: Array<{ field: string; column: Column }> = [];
  const equations: Array<{ field: string; expression: string }> = [];
  for (const field of fields) {
    if (field.startsWith('equation|')) {
      equations.push({ field, expression: field.slice('equation|'.length) });
      fieldMeta[field] = 'number';
      units[field] = null;
    } else if (isFunctionField(field)) {
      const fn = parse(field);
      functions.push(fn);
      const meta = functionMeta(fn);
      fieldMeta[field] = meta.type;
      units[field] = meta.unit;
    } else {
      const column = resolveColumn(field, dialect === 'spans-saas');
      columns.push({ field, column });
      fieldMeta[field] = column.type;
      units[field] = column.unit;
    }
  }
  const extraFunctions = request.conditionFunctions.filter((f) => !fields.includes(f)).map(parse);
  const aggregate = functions.length > 0 || extraFunctions.length > 0 || equations.length > 0;

  if (!aggregate) {
    const ordered = [...request.rows].reverse();
    const data = ordered.map((row) => Object.fromEntries(columns.map(({ field, column }) => [field, column.get(row)])));
    sortRows(data, request.sort);
    return { data, fields: fieldMeta, units, groupRows: [] };
  }

  const groups = new Map<string, Row[]>();
  if (columns.length === 0) {
    // An aggregate without group-by columns always yields one row, even with no events.
    groups.set('', request.rows);
  } else {
    const getters = columns.map(({ column }) => column.get);
    const single = getters.length === 1 ? getters[0] : null;
    for (const row of request.rows) {
      // Cheap group keys: the value itself for one column, a joined string otherwise.
      const key = single ? String(single(row)) : getters.map((get) => String(get(row))).join('\u0001');
      const bucket = groups.get(key);
      if (bucket) {
        bucket.push(row);
      } else {
        groups.set(key, [row]);
      }
    }
  }
  const context: AggregateContext = { windowMs: request.windowMs };
  const results: Array<{ values: Record<string, unknown>; rows: Row[] }> = [];
  for (const rows of groups.values()) {
    const values: Record<string, unknown> = {};
    for (const { field, column } of columns) {
      values[field] = rows.length ? column.get(rows[0]) : null;
    }
    for (const fn of [...functions, ...extraFunctions]) {
      values[fn.field] = computeFunction(fn, rows, context);
    }
    for (const { field, expression } of equations) {
      values[field] = evaluateEquation(expression, (name) => {
        if (!(name in values)) {
          values[name] = computeFunction(parse(name), rows, context);
        }
        return values[name];
      });
    }
    if (!request.aggregateFilter || request.aggregateFilter(values)) {
      results.push({ values, rows });
    }
  }
  const sort = request.sort.length > 0 ? request.sort : functions.length ? [`-${functions[0].field}`] : [];
  const indexed = results.map((r, index) => ({ ...r.values, __index: index }));
  sortRows(indexed, sort);
  const order = indexed.map((r) => r.__index as number);
  return {
    data: order.map((index) =>
      Object.fromEntries(fields.map((field) => [field, results[index].values[field] ?? null]))
    ),
    fields: fieldMeta,
    units,
    groupRows: order.map((index) => results[index].rows),
  };
}
