/**
 * One load of a dashboard as Grafana does it: its variables first (query variables of this data source get fresh
 * options), then every panel's queries at once through one client, so caching and coalescing apply. Used by
 * `cli dashboard` and by the bench, which loads twice through one client to see what a warm reload asks.
 */
import type { SentryClient } from '../src/sentry/client';
import { runQuery } from '../src/sentry/run';
import type { QueryContext } from '../src/sentry/queries/context';
import { Dashboard, dashboardQueries, ourDatasource } from './dashboard';
import { SerializedFrame, serializeFrame } from './frames';
import { DashboardTemplateSrv } from './templateSrv';
import { loadVariables, Overrides } from './variables';

export type LoadedPanel =
  { title: string; refId: string; error: string } | { title: string; refId: string; frames: SerializedFrame[] };

export interface DashboardLoad {
  panels: LoadedPanel[];
  variables: Awaited<ReturnType<typeof loadVariables>>['loaded'];
}

export async function loadDashboard(
  client: SentryClient,
  dashboard: Dashboard,
  context: QueryContext,
  overrides: Overrides = {}
): Promise<DashboardLoad> {
  const { variables, loaded } = await loadVariables(dashboard.templating?.list ?? [], {
    client,
    range: context.range,
    isOurs: ourDatasource(dashboard),
    overrides,
  });
  // dashboardQueries upgrades each saved query.
  const queries = dashboardQueries(dashboard, new DashboardTemplateSrv(variables, { timeRange: context.range }));
  const outcomes = await Promise.all(queries.map((q) => runQuery(client, q.query, context)));
  const panels = queries.map((q, i): LoadedPanel => {
    const outcome = outcomes[i];
    return outcome.error
      ? { title: q.panelTitle, refId: outcome.refId, error: outcome.error.message }
      : { title: q.panelTitle, refId: outcome.refId, frames: outcome.frames.map(serializeFrame) };
  });
  return { panels, variables: loaded };
}
