/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';
import type { SentryIssue } from '../api';
import { type SpikeExplainerQuery, rankSpikes, spikeBaselineRange } from './spikeExplainer';

const fake = createTestFake();
const burst = fake.scenario.burst;
const DAY = 24 * HOUR;
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;
const column = <T>(frame: DataFrame, name: string) => field(frame, name).values as T[];

function query(patch: Partial<SpikeExplainerQuery> = {}): SpikeExplainerQuery {
  return { refId: 'A', queryType: 'spikeExplainer', ...patch };
}

/** Error events of an issue in [from, to), straight from the scenario. */
function eventsOf(issueId: string, from: number, to: number): number {
  return fake.scenario.errors.filter((e) => e.issue.id === issueId && e.ts >= from && e.ts < to).length;
}

describe('spike explainer against the fake', () => {
  it('puts the burst issue first over the last 6 h against the 6 h before, with the scenario’s counts', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(client, query(), lastHours(6));
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['id', 'string'],
      ['shortId', 'string'],
      ['title', 'string'],
      ['project', 'string'],
      ['windowCount', 'number'],
      ['baselineCount', 'number'],
      ['increase', 'number'],
      ['ratio', 'number'],
      ['firstSeen', 'time'],
    ]);
    expect(column(frame, 'id')[0]).toBe(burst.issueId);
    expect(column(frame, 'shortId')[0]).toBe(burst.shortId);
    expect(column(frame, 'title')[0]).toBe(burst.title);
    expect(column(frame, 'project')[0]).toBe('checkout-api');

    const from = FIXED_NOW - 6 * HOUR;
    const ids = column<string>(frame, 'id');
    ids.forEach((id, i) => {
      const inWindow = eventsOf(id, from, FIXED_NOW);
      const before = eventsOf(id, from - 6 * HOUR, from);
      expect(column(frame, 'windowCount')[i]).toBe(inWindow);
      expect(column(frame, 'baselineCount')[i]).toBe(before);
      expect(column(frame, 'increase')[i]).toBe(inWindow - before);
      expect(column(frame, 'ratio')[i]).toBe(before ? inWindow / before : null);
    });
    expect(column<number>(frame, 'windowCount')[0]).toBeGreaterThan(700);
    // Ranked by increase, all of them rising, with at least 5 events, 10 at most.
    const increases = column<number>(frame, 'increase');
    expect([...increases].sort((a, b) => b - a)).toEqual(increases);
    expect(increases.every((v) => v > 0)).toBe(true);
    expect(column<number>(frame, 'windowCount').every((v) => v >= 5)).toBe(true);
    expect(frame.length).toBeGreaterThan(1);
    expect(frame.length).toBeLessThanOrEqual(10);

    // Two requests: the window's issues, then the same ids in the baseline window.
    expect(client.stats.sent).toBe(2);
    const executed = frame.meta?.executedQueryString ?? '';
    expect(executed).toContain('window: 2026-05-06T06:00:00.000Z → 2026-05-06T12:00:00.000Z');
    expect(executed).toContain('baseline (the window before): 2026-05-06T00:00:00.000Z → 2026-05-06T06:00:00.000Z');
    expect(executed.match(/GET \/api\/0\/organizations\/acme\/issues\//g)).toHaveLength(2);
    // The baseline request by id, summarised: the first three ids and how many more, not a wall of ids.
    const decoded = decodeURIComponent(executed.replace(/\+/g, ' '));
    expect(decoded).toContain(`is:unresolved issue.id:[${burst.issueId}, `);
    expect(decoded).toMatch(/ issue\.id:\[\d+, \d+, \d+, \+\d+ more\]&/);
    expect(executed.split('\n').every((line) => line.length < 400)).toBe(true);

    expect(field(frame, 'windowCount').config).toMatchObject({ decimals: 0 });
    expect(field(frame, 'id').config.links?.[0].url).toBe(
      'https://sentry.fake.test/organizations/acme/issues/${__data.fields.id:percentencode}/?start=${__from:date:iso}&end=${__to:date:iso}'
    );
    expect(field(frame, 'title').config.links).toHaveLength(1);
  });

  it('compares with the same window a day earlier: no events then gives a null ratio, shown as "new"', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      query({ spikeBaseline: 'previousDay', projectIds: ['checkout-api'], environments: ['production'] }),
      { range: { from: new Date(burst.start), to: new Date(burst.start + 2 * HOUR) } }
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(column(frame, 'id')[0]).toBe(burst.issueId);
    const inWindow = fake.scenario.errors.filter(
      (e) =>
        e.issue.id === burst.issueId &&
        e.environment === 'production' &&
        e.ts >= burst.start &&
        e.ts < burst.start + 2 * HOUR
    ).length;
    expect(column(frame, 'windowCount')[0]).toBe(inWindow);
    expect(column(frame, 'baselineCount')[0]).toBe(0);
    expect(column(frame, 'increase')[0]).toBe(inWindow);
    expect(column(frame, 'ratio')[0]).toBeNull();
    expect(field(frame, 'ratio').config.mappings).toEqual([
      { type: 'special', options: { match: 'null', result: { text: 'new', index: 0 } } },
    ]);
    expect(field(frame, 'baselineCount').config.displayName).toBe('Events (the day before)');
    expect(column<string>(frame, 'project').every((p) => p === 'checkout-api')).toBe(true);
  });

  it('does not put the burst issue first in a quiet window', async () => {
    const outcome = await runQuery(fakeClient(fake), query({ spikeMinEvents: 1 }), {
      range: { from: new Date(FIXED_NOW - 30 * HOUR), to: new Date(FIXED_NOW - 24 * HOUR) },
    });
    expect(outcome.error).toBeUndefined();
    const ids = column<string>(outcome.frames[0], 'id');
    expect(ids[0]).not.toBe(burst.issueId);
    expect(ids).not.toContain(burst.issueId);
  });

  it('applies the issue search, the limit and the minimum, and is an empty table when nothing qualifies', async () => {
    const narrowed = await runQuery(
      fakeClient(fake),
      query({ spikeQuery: '"Cannot read properties"', spikeLimit: 1 }),
      lastHours(6)
    );
    expect(column(narrowed.frames[0], 'id')).toEqual([burst.issueId]);

    const client = fakeClient(fake);
    const none = await runQuery(client, query({ spikeMinEvents: 100_000 }), lastHours(6));
    expect(none.error).toBeUndefined();
    expect(none.frames[0].length).toBe(0);
    expect(none.frames[0].fields).toHaveLength(9);
    // Nothing can make the list: no baseline request.
    expect(client.stats.sent).toBe(1);
  });

  it('compares the window’s 100 most frequent issues, and says so when there are more', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(client, query({ spikeQuery: '' }), lastHours(7 * 24));
    expect(outcome.error).toBeUndefined();
    expect(client.stats.sent).toBe(2);
    expect(outcome.frames[0].meta?.notices?.[0].text).toMatch(
      /^Compared the 100 issues with the most events in the window; any other issue rose by at most \d+ events\.$/
    );
  });

  it('refuses an unknown baseline and a limit out of range', async () => {
    const baseline = await runQuery(fakeClient(fake), query({ spikeBaseline: 'yesterday' as never }), lastHours(6));
    expect(baseline.error?.message).toBe('Unknown baseline "yesterday": use previous, previousDay, previousWeek.');
    const limit = await runQuery(fakeClient(fake), query({ spikeLimit: 0 }), lastHours(6));
    expect(limit.error?.message).toBe('Limit must be a whole number from 1 to 100, not 0.');
  });
});

describe('spike ranking', () => {
  const issue = (id: string): SentryIssue => ({ id });

  it('ranks by increase, then by ratio (no baseline first), and drops falls and small issues', () => {
    const rows = rankSpikes(
      [
        { issue: issue('1'), windowCount: 30 },
        { issue: issue('2'), windowCount: 20 },
        { issue: issue('3'), windowCount: 10 },
        { issue: issue('4'), windowCount: 50 },
        { issue: issue('5'), windowCount: 3 },
      ],
      new Map([
        ['1', 20],
        ['4', 60],
      ]),
      5,
      10
    );
    expect(rows.map((r) => [r.issue.id, r.increase, r.ratio])).toEqual([
      ['2', 20, null],
      ['3', 10, null],
      ['1', 10, 1.5],
    ]);
    // Equal increases: the one without a baseline first.
    expect(rows[1].increase).toBe(rows[2].increase);
  });

  it('shifts the baseline window by its length, a day or a week', () => {
    const range = { from: new Date(FIXED_NOW - 3 * HOUR), to: new Date(FIXED_NOW) };
    expect(spikeBaselineRange(range, 'previous')).toEqual({
      from: new Date(FIXED_NOW - 6 * HOUR),
      to: new Date(FIXED_NOW - 3 * HOUR),
    });
    expect(spikeBaselineRange(range, 'previousDay').to).toEqual(new Date(FIXED_NOW - DAY));
    expect(spikeBaselineRange(range, 'previousWeek').from).toEqual(new Date(FIXED_NOW - 3 * HOUR - 7 * DAY));
  });
});
