import { LoadingState } from '@grafana/data';
import { Observable, firstValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { queryRequest } from '../tests/support/grafanaRequest';
import { templateSrvWith } from '../tests/support/templateSrv';
import { instanceSettings } from '../tests/support/instanceSettings';
import { SentryDataSource } from './datasource';
import { SentryQuery } from './sentry/query';

const settings = instanceSettings({ url: 'https://sentry.io/' }, { uid: 'sentry-uid' });

const templateSrv = templateSrvWith({ env: ['production', 'staging'], level: 'error' });

function request(targets: SentryQuery[]) {
  return queryRequest(targets, { to: Date.parse('2026-05-02T00:00:00Z'), intervalMs: 60_000 });
}

const issue = {
  id: '42',
  shortId: 'CHECKOUT-1',
  title: 'TypeError',
  count: '17',
  userCount: 3,
  firstSeen: '2026-04-30T10:00:00Z',
  lastSeen: '2026-05-01T10:00:00Z',
  project: { id: '1', slug: 'checkout' },
};

describe('SentryDataSource', () => {
  it('runs an issues query through the proxy with variables applied, and returns typed frames', async () => {
    const srv = fakeBackendSrv(() => ({ status: 200, data: JSON.stringify([issue]) }));
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const query: SentryQuery = { refId: 'A', queryType: 'issues', issuesQuery: 'level:$level', environments: ['$env'] };
    const response = await firstValueFrom(ds.query(request([query])));
    expect(response.state).toBe(LoadingState.Done);
    const url = new URL(srv.urls[0], 'http://grafana');
    expect(url.pathname).toBe('/api/datasources/proxy/uid/sentry-uid/sentry/api/0/organizations/acme/issues/');
    expect(url.searchParams.get('query')).toBe('level:error');
    expect(url.searchParams.getAll('environment')).toEqual(['production', 'staging']);
    expect(url.searchParams.get('start')).toBe('2026-05-01T00:00:00.000Z');
    const frame = response.data[0];
    expect(frame.refId).toBe('A');
    const count = frame.fields.find((f: { name: string }) => f.name === 'count');
    expect(count).toMatchObject({ type: 'number', values: [17] });
    expect(frame.fields.find((f: { name: string }) => f.name === 'lastSeen').values).toEqual([
      Date.parse(issue.lastSeen),
    ]);
  });

  it('keeps a failing query’s error on its own refId while the other query still returns data', async () => {
    const srv = fakeBackendSrv((url) =>
      url.includes('query=bad')
        ? { status: 400, data: '{"detail":"Parse error at \'bad\'"}' }
        : { status: 200, data: '[]' }
    );
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const response = await firstValueFrom(
      ds.query(
        request([
          { refId: 'A', queryType: 'issues', issuesQuery: 'bad' },
          { refId: 'B', queryType: 'issues', issuesQuery: 'good' },
        ])
      )
    );
    expect(response.errors).toEqual([
      { refId: 'A', message: "Sentry rejected the query (400): Parse error at 'bad'.", status: 400 },
    ]);
    expect(response.data.map((f: { refId: string }) => f.refId)).toEqual(['B']);
  });

  it('reports a query that fails validation on its refId, without asking Sentry, and runs the others', async () => {
    const srv = fakeBackendSrv(() => ({ status: 200, data: '[]' }));
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const bad: SentryQuery = { refId: 'A', queryType: 'events', eventsFields: ['title'], eventsSort: 'count()' };
    expect(ds.filterQuery(bad)).toBe(false);
    const response = await firstValueFrom(ds.query(request([bad, { refId: 'B', queryType: 'issues' }])));
    expect(response.errors?.[0].refId).toBe('A');
    expect(response.errors?.[0].message).toContain('count()');
    expect(srv.urls).toHaveLength(1);
    expect(response.data.map((f: { refId: string }) => f.refId)).toEqual(['B']);
  });

  it('skips hidden queries', async () => {
    const srv = fakeBackendSrv(() => ({ status: 200, data: '[]' }));
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const response = await firstValueFrom(ds.query(request([{ refId: 'A', queryType: 'issues', hide: true }])));
    expect(srv.urls).toHaveLength(0);
    expect(response.data).toEqual([]);
  });

  it('cancels Sentry requests when Grafana unsubscribes', async () => {
    let unsubscribed = 0;
    const srv = fakeBackendSrv(() => new Observable<never>(() => () => void unsubscribed++));
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const subscription = ds.query(request([{ refId: 'A', queryType: 'issues' }])).subscribe();
    await new Promise((r) => setTimeout(r, 0));
    expect(srv.urls).toHaveLength(1);
    subscription.unsubscribe();
    expect(unsubscribed).toBe(1);
  });

  it('testDatasource reports Grafana’s proxy 401-as-400 as a rejected token', async () => {
    const srv = fakeBackendSrv(() => ({ status: 400, data: 'Authentication to data source failed' }));
    const ds = new SentryDataSource(settings, srv, templateSrv);
    const result = await ds.testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/rejected the auth token/);
  });

  it('offers a runnable default query', () => {
    const ds = new SentryDataSource(
      settings,
      fakeBackendSrv(() => ({ status: 200, data: '[]' })),
      templateSrv
    );
    expect(ds.getDefaultQuery('dashboard' as never)).toMatchObject({ queryType: 'issues' });
    expect(ds.sentryUrl).toBe('https://sentry.io');
  });

  it('gives each query the rate-limit wait of its settings, 60 s unless set', () => {
    const srv = fakeBackendSrv(() => ({ status: 200, data: '[]' }));
    const waitOf = (ds: SentryDataSource) => ds.client.rateLimitWaitFor().limitMs;
    expect(waitOf(new SentryDataSource(settings, srv, templateSrv))).toBe(60_000);
    const patient = instanceSettings({ rateLimitWaitSeconds: 120 }, { uid: 'sentry-uid' });
    expect(waitOf(new SentryDataSource(patient, srv, templateSrv))).toBe(120_000);
  });
});
