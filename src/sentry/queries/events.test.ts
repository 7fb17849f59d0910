/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';

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
      'https://sentry.fake.test/organizations/acme/discover/${__data.fields.project}:${__value.raw}/'
    );
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
