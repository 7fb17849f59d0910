/**
 * @jest-environment node
 *
 * Genuine events tables (errors and spans datasets: Sentry's OpenAPI example, sentry-mcp's mocks, the official
 * plugin's test data) through the events runner: columns typed from Sentry's meta, except that a column of
 * timestamps is a time column whatever meta says (the spans dataset declares `timestamp` a "string").
 */
import type { EventsDataset } from '../../src/sentry/datasets';
import { runEventsQuery } from '../../src/sentry/queries/events';
import { WIDE_RANGE, body, expectWellTyped, field, replayClient, values } from './replay';

async function eventsFrom(name: string, dataset: EventsDataset, eventsFields: string[]) {
  const { client } = replayClient({ 'events/': body(name) });
  const frames = await runEventsQuery(client, { refId: 'A', eventsFields }, WIDE_RANGE, dataset);
  expectWellTyped(frames);
  return frames[0];
}

const typesOf = (frame: Awaited<ReturnType<typeof eventsFrom>>) =>
  Object.fromEntries(frame.fields.map((f) => [f.name, f.type]));

describe('errors dataset', () => {
  it('events.mcp-errors.json: integers, dates and strings as Sentry types them', async () => {
    const frame = await eventsFrom('events.mcp-errors.json', 'errors', [
      'issue',
      'title',
      'project',
      'count()',
      'last_seen()',
      'issue.id',
    ]);
    expect(typesOf(frame)).toEqual({
      issue: 'string',
      title: 'string',
      project: 'string',
      'count()': 'number',
      'last_seen()': 'time',
      'issue.id': 'number',
    });
    expect(values(frame, 'issue.id')).toEqual([6114575469]);
    expect(values(frame, 'count()')).toEqual([2]);
    expect(values(frame, 'last_seen()')).toEqual([Date.UTC(2025, 3, 7, 12, 23, 39)]);
    expect(values(frame, 'issue')).toEqual(['CLOUDFLARE-MCP-41']);
  });

  it('events.mcp-errors-empty.json: no rows, the columns still typed', async () => {
    const frame = await eventsFrom('events.mcp-errors-empty.json', 'errors', ['issue', 'count()', 'last_seen()']);
    expect(frame.length).toBe(0);
    expect(typesOf(frame)).toMatchObject({ 'count()': 'number', 'last_seen()': 'time' });
  });

  it('events.grafana-discover.json: a requested column the rows lack is null', async () => {
    const frame = await eventsFrom('events.grafana-discover.json', 'errors', [
      'id',
      'title',
      'message',
      'project.name',
      'release',
    ]);
    expect(values(frame, 'id')).toEqual(['event_id_1', 'event_id_2', 'event_id_3']);
    expect(values(frame, 'project.name')).toEqual(['project_name_1', 'project_name_1', 'project_name_2']);
    expect(values(frame, 'release')).toEqual([null, null, null]);
  });

  it('events.openapi-query-events.json: functions and equations are numbers', async () => {
    const equation = 'equation|count_if(transaction.duration,greater,300) / count() * 100';
    const frame = await eventsFrom('events.openapi-query-events.json', 'errors', [
      'transaction',
      'count()',
      'count_if(transaction.duration,greater,300)',
      equation,
    ]);
    expect(values(frame, 'transaction')).toEqual(['foo', 'bar', 'baz']);
    expect(values(frame, 'count()')).toEqual([10, 20, 40]);
    expect(values(frame, equation)).toEqual([50, 15, 20]);
    expect(field(frame, 'count()').config.decimals).toBe(0);
  });
});

describe('spans dataset', () => {
  const spanFields = ['id', 'span.op', 'span.duration', 'transaction', 'timestamp', 'is_transaction', 'trace'];

  it('events.mcp-spans.json: timestamp declared "string" is a time column; durations in ms; booleans', async () => {
    const frame = await eventsFrom('events.mcp-spans.json', 'spans', spanFields);
    expect(typesOf(frame)).toEqual({
      id: 'string',
      'span.op': 'string',
      'span.duration': 'number',
      transaction: 'string',
      timestamp: 'time',
      is_transaction: 'boolean',
      trace: 'string',
    });
    expect(values(frame, 'timestamp')).toEqual([Date.UTC(2025, 3, 13, 14, 19, 18), Date.UTC(2025, 3, 13, 14, 19, 17)]);
    expect(values(frame, 'span.duration')).toEqual([12, 18]);
    expect(field(frame, 'span.duration').config.unit).toBe('ms');
    expect(values(frame, 'is_transaction')).toEqual([true, true]);
  });

  it('events.mcp-spans-empty.json: timestamp is a time column even with no rows', async () => {
    const frame = await eventsFrom('events.mcp-spans-empty.json', 'spans', spanFields);
    expect(frame.length).toBe(0);
    expect(field(frame, 'timestamp').type).toBe('time');
    expect(field(frame, 'span.duration').type).toBe('number');
  });
});
