/** @jest-environment node */
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { ScriptedTransport, json } from '../../../tests/support/scriptedTransport';
import { SentryClient } from '../client';
import { runQuery } from '../run';
import { runReleasesQuery } from './releases';

const fake = createTestFake();

describe('releases and deploys against the fake', () => {
  it('lists releases of the range with typed dates and counts', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'releases', projectIds: ['checkout-api'] },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    const versions = frame.fields[0].values;
    expect(versions).toContain(fake.scenario.burst.release);
    expect(frame.fields.find((f) => f.name === 'dateReleased')?.type).toBe('time');
    expect(frame.fields.find((f) => f.name === 'newGroups')?.type).toBe('number');
    expect(new Set(frame.fields.find((f) => f.name === 'projects')?.values)).toEqual(new Set(['checkout-api']));
  });

  it('lists the deploys in the range, with the burst release’s production deploy', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'releases', releasesMode: 'deploys', environments: ['production'] },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    const rows = frame.fields[0].values.map((version, i) => ({
      version,
      env: frame.fields[1].values[i],
      finished: frame.fields[3].values[i] as number,
    }));
    expect(rows.every((r) => r.env === 'production')).toBe(true);
    const burst = rows.find((r) => r.version === fake.scenario.burst.release);
    expect(burst?.finished).toBe(fake.scenario.burst.start);
    expect(rows.every((r) => r.finished >= FIXED_NOW - 24 * HOUR)).toBe(true);
  });

  it('gives an empty table for a search that matches nothing', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'releases', releasesQuery: 'zzz-no-such-version' },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].length).toBe(0);
    expect(outcome.frames[0].fields[0].name).toBe('version');
  });
});

describe('release counts', () => {
  it('are numbers or null: numeric strings converted, anything else null', async () => {
    const release = { id: 1, version: '1.0', dateCreated: new Date(FIXED_NOW - HOUR).toISOString() };
    const answer = [{ ...release, newGroups: '3', deployCount: { total: 1 }, commitCount: true }];
    const transport = new ScriptedTransport(() => json(200, answer));
    const client = new SentryClient({ transport, orgSlug: 'acme' });
    const [frame] = await runReleasesQuery(client, { refId: 'A', queryType: 'releases' }, lastHours(24));
    const value = (name: string) => frame.fields.find((f) => f.name === name)?.values[0];
    expect([value('newGroups'), value('deployCount'), value('commitCount')]).toEqual([3, null, null]);
  });
});
