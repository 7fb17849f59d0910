/**
 * `?page=panel`: what a dashboard panel does for a viewer. The data source runs the query (`&query=<json>`, else
 * its default) as soon as the page shows, and the frames appear as tables; no editor of the plugin is rendered.
 */
import React, { useEffect } from 'react';
import { CoreApp, DataQuery, DataSourceApi } from '@grafana/data';

import { Route, initialQuery, timeRange } from '../route';
import { Results } from './results';
import { buildRequest, toResponse, useRunner } from './runner';

export function PanelPage({ ds, route }: { ds: DataSourceApi<DataQuery>; route: Route }) {
  const { run, start } = useRunner();
  useEffect(() => {
    const query = initialQuery(route, () => ds.getDefaultQuery?.(CoreApp.Dashboard) ?? {});
    start(() => toResponse(ds.query(buildRequest([query], CoreApp.Dashboard, timeRange(route)))));
  }, [ds, route, start]);
  return (
    <div data-testid="host-panel-view">
      <Results run={run} />
    </div>
  );
}
