/**
 * Events table (Discover/Explore): the user's columns in the user's order, typed from Sentry's meta. The spans
 * table (./spans.ts) is the same query on the spans dataset.
 */
import type { DataFrame, DataLink, FieldConfig } from '@grafana/data';
import type { SentryEventsMeta, SentryEventsPage, SentryEventsRow } from '../api';
import { FieldErrors, cleanList, collectErrors, distinctList, limitProblem, positiveInt } from '../checks';
import { SentryClient } from '../client';
import {
  DEFAULT_DATASET,
  DEFAULT_EVENT_FIELDS,
  EventsDataset,
  ServedDataset,
  datasetProblem,
  hasEventPages,
} from '../datasets';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { DatasetPlan, datasetLine, datasetPlans, runOnDatasets } from '../datasetPlans';
import { FieldSpec, FieldTypeName, columnTitle, isTimestamp, makeFrame, toEpochMs, toNumber } from '../frames';
import { MAX_EVENTS_LIMIT } from '../limits';
import { eventLink, traceLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { FieldKind, QueryTypeModule } from '../queryType';
import { columnType, guessColumnType } from '../units';
import { QueryContext, describeRequest } from './context';

export const DEFAULT_EVENTS_LIMIT = 100;
/** Sentry's limit on fields + equations per query. */
export const MAX_EVENTS_FIELDS = 20;

export type SortDirection = 'asc' | 'desc';

/** The fields of an events table, on any dataset (this type) or on spans (./spans.ts). */
export interface EventsTableFields {
  dataset?: EventsDataset;
  eventsQuery?: string;
  /** Columns in the user's order: fields, tags[...] and functions such as count() or p95(transaction.duration). */
  eventsFields?: string[];
  eventsSort?: string;
  eventsSortDirection?: SortDirection;
  eventsLimit?: number;
}

export interface EventsQuery extends SentryQueryBase<'events'>, EventsTableFields {}

/** What the events runner reads: an events or spans query, or the table a performance query builds. */
export type EventsTableQuery = Pick<SentryQueryBase<string>, 'refId' | 'projectIds' | 'environments'> &
  EventsTableFields;

export type EventsTableErrorField = 'dataset' | 'eventsFields' | 'eventsSort' | 'eventsSortDirection' | 'eventsLimit';

/** Fields both table types read the same way. */
export const EVENTS_TABLE_FIELDS: { [P in keyof EventsTableFields]?: FieldKind } = {
  eventsQuery: 'search',
  eventsFields: 'list',
  eventsSort: 'text',
  eventsLimit: 'number',
};

/** The columns a table query reads: the user's, or its dataset's defaults. */
export function effectiveEventsFields(query: EventsTableFields, dataset: EventsDataset): string[] {
  const fields = cleanList(query.eventsFields);
  return fields.length ? fields : (DEFAULT_EVENT_FIELDS[dataset] ?? DEFAULT_EVENT_FIELDS.discover);
}

/** Checks both table types share; `dataset` is checked only where the user picks it. */
export function validateEventsTable(
  query: EventsTableFields,
  dataset: EventsDataset,
  pickedDataset?: EventsDataset
): FieldErrors<EventsTableErrorField> {
  const fields = effectiveEventsFields(query, dataset);
  const sort = query.eventsSort?.trim();
  const direction = query.eventsSortDirection;
  return collectErrors({
    dataset: datasetProblem(pickedDataset),
    eventsFields:
      fields.length > MAX_EVENTS_FIELDS
        ? `Sentry allows at most ${MAX_EVENTS_FIELDS} fields per query; remove ${fields.length - MAX_EVENTS_FIELDS}.`
        : undefined,
    eventsSort:
      sort && !fields.includes(sort)
        ? `Sort by ${sort} needs ${sort} among the fields: add it or pick another sort field.`
        : undefined,
    eventsSortDirection:
      direction !== undefined && direction !== 'asc' && direction !== 'desc'
        ? `Unknown sort direction "${String(direction)}": use asc or desc.`
        : undefined,
    eventsLimit: limitProblem(query.eventsLimit, MAX_EVENTS_LIMIT, 'Limit'),
  });
}

/** A new table on a dataset: its default columns, newest first. */
export function eventsTableDefaults(dataset: EventsDataset): EventsTableFields {
  return { eventsFields: [...DEFAULT_EVENT_FIELDS[dataset]], eventsSort: 'timestamp', eventsSortDirection: 'desc' };
}

/** History text of either type: `label: fields where search`. */
export function eventsTableText(label: string, query: EventsTableFields): string {
  const fields = query.eventsFields?.length ? query.eventsFields.join(', ') : 'default fields';
  return `${label}: ${fields}${query.eventsQuery ? ` where ${query.eventsQuery}` : ''}`;
}

const eventsDataset = (query: EventsQuery) => query.dataset ?? DEFAULT_DATASET;

export const eventsQueryType: QueryTypeModule<EventsQuery, EventsTableErrorField> = {
  defaults: () => ({ dataset: 'errors', ...eventsTableDefaults('errors') }),
  fields: EVENTS_TABLE_FIELDS,
  adHocSearchField: 'eventsQuery',
  dataset: eventsDataset,
  validate: (query) => validateEventsTable(query, eventsDataset(query), query.dataset),
  displayText: (query) => eventsTableText(`Events (${eventsDataset(query)})`, query),
  run: (client, query, context) => runEventsQuery(client, query, context, eventsDataset(query)),
};

export async function runEventsQuery(
  client: SentryClient,
  query: EventsTableQuery,
  context: QueryContext,
  dataset: EventsDataset
): Promise<DataFrame[]> {
  const fields = distinctList(query.eventsFields?.length ? query.eventsFields : DEFAULT_EVENT_FIELDS[dataset]);
  if (fields.length > MAX_EVENTS_FIELDS) {
    throw new SentryError(
      'query',
      `Sentry allows at most ${MAX_EVENTS_FIELDS} fields per events query; this one has ${fields.length}.`
    );
  }
  if (query.eventsSort && !fields.includes(query.eventsSort)) {
    throw new SentryError(
      'query',
      `Sort by "${query.eventsSort}" needs that field among the columns: add it or pick another sort field.`
    );
  }
  const plans = datasetPlans(dataset, query.eventsQuery ?? '', fields);
  return runOnDatasets(client, plans, async (plan) => [await readEventsTable(client, query, context, fields, plan)]);
}

/** The table on one dataset: the saved columns, sort and search as that dataset names them. */
async function readEventsTable(
  client: SentryClient,
  query: EventsTableQuery,
  context: QueryContext,
  savedFields: string[],
  plan: DatasetPlan
): Promise<DataFrame> {
  const fields = distinctList(savedFields.map(plan.field));
  const params: Array<[string, string]> = [['dataset', plan.dataset], ...repeated('field', fields)];
  if (query.eventsSort) {
    params.push(['sort', `${query.eventsSortDirection === 'asc' ? '' : '-'}${plan.field(query.eventsSort)}`]);
  }
  const search = plan.search(query.eventsQuery ?? '');
  if (search) {
    params.push(['query', search]);
  }
  params.push(...timeParams(context.range), ...scopeParams(query.projectIds, query.environments));

  const limit = Math.min(positiveInt(query.eventsLimit) ?? DEFAULT_EVENTS_LIMIT, client.rowBudget);
  const path = paths.events(client.orgSlug);
  let meta: SentryEventsMeta = {};
  const cells = new EventCells(fields);
  const { truncated, pages } = await client.readPages<SentryEventsRow>(path, params, {
    signal: context.signal,
    rowBudget: limit,
    requiredScope: scopes.org,
    rowsOf: (body) => {
      const page = body as SentryEventsPage;
      if (!page || !Array.isArray(page.data)) {
        throw new SentryError('invalid-response', 'The events answer has no data list.');
      }
      meta = page.meta ?? meta;
      return page.data;
    },
    onPage: (rows) => {
      cells.add(rows);
      return false;
    },
  });
  const executed = [
    ...datasetLine(plan),
    describeRequest(path, [...params, ['per_page', String(Math.min(limit, 100))]]),
    `${pages} page(s) read`,
  ].join('\n');
  const links = { fields, sentryUrl: client.target, org: client.orgSlug, dataset: plan.dataset };
  return eventsCellsFrame(cells, meta, { refId: query.refId, executed, truncated, links });
}

export interface EventsFrameInfo {
  refId: string;
  executed: string;
  truncated: boolean;
  links: LinkContext;
}

/**
 * An events table's cells, column by column, filled a page at a time so that each page's rows can go as soon as they
 * are copied (a table of 100,000 rows never holds them all). They are typed once every page is in (eventColumns):
 * the last page's meta decides, and a column's values can overrule its declared type.
 */
export class EventCells {
  readonly columns: unknown[][];
  length = 0;

  constructor(readonly names: readonly string[]) {
    this.columns = names.map(() => []);
  }

  add(rows: readonly SentryEventsRow[]): void {
    for (let c = 0; c < this.names.length; c++) {
      const name = this.names[c];
      const column = this.columns[c];
      for (let i = 0; i < rows.length; i++) {
        column.push(rows[i][name]);
      }
    }
    this.length += rows.length;
  }
}

/** The events table: one field per requested column, in the user's order, typed from Sentry's meta. */
export function eventsFrame(rows: SentryEventsRow[], meta: SentryEventsMeta, info: EventsFrameInfo): DataFrame {
  const cells = new EventCells(info.links.fields);
  cells.add(rows);
  return eventsCellsFrame(cells, meta, info);
}

/** eventsFrame of cells filled page by page; `cells` become the frame's values. */
export function eventsCellsFrame(cells: EventCells, meta: SentryEventsMeta, info: EventsFrameInfo): DataFrame {
  const { refId, executed, truncated, links } = info;
  return makeFrame({
    name: 'Events',
    refId,
    meta: {
      preferredVisualisationType: 'table',
      executedQueryString: executed,
      custom: { truncated, dataset: links.dataset },
      notices: truncated
        ? [
            {
              severity: 'info',
              text: `Showing the first ${cells.length} rows; Sentry has more. Raise the limit or the row budget to see them.`,
            },
          ]
        : undefined,
    },
    fields: eventColumns(cells, meta, links),
  });
}

export interface LinkContext {
  fields: string[];
  sentryUrl: string;
  org: string;
  dataset: ServedDataset;
}

type CellReader = (value: unknown) => unknown;

const readCell: Record<FieldSpec['type'], CellReader> = {
  time: toEpochMs,
  number: toNumber,
  boolean: readBoolean,
  string: readText,
  other: (v) => v ?? null,
};

/** true/false, also as 1/0 or "true"/"false"; anything else is no value. */
function readBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 1 || value === 0) {
    return value === 1;
  }
  return value === 'true' ? true : value === 'false' ? false : null;
}

/** Arrays and objects (e.g. error.type lists) become readable text instead of failing the frame. */
function readText(value: unknown): string | null {
  if (typeof value === 'string') {
    return value;
  }
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Every column typed from Sentry's meta. A column of timestamps is a time column whatever meta says (the spans dataset
 * declares `timestamp` a "string"), and a column Sentry does not type takes the type of its values. The cells are
 * read in place, except times, which get an array of their own (numbers only, so stored unboxed).
 */
function eventColumns(cells: EventCells, meta: SentryEventsMeta, links: LinkContext): FieldSpec[] {
  return cells.names.map((name, c): FieldSpec => {
    const values = cells.columns[c];
    const sentryType = meta.fields?.[name];
    const column = sentryType ? columnType(sentryType, meta.units?.[name]) : guessColumnType(name);
    const config: FieldConfig = { ...column.config, ...columnTitle(name) };
    const type = column.type === 'time' ? 'time' : (typeFromValues(name, column.type, values) ?? column.type);
    const fieldLinks = columnLinks(name, links);
    if (fieldLinks.length) {
      config.links = fieldLinks;
    }
    return { name, type, values: readColumn(values, readCell[type]), config };
  });
}

/** The column's cells read by `read`: times into a new array, the rest in place (most cells are already read). */
function readColumn(values: unknown[], read: CellReader): unknown[] {
  if (read === toEpochMs) {
    const times = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      times[i] = toEpochMs(values[i]);
    }
    return times;
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const cell = read(value);
    if (cell !== value) {
      values[i] = cell;
    }
  }
  return values;
}

/** Column names that hold a time whatever their values look like (also with no rows to look at). */
const TIME_NAMES = /^(timestamp|time)$|[._](timestamp|ts)$|_seen\(\)$/;

/**
 * The type a column's values call for, where they overrule its declared type: time when every value is a
 * timestamp (strings, or numbers in a column with a time name), and for an untyped column the one JavaScript
 * type all its values share. Undefined keeps the declared type. Stops at the first value that decides.
 */
function typeFromValues(name: string, declared: FieldTypeName, values: unknown[]): FieldTypeName | undefined {
  const timeName = TIME_NAMES.test(name);
  let maybeTime = declared === 'string' || declared === 'other' || (timeName && declared === 'number');
  let shared: string | undefined;
  let mixed = declared !== 'other';
  let seen = 0;
  for (let i = 0; i < values.length && (maybeTime || !mixed); i++) {
    const value = values[i];
    if (value === null || value === undefined || value === '') {
      continue;
    }
    seen++;
    maybeTime &&= isTimestamp(value) && (typeof value === 'string' || timeName);
    mixed ||= shared !== undefined && shared !== typeof value;
    shared = typeof value;
  }
  if (maybeTime && (seen > 0 || (timeName && declared === 'string'))) {
    return 'time';
  }
  if (mixed || seen === 0) {
    return undefined;
  }
  return shared === 'string' || shared === 'number' || shared === 'boolean' ? shared : undefined;
}

/** Each event's page in Sentry (needs its project), or a span's trace. */
function columnLinks(name: string, { fields, sentryUrl, org, dataset }: LinkContext): DataLink[] {
  const scope = { sentryUrl, org };
  if (name === 'id' && fields.includes('project') && hasEventPages(dataset)) {
    return eventLink(scope);
  }
  if (name === 'trace') {
    return traceLink(scope);
  }
  return [];
}
