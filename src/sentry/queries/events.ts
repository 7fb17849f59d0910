/** Events table (Discover/Explore): the user's columns in the user's order, typed from Sentry's meta. */
import type { DataFrame, DataLink, FieldConfig } from '@grafana/data';
import type { EventsDataset, EventsQuery, SpansQuery } from '../../types';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { FieldSpec, makeFrame, toEpochMs } from '../frames';
import { eventLink, traceLink } from '../links';
import { columnType, guessColumnType } from '../units';
import { QueryContext, describeRequest } from './context';

export const DEFAULT_EVENTS_LIMIT = 100;
/** Sentry's limit on fields + equations per query. */
const MAX_FIELDS = 20;

export const DEFAULT_EVENT_FIELDS: Record<EventsDataset, string[]> = {
  errors: ['id', 'timestamp', 'title', 'level', 'project', 'release', 'environment'],
  transactions: ['id', 'timestamp', 'transaction', 'transaction.duration', 'transaction.status', 'project'],
  spans: ['id', 'timestamp', 'span.op', 'span.description', 'span.duration', 'transaction', 'project', 'trace'],
  discover: ['id', 'timestamp', 'title', 'event.type', 'project'],
};

export interface EventsMeta {
  fields?: Record<string, string>;
  units?: Record<string, string | null>;
}

interface EventsPage {
  data?: Array<Record<string, unknown>>;
  meta?: EventsMeta;
}

export async function runEventsQuery(
  client: SentryClient,
  query: EventsQuery | SpansQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const dataset: EventsDataset = query.queryType === 'spans' ? 'spans' : (query.dataset ?? 'discover');
  const fields = uniqueFields(query.eventsFields?.length ? query.eventsFields : DEFAULT_EVENT_FIELDS[dataset]);
  if (fields.length > MAX_FIELDS) {
    throw new SentryError(
      'query',
      `Sentry allows at most ${MAX_FIELDS} fields per events query; this one has ${fields.length}.`
    );
  }
  const params: Array<[string, string]> = [['dataset', dataset], ...repeated('field', fields)];
  if (query.eventsSort) {
    if (!fields.includes(query.eventsSort)) {
      throw new SentryError(
        'query',
        `Sort by "${query.eventsSort}" needs that field among the columns: add it or pick another sort field.`
      );
    }
    params.push(['sort', `${query.eventsSortDirection === 'asc' ? '' : '-'}${query.eventsSort}`]);
  }
  if (query.eventsQuery) {
    params.push(['query', query.eventsQuery]);
  }
  params.push(...timeParams(context.range), ...scopeParams(query.projectIds, query.environments));

  const limit = Math.min(positiveInt(query.eventsLimit) ?? DEFAULT_EVENTS_LIMIT, client.rowBudget);
  const path = paths.events(client.orgSlug);
  let meta: EventsMeta = {};
  const { rows, truncated, pages } = await client.getAllPages<Record<string, unknown>>(path, params, {
    signal: context.signal,
    rowBudget: limit,
    requiredScope: scopes.org,
    rowsOf: (body) => {
      const page = body as EventsPage;
      if (!page || !Array.isArray(page.data)) {
        throw new SentryError('invalid-response', 'The events answer has no data list.');
      }
      meta = page.meta ?? meta;
      return page.data;
    },
  });
  const executed = `${describeRequest(path, [...params, ['per_page', String(Math.min(limit, 100))]])}\n${pages} page(s) read`;
  const links = { fields, sentryUrl: client.target, org: client.orgSlug, dataset };
  return [eventsFrame(rows, meta, { refId: query.refId, executed, truncated, links })];
}

export interface EventsFrameInfo {
  refId: string;
  executed: string;
  truncated: boolean;
  links: LinkContext;
}

/** The events table: one field per requested column, in the user's order, typed from Sentry's meta. */
export function eventsFrame(rows: Array<Record<string, unknown>>, meta: EventsMeta, info: EventsFrameInfo): DataFrame {
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
              text: `Showing the first ${rows.length} rows; Sentry has more. Raise the limit or the row budget to see them.`,
            },
          ]
        : undefined,
    },
    fields: eventColumns(rows, meta, links),
  });
}

export interface LinkContext {
  fields: string[];
  sentryUrl: string;
  org: string;
  dataset: EventsDataset;
}

type CellReader = (value: unknown) => unknown;

const readCell: Record<FieldSpec['type'], CellReader> = {
  time: toEpochMs,
  number: (v) => (typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v)),
  boolean: (v) => (v === null || v === undefined ? null : Boolean(v)),
  string: readText,
  other: (v) => v,
};

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

/** Every column typed from Sentry's meta, filled in one pass over the rows (tables run up to the row budget). */
function eventColumns(rows: Array<Record<string, unknown>>, meta: EventsMeta, links: LinkContext): FieldSpec[] {
  const columns = links.fields.map((name): FieldSpec => {
    const sentryType = meta.fields?.[name];
    const column = sentryType ? columnType(sentryType, meta.units?.[name]) : guessColumnType(name);
    const config: FieldConfig = { ...column.config };
    const fieldLinks = columnLinks(name, links);
    if (fieldLinks.length) {
      config.links = fieldLinks;
    }
    return { name, type: column.type, values: new Array(rows.length), config };
  });
  const names = columns.map((c) => c.name);
  const readers = columns.map((c) => readCell[c.type]);
  const values = columns.map((c) => c.values);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let c = 0; c < names.length; c++) {
      values[c][i] = readers[c](row[names[c]]);
    }
  }
  return columns;
}

/** Each event's page in Sentry (needs its project), or a span's trace. */
function columnLinks(name: string, { fields, sentryUrl, org, dataset }: LinkContext): DataLink[] {
  const scope = { sentryUrl, org };
  if (name === 'id' && fields.includes('project') && dataset !== 'spans') {
    return eventLink(scope);
  }
  if (name === 'trace') {
    return traceLink(scope);
  }
  return [];
}

function uniqueFields(fields: string[]): string[] {
  return [...new Set(fields.map((f) => f.trim()).filter((f) => f !== ''))];
}

function positiveInt(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
