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

describe('the deploys table', () => {
  const at = (hoursAgo: number) => new Date(FIXED_NOW - hoursAgo * HOUR).toISOString();
  const deploy = (environment: string, hoursAgo: number) => ({
    id: `${environment}-${hoursAgo}`,
    environment,
    dateStarted: at(hoursAgo + 0.1),
    dateFinished: at(hoursAgo),
    name: null,
    url: null,
  });
  // Release a was deployed last (1 h ago); b before it (2 h ago), to staging.
  const releases = [
    { version: 'a', dateCreated: at(3), dateReleased: at(1), deployCount: 2, lastDeploy: deploy('production', 1) },
    { version: 'b', dateCreated: at(4), dateReleased: at(2), deployCount: 1, lastDeploy: deploy('staging', 2) },
  ];
  const deploys: Record<string, unknown[]> = {
    a: [deploy('production', 1), deploy('production', 5)],
    b: [deploy('staging', 2)],
  };
  const sentry = () =>
    new ScriptedTransport((request) => {
      const version = /\/releases\/([^/]+)\/deploys\/$/.exec(request.path)?.[1];
      return json(200, version ? deploys[version] : releases);
    });
  const run = async (set: Record<string, unknown>) => {
    const transport = sentry();
    const client = new SentryClient({ transport, orgSlug: 'acme' });
    const query = { refId: 'A', queryType: 'releases' as const, releasesMode: 'deploys' as const, ...set };
    const [frame] = await runReleasesQuery(client, query, lastHours(24));
    return { frame, paths: transport.requests.map((r) => r.path) };
  };

  it('reads the deploys of the `limit` releases deployed last, enough when none left could hold a newer deploy', async () => {
    const { frame, paths } = await run({ releasesLimit: 1 });
    expect(paths).toEqual(['/api/0/organizations/acme/releases/', '/api/0/organizations/acme/releases/a/deploys/']);
    expect(frame.fields.map((f) => f.values[0])).toEqual([
      'a',
      'production',
      FIXED_NOW - 1.1 * HOUR,
      FIXED_NOW - HOUR,
      null,
      null,
    ]);
    expect(frame.meta?.notices).toBeUndefined();
    expect(frame.meta?.custom?.truncated).toBe(false);
  });

  it('says when the releases left unread may hold deploys it should have shown', async () => {
    const { frame, paths } = await run({ releasesLimit: 1, environments: ['staging'] });
    expect(paths).toHaveLength(2);
    expect(frame.length).toBe(0);
    expect(frame.meta?.custom?.truncated).toBe(true);
    expect(frame.meta?.notices).toEqual([
      {
        severity: 'info',
        text: 'Deploys were read for the release deployed last (the limit); 1 older release may hold more deploys in the range. Raise the limit to read them.',
      },
    ]);
    const all = await run({ releasesLimit: 2, environments: ['staging'] });
    expect(all.frame.fields[0].values).toEqual(['b']);
    expect(all.frame.meta?.notices).toBeUndefined();
  });
});
