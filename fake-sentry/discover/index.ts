// A small Discover engine over the scenario's events: columns, tags, aggregate functions,
// grouping, sorting and typed meta — enough for /events/, /events-stats/ and /events-timeseries/.

export { resolveColumn } from './columns';
export type { MetaType, Row } from './columns';
export { datasetDialect, KNOWN_DATASETS, resolveDataset } from './datasets';
export { evaluateEquation } from './equations';
export { aliasOf, computeFunction, functionMeta, isFunctionField, parseFunction } from './functions';
export type { AggregateContext, Dialect, ParsedFunction } from './functions';
export { compileAggregateConditions, compileEventSearch, conditionFunctions, selectRows } from './selection';
export type { CompiledSearch, EventQuery } from './selection';
export { MAX_FIELDS, runTable, sortRows, validateFields, validateSort } from './table';
export type { TableRequest, TableResult } from './table';
