// Each saved query is upgraded once: Grafana hands the same target to filterQuery, query and the display text.
import { firstValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { createTestFake } from '../tests/support/fakeSentryClient';
import { queryRequest } from '../tests/support/grafanaRequest';
import { templateSrvWith } from '../tests/support/templateSrv';
import { instanceSettings } from '../tests/support/instanceSettings';
import { SentryDataSource } from './datasource';
import { migrateQuery } from './sentry/migrate';
import type { SentryQuery } from './sentry/query';

jest.mock('./sentry/migrate', () => {
  const actual = jest.requireActual('./sentry/migrate');
  return { ...actual, migrateQuery: jest.fn(actual.migrateQuery) };
});

const templateSrv = templateSrvWith();

describe('SentryDataSource upgrades each saved query once', () => {
  it('through filterQuery, query and getQueryDisplayText, and runs the upgraded query', async () => {
    const ds = new SentryDataSource(instanceSettings(), fakeBackendSrv(createTestFake()), templateSrv);
    // The official plugin's shape: a typeless issues query with its limit saved as text.
    const saved = { refId: 'A', issuesQuery: 'is:unresolved', issuesLimit: '3' } as unknown as SentryQuery;
    const migrate = jest.mocked(migrateQuery);
    migrate.mockClear();

    expect(ds.filterQuery(saved)).toBe(true);
    const response = await firstValueFrom(ds.query(queryRequest([saved])));
    expect(ds.getQueryDisplayText(saved)).toBe('Issues: is:unresolved');

    expect(migrate).toHaveBeenCalledTimes(1);
    expect(migrate).toHaveBeenCalledWith(saved);
    expect(response.errors).toBeUndefined();
    expect(response.data[0].length).toBe(3);
  });

  it('upgrades a different target object (a changed query) afresh', () => {
    const ds = new SentryDataSource(instanceSettings(), fakeBackendSrv(createTestFake()), templateSrv);
    const migrate = jest.mocked(migrateQuery);
    migrate.mockClear();
    ds.filterQuery({ refId: 'A', queryType: 'issues' } as SentryQuery);
    ds.filterQuery({ refId: 'A', queryType: 'issues', issuesLimit: 0 } as SentryQuery);
    expect(migrate).toHaveBeenCalledTimes(2);
  });
});
