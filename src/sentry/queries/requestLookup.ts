/**
 * Request / trace lookup: the Sentry events behind request ids or trace ids (from a variable, or a link out of
 * a Prometheus or Loki panel), with their issues. Trace ids read errors and transactions (Discover); request
 * ids read error events by their request id tag. One request per kind of id; ids go into the search as literal
 * values, whatever they contain.
 */
import type { DataFrame } from '@grafana/data';
import type { SentryEventsPage, SentryEventsRow } from '../api';
import { choiceProblem, cleanList, collectErrors, isVariableReference, limitProblem } from '../checks';
import { SentryClient } from '../client';
import { paths, scopeParams, scopes, timeParams, repeated } from '../endpoints';
import { SentryError } from '../errors';
import { makeFrame, toEpochMs } from '../frames';
import { MAX_EVENTS_LIMIT } from '../limits';
import { eventLink, issueLink, traceLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { searchFilter } from '../search';
import { QueryContext, describeRequest } from './context';

export type LookupKind = 'auto' | 'request' | 'trace';

/** Error events (and a trace's transactions) for given request ids or trace ids, with their issues. */
export interface RequestLookupQuery extends SentryQueryBase<'requestLookup'> {
  /** Request ids or trace ids, e.g. from a variable or a data link. */
  lookupIds?: string[];
  /** auto: 32 hex digits are trace ids, anything else a request id. Default auto. */
  lookupKind?: LookupKind;
  /** The event tag holding request ids. Default request_id. */
  requestIdTag?: string;
  /** Rows to return. Default 100. */
  lookupLimit?: number;
}

export type RequestLookupErrorField = 'lookupKind' | 'lookupIds' | 'requestIdTag' | 'lookupLimit';

export const DEFAULT_LOOKUP_KIND: LookupKind = 'auto';
export const LOOKUP_KINDS: LookupKind[] = ['auto', 'request', 'trace'];
export const DEFAULT_REQUEST_ID_TAG = 'request_id';
export const DEFAULT_LOOKUP_LIMIT = 100;
/** Ids per query: they all go into one search. */
export const MAX_LOOKUP_IDS = 100;

export const requestLookupQueryType: QueryTypeModule<RequestLookupQuery, RequestLookupErrorField> = {
  defaults: () => ({ lookupIds: [], lookupKind: DEFAULT_LOOKUP_KIND }),
  fields: { lookupIds: 'list', requestIdTag: 'text', lookupLimit: 'number' },
  validate: (query) => {
    const ids = cleanList(query.lookupIds);
    return collectErrors({
      lookupKind: choiceProblem(query.lookupKind, LOOKUP_KINDS, 'id kind'),
      lookupIds:
        ids.length > MAX_LOOKUP_IDS ? `Look up at most ${MAX_LOOKUP_IDS} ids at once, not ${ids.length}.` : undefined,
      requestIdTag: requestIdTagProblem(query.requestIdTag),
      lookupLimit: limitProblem(query.lookupLimit, MAX_EVENTS_LIMIT, 'Limit'),
    });
  },
  displayText: (query) => {
    const kind =
      { auto: '', request: 'request ids ', trace: 'trace ids ' }[query.lookupKind ?? DEFAULT_LOOKUP_KIND] ?? '';
    return `Request / trace lookup: ${kind}${query.lookupIds?.length ? query.lookupIds.join(', ') : 'no ids'}`;
  },
  run: runRequestLookupQuery,
};

/** A variable is checked once it has a value. */
function requestIdTagProblem(tag: string | undefined): string | undefined {
  const text = tag?.trim() ?? '';
  if (text === '' || isVariableReference(text)) {
    return undefined;
  }
  const field = requestIdField(text);
  return 'error' in field ? field.error : undefined;
}

const TRACE_ID = /^[0-9a-f]{32}$/i;
/** A tag key usable as is in a search and a field. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A tag key that needs the tags[…] form (dashes, colons). */
const TAG_KEY = /^[A-Za-z0-9_.:-]+$/;

/**
 * The ids split by kind: in auto, 32 hex digits are a trace id, anything else a request id. An entry holding
 * several ids separated by commas or new lines (a text box variable) counts as several.
 */
export function classifyIds(ids: string[], kind: LookupKind): { traces: string[]; requests: string[] } {
  const clean = [
    ...new Set(
      ids
        .flatMap((entry) => String(entry).split(/[,\n]/))
        .map((id) => id.trim())
        .filter((id) => id !== '')
    ),
  ];
  const traces: string[] = [];
  const requests: string[] = [];
  for (const id of clean) {
    if (kind === 'request') {
      requests.push(id);
    } else if (kind === 'trace') {
      traces.push(normalizeTraceId(id));
    } else if (TRACE_ID.test(id)) {
      traces.push(id.toLowerCase());
    } else {
      requests.push(id);
    }
  }
  return { traces: [...new Set(traces)], requests };
}

/** Sentry stores trace ids as lowercase hex without dashes; a UUID-formatted one is accepted too. */
function normalizeTraceId(id: string): string {
  const compact = id.replace(/-/g, '');
  return TRACE_ID.test(compact) ? compact.toLowerCase() : id;
}

/** The request id tag as Sentry's search and fields take it, or an error message. */
export function requestIdField(tag: string | undefined): { field: string } | { error: string } {
  const key = (tag ?? '').trim() || DEFAULT_REQUEST_ID_TAG;
  if (PLAIN_KEY.test(key)) {
    return { field: key };
  }
  if (TAG_KEY.test(key)) {
    return { field: `tags[${key}]` };
  }
  return {
    error: `"${key}" is not a tag key: use letters, digits, _ . : and -, e.g. request_id or x-request-id.`,
  };
}

export async function runRequestLookupQuery(
  client: SentryClient,
  query: RequestLookupQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const kind = query.lookupKind ?? DEFAULT_LOOKUP_KIND;
  if (!LOOKUP_KINDS.includes(kind)) {
    throw new SentryError('query', `Unknown id kind "${String(kind)}": use ${LOOKUP_KINDS.join(', ')}.`);
  }
  const tag = requestIdField(query.requestIdTag);
  if ('error' in tag) {
    throw new SentryError('query', tag.error);
  }
  const { traces, requests } = classifyIds(query.lookupIds ?? [], kind);
  if (traces.length + requests.length > MAX_LOOKUP_IDS) {
    throw new SentryError(
      'query',
      `Look up at most ${MAX_LOOKUP_IDS} ids at once; this query has ${traces.length + requests.length}.`
    );
  }
  const limit = lookupLimit(query.lookupLimit, client.rowBudget);
  const fields = [
    'id',
    'timestamp',
    'event.type',
    'title',
    'project',
    'issue',
    'issue.id',
    'trace',
    tag.field,
    'transaction',
  ];
  const fetches: Array<{ dataset: string; search: string }> = [];
  if (traces.length) {
    fetches.push({ dataset: 'discover', search: searchFilter('trace', traces) });
  }
  if (requests.length) {
    fetches.push({ dataset: 'errors', search: searchFilter(tag.field, requests) });
  }

  const path = paths.events(client.orgSlug);
  const executed: string[] = [];
  const results = await Promise.all(
    fetches.map(async ({ dataset, search }) => {
      const params: Array<[string, string]> = [
        ['dataset', dataset],
        ...repeated('field', fields),
        ['sort', '-timestamp'],
        ['query', search],
        ...timeParams(context.range),
        ...scopeParams(query.projectIds, query.environments),
      ];
      executed.push(describeRequest(path, [...params, ['per_page', String(Math.min(limit, 100))]]));
      return client.getAllPages<SentryEventsRow>(path, params, {
        signal: context.signal,
        rowBudget: limit,
        requiredScope: scopes.org,
        rowsOf: (body) => {
          const page = body as SentryEventsPage;
          if (!page || !Array.isArray(page.data)) {
            throw new SentryError('invalid-response', 'The events answer has no data list.');
          }
          return page.data;
        },
      });
    })
  );

  // An error can match both a trace id and a request id: keep it once, newest first.
  const seen = new Set<string>();
  const rows: SentryEventsRow[] = [];
  for (const row of results.flatMap((r) => r.rows)) {
    const key = `${String(row.project)}:${String(row.id)}`;
    if (!seen.has(key)) {
      seen.add(key);
      rows.push(row);
    }
  }
  rows.sort((a, b) => (toEpochMs(b.timestamp) ?? 0) - (toEpochMs(a.timestamp) ?? 0));
  const shown = rows.slice(0, limit);
  const truncated = rows.length > limit || results.some((r) => r.truncated);

  const scope = { sentryUrl: client.target, org: client.orgSlug };
  const issueLinks = issueLink(
    { ...scope, projectIds: query.projectIds, environments: query.environments },
    '${__data.fields.issueId:percentencode}'
  );
  const text = (row: SentryEventsRow, key: string) => {
    const v = row[key];
    return v === null || v === undefined || v === '' ? null : String(v);
  };
  const notices: Array<{ severity: 'info'; text: string }> = [];
  if (!fetches.length) {
    notices.push({ severity: 'info', text: 'No request or trace ids to look up.' });
  }
  if (truncated) {
    notices.push({
      severity: 'info',
      text: `Showing the newest ${shown.length} events; Sentry has more. Raise the limit to see them.`,
    });
  }
  return [
    makeFrame({
      name: 'Request lookup',
      refId: query.refId,
      meta: {
        preferredVisualisationType: 'table',
        executedQueryString: executed.length ? executed.join('\n') : 'no ids: nothing sent',
        notices: notices.length ? notices : undefined,
        custom: { traces, requests, truncated },
      },
      fields: [
        {
          name: 'time',
          type: 'time',
          values: shown.map((r) => toEpochMs(r.timestamp)),
          config: { displayName: 'Time' },
        },
        {
          name: 'eventId',
          type: 'string',
          values: shown.map((r) => text(r, 'id')),
          config: { displayName: 'Event', links: eventLink(scope) },
        },
        {
          name: 'kind',
          type: 'string',
          values: shown.map((r) => text(r, 'event.type')),
          config: { displayName: 'Kind' },
        },
        { name: 'title', type: 'string', values: shown.map((r) => text(r, 'title')), config: { displayName: 'Title' } },
        {
          name: 'project',
          type: 'string',
          values: shown.map((r) => text(r, 'project')),
          config: { displayName: 'Project' },
        },
        {
          name: 'issueId',
          type: 'string',
          values: shown.map((r) => text(r, 'issue.id')),
          config: { displayName: 'Issue ID', links: issueLinks },
        },
        {
          name: 'issue',
          type: 'string',
          values: shown.map((r) => text(r, 'issue')),
          config: { displayName: 'Issue', links: issueLinks },
        },
        {
          name: 'trace',
          type: 'string',
          values: shown.map((r) => text(r, 'trace')),
          config: { displayName: 'Trace', links: traceLink(scope) },
        },
        {
          name: 'requestId',
          type: 'string',
          values: shown.map((r) => text(r, tag.field)),
          config: { displayName: 'Request ID' },
        },
        {
          name: 'transaction',
          type: 'string',
          values: shown.map((r) => text(r, 'transaction')),
          config: { displayName: 'Transaction' },
        },
      ],
    }),
  ];
}

function lookupLimit(value: unknown, rowBudget: number): number {
  if (value === undefined || value === null || value === '') {
    return Math.min(DEFAULT_LOOKUP_LIMIT, rowBudget);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new SentryError('query', `Limit must be a whole number of at least 1, not ${String(value)}.`);
  }
  return Math.min(n, rowBudget);
}
