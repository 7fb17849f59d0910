// Row selection: the served datasets' rows in a time window, filtered by project, environment and a compiled
// search; aggregate conditions (`count():>10`) are split off for the grouped results.

import { badRequest } from '../errors';
import { collectTerms, compileSearch, FieldResolver, SearchNode, ValueType } from '../search';
import { Project, Scenario, sliceByTime } from '../scenario';
import { MetaType, projectOf, resolveColumn, Row } from './columns';
import type { ServedDataset } from './datasets';
import { Dialect, functionMeta, isFunctionField, parseFunction } from './functions';

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
  now: number,
  dialect: Dialect = 'discover'
): ((values: Record<string, unknown>) => boolean) | null {
  if (!node) {
    return null;
  }
  return compileSearch<Record<string, unknown>>(node, {
    resolve: (key) => {
      const fn = parseFunction(key, dialect);
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

/** Functions referenced by aggregate conditions in a query. */
export function conditionFunctions(node: SearchNode | null): string[] {
  return collectTerms(node)
    .filter((t) => t.type === 'filter' && isFunctionField(t.key))
    .map((t) => (t.type === 'filter' ? t.key : ''));
}
