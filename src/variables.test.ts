import { DataQueryRequest, dateTime } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { createTestFake, FIXED_NOW, HOUR } from '../tests/support/fakeSentryClient';
import { instanceSettings } from '../tests/support/instanceSettings';
import { SentryDataSource } from './datasource';
import { SentryVariableQuery } from './sentry/variables';
import { SentryVariableSupport } from './variables';
import { migrateVariableQuery } from './sentry/migrate';

const fake = createTestFake();
const variables: Record<string, string[]> = { team: ['payments'], project: ['checkout-api'] };
const templateSrv = {
  replace: (text = '', _scoped?: unknown, format?: unknown) =>
    text.replace(/\$(\w+)/g, (whole, name) => {
      const value = variables[name];
      if (!value) {
        return whole;
      }
      return typeof format === 'function' ? format(value.length === 1 ? value[0] : value) : value.join(',');
    }),
  getVariables: () => [],
} as unknown as TemplateSrv;

function run(query: Partial<SentryVariableQuery>) {
  const ds = new SentryDataSource(instanceSettings(), fakeBackendSrv(fake), templateSrv);
  const support = ds.variables as SentryVariableSupport;
  const request = {
    targets: [{ refId: 'V', ...query }],
    range: { from: dateTime(FIXED_NOW - 14 * 24 * HOUR), to: dateTime(FIXED_NOW), raw: { from: 'now-14d', to: 'now' } },
    scopedVars: {},
  } as unknown as DataQueryRequest<SentryVariableQuery>;
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
