/**
 * The browser test host's server: what Grafana's server does for a frontend data source, and no more.
 *
 * - Serves the host page (with window.grafanaBootData), the host bundle (tests/host/dist/), the built plugin
 *   (dist/) at Grafana's path /public/plugins/<id>/ (also at /dist/), and Grafana's icons (real ones from
 *   @grafana/ui where it ships them, an empty svg otherwise).
 * - Keeps data source settings in memory like Grafana's data source API: GET /api/datasources,
 *   POST /api/datasources, GET|PUT|POST /api/datasources/uid/<uid>. secureJsonData goes in and never comes
 *   back out: reads return secureJsonFields only.
 * - Plays Grafana's data source proxy at /api/datasources/proxy/uid/<uid>/… (see proxy.ts), in front of the
 *   Sentry fake, started in-process unless a Sentry URL is given, and of a second fake in hostile mode (script
 *   payloads in Sentry's strings) for the data source `sentry-hostile`. A request that matches no route goes to
 *   the data source's Grafana `url` (empty for the provisioned ones: 502), as in Grafana.
 *
 * Run alone: `npx tsx tests/host/server.ts` (PORT, HOST, SENTRY_URL, SENTRY_ORG, SENTRY_AUTH_TOKEN,
 * PROXY_TIMEOUT_MS). Needs `npm run build` and `npx tsx tests/host/build.ts` first.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import { DEFAULT_PROXY_TIMEOUT_MS, ProxiedResponse, ProxyRoute, forward, planProxyRequest } from './proxy';

const ROOT = path.resolve(__dirname, '../..');
export const PLUGIN_DIST = path.join(ROOT, 'dist');
export const HOST_DIST = path.join(__dirname, 'dist');
const ICONS_DIR = path.join(ROOT, 'node_modules/@grafana/ui/dist/public/img/icons');

/** uid of the data source provisioned against the Sentry fake (like provisioning/datasources/*.yml). */
export const PROVISIONED_UID = 'sentry-lens';
/** uid of the data source on a Sentry fake in hostile mode (fake-sentry/hostile.ts). */
export const HOSTILE_UID = 'sentry-hostile';
export const PROMETHEUS_UID = 'prometheus';

const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>';
const MAX_BODY_BYTES = 1_000_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.md': 'text/markdown; charset=utf-8',
};

interface PluginManifest {
  id: string;
  name: string;
  type: string;
  routes?: ProxyRoute[];
  info?: { logos?: { small?: string; large?: string } };
  [key: string]: unknown;
}

interface DataSourceRecord {
  id: number;
  uid: string;
  name: string;
  type: string;
  version: number;
  isDefault: boolean;
  /** Grafana's own `url` field (not jsonData.url): where the proxy sends a request that matches no route. */
  url: string;
  jsonData: Record<string, unknown>;
  /** Server side only, like Grafana's encrypted secure_json_data column. */
  secureJsonData: Record<string, string>;
}

/** One request the proxy sent upstream; the Authorization value is never logged, only whether it was set. */
export interface UpstreamLogEntry {
  method: string;
  url: string;
  status: number;
  authorization: 'bearer' | 'other' | 'none';
  /** Lower-cased names of the headers sent upstream. */
  headerNames: string[];
}

export interface HostServerOptions {
  port?: number;
  host?: string;
  /** Sentry for the provisioned data source; default: a Sentry fake started in-process. */
  sentryUrl?: string;
  orgSlug?: string;
  authToken?: string;
  /** Grafana's [dataproxy] timeout. */
  proxyTimeoutMs?: number;
}

export interface RunningHost {
  url: string;
  /** The Sentry fake, when the host started one. */
  fake?: RunningFakeSentry;
  sentryUrl: string;
  /** The Sentry fake in hostile mode behind HOSTILE_UID. */
  hostileFake: RunningFakeSentry;
  /** A web site that answers every path with an HTML login page (a wrong "Sentry URL"). */
  htmlSiteUrl: string;
  pluginId: string;
  close(): Promise<void>;
}

/** Fails with a message that says what to run when the plugin or the host bundle is not built. */
export function assertBuilt(): void {
  if (!existsSync(path.join(PLUGIN_DIST, 'module.js')) || !existsSync(path.join(PLUGIN_DIST, 'plugin.json'))) {
    throw new Error(`dist/module.js or dist/plugin.json is missing in ${PLUGIN_DIST}: run \`npm run build\` first.`);
  }
  if (!existsSync(path.join(HOST_DIST, 'app.js'))) {
    throw new Error(`${HOST_DIST}/app.js is missing: run \`npx tsx tests/host/build.ts\` first.`);
  }
}

export async function startHostServer(options: HostServerOptions = {}): Promise<RunningHost> {
  assertBuilt();
  const manifest = JSON.parse(readFileSync(path.join(PLUGIN_DIST, 'plugin.json'), 'utf8')) as PluginManifest;
  const routes = manifest.routes ?? [];
  const proxyTimeoutMs = options.proxyTimeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const fake = options.sentryUrl ? undefined : await startFakeSentry({ port: 0 });
  const sentryUrl = options.sentryUrl ?? fake!.url;
  const hostileFake = await startFakeSentry({ port: 0, modes: { hostile: true } });
  const htmlSite = await startHtmlSite();

  const dataSources = new Map<string, DataSourceRecord>();
  let nextId = 1;
  const addDataSource = (record: Omit<DataSourceRecord, 'id' | 'version'>) => {
    const full = { ...record, id: nextId++, version: 1 };
    dataSources.set(full.uid, full);
    return full;
  };
  addDataSource({
    uid: PROVISIONED_UID,
    name: 'Sentry',
    type: manifest.id,
    isDefault: true,
    // Like provisioning/datasources/sentry.yml: the plugin keeps its Sentry URL in jsonData, Grafana's url is empty.
    url: '',
    jsonData: { url: sentryUrl, orgSlug: options.orgSlug ?? 'acme' },
    secureJsonData: { authToken: options.authToken ?? DEMO_TOKEN },
  });
  addDataSource({
    uid: HOSTILE_UID,
    name: 'Sentry (hostile strings)',
    type: manifest.id,
    isDefault: false,
    url: '',
    jsonData: { url: hostileFake.url, orgSlug: 'acme' },
    secureJsonData: { authToken: DEMO_TOKEN },
  });
  addDataSource({
    uid: PROMETHEUS_UID,
    name: 'Prometheus',
    type: 'prometheus',
    isDefault: false,
    url: '',
    jsonData: {},
    secureJsonData: {},
  });
  const upstreamLog: UpstreamLogEntry[] = [];

  const typeMeta = (type: string) =>
    type === manifest.id
      ? { typeName: manifest.name, typeLogoUrl: `public/plugins/${manifest.id}/${manifest.info?.logos?.small ?? ''}` }
      : { typeName: 'Prometheus', typeLogoUrl: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg' };

  /** Grafana's DataSourceSettings as GET /api/datasources/uid/<uid> returns it: no secrets. */
  const publicSettings = (ds: DataSourceRecord) => ({
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    ...typeMeta(ds.type),
    access: 'proxy',
    url: ds.url,
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    secureJsonFields: Object.fromEntries(
      Object.entries(ds.secureJsonData)
        .filter(([, value]) => value !== '')
        .map(([key]) => [key, true])
    ),
    version: ds.version,
    readOnly: false,
  });

  const bootData = () => ({
    assets: { dark: '', light: '' },
    navTree: [],
    user: {
      id: 1,
      uid: 'admin',
      login: 'admin',
      name: 'admin',
      email: 'admin@localhost',
      isSignedIn: true,
      isGrafanaAdmin: true,
      orgId: 1,
      orgName: 'Main Org.',
      orgRole: 'Admin',
      orgCount: 1,
      timezone: 'utc',
      weekStart: 'browser',
      theme: 'dark',
      language: 'en-US',
      locale: 'en-US',
      regionalFormat: 'en-US',
      helpFlags1: 0,
      hasEditPermissionInFolders: true,
      permissions: {},
    },
    settings: {
      appUrl: '',
      appSubUrl: '',
      buildInfo: { version: '12.4.10', commit: 'test-host', env: 'production', edition: 'Open Source' },
      featureToggles: {},
      defaultDatasource: 'Sentry',
      datasources: Object.fromEntries(
        [...dataSources.values()].map((ds) => [
          ds.name,
          {
            id: ds.id,
            uid: ds.uid,
            name: ds.name,
            type: ds.type,
            url: `/api/datasources/proxy/uid/${ds.uid}`,
            access: 'proxy',
            isDefault: ds.isDefault,
            jsonData: ds.jsonData,
            readOnly: false,
          },
        ])
      ),
    },
  });

  const hostPage = () => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Sentry Lens test host</title>
    <script>
      // Before the bundle: @grafana/runtime reads this when its config module initializes.
      window.grafanaBootData = ${JSON.stringify(bootData())};
      window.__grafana_public_path__ = '/public/';
      window.__sentryLensHost = ${JSON.stringify({ pluginId: manifest.id })};
    </script>
    ${existsSync(path.join(HOST_DIST, 'app.css')) ? '<link rel="stylesheet" href="/host/app.css" />' : ''}
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/host/app.js"></script>
  </body>
</html>
`;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const pathname = url.pathname;

    // The raw (still percent-encoded) path and query, as the browser sent them.
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawSearch = queryAt === -1 ? '' : rawUrl.slice(queryAt);

    const proxyMatch = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/?(.*)$/.exec(rawPath);
    if (proxyMatch) {
      const ds = dataSources.get(decodeURIComponent(proxyMatch[1]));
      if (!ds) {
        return sendJson(res, 404, { message: 'Data source not found' });
      }
      const planned = planProxyRequest({
        routes: ds.type === manifest.id ? routes : [],
        settings: { jsonData: ds.jsonData, secureJsonData: ds.secureJsonData },
        method: req.method ?? 'GET',
        proxyPath: proxyMatch[2],
        search: rawSearch,
        headers: req.headers,
        clientIp: req.socket.remoteAddress,
        dataSourceUrl: ds.url,
      });
      if (!planned.ok) {
        return send(res, planned.status, { 'content-type': 'text/plain; charset=utf-8' }, planned.body);
      }
      const body = planned.plan.method === 'GET' || planned.plan.method === 'HEAD' ? undefined : await readBody(req);
      const browserGone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) {
          browserGone.abort();
        }
      });
      const answer: ProxiedResponse = await forward(planned.plan, {
        timeoutMs: proxyTimeoutMs,
        body,
        signal: browserGone.signal,
      });
      const authorization = planned.plan.headers.authorization;
      upstreamLog.push({
        method: planned.plan.method,
        url: planned.plan.url,
        status: answer.status,
        authorization: !authorization ? 'none' : /^Bearer \S+$/.test(authorization) ? 'bearer' : 'other',
        headerNames: Object.keys(planned.plan.headers).sort(),
      });
      if (upstreamLog.length > 2000) {
        upstreamLog.splice(0, upstreamLog.length - 2000);
      }
      return send(res, answer.status, answer.headers, answer.body);
    }

    if (pathname === '/api/datasources' && method === 'GET') {
      return sendJson(res, 200, [...dataSources.values()].map(publicSettings));
    }
    if (pathname === '/api/datasources' && method === 'POST') {
      const input = parseJson(await readBody(req)) as Partial<DataSourceRecord> & { secureJsonData?: unknown };
      const name = typeof input.name === 'string' && input.name ? input.name : `Sentry ${nextId}`;
      if ([...dataSources.values()].some((ds) => ds.name === name)) {
        return sendJson(res, 409, { message: 'data source with the same name already exists' });
      }
      const uid = typeof input.uid === 'string' && input.uid ? input.uid : `ds-${nextId}-${Date.now().toString(36)}`;
      if (dataSources.has(uid)) {
        return sendJson(res, 409, { message: 'data source with the same uid already exists' });
      }
      const created = addDataSource({
        uid,
        name,
        type: typeof input.type === 'string' ? input.type : manifest.id,
        isDefault: false,
        url: typeof input.url === 'string' ? input.url : '',
        jsonData: isRecord(input.jsonData) ? input.jsonData : {},
        secureJsonData: stringRecord(input.secureJsonData),
      });
      return sendJson(res, 200, {
        datasource: publicSettings(created),
        id: created.id,
        message: 'Datasource added',
        name,
      });
    }
    const dsMatch = /^\/api\/datasources\/uid\/([^/]+)$/.exec(pathname);
    if (dsMatch) {
      const ds = dataSources.get(decodeURIComponent(dsMatch[1]));
      if (!ds) {
        return sendJson(res, 404, { message: 'Data source not found' });
      }
      if (method === 'GET') {
        return sendJson(res, 200, publicSettings(ds));
      }
      if (method === 'PUT' || method === 'POST') {
        const input = parseJson(await readBody(req)) as Record<string, unknown>;
        if (typeof input.name === 'string' && input.name) {
          ds.name = input.name;
        }
        if (typeof input.url === 'string') {
          ds.url = input.url;
        }
        if (isRecord(input.jsonData)) {
          ds.jsonData = input.jsonData;
        }
        // Like Grafana: secrets sent replace stored ones, secrets not sent are kept.
        ds.secureJsonData = { ...ds.secureJsonData, ...stringRecord(input.secureJsonData) };
        ds.version += 1;
        return sendJson(res, 200, {
          datasource: publicSettings(ds),
          id: ds.id,
          message: 'Datasource updated',
          name: ds.name,
        });
      }
      return sendJson(res, 405, { message: 'Method not allowed' });
    }

    if (pathname === '/__host/upstream') {
      if (method === 'DELETE') {
        upstreamLog.length = 0;
      }
      return sendJson(res, 200, upstreamLog);
    }

    if (method !== 'GET' && method !== 'HEAD') {
      return sendJson(res, 404, { message: 'Not found' });
    }
    if (pathname === '/' || pathname === '/index.html') {
      return send(res, 200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store' }, hostPage());
    }
    if (pathname.startsWith('/host/')) {
      return sendFile(res, HOST_DIST, pathname.slice('/host/'.length));
    }
    const pluginPrefix = `/public/plugins/${manifest.id}/`;
    if (pathname.startsWith(pluginPrefix)) {
      return sendFile(res, PLUGIN_DIST, pathname.slice(pluginPrefix.length));
    }
    if (pathname.startsWith('/dist/')) {
      return sendFile(res, PLUGIN_DIST, pathname.slice('/dist/'.length));
    }
    if (pathname.startsWith('/public/build/img/icons/') && pathname.endsWith('.svg')) {
      // Grafana serves these; @grafana/ui ships most of them. Unknown ones get an empty icon.
      const relative = pathname.slice('/public/build/img/icons/'.length);
      const file = safeJoin(ICONS_DIR, relative);
      if (file && isFile(file)) {
        return sendFile(res, ICONS_DIR, relative);
      }
      return send(res, 200, { 'content-type': CONTENT_TYPES['.svg'] }, EMPTY_SVG);
    }
    if (pathname === '/favicon.ico') {
      return send(res, 204, {}, '');
    }
    return send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, `Not found: ${pathname}`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { message: error instanceof Error ? error.message : String(error) });
      } else {
        res.destroy();
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    fake,
    sentryUrl,
    hostileFake,
    htmlSiteUrl: htmlSite.url,
    pluginId: manifest.id,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await htmlSite.close();
      await fake?.close();
      await hostileFake.close();
    },
  };
}

/** A site that is not Sentry: every path answers an HTML sign-in page (an SSO proxy, an intranet portal). */
async function startHtmlSite(): Promise<{ url: string; close(): Promise<void> }> {
  const page =
    '<!DOCTYPE html><html><head><title>Sign in</title></head>' +
    '<body><h1>Sign in to continue</h1><form method="post"><input name="user"></form></body></html>';
  const server = http.createServer((_req, res) => send(res, 200, { 'content-type': CONTENT_TYPES['.html'] }, page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: bind a free port, then release it. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function send(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer
): void {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'content-length': String(buffer.length) });
  res.end(buffer);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, { 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-store' }, JSON.stringify(value));
}

function sendFile(res: http.ServerResponse, dir: string, relative: string): void {
  const file = safeJoin(dir, decodeURIComponent(relative));
  if (!file || !isFile(file)) {
    return send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, `Not found: ${relative}`);
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  send(res, 200, { 'content-type': type, 'cache-control': 'no-cache' }, readFileSync(file));
}

/** `dir/relative` unless it escapes `dir`. */
function safeJoin(dir: string, relative: string): string | undefined {
  const file = path.resolve(dir, relative);
  return file.startsWith(dir + path.sep) ? file : undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return {};
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  );
}

async function main(): Promise<void> {
  const env = process.env;
  const running = await startHostServer({
    port: Number(env.PORT ?? 3997),
    host: env.HOST ?? '127.0.0.1',
    sentryUrl: env.SENTRY_URL,
    orgSlug: env.SENTRY_ORG,
    authToken: env.SENTRY_AUTH_TOKEN,
    proxyTimeoutMs: env.PROXY_TIMEOUT_MS ? Number(env.PROXY_TIMEOUT_MS) : undefined,
  });
  console.log(`Sentry Lens test host on ${running.url}`);
  console.log(`  Sentry:        ${running.sentryUrl}${running.fake ? ' (fake, in-process)' : ''}`);
  console.log(`  config editor: ${running.url}/?page=config&uid=${PROVISIONED_UID}`);
  console.log(`  query editor:  ${running.url}/?page=query&uid=${PROVISIONED_UID}`);
  console.log(`  variables:     ${running.url}/?page=variable&uid=${PROVISIONED_UID}`);
  console.log(`  annotations:   ${running.url}/?page=annotation&uid=${PROVISIONED_UID}`);
  console.log(`  hostile data:  ${running.url}/?page=query&uid=${HOSTILE_UID}&grafanaTable=1`);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
