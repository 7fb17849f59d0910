/**
 * The browser test host: a page that loads the built plugin (dist/module.js) the way Grafana does and renders its
 * editors. This file wires the parts together:
 *
 *   grafana/     Grafana's services played by small, faithful stand-ins: backendSrv.ts (fetch-based BackendSrv),
 *                templateSrv.ts (the CLI's TemplateSrv stand-in with a few dashboard variables), dataSourceSrv.ts,
 *                pluginLoader.ts (the AMD loading of dist/module.js with the host's shared dependencies)
 *   pages/       /?page=config|query|variable|annotation|panel&uid=<uid>: ConfigPage, QueryPage (&query=<json>,
 *                &grafanaTable=1), VariablePage, AnnotationPage, PanelPage (a dashboard panel: the query runs, no
 *                editor shows); results.tsx and runner.ts show and run queries; ?page=dashboard&name=<file>:
 *                DashboardPage, a provisioned dashboard drawn with Grafana's components (dashboards.ts, panels.tsx)
 *   route.ts     the page's URL parameters (from, to: default now-24h, now)
 */
import React, { ReactNode, useEffect, useState } from 'react';
import * as ReactDOMClient from 'react-dom/client';
import { DataQuery, DataSourceApi, ThemeContext } from '@grafana/data';
import { config, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { GlobalStyles, PortalContainer } from '@grafana/ui';

import { backendSrv } from './grafana/backendSrv';
import { HostDataSourceSrv } from './grafana/dataSourceSrv';
import { HostPlugin, loadPlugin } from './grafana/pluginLoader';
import { createHostTemplateSrv } from './grafana/templateSrv';
import { AnnotationPage } from './pages/AnnotationPage';
import { ConfigPage } from './pages/ConfigPage';
import { DashboardPage } from './pages/DashboardPage';
import { PanelPage } from './pages/PanelPage';
import { QueryPage } from './pages/QueryPage';
import { VariablePage } from './pages/VariablePage';
import { errorMessage } from './pages/runner';
import { Route, readRoute, timeRange } from './route';

declare global {
  interface Window {
    /** Shows another host page without reloading; resolves to the navigation's number (see main()). */
    __hostNavigate?: (search: string) => Promise<number>;
  }
}

interface PageProps {
  plugin: HostPlugin;
  dataSources: HostDataSourceSrv;
  route: Route;
}

const TITLES: Record<string, string> = {
  config: 'Data source settings',
  query: 'Query editor',
  variable: 'Variable',
  annotation: 'Annotation',
  panel: 'Panel',
  dashboard: 'Dashboard',
};

/** The page the route names, around the plugin's editor for it. */
function Page({ plugin, dataSources, route }: PageProps) {
  const [ds, setDs] = useState<DataSourceApi<DataQuery>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (route.page !== 'config') {
      dataSources.get(route.uid).then(
        (instance) => setDs(instance as DataSourceApi<DataQuery>),
        (e: unknown) => setError(errorMessage(e))
      );
    }
  }, [dataSources, route]);
  const title = TITLES[route.page];

  let body: ReactNode = <div>Loading…</div>;
  if (error) {
    body = <div data-testid="host-crash">{error}</div>;
  } else if (route.page === 'config') {
    body = <ConfigPage plugin={plugin} dataSources={dataSources} route={route} />;
  } else if (ds && route.page === 'query') {
    body = <QueryPage plugin={plugin} ds={ds} route={route} />;
  } else if (ds && route.page === 'variable') {
    body = <VariablePage ds={ds} route={route} />;
  } else if (ds && route.page === 'annotation') {
    body = <AnnotationPage ds={ds} dataSources={dataSources} route={route} />;
  } else if (ds && route.page === 'panel') {
    body = <PanelPage ds={ds} route={route} />;
  } else if (ds && route.page === 'dashboard') {
    body = <DashboardPage ds={ds} route={route} />;
  } else if (!title) {
    body = <div data-testid="host-crash">Unknown page {route.page}</div>;
  }
  return (
    <main className="host-page" data-testid="host-page" data-page={route.page} data-navigation={route.navigation}>
      <header className="host-header">
        <img src={plugin.meta.info.logos.small} alt="" width={24} height={24} />
        <h2>
          {plugin.meta.name} · {title ?? route.page} · <code>{route.uid}</code>
        </h2>
      </header>
      {body}
    </main>
  );
}

const HOST_CSS = `
  body { margin: 0; }
  .host-page { padding: 16px 24px; max-width: 1400px; }
  .host-header { display: flex; align-items: center; gap: 8px; margin-bottom: 16px; }
  .host-header h2 { margin: 0; }
  .host-toolbar { margin: 16px 0; }
  .host-json { font-size: 12px; white-space: pre-wrap; word-break: break-all; opacity: 0.8; }
  .host-error { color: #ff5286; margin: 8px 0; }
  .host-frame { border-collapse: collapse; margin: 12px 0; font-size: 12px; }
  .host-frame caption { text-align: left; font-weight: 500; padding: 4px 0; }
  .host-frame th, .host-frame td { border: 1px solid rgba(204, 204, 220, 0.2); padding: 2px 6px; text-align: left; }
  .host-frame td { max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .host-executed { font-weight: 400; font-size: 11px; opacity: 0.7; word-break: break-all; }
  .host-grafana-table { margin: 4px 0 16px; }
  .host-page[data-page='dashboard'] { max-width: none; }
  .host-variables { display: flex; gap: 16px; font-size: 12px; margin: 0 0 8px; opacity: 0.8; }
  .host-panel-note { font-size: 11px; opacity: 0.7; padding: 0 0 4px; }
  .host-tooltip { font-size: 12px; margin: 6px 0; padding: 4px 8px; border: 1px solid rgba(204, 204, 220, 0.2); }
`;

function App(props: PageProps) {
  return (
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      <style>{HOST_CSS}</style>
      <Page {...props} />
      <PortalContainer />
    </ThemeContext.Provider>
  );
}

async function main() {
  setBackendSrv(backendSrv);
  const templateSrv = createHostTemplateSrv(timeRange(readRoute(0)));
  setTemplateSrv(templateSrv);
  const plugin = await loadPlugin();
  const root = ReactDOMClient.createRoot(document.getElementById('root')!);

  /** Renders the page of the current URL with a fresh DataSourceSrv (fresh data source instances). */
  const show = async (navigation: number) => {
    const route = readRoute(navigation);
    templateSrv.updateTimeRange(timeRange(route));
    const dataSources = new HostDataSourceSrv(plugin);
    setDataSourceSrv(dataSources);
    await dataSources.load();
    // A new key unmounts the previous page: its queries are unsubscribed (cancelled), as when leaving a panel.
    root.render(<App key={navigation} plugin={plugin} dataSources={dataSources} route={route} />);
  };

  // In-app navigation, as in Grafana (a single-page app: the plugin module is loaded once per session). The
  // specs use it to avoid reloading the bundle for every test; it returns the navigation's number.
  let navigations = 0;
  window.__hostNavigate = async (search: string) => {
    navigations += 1;
    window.history.pushState(null, '', search);
    await show(navigations);
    return navigations;
  };
  await show(navigations);
}

main().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root')!;
  root.innerHTML = '';
  const div = document.createElement('div');
  div.setAttribute('data-testid', 'host-crash');
  div.textContent = `The test host could not start: ${errorMessage(error)}`;
  root.appendChild(div);
});
