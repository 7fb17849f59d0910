/** `?page=config`: the plugin's ConfigEditor over the data source's settings, with Save & test as Grafana's form. */
import React, { useEffect, useState } from 'react';
import { DataSourceSettings } from '@grafana/data';
import { Alert, Button } from '@grafana/ui';

import { backendSrv } from '../grafana/backendSrv';
import type { HostDataSourceSrv } from '../grafana/dataSourceSrv';
import type { HostPlugin } from '../grafana/pluginLoader';
import type { Route } from '../route';
import { ErrorBoundary } from './ErrorBoundary';
import { errorMessage } from './runner';

interface TestResult {
  status: string;
  message: string;
}

export function ConfigPage({
  plugin,
  dataSources,
  route,
}: {
  plugin: HostPlugin;
  dataSources: HostDataSourceSrv;
  route: Route;
}) {
  const Editor = plugin.components.ConfigEditor!;
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [loadError, setLoadError] = useState<string>();
  const [result, setResult] = useState<TestResult>();
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    backendSrv
      .get<DataSourceSettings>(`/api/datasources/uid/${encodeURIComponent(route.uid)}`)
      .then(setSettings, (e: unknown) => setLoadError(errorMessage(e)));
  }, [route.uid]);

  const saveAndTest = async () => {
    if (!settings) {
      return;
    }
    setBusy(true);
    setResult(undefined);
    try {
      // Grafana's settings form: PUT the whole settings (secureJsonData only when typed), reload, then test.
      const saved = await backendSrv.put<{ datasource: DataSourceSettings }>(
        `/api/datasources/uid/${encodeURIComponent(settings.uid)}`,
        settings
      );
      setSettings(saved.datasource);
      setGeneration((g) => g + 1);
      await dataSources.load();
      const ds = await dataSources.get(saved.datasource.uid);
      const outcome = await ds.testDatasource();
      setResult({ status: outcome.status, message: outcome.message });
    } catch (error) {
      setResult({ status: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return <div data-testid="host-crash">Could not load the data source: {loadError}</div>;
  }
  if (!settings) {
    return <div>Loading settings…</div>;
  }
  return (
    <>
      <div className="host-editor" data-testid="host-config-editor" data-version={settings.version}>
        <ErrorBoundary>
          <Editor options={settings} onOptionsChange={setSettings} />
        </ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-save-test" disabled={busy} onClick={saveAndTest}>
          {busy ? 'Testing…' : 'Save & test'}
        </Button>
      </div>
      {result && (
        <div data-testid="host-test-result" data-status={result.status} data-generation={generation}>
          <Alert severity={result.status === 'success' ? 'success' : 'error'} title={result.message} />
        </div>
      )}
    </>
  );
}
