/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';
import { type RequestLookupQuery, classifyIds, requestIdField } from './requestLookup';

const fake = createTestFake();
const day = lastHours(24);
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;
const column = (frame: DataFrame, name: string) => field(frame, name).values;

const FIELDS = [
  ['time', 'time'],
  ['eventId', 'string'],
  ['kind', 'string'],
  ['title', 'string'],
  ['project', 'string'],
  ['issueId', 'string'],
  ['issue', 'string'],
  ['trace', 'string'],
  ['requestId', 'string'],
  ['transaction', 'string'],
];

function query(patch: Partial<RequestLookupQuery>): RequestLookupQuery {
  return { refId: 'A', queryType: 'requestLookup', ...patch };
}

/** Error events of the last day that carry a request id, newest first. */
const recentErrors = fake.scenario.errors.filter((e) => e.ts >= FIXED_NOW - 24 * HOUR && e.requestId).reverse();
const recentTransactions = fake.scenario.transactions.filter((t) => t.ts >= FIXED_NOW - 24 * HOUR);

describe('request / trace lookup against the fake', () => {
  it('finds the error event of a request id, with its issue, trace and links', async () => {
    const event = recentErrors[3];
    const outcome = await runQuery(fakeClient(fake), query({ lookupIds: [event.requestId!] }), day);
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual(FIELDS);
    const expected = fake.scenario.errors.filter((e) => e.requestId === event.requestId);
    expect(frame.length).toBe(expected.length);
    expect(column(frame, 'eventId')[0]).toBe(event.eventId);
    expect(column(frame, 'time')[0]).toBe(Math.floor(event.ts / 1000) * 1000);
    expect(column(frame, 'kind')[0]).toBe(event.issue.type);
    expect(column(frame, 'title')[0]).toBe(event.issue.title);
    expect(column(frame, 'project')[0]).toBe(event.project.slug);
    expect(column(frame, 'issueId')[0]).toBe(event.issue.id);
    expect(column(frame, 'issue')[0]).toBe(event.issue.shortId);
    expect(column(frame, 'trace')[0]).toBe(event.traceId);
    expect(column(frame, 'requestId')[0]).toBe(event.requestId);

    const url = (name: string) => field(frame, name).config.links?.[0].url;
    expect(url('eventId')).toBe(
      'https://sentry.fake.test/organizations/acme/discover/${__data.fields.project:percentencode}:${__value.raw:percentencode}/'
    );
    expect(url('trace')).toContain('/organizations/acme/performance/trace/${__value.raw:percentencode}/');
    expect(url('issue')).toContain('/organizations/acme/issues/${__data.fields.issueId:percentencode}/');
    expect(url('issueId')).toBe(url('issue'));
    expect(frame.meta?.executedQueryString).toContain('dataset=errors');
    expect(frame.meta?.executedQueryString).toContain(`query=request_id%3A${event.requestId}`);
  });

  it('finds the errors and transactions of trace ids, and tells ids apart by their shape', async () => {
    const error = recentErrors[7];
    const transaction = recentTransactions[recentTransactions.length - 10];
    const request = recentErrors[11];
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      // Upper case and a duplicate: trace ids are compared in Sentry's lowercase form, once.
      query({ lookupIds: [error.traceId, transaction.traceId.toUpperCase(), request.requestId!, error.traceId] }),
      day
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    const traces = new Set([error.traceId, transaction.traceId]);
    const expected = [
      ...fake.scenario.errors.filter((e) => traces.has(e.traceId) || e.requestId === request.requestId),
      ...fake.scenario.transactions.filter((t) => traces.has(t.traceId)),
    ].sort((a, b) => b.ts - a.ts);
    expect(new Set(column(frame, 'eventId'))).toEqual(new Set(expected.map((e) => e.eventId)));
    expect(frame.length).toBe(expected.length);
    const times = column(frame, 'time') as number[];
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const txRow = column(frame, 'eventId').indexOf(transaction.eventId);
    expect(column(frame, 'kind')[txRow]).toBe('transaction');
    expect(column(frame, 'title')[txRow]).toBe(transaction.transaction);
    expect(column(frame, 'issueId')[txRow]).toBeNull();
    // One request per kind of id.
    expect(client.stats.sent).toBe(2);
    expect(frame.meta?.custom).toMatchObject({
      traces: [error.traceId, transaction.traceId],
      requests: [request.requestId],
    });
  });

  it('gives an empty table with every field, not an error, for an unknown id', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      query({ lookupIds: ['00000000-0000-4000-a000-000000000000', 'ffffffffffffffffffffffffffffffff'] }),
      day
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].length).toBe(0);
    expect(outcome.frames[0].fields.map((f) => [f.name, f.type])).toEqual(FIELDS);
  });

  it('keeps hostile ids literal', async () => {
    // Were the id spliced into the search, these would match.
    expect(fake.scenario.errors.some((e) => e.level === 'fatal' && e.ts >= FIXED_NOW - 14 * 24 * HOUR)).toBe(true);
    for (const lookupKind of ['auto', 'request', 'trace'] as const) {
      const outcome = await runQuery(
        fakeClient(fake),
        query({ lookupIds: ['x" OR level:fatal'], lookupKind }),
        lastHours(24 * 14)
      );
      expect(outcome.error).toBeUndefined();
      expect(outcome.frames[0].length).toBe(0);
    }
    const outcome = await runQuery(fakeClient(fake), query({ lookupIds: ['x" OR level:fatal'] }), day);
    expect(outcome.frames[0].meta?.executedQueryString).toContain(
      `query=${encodeURIComponent('request_id:"x\\" OR level:fatal"').replace(/%20/g, '+')}`
    );
  });

  it('matches a request id with * as exactly that id, not as a wildcard', async () => {
    const own = createTestFake();
    const [starred, other] = own.scenario.errors.filter((e) => e.ts >= FIXED_NOW - 24 * HOUR && e.requestId);
    (starred as { requestId: string | null }).requestId = 'req-*';
    (other as { requestId: string | null }).requestId = 'req-42';
    const outcome = await runQuery(fakeClient(own), query({ lookupIds: ['req-*'], lookupKind: 'request' }), day);
    expect(outcome.error).toBeUndefined();
    expect(column(outcome.frames[0], 'eventId')).toEqual([starred.eventId]);
    expect(outcome.frames[0].meta?.executedQueryString).toContain(`query=${encodeURIComponent('request_id:req-\\*')}`);
  });

  it('takes the kind from the query when told, a UUID-shaped trace id included', async () => {
    const error = recentErrors[2];
    const asRequest = await runQuery(
      fakeClient(fake),
      query({ lookupIds: [error.traceId], lookupKind: 'request' }),
      day
    );
    expect(asRequest.frames[0].length).toBe(0);
    const t = error.traceId;
    const uuid = `${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20)}`;
    const asTrace = await runQuery(fakeClient(fake), query({ lookupIds: [uuid], lookupKind: 'trace' }), day);
    expect(column(asTrace.frames[0], 'eventId')).toContain(error.eventId);
  });

  it('reads the request id from the tag named, tags[…] for dashed keys, and refuses what is no tag key', async () => {
    const event = recentErrors[5];
    const outcome = await runQuery(
      fakeClient(fake),
      query({ lookupIds: [event.requestId!], requestIdTag: ' request_id ' }),
      day
    );
    expect(column(outcome.frames[0], 'requestId')).toEqual([event.requestId]);
    const dashed = await runQuery(fakeClient(fake), query({ lookupIds: ['abc'], requestIdTag: 'x-request-id' }), day);
    expect(dashed.error).toBeUndefined();
    expect(dashed.frames[0].meta?.executedQueryString).toContain('field=tags%5Bx-request-id%5D');
    const bad = await runQuery(fakeClient(fake), query({ lookupIds: ['abc'], requestIdTag: 'request id' }), day);
    expect(bad.error?.message).toContain('"request id" is not a tag key');
  });

  it('sends nothing without ids', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(client, query({ lookupIds: [' ', ''] }), day);
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].length).toBe(0);
    expect(outcome.frames[0].fields).toHaveLength(FIELDS.length);
    expect(outcome.frames[0].meta?.notices?.[0].text).toBe('No request or trace ids to look up.');
    expect(client.stats.sent).toBe(0);
  });
});

describe('id kinds and tag keys', () => {
  it('auto: 32 hex digits are traces, the rest requests; trimmed and deduplicated', () => {
    expect(classifyIds([' ABCDEF0123456789abcdef0123456789 ', 'req-1', 'req-1', 'abc'], 'auto')).toEqual({
      traces: ['abcdef0123456789abcdef0123456789'],
      requests: ['req-1', 'abc'],
    });
    expect(classifyIds(['abcdef0123456789abcdef0123456789'], 'request').traces).toEqual([]);
    // A text box variable with several ids.
    expect(classifyIds(['req-1, req-2\nreq-3', 'x" OR level:fatal'], 'auto').requests).toEqual([
      'req-1',
      'req-2',
      'req-3',
      'x" OR level:fatal',
    ]);
  });

  it('plain keys as they are, dashed ones as tags[…], others refused', () => {
    expect(requestIdField(undefined)).toEqual({ field: 'request_id' });
    expect(requestIdField('  ')).toEqual({ field: 'request_id' });
    expect(requestIdField('http.request_id')).toEqual({ field: 'http.request_id' });
    expect(requestIdField('x-request-id')).toEqual({ field: 'tags[x-request-id]' });
    expect(requestIdField('a]b')).toHaveProperty('error');
  });
});
