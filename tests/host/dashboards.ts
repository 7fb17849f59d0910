/**
 * The provisioned dashboards as the dashboard page loads them: by file name, variables resolved as the CLI resolves
 * them (cli/variables.ts: saved values, then each query variable of this plugin asked again, through the built
 * plugin's variable support here), and each panel's queries with those values applied (cli/dashboard.ts).
 */
import { CoreApp, DataQuery, DataQueryResponse, DataSourceApi, FieldConfigSource, TimeRange } from '@grafana/data';
import { Observable, lastValueFrom } from 'rxjs';

import { Dashboard, dashboardQueries, ourDatasource } from '../../cli/dashboard';
import { DashboardTemplateSrv } from '../../cli/templateSrv';
import { FoundValue } from '../../cli/variableOptions';
import { LoadedVariable, loadVariables } from '../../cli/variables';
import alerts from '../../provisioning/dashboards/alerts.json';
import queryTypes from '../../provisioning/dashboards/query-types.json';
import orgOverview from '../../src/dashboards/org-overview.json';
import serviceOverview from '../../src/dashboards/service-overview.json';
import type { SentryQuery } from '../../src/sentry/query';
import { buildRequest } from './pages/runner';

/** File name (without .json) → dashboard: src/dashboards/ (shipped in the plugin) and provisioning/dashboards/. */
export const DASHBOARDS: Record<string, HostDashboard> = {
  'service-overview': serviceOverview as HostDashboard,
  'org-overview': orgOverview as HostDashboard,
  'query-types': queryTypes as HostDashboard,
  alerts: alerts as HostDashboard,
};

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the page reads of a saved panel besides its queries. */
export interface SavedPanel {
  id?: number;
  title?: string;
  type?: string;
  gridPos?: GridPos;
  fieldConfig?: FieldConfigSource;
  options?: Record<string, unknown>;
  panels?: SavedPanel[];
}

export type HostDashboard = Dashboard & { time?: { from: string; to: string }; panels?: SavedPanel[] };

export interface PanelToRun {
  panel: SavedPanel;
  /** Title with the variables applied, as Grafana shows it. */
  title: string;
  /** This plugin's queries, upgraded and with the dashboard's variables applied; none: another data source's panel. */
  queries: SentryQuery[];
}

export interface LoadedDashboard {
  variables: LoadedVariable[];
  templateSrv: DashboardTemplateSrv;
  panels: PanelToRun[];
}

/** Panels inside rows come out as panels of their own, as a dashboard with its rows open shows them. */
function leafPanels(panels: SavedPanel[] = []): SavedPanel[] {
  return panels.flatMap((p) => (p.type === 'row' ? leafPanels(p.panels) : [p]));
}

/** A variable's values from the plugin's variable support (Grafana's CustomVariableSupport.query). */
function findWith(ds: DataSourceApi<DataQuery>, range: TimeRange) {
  const variables = ds.variables as unknown as {
    query: (request: ReturnType<typeof buildRequest>) => Observable<DataQueryResponse>;
  };
  return async (definition: DataQuery): Promise<FoundValue[]> => {
    const response = await lastValueFrom(variables.query(buildRequest([definition], CoreApp.Dashboard, range)));
    if (response.errors?.length) {
      throw new Error(response.errors[0].message ?? 'variable query failed');
    }
    return response.data as FoundValue[];
  };
}

export async function loadHostDashboard(
  dashboard: HostDashboard,
  ds: DataSourceApi<DataQuery>,
  range: TimeRange
): Promise<LoadedDashboard> {
  const coreRange = { from: range.from.toDate(), to: range.to.toDate() };
  const { variables, loaded } = await loadVariables(dashboard.templating?.list ?? [], {
    find: findWith(ds, range),
    range: coreRange,
    isOurs: ourDatasource(dashboard),
  });
  const templateSrv = new DashboardTemplateSrv(variables, { timeRange: coreRange });
  const panels = leafPanels(dashboard.panels).map((panel) => ({
    panel,
    title: templateSrv.replace(panel.title ?? ''),
    // One panel at a time through the CLI's walk, so each keeps its own queries.
    queries: dashboardQueries(
      { ...dashboard, panels: [{ ...panel, panels: undefined }] } as Dashboard,
      templateSrv
    ).map((q) => q.query),
  }));
  return { variables: loaded, templateSrv, panels };
}
