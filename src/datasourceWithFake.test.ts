// The data source end to end against the Sentry fake, behind a stand-in for Grafana's proxy.
import type { DataQueryRequest } from '@grafana/data';
import { firstValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { queryRequest } from '../tests/support/grafanaRequest';
import { templateSrvWith } from '../tests/support/templateSrv';
import { FIXED_NOW, HOUR, createTestFake } from '../tests/support/fakeSentryClient';
import { instanceSettings } from '../tests/support/instanceSettings';
import { SentryDataSource } from './datasource';
import type { SentryAnnotationQuery } from './sentry/annotations';
import type { SentryQuery } from './sentry/query';
import type { SentryConfig } from './sentry/settings';

const fake = createTestFake();
const templateSrv = templateSrvWith();

function datasource(jsonData: Partial<SentryConfig> = {}) {
  const backend = fakeBackendSrv(fake);
  return { ds: new SentryDataSource(instanceSettings(jsonData), backend, templateSrv), backend };
}

function request(
  targets: Array<SentryQuery | SentryAnnotationQuery>,
  extra: Partial<DataQueryRequest<SentryQuery>> = {}
) {
  return queryRequest(targets as SentryQuery[], extra);
}

describe('SentryDataSource with the fake', () => {
  it('runs an annotation query into time / timeEnd / title / text / tags', async () => {
    const { ds } = datasource();
    const target = ds.annotations!.prepareQuery!({
      name: 'Deploys',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', annotationKind: 'deploys' } as never,
    });
    const response = await firstValueFrom(ds.query(request([target as SentryQuery])));
    expect(response.errors).toBeUndefined();
    const [frame] = response.data;
    expect(frame.fields.map((f: { name: string }) => f.name)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    const titles = frame.fields[2].values as string[];
    expect(titles).toContain('Deploy 2.4.1 → production');
  });

  it('adds ad hoc filters to the search sent to Sentry', async () => {
    const { ds, backend } = datasource();
    const response = await firstValueFrom(
      ds.query(
        request([{ refId: 'A', queryType: 'issues', issuesQuery: 'is:unresolved' }], {
          filters: [{ key: 'environment', operator: '=', value: 'staging' }],
        })
      )
    );
    expect(response.errors).toBeUndefined();
    const sent = new URL(backend.urls[backend.urls.length - 1], 'http://grafana');
    expect(sent.searchParams.get('query')).toBe('is:unresolved environment:staging');
  });

  it('links Sentry series to Prometheus through the label map', async () => {
    const { ds } = datasource({
      prometheusDatasourceUid: 'prom',
      labelMap: [{ prometheus: 'service', sentry: 'project' }],
      prometheusQuery: 'rate(http_requests_total{<labels>}[5m])',
    });
    const response = await firstValueFrom(
      ds.query(
        request([
          {
            refId: 'A',
            queryType: 'eventsStats',
            dataset: 'errors',
            eventsStatsGroups: ['project'],
            eventsStatsLimit: 2,
          },
        ])
      )
    );
    const links = response.data[0].fields[1].config.links;
    expect(links.map((l: { title: string }) => l.title)).toEqual(['Open in Sentry Discover', 'Prometheus: service']);
    // Grafana fills the series' project in when the link is followed (src/correlation.test.ts follows links).
    const asked: string[] = [];
    const replaceVariables = (target: string) => {
      asked.push(target);
      return 'checkout-api';
    };
    expect(links[1].internal.query({ replaceVariables, scopedVars: {} }).expr).toBe(
      'rate(http_requests_total{service="checkout-api"}[5m])'
    );
    expect(asked).toEqual(['${__field.labels.project}']);
  });

  it('refreshes a series on a range ending now by reading its tail, and a fixed range in full', async () => {
    const { ds, backend } = datasource();
    const target: SentryQuery = { refId: 'A', queryType: 'eventsStats', dataset: 'errors' };
    const refresh = async (to: number, raw?: { from: string; to: string }) => {
      const base = request([target], {});
      const range = { ...queryRequest([target], { to }).range, ...(raw ? { raw } : {}) };
      const response = await firstValueFrom(ds.query({ ...base, range }));
      expect(response.errors).toBeUndefined();
      return { sent: new URL(backend.urls[backend.urls.length - 1], 'http://grafana'), frame: response.data[0] };
    };
    await refresh(FIXED_NOW + 7_000);
    const tail = await refresh(FIXED_NOW + 17_000);
    expect(tail.sent.searchParams.get('start')).toBe(new Date(FIXED_NOW - HOUR).toISOString());
    expect(tail.frame.meta.executedQueryString).toMatch(/^tail refresh: /);
    expect(tail.frame.length).toBe(25);
    const fixed = { from: new Date(FIXED_NOW - 24 * HOUR).toISOString(), to: new Date(FIXED_NOW).toISOString() };
    await refresh(FIXED_NOW + 7_000, fixed);
    const full = await refresh(FIXED_NOW + 17_000, fixed);
    expect(full.sent.searchParams.get('start')).toBe(new Date(FIXED_NOW - 24 * HOUR).toISOString());
  });

  it('offers Sentry tags as ad hoc keys and their values', async () => {
    const { ds } = datasource();
    const keys = await ds.getTagKeys();
    expect(keys.map((k) => k.text)).toContain('environment');
    const values = await ds.getTagValues({ key: 'environment' });
    expect(values.map((v) => v.text)).toEqual(expect.arrayContaining(['production', 'staging']));
  });
});
