/** @jest-environment node */
// The provisioned dashboards: data source references, variables and metric names, the panels each one must have,
// and every Sentry panel returning data through the CLI against the fake.

import { main } from '../../cli/main';
import { DEMO_ENVIRONMENTS, DEMO_SERVICES } from '../../demo/metrics';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { ENVIRONMENTS, PROJECTS, RELEASE_PLAN } from '../../fake-sentry/scenario/content';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import {
  allPanels,
  byUid,
  dashboards,
  DatasourceRef,
  datasources,
  DEMO_METRIC_NAMES,
  metricNames,
  PLUGIN_ID,
  dashboardPath,
  shipped,
} from './stack-files';

describe('provisioned dashboards', () => {
  it('include the service overview and the organization overview, with unique uids', () => {
    expect(dashboards.map((d) => d.file)).toEqual(
      expect.arrayContaining(['service-overview.json', 'org-overview.json', 'query-types.json'])
    );
    const uids = dashboards.map((d) => d.json.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it.each(dashboards.map((d) => [d.file, d.json] as const))(
    '%s: every data source reference is a provisioned data source, directly or as a data source variable’s default',
    (_file, dashboard) => {
      const refs = datasourceRefs(dashboard);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const variable = datasourceVariable(dashboard, ref.uid);
        // A variable of the ref's type whose default is the provisioned data source of that type.
        const uid = variable ? variable.current?.value : ref.uid;
        const ds = datasources.find((d) => d.uid === uid);
        expect({ ref, provisioned: Boolean(ds), type: ref.type ?? ds?.type }).toEqual({
          ref,
          provisioned: true,
          type: ds?.type,
        });
        if (variable) {
          expect({ ref, variableType: variable.query }).toEqual({ ref, variableType: ds?.type });
        }
      }
    }
  );

  it.each(shipped.map((d) => [d.file, d.json] as const))(
    '%s (shipped with the plugin): refers to data sources only through data source variables, for any uid',
    (_file, dashboard) => {
      for (const ref of datasourceRefs(dashboard)) {
        expect({ ref, variable: datasourceVariable(dashboard, ref.uid)?.name }).toEqual({
          ref,
          variable: /^\$\{(\w+)\}$/.exec(ref.uid ?? '')?.[1],
        });
        expect(ref.uid).toMatch(/^\$\{\w+\}$/);
      }
    }
  );
});

type Dashboard = (typeof dashboards)[number]['json'];

/** `${name}`: the dashboard's data source variable `name`. */
function datasourceVariable(dashboard: Dashboard, uid: string | undefined) {
  const name = /^\$\{?(\w+)\}?$/.exec(uid ?? '')?.[1];
  return dashboard.templating?.list.find((v) => v.type === 'datasource' && v.name === name);
}

/** Every data source a panel, query, data link, variable or annotation names. */
function datasourceRefs(dashboard: Dashboard): DatasourceRef[] {
  const refs: DatasourceRef[] = [];
  for (const panel of allPanels(dashboard.panels)) {
    refs.push(...[panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)].filter((r) => r !== undefined));
    for (const link of panel.fieldConfig?.defaults?.links ?? []) {
      if (link.internal) {
        refs.push({ uid: link.internal.datasourceUid });
      }
    }
  }
  refs.push(...(dashboard.templating?.list ?? []).flatMap((v) => (v.datasource ? [v.datasource] : [])));
  refs.push(...(dashboard.annotations?.list ?? []).flatMap((a) => (a.datasource && !a.builtIn ? [a.datasource] : [])));
  return refs;
}

describe('provisioned dashboards', () => {
  it.each(dashboards.map((d) => [d.file, d.json] as const))(
    '%s: uses only its own variables and the demo metrics',
    (_file, dashboard) => {
      const defined = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
      const text = JSON.stringify({ ...dashboard, templating: undefined });
      for (const match of text.matchAll(/\$\{?(\w+)/g)) {
        const name = match[1];
        if (!name.startsWith('__')) {
          expect({ variable: name, defined: defined.has(name) }).toEqual({ variable: name, defined: true });
        }
      }
      for (const panel of allPanels(dashboard.panels)) {
        for (const target of panel.targets ?? []) {
          if (target.datasource?.type === 'prometheus') {
            const names = metricNames(String(target.expr));
            expect(names.length).toBeGreaterThan(0);
            expect({ panel: panel.title, unknown: names.filter((n) => !DEMO_METRIC_NAMES.includes(n)) }).toEqual({
              panel: panel.title,
              unknown: [],
            });
          }
        }
      }
    }
  );

  it.each(dashboards.map((d) => [d.file, d.json] as const))(
    '%s: no panel or annotation names a demo project, environment or release (variables do)',
    (_file, dashboard) => {
      const demoNames = [
        ...PROJECTS.map((p) => p.slug),
        ...ENVIRONMENTS.map((e) => e.name),
        ...RELEASE_PLAN.flatMap((r) => [r.version, r.version.split('@')[1]]),
      ];
      const text = JSON.stringify({ panels: dashboard.panels, annotations: dashboard.annotations });
      expect(demoNames.filter((name) => text.includes(name))).toEqual([]);
    }
  );

  it('service overview: Prometheus and Sentry panels per service and environment, annotated and linked', () => {
    const dashboard = byUid('sentry-lens-service-overview')!;
    const variables = dashboard.templating!.list;
    expect(variables.map((v) => v.name)).toEqual(['sentry', 'prometheus', 'service', 'env']);
    // The data sources are variables (any uid on import), defaulting to the provisioned ones.
    expect(variables[0]).toMatchObject({ type: 'datasource', query: PLUGIN_ID, current: { value: 'sentry-lens' } });
    expect(variables[1]).toMatchObject({ type: 'datasource', query: 'prometheus', current: { value: 'prometheus' } });
    expect(variables[2]).toMatchObject({
      datasource: { type: PLUGIN_ID, uid: '${sentry}' },
      query: { kind: 'projects', projectValue: 'slug' },
    });
    expect(variables[3]).toMatchObject({ datasource: { uid: '${sentry}' }, query: { kind: 'environments' } });

    const panels = allPanels(dashboard.panels);
    const prometheus = panels.filter((p) => p.datasource?.type === 'prometheus');
    const sentry = panels.filter((p) => p.datasource?.type === PLUGIN_ID);
    const exprs = prometheus.map((p) => String(p.targets![0].expr));
    expect(exprs.some((e) => e.includes('rate(http_requests_total'))).toBe(true);
    expect(exprs.some((e) => e.includes('status=~"5.."'))).toBe(true);
    expect(exprs.some((e) => e.startsWith('histogram_quantile(0.95'))).toBe(true);
    for (const expr of exprs) {
      expect(expr).toContain('service="$service", env="$env"');
    }
    const queryTypes = sentry.map((p) => p.targets![0].queryType);
    expect(queryTypes).toEqual(
      expect.arrayContaining(['eventsStats', 'errorDistribution', 'issues', 'performance', 'sessions'])
    );
    for (const panel of sentry) {
      expect(panel.targets![0]).toMatchObject({ projectIds: ['$service'], environments: ['$env'] });
    }
    // Prometheus panels open the matching Sentry issues in Explore.
    for (const panel of prometheus) {
      const links = panel.fieldConfig?.defaults?.links ?? [];
      expect(links.some((l) => l.internal?.datasourceUid === '${sentry}')).toBe(true);
      const query = links[0].internal!.query;
      // Grafana interpolates a link's query but not its datasourceUid: the query names the data source, so
      // Explore gets its real uid.
      for (const link of links) {
        expect(link.internal?.query).toMatchObject({ datasource: { type: PLUGIN_ID, uid: '${sentry}' } });
      }
      expect(query).toMatchObject({
        projectIds: ['${__field.labels.service}'],
        environments: ['${__field.labels.env}'],
      });
    }
    const kinds = (dashboard.annotations?.list ?? [])
      .filter((a) => a.datasource?.uid === '${sentry}')
      .map((a) => a.target!.annotationKind);
    expect(kinds).toEqual(expect.arrayContaining(['deploys', 'releases']));
  });

  it('organization overview: usage, new issues, releases and session health', () => {
    const panels = allPanels(byUid('sentry-lens-org-overview')!.panels);
    const queries = panels.flatMap((p) => p.targets ?? []);
    expect(queries.map((q) => q.queryType)).toEqual(
      expect.arrayContaining(['statsV2', 'issues', 'releases', 'sessions'])
    );
    expect(queries.find((q) => q.queryType === 'issues')).toMatchObject({ issuesSort: 'new' });
  });
});

describe('provisioned dashboards against the Sentry fake', () => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry();
  });

  afterAll(() => sentry.close());

  const runDashboard = async (file: string, vars: string[]) => {
    let stdout = '';
    const args = ['dashboard', dashboardPath(file), '--url', sentry.url, '--org', 'acme'];
    args.push('--from', 'now-24h', '--to', 'now');
    for (const v of vars) {
      args.push('--var', v);
    }
    const code = await main(args, {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
    });
    const result = JSON.parse(stdout) as {
      panels: Array<{ title: string; error?: string; frames?: Array<{ fields: Array<{ values: unknown[] }> }> }>;
    };
    return { code, panels: result.panels };
  };

  it.each(dashboards.map((d) => d.file))(
    '%s: every Sentry panel returns data with the variables as Grafana loads them (no --var)',
    async (file) => {
      const { code, panels } = await runDashboard(file, []);
      expect(panels.filter((p) => p.error)).toEqual([]);
      expect(code).toBe(0);
      expect(panels.length).toBeGreaterThan(0);
      for (const panel of panels) {
        const rows = (panel.frames ?? []).reduce((n, f) => n + (f.fields[0]?.values.length ?? 0), 0);
        expect({ title: panel.title, rows: rows > 0 }).toEqual({ title: panel.title, rows: true });
      }
    }
  );

  it.each(DEMO_SERVICES.flatMap((service) => DEMO_ENVIRONMENTS.map((env) => [service, env])))(
    'service overview: no panel fails for service=%s, env=%s',
    async (service, env) => {
      const { code, panels } = await runDashboard('service-overview.json', [`service=${service}`, `env=${env}`]);
      expect({ service, env, failed: panels.filter((p) => p.error) }).toEqual({ service, env, failed: [] });
      expect(code).toBe(0);
    }
  );
});
