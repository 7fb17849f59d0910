/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';

const fake = createTestFake();
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!;

describe('issues query against the fake', () => {
  it('pages past 100 rows by cursor and marks the result truncated at the limit', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      { refId: 'A', queryType: 'issues', issuesQuery: '', issuesLimit: 250 },
      lastHours(14 * 24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.length).toBe(250);
    expect(new Set(field(frame, 'id').values).size).toBe(250);
    expect(client.stats.sent).toBe(3);
    expect(frame.meta?.custom?.truncated).toBe(true);
    expect(frame.meta?.notices?.[0].text).toContain('Showing the first 250 issues');
  });

  it('types counts as numbers and times as epoch ms; the burst issue leads when sorted by events', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'issues', issuesSort: 'freq', issuesLimit: 5 },
      lastHours(12)
    );
    const [frame] = outcome.frames;
    expect(field(frame, 'count').type).toBe('number');
    expect(field(frame, 'lifetimeCount').type).toBe('number');
    expect(field(frame, 'lastSeen').type).toBe('time');
    expect(field(frame, 'title').values[0]).toBe(fake.scenario.burst.title);
    // Window counts are those of the scenario's events in the range.
    const burstEvents = fake.scenario.errors.filter(
      (e) => e.issue.id === fake.scenario.burst.issueId && e.ts >= FIXED_NOW - 12 * HOUR && e.ts < FIXED_NOW
    );
    expect(field(frame, 'count').values[0]).toBe(burstEvents.length);
    const counts = field(frame, 'count').values as number[];
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const lastSeen = field(frame, 'lastSeen').values[0] as number;
    expect(lastSeen).toBeGreaterThan(FIXED_NOW - 12 * HOUR);
    expect(lastSeen).toBeLessThanOrEqual(FIXED_NOW);
  });

  it('returns an empty frame with every field, not an error, when nothing matches', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'issues', issuesQuery: 'no-such-words-anywhere' },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.length).toBe(0);
    expect(frame.fields.map((f) => f.name)).toContain('firstSeen');
    expect(frame.fields).toHaveLength(17);
  });

  it('resolves project slugs to ids and filters by environment', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'issues',
        issuesQuery: '',
        projectIds: ['payments-worker'],
        environments: ['production'],
        issuesLimit: 20,
      },
      lastHours(24 * 7)
    );
    expect(outcome.error).toBeUndefined();
    expect(new Set(field(outcome.frames[0], 'project').values)).toEqual(new Set(['payments-worker']));
  });

  it('reports an unknown project slug on the query', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'issues', projectIds: ['nope'] },
      lastHours(24)
    );
    expect(outcome.error?.message).toContain('No project "nope"');
  });
});
