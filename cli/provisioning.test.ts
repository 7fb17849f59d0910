/** @jest-environment node */
// The demo stack, checked without Docker or Grafana: docker-compose.yaml and every provisioning file parse and
// point at files that exist, data sources and dashboards agree on uids, variables and metric names, every
// dashboard's Sentry panels return data through the CLI against the fake, Prometheus' config passes promtool
// (when installed), and the demo metrics service follows the fake's scenario.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

import { DEMO_ENVIRONMENTS, DEMO_SERVICES, LATENCY_BUCKETS, startDemoMetrics } from '../demo/metrics';
import { DEMO_TOKEN } from '../fake-sentry/handlers';
import { countErrors, HOUR, MINUTE, releaseAt } from '../fake-sentry/scenario';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import { main } from './main';

const root = path.resolve(__dirname, '..');
const repo = (...parts: string[]) => path.join(root, ...parts);
const PLUGIN_ID: string = JSON.parse(readFileSync(repo('src/plugin.json'), 'utf8')).id;

//#region Files

type Dict = Record<string, unknown>;

interface ComposeService {
  image?: string;
  build?: unknown;
  extends?: { file?: string; service: string };
  command?: string | string[];
  entrypoint?: string | string[];
  working_dir?: string;
  volumes?: string[];
  environment?: Record<string, string> | string[];
  ports?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
}

interface ResolvedService extends ComposeService {
  /** Bind mounts with their host path resolved; named volumes keep `named`. */
  mounts: Array<{ source: string; target: string; named: boolean }>;
  env: Record<string, string>;
}

function readYaml<T = Dict>(file: string): T {
  return parseYaml(readFileSync(file, 'utf8')) as T;
}

/** Compose's `${VAR:-default}`: the default, as the stack runs with no variables set. */
function composeDefault(value: string): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '');
}

function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** A service with `extends` merged in, bind mounts resolved relative to the file that declares them. */
function resolveService(file: string, name: string): ResolvedService {
  const compose = readYaml<{ services: Record<string, ComposeService> }>(file);
  const service = compose.services[name];
  if (!service) {
    throw new Error(`${path.relative(root, file)} has no service ${name}`);
  }
  const dir = path.dirname(file);
  const own = (service.volumes ?? []).map((spec) => {
    const [source, target] = spec.split(':');
    const named = !/^[.\/~]/.test(source);
    return { source: named ? source : path.resolve(dir, source), target, named };
  });
  const base = service.extends
    ? resolveService(service.extends.file ? path.resolve(dir, service.extends.file) : file, service.extends.service)
    : undefined;
  const mounts = [...(base?.mounts ?? []).filter((m) => !own.some((o) => o.target === m.target)), ...own];
  return { ...base, ...service, mounts, env: { ...base?.env, ...envOf(service) } };
}

const composeFile = repo('docker-compose.yaml');
const compose = readYaml<{ services: Record<string, ComposeService>; volumes?: Record<string, unknown> }>(composeFile);
const services = Object.fromEntries(
  Object.keys(compose.services).map((name) => [name, resolveService(composeFile, name)])
);

function hostPathOf(service: ResolvedService, containerPath: string): string | undefined {
  const mount = [...service.mounts]
    .filter((m) => !m.named && (containerPath === m.target || containerPath.startsWith(m.target + '/')))
    .sort((a, b) => b.target.length - a.target.length)[0];
  return mount ? path.join(mount.source, path.relative(mount.target, containerPath)) : undefined;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

const provisioningYaml = listFiles(repo('provisioning'), /\.ya?ml$/);
const dashboardFiles = listFiles(repo('provisioning/dashboards'), /\.json$/);

interface ProvisionedDatasource {
  name: string;
  uid: string;
  type: string;
  url?: string;
  jsonData?: Dict;
  secureJsonData?: Dict;
}

const datasources: ProvisionedDatasource[] = listFiles(repo('provisioning/datasources'), /\.ya?ml$/).flatMap(
  (file) => readYaml<{ datasources?: ProvisionedDatasource[] }>(file).datasources ?? []
);

//#endregion

describe('docker-compose.yaml', () => {
  it('has Grafana, the Sentry fake, Prometheus and the demo metrics service', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['grafana', 'fake-sentry', 'prometheus', 'demo-metrics', 'prometheus-backfill'])
    );
    for (const [name, service] of Object.entries(services)) {
      expect({ name, runs: Boolean(service.image || service.build) }).toEqual({ name, runs: true });
    }
  });

  it('mounts only paths that exist, and declares its named volumes', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const mount of service.mounts) {
        if (mount.named) {
          expect({ name, volume: mount.source, declared: mount.source in (compose.volumes ?? {}) }).toEqual({
            name,
            volume: mount.source,
            declared: true,
          });
        } else if (mount.source !== repo('dist')) {
          expect({ name, path: mount.source, exists: existsSync(mount.source) }).toEqual({
            name,
            path: mount.source,
            exists: true,
          });
        }
      }
    }
  });

  it('loads the plugin from dist/, the build output, under its plugin id, unsigned allowed', () => {
    const grafana = services.grafana;
    expect(hostPathOf(grafana, `/var/lib/grafana/plugins/${PLUGIN_ID}`)).toBe(repo('dist'));
    expect(grafana.env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).toContain(PLUGIN_ID);
    // dist/ exists after `npm run build`; before it, the webpack config must still write there.
    const webpack = readFileSync(repo('.config/webpack/webpack.config.ts'), 'utf8');
    expect(webpack).toMatch(/path\.resolve\(process\.cwd\(\), DIST_DIR\)|['"]dist['"]/);
    if (existsSync(repo('dist/plugin.json'))) {
      expect(JSON.parse(readFileSync(repo('dist/plugin.json'), 'utf8')).id).toBe(PLUGIN_ID);
    }
  });

  it('mounts provisioning/ where Grafana reads it, so the dashboards provider finds provisioning/dashboards', () => {
    const grafana = services.grafana;
    expect(hostPathOf(grafana, '/etc/grafana/provisioning')).toBe(repo('provisioning'));
    const providers = readYaml<{ providers: Array<{ type: string; options: { path: string } }> }>(
      repo('provisioning/dashboards/dashboards.yml')
    ).providers;
    expect(providers.length).toBeGreaterThan(0);
    for (const provider of providers) {
      expect(provider.type).toBe('file');
      const host = hostPathOf(grafana, provider.options.path);
      expect(host).toBe(repo('provisioning/dashboards'));
      expect(statSync(host!).isDirectory()).toBe(true);
    }
  });

  it('runs the fake and the demo metrics from the mounted repository with tsx', () => {
    for (const name of ['fake-sentry', 'demo-metrics']) {
      const service = services[name];
      const command = service.command as string[];
      expect(Array.isArray(command)).toBe(true);
      for (const arg of command) {
        const host = hostPathOf(service, path.posix.resolve(service.working_dir ?? '/', arg));
        expect({ name, arg, exists: Boolean(host && existsSync(host)) }).toEqual({ name, arg, exists: true });
      }
    }
    expect(services['demo-metrics'].command).toEqual(['node_modules/.bin/tsx', 'demo/metrics.ts']);
  });

  it('gives Prometheus prometheus/prometheus.yml and a storage the backfill writes first', () => {
    const prometheus = services.prometheus;
    const command = prometheus.command as string[];
    const configPath = command.find((a) => a.startsWith('--config.file='))!.split('=')[1];
    expect(hostPathOf(prometheus, configPath)).toBe(repo('prometheus/prometheus.yml'));
    const storage = command.find((a) => a.startsWith('--storage.tsdb.path='))!.split('=')[1];
    const backfill = services['prometheus-backfill'];
    const volumeAt = (s: ResolvedService, target: string) => s.mounts.find((m) => m.target === target);
    expect(volumeAt(prometheus, storage)).toEqual({ ...volumeAt(backfill, storage), named: true });
    expect(prometheus.depends_on).toMatchObject({
      'prometheus-backfill': { condition: 'service_completed_successfully' },
    });
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d/);
    expect(backfill.image).toBe(prometheus.image);
    expect(String(backfill.command)).toContain('promtool tsdb create-blocks-from openmetrics');
  });

  it('wires the services to each other by name and port', () => {
    const names = new Set(Object.keys(services));
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) {
        expect({ name, dep, known: names.has(dep) }).toEqual({ name, dep, known: true });
      }
    }
    const portOf = (name: string) => services[name].env.PORT;
    // Prometheus scrapes the demo service where it listens.
    const prometheusConfig = readYaml<{
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    }>(repo('prometheus/prometheus.yml'));
    const targets = prometheusConfig.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(targets).toContain(`demo-metrics:${portOf('demo-metrics')}`);
    // The backfill labels the history as Prometheus labels the scrapes (same series).
    const job = prometheusConfig.scrape_configs.find((c) =>
      c.static_configs.some((s) => s.targets.includes(`demo-metrics:${portOf('demo-metrics')}`))
    );
    expect(String(services['prometheus-backfill'].command)).toContain(
      `job=${job!.job_name}&instance=demo-metrics:${portOf('demo-metrics')}`
    );
    // The demo metrics take their anchor from the fake; Grafana reaches the fake and Prometheus by default.
    expect(services['demo-metrics'].env.FAKE_SENTRY_URL).toBe(`http://fake-sentry:${portOf('fake-sentry')}`);
    expect(composeDefault(services.grafana.env.SENTRY_URL)).toBe(`http://fake-sentry:${portOf('fake-sentry')}`);
    expect(composeDefault(services.grafana.env.PROMETHEUS_URL)).toBe('http://prometheus:9090');
    expect(services.prometheus.ports).toContain('127.0.0.1:9090:9090/tcp');
    const hostPorts = Object.values(services).flatMap((s) => (s.ports ?? []).map((p) => p.split(':').at(-2)));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('publishes the fake, the demo metrics and Prometheus on the host’s loopback only', () => {
    // Grafana's port comes from create-plugin's base file (.config/), which this project does not edit.
    const ours = Object.entries(services).filter(([name]) => name !== 'grafana');
    const published = ours.flatMap(([name, s]) => (s.ports ?? []).map((port) => ({ name, port })));
    expect(published.map((p) => p.name).sort()).toEqual(['demo-metrics', 'fake-sentry', 'prometheus']);
    for (const { name, port } of published) {
      expect({ name, port: port.startsWith('127.0.0.1:') }).toEqual({ name, port: true });
    }
  });

  it('defaults the Sentry data source to the fake, its org and its demo token', () => {
    const env = services.grafana.env;
    expect(env.SENTRY_URL).toMatch(/^\$\{SENTRY_URL:-/);
    expect(env.SENTRY_ORG).toMatch(/^\$\{SENTRY_ORG:-/);
    expect(env.SENTRY_AUTH_TOKEN).toMatch(/^\$\{SENTRY_AUTH_TOKEN:-/);
    expect(composeDefault(env.SENTRY_ORG)).toBe('acme');
    expect(composeDefault(env.SENTRY_AUTH_TOKEN)).toBe(DEMO_TOKEN);
  });
});

describe('provisioning', () => {
  it('parses every YAML file', () => {
    expect(provisioningYaml.length).toBeGreaterThanOrEqual(3);
    for (const file of provisioningYaml) {
      expect({ file: path.relative(root, file), apiVersion: readYaml(file).apiVersion }).toEqual({
        file: path.relative(root, file),
        apiVersion: 1,
      });
    }
  });

  it('reads only environment variables the Grafana service sets (a literal $ is $$)', () => {
    const env = services.grafana.env;
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
    for (const file of provisioningYaml) {
      for (const text of strings(readYaml(file))) {
        for (const match of text.replace(/\$\$/g, '').matchAll(/\$\{?(\w+)\}?/g)) {
          expect({ file: path.relative(root, file), variable: match[1], set: match[1] in env }).toEqual({
            file: path.relative(root, file),
            variable: match[1],
            set: true,
          });
        }
      }
    }
  });

  it('provisions the Sentry data source from the environment and Prometheus next to it', () => {
    const uids = datasources.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const sentry = datasources.find((d) => d.type === PLUGIN_ID)!;
    expect(sentry).toMatchObject({
      uid: 'sentry-lens',
      jsonData: { url: '${SENTRY_URL}', orgSlug: '${SENTRY_ORG}' },
      secureJsonData: { authToken: '${SENTRY_AUTH_TOKEN}' },
    });
    expect(datasources.find((d) => d.type === 'prometheus')).toMatchObject({
      uid: 'prometheus',
      url: '${PROMETHEUS_URL}',
    });
  });

  it('correlates Sentry with the provisioned Prometheus through the demo metrics labels', () => {
    const sentry = datasources.find((d) => d.type === PLUGIN_ID)!;
    const json = sentry.jsonData as { prometheusDatasourceUid: string; labelMap: unknown[]; prometheusQuery: string };
    expect(datasources.find((d) => d.uid === json.prometheusDatasourceUid)?.type).toBe('prometheus');
    expect(json.labelMap).toEqual([
      { prometheus: 'service', sentry: 'project' },
      { prometheus: 'env', sentry: 'environment' },
      { prometheus: 'version', sentry: 'release' },
    ]);
    expect(json.prometheusQuery).toContain('<labels>');
    // Grafana would expand a single $ as an environment variable.
    expect(json.prometheusQuery).toContain('[$$__rate_interval]');
    expect(metricNames(json.prometheusQuery).every((m) => DEMO_METRIC_NAMES.includes(m))).toBe(true);
  });
});

//#region Dashboards

interface DatasourceRef {
  type?: string;
  uid?: string;
}

interface Panel {
  id: number;
  title: string;
  type: string;
  datasource?: DatasourceRef;
  targets?: Array<Dict & { datasource?: DatasourceRef; expr?: string }>;
  fieldConfig?: { defaults?: { links?: Array<{ internal?: { datasourceUid: string; query: Dict } }> } };
  panels?: Panel[];
}

interface DashboardJson {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list: Array<{ name: string; type: string; datasource?: DatasourceRef; query?: unknown }> };
  annotations?: { list: Array<{ name: string; datasource?: DatasourceRef; target?: Dict; builtIn?: number }> };
}

const dashboards = dashboardFiles.map((file) => ({
  file: path.basename(file),
  json: JSON.parse(readFileSync(file, 'utf8')) as DashboardJson,
}));
const byUid = (uid: string) => dashboards.find((d) => d.json.uid === uid)?.json;
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

/** The metric names the demo service exports (as Prometheus stores them). */
const DEMO_METRIC_NAMES = [
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'http_request_duration_seconds_sum',
  'http_request_duration_seconds_count',
  'app_exceptions_total',
  'demo_scenario_info',
];
const PROMQL_WORDS = new Set(['sum', 'by', 'rate', 'histogram_quantile', 'without', 'increase', 'avg', 'max', 'min']);

/** Metric names in a PromQL expression: identifiers before a selector's `{`. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][\w:]*)\s*\{/g)].map((m) => m[1]).filter((w) => !PROMQL_WORDS.has(w));
}

describe('provisioned dashboards', () => {
  it('include the service overview and the organization overview, with unique uids', () => {
    expect(dashboards.map((d) => d.file)).toEqual(
      expect.arrayContaining(['service-overview.json', 'org-overview.json', 'query-types.json'])
    );
    const uids = dashboards.map((d) => d.json.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it.each(dashboards.map((d) => [d.file, d.json] as const))(
    '%s: every data source reference is a provisioned data source',
    (_file, dashboard) => {
      const refs: DatasourceRef[] = [];
      for (const panel of allPanels(dashboard.panels)) {
        refs.push(
          ...[panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)].filter((r) => r !== undefined)
        );
        for (const link of panel.fieldConfig?.defaults?.links ?? []) {
          if (link.internal) {
            refs.push({ uid: link.internal.datasourceUid });
          }
        }
      }
      refs.push(...(dashboard.templating?.list ?? []).flatMap((v) => (v.datasource ? [v.datasource] : [])));
      refs.push(
        ...(dashboard.annotations?.list ?? []).flatMap((a) => (a.datasource && !a.builtIn ? [a.datasource] : []))
      );
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const ds = datasources.find((d) => d.uid === ref.uid);
        expect({ ref, provisioned: Boolean(ds), type: ref.type ?? ds?.type }).toEqual({
          ref,
          provisioned: true,
          type: ds?.type,
        });
      }
    }
  );

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

  it('service overview: Prometheus and Sentry panels per service and environment, annotated and linked', () => {
    const dashboard = byUid('sentry-lens-service-overview')!;
    const variables = dashboard.templating!.list;
    expect(variables.map((v) => v.name)).toEqual(['service', 'env']);
    expect(variables[0]).toMatchObject({
      datasource: { uid: 'sentry-lens' },
      query: { kind: 'projects', projectValue: 'slug' },
    });
    expect(variables[1]).toMatchObject({ datasource: { uid: 'sentry-lens' }, query: { kind: 'environments' } });

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
      expect(links.some((l) => l.internal?.datasourceUid === 'sentry-lens')).toBe(true);
      const query = links[0].internal!.query;
      expect(query).toMatchObject({
        projectIds: ['${__field.labels.service}'],
        environments: ['${__field.labels.env}'],
      });
    }
    const kinds = (dashboard.annotations?.list ?? [])
      .filter((a) => a.datasource?.uid === 'sentry-lens')
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

//#endregion

//#region Dashboards against the fake

describe('provisioned dashboards against the Sentry fake', () => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry();
  });

  afterAll(() => sentry.close());

  const runDashboard = async (file: string, vars: string[]) => {
    let stdout = '';
    // Panels driven by a variable the user fills in (request / trace ids) get a real one from the scenario.
    const event = sentry.fake.scenario.errors.find((e) => e.requestId && e.ts > Date.now() - 12 * HOUR)!;
    const args = ['dashboard', repo('provisioning/dashboards', file), '--url', sentry.url, '--org', 'acme'];
    args.push('--from', 'now-24h', '--to', 'now', '--var', `lookup_ids=${event.requestId}`);
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
    '%s: every Sentry panel returns data (service=checkout-api, env=production)',
    async (file) => {
      const { code, panels } = await runDashboard(file, ['service=checkout-api', 'env=production']);
      expect(panels.filter((p) => p.error)).toEqual([]);
      expect(code).toBe(0);
      expect(panels.length).toBeGreaterThan(0);
      for (const panel of panels) {
        const rows = (panel.frames ?? []).reduce((n, f) => n + (f.fields[0]?.values.length ?? 0), 0);
        expect({ title: panel.title, rows: rows > 0 }).toEqual({ title: panel.title, rows: true });
      }
    }
  );

  it('service overview: no panel fails for any service and environment', async () => {
    for (const service of DEMO_SERVICES) {
      for (const env of DEMO_ENVIRONMENTS) {
        const { code, panels } = await runDashboard('service-overview.json', [`service=${service}`, `env=${env}`]);
        expect({ service, env, failed: panels.filter((p) => p.error) }).toEqual({ service, env, failed: [] });
        expect(code).toBe(0);
      }
    }
  });
});

//#endregion

//#region promtool

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, command))
    .find((file) => existsSync(file));
}

const promtool = onPath('promtool');
const withPromtool = promtool ? it : it.skip;

describe(`promtool (${promtool ?? 'not on PATH: skipped; Debian: apt-get install prometheus'})`, () => {
  withPromtool('checks prometheus/prometheus.yml', () => {
    const out = execFileSync(promtool!, ['check', 'config', repo('prometheus/prometheus.yml')], { encoding: 'utf8' });
    expect(out).toContain('SUCCESS');
  });

  withPromtool("lints the demo service's /metrics and backfills its history", async () => {
    const running = await startDemoMetrics({ origin: Date.now() - 30 * MINUTE });
    const dir = mkdtempSync(path.join(tmpdir(), 'lens-promtool-'));
    try {
      const text = await (await fetch(`${running.url}/metrics`)).text();
      expect(execFileSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8' })).toBe('');
      const history = await (await fetch(`${running.url}/history?step=60&job=demo-metrics&instance=x:1`)).text();
      writeFileSync(path.join(dir, 'history.om'), history);
      execFileSync(promtool!, [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        path.join(dir, 'history.om'),
        path.join(dir, 'data'),
      ]);
      expect(readdirSync(path.join(dir, 'data')).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await running.close();
    }
  });
});

//#endregion

//#region Demo metrics service

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram'];

function parseValue(text: string, line: string): number {
  if (text === '+Inf' || text === 'Inf') {
    return Infinity;
  }
  if (text === '-Inf') {
    return -Infinity;
  }
  if (text === 'NaN') {
    return NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new Error(`bad value "${text}" in: ${line}`);
  }
  return Number(text);
}

/** `name{a="b",…} value [timestamp]`, with the label escapes of the text format. */
function parseSampleLine(line: string): Sample {
  const nameEnd = line.search(/[{ ]/);
  const name = line.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) {
    throw new Error(`bad metric name in: ${line}`);
  }
  const labels: Record<string, string> = {};
  let i = nameEnd;
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i);
      const key = line.slice(i, eq);
      if (!LABEL_NAME.test(key) || line[eq + 1] !== '"' || key in labels) {
        throw new Error(`bad label "${key}" in: ${line}`);
      }
      let j = eq + 2;
      let value = '';
      while (line[j] !== '"') {
        if (j >= line.length) {
          throw new Error(`unterminated label value in: ${line}`);
        }
        if (line[j] === '\\') {
          const next = line[j + 1];
          value += next === 'n' ? '\n' : next;
          j += 2;
        } else {
          value += line[j++];
        }
      }
      labels[key] = value;
      i = j + 1;
      if (line[i] === ',') {
        i++;
      } else if (line[i] !== '}') {
        throw new Error(`expected , or } in: ${line}`);
      }
    }
    i++;
  }
  const rest = line.slice(i).split(' ');
  if (rest[0] !== '' || rest.length < 2 || rest.length > 3) {
    throw new Error(`expected " value [timestamp]" in: ${line}`);
  }
  const sample: Sample = { name, labels, value: parseValue(rest[1], line) };
  if (rest[2] !== undefined) {
    sample.timestamp = parseValue(rest[2], line);
  }
  return sample;
}

const seriesKey = (s: Sample) =>
  `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;

/**
 * A strict reader of the Prometheus text format (0.0.4), or with `openMetrics` of OpenMetrics 1.0 as promtool
 * backfills it: TYPE before samples, samples named after their family, no family interleaved, histograms whole.
 */
function parseExposition(text: string, openMetrics = false): { types: Map<string, string>; samples: Sample[] } {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  if (openMetrics) {
    expect(lines.pop()).toBe('# EOF');
  }
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const finished = new Set<string>();
  let current: string | undefined;
  const familyOf = (name: string): string | undefined => {
    if (types.has(name) && !(openMetrics && types.get(name) === 'counter')) {
      return name;
    }
    for (const suffix of openMetrics
      ? ['_total', '_bucket', '_sum', '_count', '_created']
      : ['_bucket', '_sum', '_count']) {
      const family = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
      if (family && ['histogram', 'summary', 'counter'].includes(types.get(family) ?? '')) {
        return family;
      }
    }
    return undefined;
  };
  for (const line of lines) {
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!match) {
        expect(openMetrics).toBe(false);
        continue;
      }
      const [, kind, name, rest] = match;
      expect(name).toMatch(METRIC_NAME);
      if (kind === 'TYPE') {
        expect({ name, type: rest, known: TYPES.includes(rest ?? '') }).toEqual({ name, type: rest, known: true });
        expect({ name, declaredTwice: types.has(name) }).toEqual({ name, declaredTwice: false });
        types.set(name, rest!);
      }
      if (current !== name) {
        expect({ family: name, interleaved: finished.has(name) }).toEqual({ family: name, interleaved: false });
        if (current) {
          finished.add(current);
        }
        current = name;
      }
      continue;
    }
    // Plain checks in this loop: an expect() per sample makes long histories slow.
    const sample = parseSampleLine(line);
    if (familyOf(sample.name) !== current) {
      throw new Error(`sample outside its family ${familyOf(sample.name)} (under ${current}): ${line}`);
    }
    if (openMetrics && sample.timestamp === undefined) {
      throw new Error(`no timestamp: ${line}`);
    }
    samples.push(sample);
  }
  // Histograms: cumulative buckets ending at +Inf = _count, per label set (and timestamp).
  const pointKey = (s: Sample) => {
    const { le: _le, ...labels } = s.labels;
    return `${seriesKey({ ...s, name: '', labels })}@${s.timestamp ?? ''}`;
  };
  for (const [family, type] of types) {
    if (type !== 'histogram') {
      continue;
    }
    const counts = new Map(samples.filter((s) => s.name === `${family}_count`).map((s) => [pointKey(s), s.value]));
    const groups = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      groups.set(pointKey(s), [...(groups.get(pointKey(s)) ?? []), s]);
    }
    expect(groups.size).toBeGreaterThan(0);
    expect(groups.size).toBe(counts.size);
    const problems: string[] = [];
    for (const [key, buckets] of groups) {
      const bounds = buckets.map((b) => parseValue(b.labels.le, 'le'));
      if (bounds[bounds.length - 1] !== Infinity || bounds.some((b, k) => k > 0 && b <= bounds[k - 1])) {
        problems.push(`${family}${key}: le ${bounds.join(' ')}`);
      }
      if (buckets.some((b, k) => k > 0 && b.value < buckets[k - 1].value)) {
        problems.push(`${family}${key}: buckets not cumulative`);
      }
      if (counts.get(key) !== buckets[buckets.length - 1].value) {
        problems.push(`${family}${key}: +Inf ${buckets[buckets.length - 1].value} != count ${counts.get(key)}`);
      }
    }
    expect(problems).toEqual([]);
  }
  return { types, samples };
}

describe('demo metrics service (demo/metrics.ts)', () => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry();
  });

  afterAll(() => sentry.close());

  /** A service on the fake's own scenario, its clock under the test's control. */
  const startOnFake = async (originAgoMs: number) => {
    const scenario = sentry.fake.scenario;
    const clock = { now: scenario.now - originAgoMs };
    const running = await startDemoMetrics({ scenario, origin: clock.now, clock: () => clock.now });
    const scrapeAt = async (t: number) => {
      clock.now = t;
      const res = await fetch(`${running.url}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseExposition(await res.text());
    };
    return { running, scrapeAt, scenario };
  };

  const sumOf = (samples: Sample[], name: string, match: Record<string, string | RegExp>) =>
    samples
      .filter(
        (s) =>
          s.name === name &&
          Object.entries(match).every(([k, v]) => (typeof v === 'string' ? s.labels[k] === v : v.test(s.labels[k])))
      )
      .reduce((n, s) => n + s.value, 0);

  it('serves Prometheus text for the four services in both environments', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(12 * HOUR);
    try {
      const { types, samples } = await scrapeAt(scenario.now);
      expect(Object.fromEntries(types)).toEqual({
        http_requests_total: 'counter',
        http_request_duration_seconds: 'histogram',
        app_exceptions_total: 'counter',
        demo_scenario_info: 'gauge',
      });
      const covered = (name: string) =>
        [...new Set(samples.filter((s) => s.name === name).map((s) => `${s.labels.service}/${s.labels.env}`))].sort();
      const expected = ['checkout-api', 'web-frontend', 'payments-worker', 'mobile-app']
        .flatMap((service) => ['production', 'staging'].map((env) => `${service}/${env}`))
        .sort();
      for (const name of ['http_requests_total', 'http_request_duration_seconds_count', 'app_exceptions_total']) {
        expect({ name, covered: covered(name) }).toEqual({ name, covered: expected });
      }
      // Series carry the release running there (as the fake's events do) and the statuses the fake maps to.
      for (const s of samples.filter((x) => x.name === 'http_requests_total')) {
        expect(s.labels.version).toBe(releaseAt(scenario, s.labels.service, s.labels.env, scenario.now));
        expect(['200', '404', '500', '503', '504']).toContain(s.labels.status);
      }
      expect(samples.filter((s) => s.name === 'http_request_duration_seconds_bucket').map((s) => s.labels.le)).toEqual(
        expect.arrayContaining([...LATENCY_BUCKETS.map(String), '+Inf'])
      );
      expect(samples.find((s) => s.name === 'demo_scenario_info')?.labels).toMatchObject({
        anchor: new Date(scenario.now).toISOString(),
        burst_release: 'checkout-api@2.4.1',
      });
    } finally {
      await running.close();
    }
  });

  it('shows the burst after checkout-api@2.4.1: the production error ratio far above its quiet baseline', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(12 * HOUR);
    const { burst } = scenario;
    const match = { service: 'checkout-api', env: 'production' };
    const window = async (from: number, to: number) => {
      const [a, b] = [(await scrapeAt(from)).samples, (await scrapeAt(to)).samples];
      const delta = (name: string, extra: Record<string, string | RegExp> = {}) =>
        sumOf(b, name, { ...match, ...extra }) - sumOf(a, name, { ...match, ...extra });
      const versions = new Set(
        [...a, ...b]
          .filter(
            (s) =>
              s.name === 'http_requests_total' && s.labels.env === 'production' && s.labels.service === 'checkout-api'
          )
          .map((s) => s.labels.version)
      );
      expect(versions.size).toBe(1);
      return {
        version: [...versions][0],
        errorRatio: delta('http_requests_total', { status: /^5/ }) / delta('http_requests_total'),
        exceptions: delta('app_exceptions_total'),
        meanLatency: delta('http_request_duration_seconds_sum') / delta('http_request_duration_seconds_count'),
      };
    };
    try {
      const quiet = await window(scenario.now - 11 * HOUR, scenario.now - 9 * HOUR);
      const from = burst.start + 15 * MINUTE;
      const loud = await window(from, burst.peakEnd);
      expect(quiet.version).toBe('checkout-api@2.4.0');
      expect(loud.version).toBe(burst.release);
      expect(quiet.errorRatio).toBeGreaterThan(0);
      expect(quiet.errorRatio).toBeLessThan(0.02);
      expect(loud.errorRatio).toBeGreaterThan(5 * quiet.errorRatio);
      expect(loud.meanLatency).toBeGreaterThan(1.2 * quiet.meanLatency);
      // The same burst as the fake's Sentry events: exceptions match its error count in the window.
      const sentryErrors = countErrors(scenario, {
        project: 'checkout-api',
        environment: 'production',
        start: from,
        end: burst.peakEnd,
      });
      expect(sentryErrors).toBeGreaterThan(300);
      expect(Math.abs(loud.exceptions - sentryErrors) / sentryErrors).toBeLessThan(0.2);
    } finally {
      await running.close();
    }
  });

  it('counts monotonically across scrapes, consistent with its history', async () => {
    const { running, scrapeAt, scenario } = await startOnFake(2 * HOUR);
    try {
      const t1 = scenario.now - 30 * MINUTE;
      const first = (await scrapeAt(t1)).samples;
      const second = (await scrapeAt(t1 + 5 * MINUTE + 7_000)).samples;
      const before = new Map(first.map((s) => [seriesKey(s), s.value]));
      let grew = 0;
      for (const s of second.filter((x) => x.name !== 'demo_scenario_info')) {
        const previous = before.get(seriesKey(s));
        expect({ series: seriesKey(s), previous }).not.toEqual({ series: seriesKey(s), previous: undefined });
        expect(s.value).toBeGreaterThanOrEqual(previous!);
        grew += s.value > previous! ? 1 : 0;
      }
      expect(grew).toBeGreaterThan(second.length / 2);

      // The backfill history is OpenMetrics, and ends where the live counters are.
      const history = parseExposition(
        [...running.metrics.history({ end: t1, labels: { job: 'demo-metrics' } })].join(''),
        true
      );
      const last = new Map<string, number>();
      const seen = new Map<string, number>();
      const problems: string[] = [];
      for (const s of history.samples) {
        const { job, ...labels } = s.labels;
        const key = seriesKey({ ...s, labels });
        if (job !== 'demo-metrics' || s.timestamp! <= (seen.get(key) ?? -Infinity)) {
          problems.push(`${key} @${s.timestamp}: job ${job}`);
        }
        if (s.value < (last.get(key) ?? 0)) {
          problems.push(`${key} @${s.timestamp}: ${s.value} < ${last.get(key)}`);
        }
        seen.set(key, s.timestamp!);
        last.set(key, s.value);
      }
      expect(problems).toEqual([]);
      for (const s of first.filter((x) => x.name !== 'demo_scenario_info')) {
        expect({ series: seriesKey(s), value: last.get(seriesKey(s)) }).toEqual({
          series: seriesKey(s),
          value: s.value,
        });
      }
    } finally {
      await running.close();
    }
  });

  it('keeps counting on the real clock', async () => {
    const running = await startDemoMetrics({ scenario: sentry.fake.scenario });
    try {
      const scrape = async () => parseExposition(await (await fetch(`${running.url}/metrics`)).text()).samples;
      const first = new Map((await scrape()).map((s) => [seriesKey(s), s.value]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const s of await scrape()) {
        expect(s.value).toBeGreaterThanOrEqual(first.get(seriesKey(s))!);
      }
    } finally {
      await running.close();
    }
  });
});

//#endregion
