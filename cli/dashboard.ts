/**
 * Finds this plugin's queries in a Grafana dashboard JSON, with the dashboard's variables applied as in Grafana:
 * the plugin's own interpolation (src/sentry/interpolate.ts) with a TemplateSrv over the dashboard's variables.
 */
import manifest from '../src/plugin.json';
import { interpolateQuery } from '../src/sentry/interpolate';
import { migrateQuery } from '../src/sentry/migrate';
import type { SentryQuery } from '../src/sentry/query';
import { DashboardTemplateSrv } from './templateSrv';
import { DatasourceRef, initialVariables, Overrides, SavedVariable } from './variables';

export const PLUGIN_ID = manifest.id;

type DatasourceReference = DatasourceRef | string | null | undefined;

interface DashboardPanel {
  title?: string;
  type?: string;
  datasource?: DatasourceReference;
  targets?: Array<Record<string, unknown> & { datasource?: DatasourceReference }>;
  panels?: DashboardPanel[];
}

export interface Dashboard {
  title?: string;
  panels?: DashboardPanel[];
  templating?: { list?: SavedVariable[] };
}

export interface DashboardQuery {
  panelTitle: string;
  query: SentryQuery;
}

/**
 * Whether a data source reference is this plugin: by type, or by a data source variable of this plugin (`$ds`,
 * `${ds}`, as a string or a uid). undefined when the reference says nothing (the panel's then applies).
 */
export function ourDatasource(dashboard: Dashboard): (ref: DatasourceReference) => boolean | undefined {
  const variables = dashboard.templating?.list ?? [];
  const ourDatasourceVariables = new Set(
    variables.filter((v) => v.type === 'datasource' && v.query === PLUGIN_ID).map((v) => v.name)
  );
  return (ref) => {
    if (!ref) {
      return undefined;
    }
    if (typeof ref === 'string') {
      return ref === PLUGIN_ID || ourDatasourceVariables.has(variableName(ref) ?? '');
    }
    if (ref.type) {
      return ref.type === PLUGIN_ID;
    }
    return ourDatasourceVariables.has(variableName(ref.uid ?? '') ?? '');
  };
}

/**
 * The queries with the saved variable values (`overrides`: values given on the command line, like Grafana's
 * `var-name=value` URL parameters), without asking Sentry for new variable options.
 */
export function collectQueries(dashboard: Dashboard, overrides: Overrides = {}): DashboardQuery[] {
  const { variables } = initialVariables(dashboard.templating?.list ?? [], overrides);
  return dashboardQueries(dashboard, new DashboardTemplateSrv(variables));
}

/** The queries with the variables of `templateSrv` applied (e.g. as loadVariables left them). */
export function dashboardQueries(dashboard: Dashboard, templateSrv: DashboardTemplateSrv): DashboardQuery[] {
  const isOurs = ourDatasource(dashboard);
  const replace = templateSrv.replace.bind(templateSrv);
  const out: DashboardQuery[] = [];
  const visit = (panels: DashboardPanel[] | undefined) => {
    for (const panel of panels ?? []) {
      visit(panel.panels);
      const panelIsOurs = isOurs(panel.datasource);
      for (const target of panel.targets ?? []) {
        const targetIsOurs = isOurs(target.datasource);
        if (targetIsOurs ?? panelIsOurs) {
          const { datasource: _ignored, ...query } = target;
          out.push({
            // Grafana shows titles with the variables applied.
            panelTitle: replace(panel.title ?? ''),
            query: interpolateQuery(replace, migrateQuery(query)),
          });
        }
      }
    }
  };
  visit(dashboard.panels);
  return out;
}

function variableName(ref: string): string | undefined {
  const match = /^\$\{?(\w+)\}?$/.exec(ref);
  return match?.[1];
}
