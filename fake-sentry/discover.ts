// A small Discover engine over the scenario's events: columns, tags, aggregate functions,
// grouping, sorting and typed meta — enough for /events/, /events-stats/ and /events-timeseries/.

import { ApiError, badRequest } from './errors';
import { isoDiscover } from './params';
import {
  collectTerms,
  compileSearch,
  FieldResolver,
  parseDuration,
  parseNumber,
  SearchNode,
  ValueType,
} from './search';
import { ErrorEvent, eventTag, HOUR, Project, Scenario, sliceByTime, SpanRecord, TransactionEvent } from './scenario';

export type Row = ErrorEvent | TransactionEvent | SpanRecord;

/** Datasets the server accepts (DATASET_OPTIONS plus the public schema's names). */
export const KNOWN_DATASETS = [
  'discover',
  'errors',
  'issuePlatform',
  'logs',
  'metrics',
  'metricsEnhanced',
  'ourlogs',
  'profileFunctions',
  'profile_functions',
  'profiles',
  'spans',
  'spansIndexed',
  'spansMetrics',
  'tracemetrics',
  'transactions',
  'uptimeChecks',
  'uptime_results',
];

/** Datasets with data in the fake; the others are valid but empty. */
type ServedDataset = 'discover' | 'errors' | 'transactions' | 'spans' | 'empty';

export function resolveDataset(raw: string | null): { name: string; served: ServedDataset } {
  const name = raw ?? 'discover';
  if (!KNOWN_DATASETS.includes(name)) {
    throw badRequest(`dataset must be one of: ${KNOWN_DATASETS.join(', ')}`);
  }
  switch (name) {
    case 'discover':
    case 'errors':
    case 'transactions':
      return { name, served: name };
    case 'metricsEnhanced':
    case 'metrics':
      // Metrics-backed performance data answers like transactions.
      return { name, served: 'transactions' };
    case 'spans':
    case 'spansIndexed':
    case 'spansMetrics':
      return { name, served: 'spans' };
    default:
      return { name, served: 'empty' };
  }
}

/** Meta field types as Sentry reports them. */
export type MetaType = 'string' | 'integer' | 'number' | 'date' | 'duration' | 'boolean' | 'percentage' | 'rate';

interface Column {
  type: MetaType;
  unit: string | null;
  get(row: Row): string | number | boolean | null;
}

function tagOf(row: Row, key: string): string | undefined {
  return eventTag(row.kind === 'span' ? row.tx : row, key);
}

function projectOf(row: Row): Project {
  return row.kind === 'span' ? row.tx.project : row.project;
}

function userOf(row: Row) {
  return row.kind === 'span' ? row.tx.user : row.user;
}

function txOf(row: Row): TransactionEvent | null {
  return row.kind === 'transaction' ? row : row.kind === 'span' ? row.tx : null;
}

const str = (get: (row: Row) => string | null | undefined): Column => ({
  type: 'string',
  unit: null,
  get: (row) => get(row) ?? null,
});

const COLUMNS: Record<string, Column> = {
  id: str((row) => (row.kind === 'span' ? row.spanId : row.eventId)),
  title: str((row) =>
    row.kind === 'error' ? row.issue.title : row.kind === 'span' ? row.description : row.transaction
  ),
  message: str((row) =>
    row.kind === 'error' ? row.issue.title : row.kind === 'span' ? row.description : row.transaction
  ),
  project: str((row) => projectOf(row).slug),
  'project.name': str((row) => projectOf(row).slug),
  'project.id': { type: 'integer', unit: null, get: (row) => Number(projectOf(row).id) },
  environment: str((row) => (row.kind === 'span' ? row.tx.environment : row.environment)),
  release: str((row) => (row.kind === 'span' ? row.tx.release : row.release)),
  timestamp: { type: 'date', unit: null, get: (row) => isoDiscover(row.ts) },
  'timestamp.to_hour': { type: 'date', unit: null, get: (row) => isoDiscover(Math.floor(row.ts / HOUR) * HOUR) },
  'timestamp.to_day': {
    type: 'date',
    unit: null,
    get: (row) => isoDiscover(Math.floor(row.ts / (24 * HOUR)) * 24 * HOUR),
  },
  level: str((row) => (row.kind === 'error' ? row.level : null)),
  culprit: str((row) => (row.kind === 'error' ? row.issue.culprit : txOf(row)?.transaction)),
  'event.type': str((row) =>
    row.kind === 'error' ? row.issue.type : row.kind === 'transaction' ? 'transaction' : null
  ),
  issue: str((row) => (row.kind === 'error' ? row.issue.shortId : null)),
  'issue.id': { type: 'integer', unit: null, get: (row) => (row.kind === 'error' ? Number(row.issue.id) : null) },
  platform: str((row) => projectOf(row).platform),
  location: str((row) =>
    row.kind === 'error' && row.issue.template.filename ? `${row.issue.template.filename}:${row.issue.lineNo}` : null
  ),
  'error.type': str((row) => (row.kind === 'error' ? row.issue.template.errorType || null : null)),
  'error.value': str((row) => (row.kind === 'error' ? row.issue.template.errorValue : null)),
  'error.handled': { type: 'boolean', unit: null, get: (row) => (row.kind === 'error' ? row.handled : null) },
  'error.unhandled': { type: 'boolean', unit: null, get: (row) => (row.kind === 'error' ? !row.handled : null) },
  transaction: str((row) => (row.kind === 'error' ? row.transaction : txOf(row)?.transaction)),
  'transaction.duration': {
    type: 'duration',
    unit: 'millisecond',
    get: (row) => (row.kind === 'transaction' ? row.duration : null),
  },
  'transaction.op': str((row) => txOf(row)?.op),
  'transaction.status': str((row) => txOf(row)?.status),
  'http.method': str((row) => txOf(row)?.httpMethod),
  'http.status_code': str((row) => txOf(row)?.httpStatusCode),
  user: str((row) => userOf(row)?.tag),
  'user.id': str((row) => userOf(row)?.id),
  'user.email': str((row) => userOf(row)?.email),
  'user.username': str((row) => userOf(row)?.username),
  'user.ip': str((row) => userOf(row)?.ip),
  'user.display': str((row) => {
    const user = userOf(row);
    return user ? (user.email ?? user.username ?? user.id ?? user.ip) : null;
  }),
  trace: str((row) => (row.kind === 'span' ? row.tx.traceId : row.traceId)),
  'trace.span': str((row) => (row.kind === 'span' ? row.spanId : row.kind === 'transaction' ? row.spanId : null)),
  'span.op': str((row) => (row.kind === 'span' ? row.op : row.kind === 'transaction' ? row.op : null)),
  'span.description': str((row) => (row.kind === 'span' ? row.description : null)),
  'span.duration': { type: 'duration', unit: 'millisecond', get: (row) => (row.kind === 'span' ? row.duration : null) },
  'span.self_time': {
    type: 'duration',
    unit: 'millisecond',
    get: (row) => (row.kind === 'span' ? row.selfTime : null),
  },
  'span.status': str((row) => (row.kind === 'span' ? row.status : null)),
  span_id: str((row) => (row.kind === 'span' ? row.spanId : null)),
  parent_span: str((row) => (row.kind === 'span' ? row.parentSpanId : null)),
  is_transaction: { type: 'boolean', unit: null, get: (row) => (row.kind === 'span' ? row.isTransaction : null) },
  request_id: str((row) => (row.kind === 'error' ? row.requestId : null)),
};

const TAG_FIELD = /^tags?\[([^\],]+)(?:,\s*(number|string))?\]$/;

/** Resolve a plain (non-function) field: known column, `tags[x]` / `tag[x]`, or an unknown tag name. */
export function resolveColumn(field: string): Column {
  const known = COLUMNS[field];
  if (known) {
    return known;
  }
  const tagMatch = TAG_FIELD.exec(field);
  const tagKey = tagMatch ? tagMatch[1].trim() : field;
  return str((row) => tagOf(row, tagKey));
}

function searchType(type: MetaType): ValueType {
  switch (type) {
    case 'integer':
    case 'number':
    case 'percentage':
    case 'rate':
      return 'number';
    case 'duration':
      return 'duration';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** A row-level resolver for search terms (dates compare as ms). */
function rowResolver(key: string): FieldResolver<Row> {
  if (key === 'timestamp') {
    return { type: 'date', get: (row) => row.ts };
  }
  const column = resolveColumn(key);
  return { type: searchType(column.type), get: (row) => column.get(row) };
}

function rowText(row: Row): string {
  return row.kind === 'error'
    ? `${row.issue.title} ${row.issue.culprit}`
    : row.kind === 'span'
      ? row.description
      : row.transaction;
}

// ---------------------------------------------------------------------------------------------
// Aggregate functions

export interface AggregateContext {
  /** Length of the time window the rows came from (for epm/eps). */
  windowMs: number;
}

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  resultType(args: string[]): MetaType;
  unit(args: string[]): string | null;
  compute(rows: readonly Row[], args: string[], context: AggregateContext): number | string | null;
}

const FAILURE_EXCLUDED = new Set(['ok', 'cancelled', 'unknown']);
const DEFAULT_APDEX_THRESHOLD = 300;
// Sentry's user-misery smoothing constants.
const MISERY_ALPHA = 5.8875;
const MISERY_BETA = 111.8625;

function isFailure(row: Row): boolean {
  const status =
    row.kind === 'span' ? (row.isTransaction ? row.status : null) : row.kind === 'transaction' ? row.status : null;
  return status !== null && !FAILURE_EXCLUDED.has(status);
}

function durationOf(row: Row): number | null {
  return row.kind === 'transaction' ? row.duration : row.kind === 'span' ? row.duration : null;
}

function numericValues(rows: readonly Row[], field: string): number[] {
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

function percentile(values: number[], q: number): number | null {
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

function numericColumnType(field: string, fn: string): MetaType {
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

function thresholdArg(args: string[], index: number): number {
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

const FUNCTIONS: Record<string, FunctionSpec> = {
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

function rateSpec(perMs: number, unit: string): FunctionSpec {
  return {
    minArgs: 0,
    maxArgs: 1,
    resultType: () => 'rate',
    unit: () => unit,
    compute: (rows, _args, context) => (context.windowMs > 0 ? rows.length / (context.windowMs / perMs) : 0),
  };
}

function statSpec(reduce: (values: number[]) => number | null): FunctionSpec {
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

function miserableUsers(rows: readonly Row[], threshold: number): { miserable: number; unique: number } {
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

export function parseFunction(field: string): ParsedFunction {
  const canonical = FIELD_ALIASES[field] ?? field;
  const match = FUNCTION_PATTERN.exec(canonical);
  if (!match) {
    throw badRequest(`${field} is not a valid function`);
  }
  const name = match[1];
  const spec = FUNCTIONS[name];
  if (!spec) {
    throw badRequest(`${name} is not a valid function`);
  }
  const args = match[2].trim() === '' ? [] : match[2].split(',').map((a) => a.trim());
  if (args.length < spec.minArgs || args.length > spec.maxArgs) {
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

function roundValue(value: number): number {
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

// ---------------------------------------------------------------------------------------------
// Row selection

export interface EventQuery {
  scenario: Scenario;
  dataset: ServedDataset;
  projects: readonly Project[];
  environments: readonly string[];
  start: number;
  end: number;
  /** Row-level predicate compiled from `query`. */
  predicate: (row: Row) => boolean;
}

export function selectRows(query: EventQuery): Row[] {
  const { scenario, dataset } = query;
  const sources: Array<readonly Row[]> = [];
  if (dataset === 'discover' || dataset === 'errors') {
    sources.push(sliceByTime(scenario.errors, query.start, query.end));
  }
  if (dataset === 'discover' || dataset === 'transactions') {
    sources.push(sliceByTime(scenario.transactions, query.start, query.end));
  }
  if (dataset === 'spans') {
    sources.push(sliceByTime(scenario.spans(), query.start, query.end));
  }
  const projects = new Set<Project>(query.projects);
  const allProjects = query.scenario.projects.every((p) => projects.has(p));
  const envs = query.environments.length ? new Set<string>(query.environments) : null;
  const rows: Row[] = [];
  for (const source of sources) {
    for (let i = 0; i < source.length; i++) {
      const row = source[i];
      const event = row.kind === 'span' ? row.tx : row;
      if (
        (allProjects || projects.has(event.project)) &&
        (!envs || envs.has(event.environment)) &&
        query.predicate(row)
      ) {
        rows.push(row);
      }
    }
  }
  return sources.length > 1 ? mergeByTime(rows) : rows;
}

/** Rows from several time-sorted sources, concatenated: merge them back into time order. */
function mergeByTime(rows: Row[]): Row[] {
  let split = 1;
  while (split < rows.length && rows[split].ts >= rows[split - 1].ts) {
    split++;
  }
  if (split >= rows.length) {
    return rows;
  }
  const merged: Row[] = new Array(rows.length);
  let a = 0;
  let b = split;
  let out = 0;
  while (a < split && b < rows.length) {
    merged[out++] = rows[a].ts <= rows[b].ts ? rows[a++] : rows[b++];
  }
  while (a < split) {
    merged[out++] = rows[a++];
  }
  while (b < rows.length) {
    merged[out++] = rows[b++];
  }
  return merged;
}

export interface CompiledSearch {
  rowPredicate: (row: Row) => boolean;
  /** Aggregate conditions (`count():>10`), applied to grouped results. */
  aggregateTerms: SearchNode | null;
  hasAggregateConditions: boolean;
}

function containsKinds(node: SearchNode): { aggregate: boolean; plain: boolean } {
  const terms = collectTerms(node);
  return {
    aggregate: terms.some((t) => t.type === 'filter' && isFunctionField(t.key)),
    plain: terms.some((t) => !(t.type === 'filter' && isFunctionField(t.key))),
  };
}

function checkMixedOr(node: SearchNode | null): void {
  if (!node || (node.type !== 'and' && node.type !== 'or')) {
    return;
  }
  if (node.type === 'or') {
    const kinds = containsKinds(node);
    if (kinds.aggregate && kinds.plain) {
      throw badRequest('Having an OR between aggregate filters and normal filters is invalid.');
    }
  }
  node.children.forEach(checkMixedOr);
}

/** Split a parsed query into a row predicate and aggregate conditions. */
export function compileEventSearch(node: SearchNode | null, now: number): CompiledSearch {
  checkMixedOr(node);
  const rowPredicate = compileSearch<Row>(node, {
    resolve: rowResolver,
    text: rowText,
    now,
    skip: (key) => isFunctionField(key),
    special: (term) => {
      // `project:slug` filters by slug, `issue:SHORT-ID` by short id.
      if (term.key === 'project' || term.key === 'project.name') {
        const values = term.list ?? [term.value];
        return (row) => values.includes(projectOf(row).slug);
      }
      return undefined;
    },
  });
  const hasAggregateConditions = collectTerms(node).some((t) => t.type === 'filter' && isFunctionField(t.key));
  return { rowPredicate, aggregateTerms: hasAggregateConditions ? node : null, hasAggregateConditions };
}

/** Predicate over aggregated result rows (keys = function strings). */
export function compileAggregateConditions(
  node: SearchNode | null,
  now: number
): ((values: Record<string, unknown>) => boolean) | null {
  if (!node) {
    return null;
  }
  return compileSearch<Record<string, unknown>>(node, {
    resolve: (key) => {
      const fn = parseFunction(key);
      const type = functionMeta(fn).type;
      return {
        type: type === 'duration' ? 'duration' : type === 'date' ? 'date' : 'number',
        get: (values) => {
          const value = values[key];
          return type === 'date' && typeof value === 'string' ? Date.parse(value) : value;
        },
      };
    },
    text: () => '',
    skipText: true,
    now,
    skip: (key) => !isFunctionField(key),
  });
}

// ---------------------------------------------------------------------------------------------
// Table queries

export interface TableRequest {
  fields: string[];
  sort: string[];
  rows: Row[];
  windowMs: number;
  aggregateFilter: ((values: Record<string, unknown>) => boolean) | null;
  /** Extra functions needed by conditions but not selected. */
  conditionFunctions: string[];
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
      const fn = parseFunction(field);
      functions.push(fn);
      const meta = functionMeta(fn);
      fieldMeta[field] = meta.type;
      units[field] = meta.unit;
    } else {
      const column = resolveColumn(field);
      columns.push({ field, column });
      fieldMeta[field] = column.type;
      units[field] = column.unit;
    }
  }
  const extraFunctions = request.conditionFunctions.filter((f) => !fields.includes(f)).map(parseFunction);
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
          values[name] = computeFunction(parseFunction(name), rows, context);
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

/** Tiny arithmetic evaluator for `equation|` fields: + - * / and parentheses over functions and numbers. */
export function evaluateEquation(expression: string, lookup: (field: string) => unknown): number | null {
  const tokens = expression.match(/[a-z_0-9]+\([^)]*\)|\d+(?:\.\d+)?|[-+*/()]/g) ?? [];
  let index = 0;
  const fail = () => new ApiError(400, `Unable to parse ${expression}`);
  const primary = (): number | null => {
    const token = tokens[index++];
    if (token === undefined) {
      throw fail();
    }
    if (token === '(') {
      const value = sum();
      if (tokens[index++] !== ')') {
        throw fail();
      }
      return value;
    }
    if (token === '-') {
      const value = primary();
      return value === null ? null : -value;
    }
    if (/^\d/.test(token)) {
      return Number(token);
    }
    if (isFunctionField(token)) {
      const value = lookup(token);
      return typeof value === 'number' ? value : null;
    }
    throw fail();
  };
  const product = (): number | null => {
    let value = primary();
    while (tokens[index] === '*' || tokens[index] === '/') {
      const op = tokens[index++];
      const right = primary();
      if (value === null || right === null) {
        value = null;
      } else if (op === '*') {
        value *= right;
      } else {
        value = right === 0 ? null : value / right;
      }
    }
    return value;
  };
  const sum = (): number | null => {
    let value = product();
    while (tokens[index] === '+' || tokens[index] === '-') {
      const op = tokens[index++];
      const right = product();
      value = value === null || right === null ? null : op === '+' ? value + right : value - right;
    }
    return value;
  };
  const result = sum();
  if (index !== tokens.length) {
    throw fail();
  }
  return result === null ? null : roundValue(result);
}

/** Functions referenced by aggregate conditions in a query. */
export function conditionFunctions(node: SearchNode | null): string[] {
  return collectTerms(node)
    .filter((t) => t.type === 'filter' && isFunctionField(t.key))
    .map((t) => (t.type === 'filter' ? t.key : ''));
}
