/**
 * `?page=dashboard&name=<file>`: a provisioned dashboard as a viewer sees it. Its variables are resolved as the CLI
 * does (tests/host/dashboards.ts), each panel of this plugin runs its queries through the built plugin, and the
 * frames are drawn by Grafana's components after Grafana's field processing (panels.tsx), on Grafana's grid.
 * Panels of other data sources (Prometheus) are not run: the host has no Prometheus; they show as placeholders.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { CoreApp, DataQuery, DataSourceApi, TimeRange, dateMath } from '@grafana/data';
import { PanelChrome } from '@grafana/ui';

import { DASHBOARDS, HostDashboard, LoadedDashboard, PanelToRun, loadHostDashboard } from '../dashboards';
import { Route } from '../route';
import { ErrorBoundary } from './ErrorBoundary';
import { Visualization, fieldVariables, noteFor, processFrames, shownFieldNames, vizFor } from './panels';
import { buildRequest, errorMessage, toResponse, useRunner } from './runner';

/** Grafana's grid: 24 columns, rows of 30 px, 8 px apart. */
const GRID_WIDTH = 1352;
const COLUMN = GRID_WIDTH / 24;
const ROW = 30 + 8;
const GAP = 8;

/** The dashboard's own time range unless the URL gives one (`&from=…&to=…`). */
function dashboardRange(dashboard: HostDashboard, route: Route): TimeRange {
  const fromText = route.params.get('from') ?? dashboard.time?.from ?? 'now-24h';
  const toText = route.params.get('to') ?? dashboard.time?.to ?? 'now';
  const from = dateMath.parse(fromText, false, 'utc')!;
  const to = dateMath.parse(toText, true, 'utc')!;
  return { from, to, raw: { from: fromText, to: toText } };
}

export function DashboardPage({ ds, route }: { ds: DataSourceApi<DataQuery>; route: Route }) {
  const name = route.params.get('name') ?? '';
  const dashboard = DASHBOARDS[name];
  const range = useMemo(() => (dashboard ? dashboardRange(dashboard, route) : undefined), [dashboard, route]);
  const [loaded, setLoaded] = useState<LoadedDashboard>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (dashboard && range) {
      loadHostDashboard(dashboard, ds, range).then(setLoaded, (e: unknown) => setError(errorMessage(e)));
    }
  }, [dashboard, ds, range]);

  if (!dashboard || !range) {
    return (
      <div data-testid="host-crash">
        No dashboard {JSON.stringify(name)}: one of {Object.keys(DASHBOARDS).join(', ')}
      </div>
    );
  }
  const bottom = Math.max(
    0,
    ...(loaded?.panels ?? []).map((p) => (p.panel.gridPos?.y ?? 0) + (p.panel.gridPos?.h ?? 8))
  );
  return (
    <div data-testid="host-dashboard-view" data-name={name} data-loaded={loaded ? 'true' : 'false'}>
      <h3>
        {dashboard.title} · {range.raw.from as string} to {range.raw.to as string}
      </h3>
      {error && (
        <div className="host-error" data-testid="host-error">
          {error}
        </div>
      )}
      {loaded && (
        <>
          <div className="host-variables" data-testid="host-dashboard-variables">
            {loaded.variables.map((v) => (
              <span key={v.name} data-testid="host-dashboard-variable" data-name={v.name} data-error={v.error ?? ''}>
                ${v.name} = {JSON.stringify(v.value)}
                {v.error ? ` (${v.error})` : ''}
              </span>
            ))}
          </div>
          <div className="host-grid" style={{ position: 'relative', width: GRID_WIDTH, height: bottom * ROW }}>
            {loaded.panels.map((p, i) => (
              <DashboardPanel key={i} ds={ds} loaded={loaded} toRun={p} range={range} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

interface PanelProps {
  ds: DataSourceApi<DataQuery>;
  loaded: LoadedDashboard;
  toRun: PanelToRun;
  range: TimeRange;
}

/** One panel on the grid: its queries as one request (as a panel's query runner sends them), then its viz. */
function DashboardPanel({ ds, loaded, toRun, range }: PanelProps) {
  const { panel, title, queries } = toRun;
  const grid = panel.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
  const width = grid.w * COLUMN - GAP;
  const height = grid.h * ROW - GAP;
  const type = panel.type ?? 'table';
  const { run, start } = useRunner();
  useEffect(() => {
    if (queries.length) {
      start(() => toResponse(ds.query(buildRequest(queries as DataQuery[], CoreApp.Dashboard, range))));
    }
  }, [ds, queries, range, start]);
  const replaceVariables = useMemo(() => fieldVariables(loaded.templateSrv), [loaded]);
  const processed = useMemo(
    () => processFrames(type, run.frames, panel.fieldConfig, replaceVariables),
    [type, run.frames, panel.fieldConfig, replaceVariables]
  );

  const ours = queries.length > 0;
  const rows = run.frames.reduce((sum, f) => sum + f.length, 0);
  let state: string = run.state;
  if (!ours) {
    state = 'Skipped';
  } else if (run.state === 'Done' && rows === 0) {
    state = 'NoData';
  }
  const message = run.errors.map((e) => e.message).join('; ') || undefined;
  const note = noteFor(type);
  return (
    <div
      data-testid="host-dashboard-panel"
      data-title={title}
      data-state={state}
      data-viz={ours ? vizFor(type) : ''}
      data-rows={rows}
      data-fields={JSON.stringify(shownFieldNames(processed.frames))}
      style={{ position: 'absolute', left: grid.x * COLUMN, top: grid.y * ROW, width, height }}
    >
      <PanelChrome title={title} width={width} height={height} statusMessage={message}>
        {(innerWidth, innerHeight) => {
          if (!ours) {
            return <div className="host-panel-note">Another data source&apos;s panel: not run in the test host.</div>;
          }
          if (run.state === 'Error') {
            return (
              <div className="host-error" data-testid="host-panel-error">
                {message}
              </div>
            );
          }
          if (state === 'NoData') {
            return <div data-testid="host-panel-nodata">No data</div>;
          }
          if (run.state !== 'Done') {
            return <div>Loading…</div>;
          }
          const noteHeight = note ? 18 : 0;
          return (
            <ErrorBoundary>
              {note && <div className="host-panel-note">{note}</div>}
              <Visualization
                type={type}
                processed={processed}
                options={panel.options ?? {}}
                range={range}
                replaceVariables={replaceVariables}
                width={innerWidth}
                height={innerHeight - noteHeight}
              />
            </ErrorBoundary>
          );
        }}
      </PanelChrome>
    </div>
  );
}
