/**
 * `?page=annotation`: the plugin's annotation editor (ds.annotations.QueryEditor) with Run, the frames, and the
 * annotations as Grafana's tooltip renders them (HTML).
 */
import React, { useState } from 'react';
import { CoreApp, DataQuery, DataSourceApi } from '@grafana/data';

import type { HostDataSourceSrv } from '../grafana/dataSourceSrv';
import { Route, initialQuery, timeRange } from '../route';
import { Workbench } from './Workbench';
import { AnnotationTooltips, Results } from './results';
import { buildRequest, toResponse, useRunner } from './runner';

export function AnnotationPage({
  ds,
  dataSources,
  route,
}: {
  ds: DataSourceApi<DataQuery>;
  dataSources: HostDataSourceSrv;
  route: Route;
}) {
  const support = ds.annotations;
  const [target, setTarget] = useState<DataQuery>(() =>
    initialQuery(route, () => support?.getDefaultQuery?.() ?? { refId: 'Anno' })
  );
  const { run, start } = useRunner();
  if (!support?.QueryEditor) {
    return <div data-testid="host-crash">The data source has no annotation support with an editor.</div>;
  }
  const Editor = support.QueryEditor;
  const offered = dataSources.getList({ annotations: true }).some((s) => s.uid === ds.uid);
  const annotation = {
    name: 'Sentry',
    enable: true,
    iconColor: 'red',
    datasource: { uid: ds.uid, type: ds.type },
    target,
  };
  const onRun = () =>
    start(() => {
      // Grafana: prepareQuery turns the annotation into a query, then the data source runs it like a panel's.
      const prepared = support.prepareQuery ? support.prepareQuery(annotation) : target;
      if (!prepared) {
        return undefined;
      }
      return toResponse(ds.query(buildRequest([{ ...prepared, refId: 'Anno' }], CoreApp.Dashboard, timeRange(route))));
    });
  return (
    <>
      <p data-testid="host-annotation-offered" data-offered={String(offered)}>
        {/* Grafana's annotation settings list data sources with getList({ annotations: true }): plugin.json decides. */}
        Offered in Dashboard settings › Annotations: {offered ? 'yes' : 'no (plugin.json "annotations" is not true)'}
      </p>
      <Workbench testId="host-annotation-editor" saved={target} onRun={onRun}>
        <Editor
          datasource={ds}
          query={target}
          onChange={setTarget}
          onRunQuery={() => undefined}
          annotation={annotation}
          onAnnotationChange={(next: { target?: DataQuery }) => next.target && setTarget(next.target)}
        />
      </Workbench>
      <Results run={run} />
      <AnnotationTooltips frames={run.frames} />
    </>
  );
}
