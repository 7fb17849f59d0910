// The demo stack's files, read once for its tests (not a test file itself): docker-compose.yaml with `extends`,
// published ports and bind mounts resolved as Compose resolves them, the provisioning YAML, the provisioned data
// sources and dashboards.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

import { readComposeFile } from './composeYaml';

export const root = path.resolve(__dirname, '../..');
export const repo = (...parts: string[]) => path.join(root, ...parts);
export const PLUGIN_ID: string = JSON.parse(readFileSync(repo('src/plugin.json'), 'utf8')).id;

export type Dict = Record<string, unknown>;

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
  network_mode?: string;
  depends_on?: string[] | Record<string, { condition: string }>;
}

export interface ResolvedService extends ComposeService {
  /** Bind mounts with their host path resolved; named volumes keep `named`. */
  mounts: Array<{ source: string; target: string; named: boolean }>;
  env: Record<string, string>;
  /** `ports` after `extends`, as Compose merges them. */
  ports: string[];
  published: PublishedPort[];
}

/** A published port: host address ('' = every interface), host port ('' = any free one), container port. */
export interface PublishedPort {
  ip: string;
  published: string;
  target: string;
  protocol: string;
}

/** Compose's short syntax, `[[ip:]host:]container[/protocol]` (an IPv6 address in brackets). */
export function parsePort(spec: string): PublishedPort {
  if (typeof spec !== 'string') {
    throw new Error(`Only the short port syntax is modelled here, not ${JSON.stringify(spec)}`);
  }
  const [mapping, protocol = 'tcp'] = spec.split('/');
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(mapping);
  const parts = (bracketed ? bracketed[2] : mapping).split(':');
  const ip = bracketed ? bracketed[1] : parts.length === 3 ? parts.shift()! : '';
  const target = parts.pop()!;
  return { ip, published: parts.pop() ?? '', target, protocol };
}

/**
 * Compose merges `ports` of a service and the one it extends by {ip, target, published, protocol}: an entry with a
 * key of its own is added, so `127.0.0.1:3000:3000` does not replace `3000:3000`; both are published.
 */
export function mergePorts(base: string[], own: string[]): string[] {
  const key = (spec: string) => {
    const { ip, published, target, protocol } = parsePort(spec);
    return `${ip}|${published}|${target}|${protocol}`;
  };
  const ownKeys = new Set(own.map(key));
  return [...base.filter((spec) => !ownKeys.has(key(spec))), ...own];
}

export function readYaml<T = Dict>(file: string): T {
  return parseYaml(readFileSync(file, 'utf8')) as T;
}

/** Compose's `${VAR:-default}`: the default, as the stack runs with no variables set. */
export function composeDefault(value: string): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '');
}

function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/**
 * A service with `extends` merged in, bind mounts resolved relative to the file that declares them, ports merged
 * as Compose merges them (`!override` replaces the extended service's list, `!reset` clears it).
 */
function resolveService(file: string, name: string): ResolvedService {
  const composeFile = readComposeFile<{ services: Record<string, ComposeService> }>(file);
  const service = composeFile.model.services[name];
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
  const tagOf = (key: string) => composeFile.tagAt(['services', name, key]);
  const tagged = Object.keys(service).filter((key) => key !== 'ports' && tagOf(key));
  if (tagged.length > 0) {
    throw new Error(`${path.relative(root, file)}: only ports are modelled with !override/!reset, not ${tagged}`);
  }
  const ownPorts = (service.ports ?? []).map((p: unknown) => (typeof p === 'number' ? String(p) : (p as string)));
  const ports =
    tagOf('ports') === '!reset'
      ? []
      : tagOf('ports') === '!override'
        ? ownPorts
        : mergePorts(base?.ports ?? [], ownPorts);
  return {
    ...base,
    ...service,
    mounts,
    env: { ...base?.env, ...envOf(service) },
    ports,
    published: ports.map(parsePort),
  };
}

const composePath = repo('docker-compose.yaml');
export const compose = readComposeFile<{
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}>(composePath).model;
export const services = Object.fromEntries(
  Object.keys(compose.services).map((name) => [name, resolveService(composePath, name)])
);

export function hostPathOf(service: ResolvedService, containerPath: string): string | undefined {
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

export const provisioningYaml = listFiles(repo('provisioning'), /\.ya?ml$/);
// The demo's own (provisioning/dashboards/) and those the plugin ships (src/dashboards/, provisioned from the plugin).
const dashboardFiles = [
  ...listFiles(repo('provisioning/dashboards'), /\.json$/),
  ...listFiles(repo('src/dashboards'), /\.json$/),
].sort((a, b) => path.basename(a).localeCompare(path.basename(b)));

interface ProvisionedDatasource {
  name: string;
  uid: string;
  type: string;
  url?: string;
  jsonData?: Dict;
  secureJsonData?: Dict;
}

export const datasources: ProvisionedDatasource[] = listFiles(repo('provisioning/datasources'), /\.ya?ml$/).flatMap(
  (file) => readYaml<{ datasources?: ProvisionedDatasource[] }>(file).datasources ?? []
);

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface Panel {
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
  templating?: {
    list: Array<{
      name: string;
      type: string;
      datasource?: DatasourceRef;
      query?: unknown;
      current?: { value?: unknown; text?: unknown };
    }>;
  };
  annotations?: { list: Array<{ name: string; datasource?: DatasourceRef; target?: Dict; builtIn?: number }> };
}

export const dashboards = dashboardFiles.map((file) => ({
  file: path.basename(file),
  path: file,
  json: JSON.parse(readFileSync(file, 'utf8')) as DashboardJson,
}));
/** The dashboards the plugin ships (plugin.json `includes`), which users import with data sources of any uid. */
export const shipped = dashboards.filter((d) => path.dirname(d.path) === repo('src/dashboards'));
/** The path of a provisioned dashboard by its file name. */
export const dashboardPath = (file: string) => dashboards.find((d) => d.file === file)!.path;
export const byUid = (uid: string) => dashboards.find((d) => d.json.uid === uid)?.json;
export const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

/** The metric names the demo service exports (as Prometheus stores them). */
export const DEMO_METRIC_NAMES = [
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'http_request_duration_seconds_sum',
  'http_request_duration_seconds_count',
  'app_exceptions_total',
  'demo_scenario_info',
  // The alerts dashboard: Prometheus' alerts and the alert bridge's series per firing Sentry alert.
  'ALERTS',
  'sentry_lens_bridge_firing_alert',
];
const PROMQL_WORDS = new Set(['sum', 'by', 'rate', 'histogram_quantile', 'without', 'increase', 'avg', 'max', 'min']);

/** Metric names in a PromQL expression: identifiers before a selector's `{`. */
export function metricNames(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][\w:]*)\s*\{/g)].map((m) => m[1]).filter((w) => !PROMQL_WORDS.has(w));
}
