/** @jest-environment node */
import { createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { runVariableQuery } from './variables';

const fake = createTestFake();
const client = fakeClient(fake);

describe('variable queries against the fake', () => {
  it('projects: slug as text, numeric id as value (or the slug when chosen)', async () => {
    const byId = await runVariableQuery(client, { kind: 'projects' });
    expect(byId).toEqual(
      [...fake.scenario.projects]
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .map((p) => ({ text: p.slug, value: p.id }))
    );
    const bySlug = await runVariableQuery(client, { kind: 'projects', projectValue: 'slug' });
    expect(bySlug.every((o) => o.text === o.value)).toBe(true);
  });

  it('projects of one team', async () => {
    const team = fake.scenario.teams[0];
    const options = await runVariableQuery(client, { kind: 'projects', team: team.slug });
    const expected = fake.scenario.projects.filter((p) => p.teams.some((t) => t.slug === team.slug)).map((p) => p.slug);
    expect(options.map((o) => o.text).sort()).toEqual(expected.sort());
  });

  it('environments, of all projects or of the chosen ones', async () => {
    const all = await runVariableQuery(client, { kind: 'environments' });
    expect(all.map((o) => o.value)).toEqual(['production', 'staging']);
    const worker = fake.scenario.projects.find((p) => p.slug === 'payments-worker')!;
    const some = await runVariableQuery(client, { kind: 'environments', projectIds: [worker.id] });
    expect(some.length).toBeGreaterThan(0);
  });

  it('teams and tag keys', async () => {
    expect((await runVariableQuery(client, { kind: 'teams' })).map((o) => o.value)).toEqual(
      fake.scenario.teams.map((t) => t.slug).sort()
    );
    const keys = await runVariableQuery(client, { kind: 'tagKeys' });
    expect(keys.map((k) => k.value)).toContain('browser');
  });

  it('releases of the range, newest first, value = full version', async () => {
    const options = await runVariableQuery(
      client,
      { kind: 'releases', projectIds: ['checkout-api'] },
      lastHours(24 * 14).range
    );
    expect(options.map((o) => o.value)).toContain(fake.scenario.burst.release);
    expect(options.every((o) => o.value.startsWith('checkout-api@'))).toBe(true);
  });

  it('tag values need a tag', async () => {
    await expect(runVariableQuery(client, { kind: 'tagValues' })).rejects.toThrow('Pick the tag');
    const values = await runVariableQuery(client, { kind: 'tagValues', tagKey: 'browser' });
    expect(values.length).toBeGreaterThan(1);
  });
});
