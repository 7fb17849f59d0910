/**
 * The built plugin's editors load on demand: a data source that only runs queries (a dashboard viewer's panels,
 * variables and annotations) fetches nothing beside module.js, and each editor, rendered from the built plugin,
 * fetches the editors chunk from the plugin's public path and shows. `npm run e2e` repeats this in Chromium.
 */
import React from 'react';
import { render, screen } from '@testing-library/react';
import { DataQueryResponse, DataSourceSettings, dateTime } from '@grafana/data';
import { Observable, firstValueFrom, lastValueFrom, toArray } from 'rxjs';

import { Components } from '../../src/selectors';
import { fakeBackendSrv } from '../support/fakeBackendSrv';
import { FIXED_NOW, HOUR, createTestFake } from '../support/fakeSentryClient';
import { instanceSettings } from '../support/instanceSettings';
import { setupComboboxDom } from '../support/queryEditorHarness';
import { PLUGIN_ID } from '../support/plugin';
import { templateSrvWith } from '../support/templateSrv';
import { loadModule, loadedChunks } from './loadModule';

function queryRequest(targets: unknown[]) {
  const range = { from: dateTime(FIXED_NOW - 24 * HOUR), to: dateTime(FIXED_NOW), raw: { from: 'now-24h', to: 'now' } };
  return {
    requestId: 'editors',
    interval: '1h',
    intervalMs: HOUR,
    maxDataPoints: 500,
    range,
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: FIXED_NOW,
  } as never;
}

function builtDataSource() {
  const { plugin } = loadModule();
  const server = fakeBackendSrv(createTestFake());
  const ds = new plugin.DataSourceClass(instanceSettings(), { fetch: server.fetch } as never, templateSrvWith());
  return { plugin, ds };
}

const settings = {
  id: 1,
  uid: 'sentry-lens',
  orgId: 1,
  name: 'Sentry Lens',
  type: PLUGIN_ID,
  typeName: 'Sentry Lens',
  typeLogoUrl: '',
  access: 'proxy',
  url: '',
  user: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  jsonData: { url: 'https://sentry.io', orgSlug: 'acme' },
  secureJsonFields: {},
  readOnly: false,
  withCredentials: false,
} as unknown as DataSourceSettings;

describe('the built plugin’s editors', () => {
  setupComboboxDom();

  it('a data source that only runs queries, variables and annotations fetches no chunk', async () => {
    const { ds } = builtDataSource();
    const panel = await firstValueFrom(
      ds.query(queryRequest([{ refId: 'A', queryType: 'issues' }])) as Observable<DataQueryResponse>
    );
    expect(panel.errors ?? []).toEqual([]);
    expect(panel.data[0].length).toBeGreaterThan(0);
    const variable = await lastValueFrom(
      ds.variables.query(queryRequest([{ refId: 'V', kind: 'projects' }])).pipe(toArray())
    );
    expect((variable as Array<{ data: unknown[] }>)[0].data.length).toBeGreaterThan(0);
    const annotation = ds.annotations.prepareQuery({
      name: 'Deploys',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', annotationKind: 'deploys' },
    });
    await firstValueFrom(ds.query(queryRequest([annotation])) as Observable<DataQueryResponse>);
    expect(loadedChunks).toEqual([]);
  });

  it('the query editor fetches the editors chunk and shows', async () => {
    const { plugin, ds } = builtDataSource();
    const Editor = plugin.components.QueryEditor!;
    render(
      <Editor datasource={ds} query={{ refId: 'A', queryType: 'issues' }} onChange={jest.fn()} onRunQuery={jest.fn()} />
    );
    expect(await screen.findByText(Components.QueryEditor.QueryType.label)).toBeInTheDocument();
    expect(loadedChunks).toEqual(['editors.js']);
  });

  it('the config editor fetches the editors chunk and shows', async () => {
    const { plugin } = loadModule();
    const Editor = plugin.components.ConfigEditor!;
    render(<Editor options={settings} onOptionsChange={jest.fn()} />);
    expect(await screen.findByTestId(Components.ConfigEditor.URL.testId)).toBeInTheDocument();
    expect(loadedChunks).toEqual(['editors.js']);
  });

  it('the variable and annotation editors fetch the editors chunk once and show', async () => {
    const { ds } = builtDataSource();
    const VariableEditor = ds.variables.editor;
    const AnnotationEditor = ds.annotations.QueryEditor;
    render(
      <>
        <VariableEditor
          datasource={ds}
          query={{ refId: 'V', kind: 'projects' }}
          onChange={jest.fn()}
          onRunQuery={jest.fn()}
        />
        <AnnotationEditor
          datasource={ds}
          query={{ refId: 'Anno', annotationKind: 'deploys' }}
          onChange={jest.fn()}
          onRunQuery={jest.fn()}
        />
      </>
    );
    expect(await screen.findByTestId(Components.VariableEditor.Kind.testId)).toBeInTheDocument();
    expect(await screen.findByTestId(Components.AnnotationEditor.Kind.testId)).toBeInTheDocument();
    expect(loadedChunks).toEqual(['editors.js']);
  });

  it('Save & test fetches the editors chunk (the connection check) and answers', async () => {
    const { ds } = builtDataSource();
    expect(await ds.testDatasource()).toMatchObject({ status: 'success' });
    expect(loadedChunks).toEqual(['editors.js']);
  });
});
