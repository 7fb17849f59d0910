/** Finds this plugin's queries in a Grafana dashboard JSON, with the dashboard's variables applied. */
import type { SentryQuery } from '../src/sentry/query';

export const PLUGIN_ID = 'lens-sentry-datasource';

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

interface DashboardVariable {
  name: string;
  type?: string;
  query?: unknown;
  current?: { value?: unknown; text?: unknown };
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
  const values = variableValues(variables);
  for (const [name, list] of Object.entries(overrides)) {
    values.set(name, list);
  }
  const out: DashboardQuery[] = [];
  const visit = (panels: DashboardPanel[] | undefined) => {
    for (const panel of panels ?? []) {
      visit(panel.panels);
      const panelIsOurs = isOurs(panel.datasource);
      for (const target of panel.targets ?? []) {
        const targetIsOurs = isOurs(target.datasource);
        if (targetIsOurs ?? panelIsOurs) {
          const { datasource: _ignored, ...query } = target;
          out.push({ panelTitle: panel.title ?? '', query: interpolateQuery(query, values) as unknown as SentryQuery });
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

function variableValues(variables: DashboardVariable[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const v of variables) {
    const raw = v.current?.value;
    const list = Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === null ? [] : [String(raw)];
    // "All" has no single value to send: leave the list empty, which Sentry reads as "no filter".
    map.set(
      v.name,
      list.filter((x) => x !== '$__all')
    );
  }
  return map;
}

/** Replaces $var, ${var} and [[var]]; lists of ids or names become one entry per value. */
function interpolateQuery(value: unknown, values: Map<string, string[]>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g, (whole, a, b, c) => {
      const list = values.get(a ?? b ?? c);
      return list === undefined ? whole : list.join(',');
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const replaced = interpolateQuery(item, values);
      return typeof item === 'string' && typeof replaced === 'string' && replaced !== item
        ? replaced.split(',').filter((s) => s !== '')
        : [replaced];
    });
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateQuery(v, values)]));
  }
  return value;
}
