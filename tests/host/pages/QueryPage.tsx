/**
 * `?page=query`: the plugin's QueryEditor with Run; the frames as tables (`&grafanaTable=1`: also in Grafana's
 * table panel component).
 */
import React, { useCallback, useRef, useState } from 'react';
import { CoreApp, DataQuery, DataSourceApi } from '@grafana/data';

import type { HostPlugin } from '../grafana/pluginLoader';
import { Route, initialQuery, timeRange } from '../route';
import { Workbench } from './Workbench';
import { Results } from './results';
import { buildRequest, toResponse, useRunner } from './runner';

export function QueryPage({ plugin, ds, route }: { plugin: HostPlugin; ds: DataSourceApi<DataQuery>; route: Route }) {
  const Editor = plugin.components.QueryEditor!;
  const [query, setQuery] = useState<DataQuery>(() =>
    initialQuery(route, () => ds.getDefaultQuery?.(CoreApp.PanelEditor) ?? {})
  );
  // onRunQuery follows onChange at once; run what was just saved, as Grafana's query runner does.
  const latest = useRef(query);
  const { run, start } = useRunner();

  const onChange = useCallback((next: DataQuery) => {
    latest.current = next;
    setQuery(next);
  }, []);
  const onRunQuery = useCallback(() => {
    start(() => {
      // Grafana's query runner drops what filterQuery refuses, then runs the rest.
      const targets = [latest.current].filter((q) => !ds.filterQuery || ds.filterQuery(q));
      if (!targets.length) {
        return undefined;
      }
      return toResponse(ds.query(buildRequest(targets, CoreApp.PanelEditor, timeRange(route))));
    });
  }, [ds, route, start]);

  return (
    <>
      <Workbench testId="host-query-editor" saved={query} onRun={onRunQuery}>
        <Editor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} app={CoreApp.PanelEditor} />
      </Workbench>
      <Results run={run} grafanaTable={route.params.get('grafanaTable') === '1'} />
    </>
  );
}
