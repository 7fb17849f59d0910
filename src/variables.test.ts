import { lastValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { createTestFake } from '../tests/support/fakeSentryClient';
import { queryRequest } from '../tests/support/grafanaRequest';
import { templateSrvWith } from '../tests/support/templateSrv';
import { instanceSettings } from '../tests/support/instanceSettings';
import { SentryDataSource } from './datasource';
import { SentryVariableQuery } from './sentry/variables';
import { SentryVariableSupport } from './variables';
import { migrateVariableQuery } from './sentry/migrate';

const fake = createTestFake();
const templateSrv = templateSrvWith({ team: ['payments'], project: ['checkout-api'] });

function run(query: Partial<SentryVariableQuery>) {
  const ds = new SentryDataSource(instanceSettings(), fakeBackendSrv(fake), templateSrv);
  const support = ds.variables as SentryVariableSupport;
  const request = queryRequest([{ refId: 'V', ...query } as SentryVariableQuery], { hours: 14 * 24 });
  return lastValueFrom(support.query(request));
}

describe('SentryVariableSupport', () => {
  it('lists projects as slug text and id value', async () => {
    const { data } = await run({ kind: 'projects' });
    expect(data).toContainEqual({ text: 'checkout-api', value: '4501234' });
    expect(data).toHaveLength(4);
  });

  it('interpolates dashboard variables in the definition (team of a team variable)', async () => {
    const { data } = await run({ kind: 'projects', team: '$team', projectValue: 'slug' });
    const expected = fake.scenario.projects
      .filter((p) => p.teams.some((t) => t.slug === 'payments'))
      .map((p) => p.slug);
    expect(data.map((d: { value: string }) => d.value).sort()).toEqual(expected.sort());
  });

  it('lists releases of a project given by a variable holding its slug', async () => {
    const { data } = await run({ kind: 'releases', projectIds: ['$project'] });
    expect(data.map((d: { value: string }) => d.value)).toContain(fake.scenario.burst.release);
  });

  it('reads the official plugin’s variable definitions', () => {
    expect(migrateVariableQuery({ type: 'projects', teamSlug: 'payments', refId: 'x' })).toEqual({
      refId: 'x',
      kind: 'projects',
      team: 'payments',
    });
    expect(migrateVariableQuery({ type: 'environments', projectIds: ['1'] })).toMatchObject({
      kind: 'environments',
      projectIds: ['1'],
    });
    expect(migrateVariableQuery(undefined)).toMatchObject({ kind: 'projects' });
  });
});
