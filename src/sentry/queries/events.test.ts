/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';
import { EventCells, eventsCellsFrame, eventsFrame } from './events';

const fake = createTestFake();
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;

describe('events table against the fake', () => {
  it('keeps the user’s column order and types columns from Sentry’s meta', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'events',
        dataset: 'spans',
        eventsQuery: 'is_transaction:true',
        eventsFields: ['transaction', 'p95(span.duration)', 'count()', 'failure_rate()'],
        eventsSort: 'count()',
      },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type, f.config.unit])).toEqual([
      ['transaction', 'string', undefined],
      ['p95(span.duration)', 'number', 'ms'],
      ['count()', 'number', undefined],
      ['failure_rate()', 'number', 'percentunit'],
    ]);
    const counts = field(frame, 'count()').values as number[];
    expect(counts.length).toBeGreaterThan(5);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('sorts ascending when asked (the official plugin’s direction bug)', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'events',
        dataset: 'errors',
        eventsFields: ['level', 'count()'],
        eventsSort: 'count()',
        eventsSortDirection: 'asc',
      },
      lastHours(24)
    );
    const counts = field(outcome.frames[0], 'count()').values as number[];
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });

  it('pages past 100 rows, has a time column and a link to each event', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      {
        refId: 'A',
        queryType: 'events',
        dataset: 'errors',
        eventsFields: ['id', 'timestamp', 'title', 'project'],
        eventsSort: 'timestamp',
        eventsLimit: 230,
      },
      lastHours(24)
    );
    const [frame] = outcome.frames;
    expect(frame.length).toBe(230);
    expect(client.stats.sent).toBe(3);
    const times = field(frame, 'timestamp').values as number[];
    expect(field(frame, 'timestamp').type).toBe('time');
    expect(times.every((t) => t >= FIXED_NOW - 24 * HOUR && t <= FIXED_NOW)).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(field(frame, 'id').config.links?.[0].url).toBe(
      'https://sentry.fake.test/organizations/acme/discover/${__data.fields.project:percentencode}:${__value.raw:percentencode}/'
    );
  });

  it('builds the table page by page: no list of every row is kept (getAllPages is not used)', async () => {
    const client = fakeClient(fake);
    const pageRows: number[] = [];
    const readPages = client.readPages.bind(client);
    jest.spyOn(client, 'readPages').mockImplementation((path, params, options) =>
      readPages(path, params, {
        ...options,
        onPage: (rows) => {
          pageRows.push(rows.length);
          return options.onPage(rows);
        },
      })
    );
    const getAllPages = jest.spyOn(client, 'getAllPages');
    const outcome = await runQuery(
      client,
      { refId: 'A', queryType: 'events', dataset: 'errors', eventsFields: ['id', 'timestamp'], eventsLimit: 230 },
      lastHours(24)
    );
    expect(outcome.frames[0].length).toBe(230);
    expect(pageRows).toEqual([100, 100, 30]);
    expect(getAllPages).not.toHaveBeenCalled();
  });

  it('refuses a sort field that is not a column, before asking Sentry', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      { refId: 'A', queryType: 'events', eventsFields: ['title'], eventsSort: 'count()' },
      lastHours(1)
    );
    expect(outcome.error?.kind).toBe('query');
    expect(client.stats.sent).toBe(0);
  });

  it('returns an empty frame with the requested columns when nothing matches', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'events',
        dataset: 'errors',
        eventsFields: ['id', 'timestamp', 'count()'],
        eventsQuery: 'message:"no such message at all"',
      },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].length).toBe(0);
    expect(outcome.frames[0].fields.map((f) => f.name)).toEqual(['id', 'timestamp', 'count()']);
  });

  it('spans use the spans dataset', async () => {
    const outcome = await runQuery(fakeClient(fake), { refId: 'A', queryType: 'spans', eventsLimit: 5 }, lastHours(1));
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].meta?.executedQueryString).toContain('dataset=spans');
    expect(field(outcome.frames[0], 'span.duration')).toMatchObject({ type: 'number', config: { unit: 'ms' } });
  });
});

describe('events table cells', () => {
  const links = { sentryUrl: 'https://sentry.example.test', org: 'acme', dataset: 'errors' as const };
  const frameOf = (rows: Array<Record<string, unknown>>, fields: Record<string, string>, names = Object.keys(fields)) =>
    eventsFrame(
      rows as never,
      { fields },
      { refId: 'A', executed: '', truncated: false, links: { ...links, fields: names } }
    );
  const column = (frame: DataFrame, name: string) => [field(frame, name).type, [...field(frame, name).values]];

  it('number columns hold numbers or null: numeric strings converted, objects, booleans and text null', () => {
    const frame = frameOf(
      [
        { 'count()': '12' },
        { 'count()': { value: 3 } },
        { 'count()': true },
        { 'count()': 'n/a' },
        { 'count()': 4 },
        {},
      ],
      { 'count()': 'integer' }
    );
    expect(column(frame, 'count()')).toEqual(['number', [12, null, null, null, 4, null]]);
  });

  it('a column of ISO timestamps is a time column whatever meta says; a timestamp column with a stray value is not', () => {
    const rows = [
      { timestamp: '2025-04-13T14:19:18+00:00', when: '2025-04-13T14:19:17.5Z', version: '1.2.0' },
      { timestamp: '2025-04-13T14:19:19+00:00', when: null, version: '2025-04-13T14:19:17Z' },
    ];
    const frame = frameOf(rows, { timestamp: 'string', when: 'string', version: 'string' });
    expect(column(frame, 'timestamp')).toEqual([
      'time',
      [Date.UTC(2025, 3, 13, 14, 19, 18), Date.UTC(2025, 3, 13, 14, 19, 19)],
    ]);
    expect(column(frame, 'when')).toEqual(['time', [Date.UTC(2025, 3, 13, 14, 19, 17, 500), null]]);
    expect(column(frame, 'version')).toEqual(['string', ['1.2.0', '2025-04-13T14:19:17Z']]);
  });

  it('epoch numbers are a time only in a column with a time name; counts stay numbers', () => {
    const rows = [{ 'precise.start_ts': 1744553958.25, 'count()': 1744553958 }];
    const frame = frameOf(rows, { 'precise.start_ts': 'number', 'count()': 'integer' });
    expect(column(frame, 'precise.start_ts')).toEqual(['time', [1744553958250]]);
    expect(column(frame, 'count()')).toEqual(['number', [1744553958]]);
  });

  it('a column Sentry does not type takes the type its values share; missing cells are null', () => {
    const rows = [
      { issue: 'ACME-1', flag: true, mixed: 1, size: 10 },
      { issue: 'ACME-2', flag: false, mixed: 'x' },
    ];
    const frame = frameOf(rows, {}, ['issue', 'flag', 'mixed', 'size', 'absent']);
    expect(frame.fields.map((f) => [f.name, f.type, [...f.values]])).toEqual([
      ['issue', 'string', ['ACME-1', 'ACME-2']],
      ['flag', 'boolean', [true, false]],
      ['mixed', 'other', [1, 'x']],
      ['size', 'number', [10, null]],
      ['absent', 'other', [null, null]],
    ]);
  });

  it('boolean columns read true/false, 1/0 and their text; anything else is null', () => {
    const rows = [true, false, 1, 0, 'true', 'false', 'yes', null].map((v) => ({ is_transaction: v }));
    expect(column(frameOf(rows, { is_transaction: 'boolean' }), 'is_transaction')).toEqual([
      'boolean',
      [true, false, true, false, true, false, null, null],
    ]);
  });
});

describe('events table cells filled page by page', () => {
  const links = { sentryUrl: 'https://sentry.example.test', org: 'acme', dataset: 'errors' as const };
  const info = (fields: string[]) => ({ refId: 'A', executed: '', truncated: true, links: { ...links, fields } });

  it('make the same frame as all the rows at once, typed when every page is in', () => {
    const fields = ['id', 'timestamp', 'count()', 'tags[x]'];
    const meta = { fields: { id: 'string', timestamp: 'date', 'count()': 'integer' } };
    const pages = [
      [
        { id: 'a', timestamp: '2026-05-01T08:00:00Z', 'count()': 1, 'tags[x]': 'one' },
        { id: 'b', timestamp: '2026-05-01T09:00:00+00:00', 'count()': '2' },
      ],
      [{ id: 'c', timestamp: 1_777_000_000, 'count()': null, 'tags[x]': 3 }],
      [],
    ];
    const cells = new EventCells(fields);
    pages.forEach((page) => cells.add(page as never));
    const paged = eventsCellsFrame(cells, meta, info(fields));
    expect(paged).toEqual(eventsFrame(pages.flat() as never, meta, info(fields)));
    expect(paged.length).toBe(3);
    expect(paged.meta?.notices?.[0].text).toContain('first 3 rows');
    // The untyped column takes its type from every page's values (a string, then a number: mixed).
    expect(field(paged, 'tags[x]')).toMatchObject({ type: 'other', values: ['one', null, 3] });
  });
});
