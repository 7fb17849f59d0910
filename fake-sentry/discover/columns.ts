// Discover columns over rows of the scenario (error events, transactions, spans): known fields and tags.

import { pythonIsoformat } from '../flavours';
import { isoDiscover } from '../params';
import { ErrorEvent, eventTag, HOUR, Project, SpanRecord, TransactionEvent } from '../scenario';

export type Row = ErrorEvent | TransactionEvent | SpanRecord;

/** Meta field types as Sentry reports them. */
export type MetaType = 'string' | 'integer' | 'number' | 'date' | 'duration' | 'boolean' | 'percentage' | 'rate';

export interface Column {
  type: MetaType;
  unit: string | null;
  get(row: Row): string | number | boolean | null;
}

function tagOf(row: Row, key: string): string | undefined {
  return eventTag(row.kind === 'span' ? row.tx : row, key);
}

export function projectOf(row: Row): Project {
  return row.kind === 'span' ? row.tx.project : row.project;
}

export function userOf(row: Row) {
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

export const COLUMNS: Record<string, Column> = {
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
  // The spans dataset's names for a transaction's status and method (mep_to_eap.py's column_switcheroo).
  'trace.status': str((row) => (row.kind === 'span' ? row.status : null)),
  'transaction.method': str((row) => (row.kind === 'span' ? row.tx.httpMethod : null)),
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

/**
 * sentry.io's spans dataset types `timestamp` as a string and sends Python's isoformat of the span's time
 * (search_type "string" with datetime_processor, src/sentry/search/eap/spans/attributes.py).
 */
const SPANS_SAAS_TIMESTAMP: Column = { type: 'string', unit: null, get: (row) => pythonIsoformat(row.ts) };

/**
 * Resolve a plain (non-function) field: known column, `tags[x]` / `tag[x]`, or an unknown tag name.
 * `spansSaas`: the spans dataset as sentry.io serves it.
 */
export function resolveColumn(field: string, spansSaas = false): Column {
  if (spansSaas && field === 'timestamp') {
    return SPANS_SAAS_TIMESTAMP;
  }
  const known = COLUMNS[field];
  if (known) {
    return known;
  }
  const tagMatch = TAG_FIELD.exec(field);
  const tagKey = tagMatch ? tagMatch[1].trim() : field;
  return str((row) => tagOf(row, tagKey));
}
