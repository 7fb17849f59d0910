/**
 * Finds this plugin's queries in a Grafana dashboard JSON, with the dashboard's variables applied as in Grafana:
 * the plugin's own interpolation (src/sentry/interpolate.ts) with a TemplateSrv over the dashboard's variables.
 */
import manifest from '../src/plugin.json';
import { interpolateQuery } from '../src/sentry/interpolate';
import { migrateQuery } from '../src/sentry/migrate';
import type { SentryQuery } from '../src/sentry/query';
import { DashboardTemplateSrv, DashboardVariable } from './templateSrv';

export const PLUGIN_ID = manifest.id;

interface DashboardDatasourceRef {
  type?: string;
  uid?: string;
}

interface DashboardPanel {
  title?: string;
  type?: string;
  datasource?: DashboardDatasourceRef | string | null;
  targets?: Array<Record<string, unknown> & { datasource?: DashboardDatasourceRef | string | null }>;
  panels?: DashboardPanel[];
}

export interface Dashboard {
  title?: string;
  panels?: DashboardPanel[];
  templating?: { list?: DashboardVariable[] };
}

export interface DashboardQuery {
  panelTitle: string;
  query: SentryQuery;
}

/** `overrides`: variable values given on the command line, like Grafana's `var-name=value` URL parameters. */
export function collectQueries(dashboard: Dashboard, overrides: Record<string, string[]> = {}): DashboardQuery[] {
  const variables = dashboard.templating?.list ?? [];
  const ourDatasourceVariables = new Set(
    variables.filter((v) => v.type === 'datasource' && v.query === PLUGIN_ID).map((v) => v.name)
  );
  const isOurs = (ref: DashboardDatasourceRef | string | null | undefined): boolean | undefined => {
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
  const templateSrv = new DashboardTemplateSrv(withOverrides(variables, overrides));
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
            panelTitle: panel.title ?? '',
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

/** Command-line values replace a variable's current value; one not in the dashboard is added. */
function withOverrides(variables: DashboardVariable[], overrides: Record<string, string[]>): DashboardVariable[] {
  const out = variables.map((v) => {
    const list = overrides[v.name];
    return list ? { ...v, current: { value: v.multi || list.length > 1 ? list : list[0] } } : v;
  });
  for (const [name, list] of Object.entries(overrides)) {
    if (!variables.some((v) => v.name === name)) {
      out.push({ name, type: 'custom', multi: list.length > 1, current: { value: list.length > 1 ? list : list[0] } });
    }
  }
  return out;
}
