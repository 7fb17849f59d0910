/** @jest-environment node */
// docker-compose.yaml, checked without Docker: services, mounts, commands and wiring of the demo stack.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import {
  compose,
  composeDefault,
  hostPathOf,
  mergePorts,
  parsePort,
  PLUGIN_ID,
  readYaml,
  repo,
  ResolvedService,
  services,
} from './stack-files';

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
        } else if (mount.source !== repo('dist') && mount.source !== repo('build/stack')) {
          // dist/ and build/stack/ are written by `npm run build`; every other bind mount is in the repository.
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

  it('mounts provisioning/ where Grafana reads it; the dashboards providers find provisioning/dashboards and the plugin’s', () => {
    const grafana = services.grafana;
    expect(hostPathOf(grafana, '/etc/grafana/provisioning')).toBe(repo('provisioning'));
    const providers = readYaml<{ providers: Array<{ type: string; options: { path: string } }> }>(
      repo('provisioning/dashboards/dashboards.yml')
    ).providers;
    const hosts = providers.map((provider) => {
      expect(provider.type).toBe('file');
      return hostPathOf(grafana, provider.options.path);
    });
    // dist/dashboards/ is what the build copies from src/dashboards/: the dashboards the plugin ships.
    expect(hosts).toEqual([repo('provisioning/dashboards'), repo('dist/dashboards')]);
    for (const dir of [repo('provisioning/dashboards'), repo('src/dashboards')]) {
      expect(statSync(dir).isDirectory()).toBe(true);
    }
    const shipped = JSON.parse(readFileSync(repo('src/plugin.json'), 'utf8')).includes as Array<{ path?: string }>;
    expect(
      shipped
        .map((include) => include.path)
        .filter(Boolean)
        .sort()
    ).toEqual(
      readdirSync(repo('src/dashboards'))
        .map((file) => `dashboards/${file}`)
        .sort()
    );
  });

  it('runs the fake and the demo metrics from their bundles in build/stack/, mounted read-only', () => {
    for (const name of ['fake-sentry', 'demo-metrics']) {
      const service = services[name];
      const command = service.command as string[];
      expect(Array.isArray(command)).toBe(true);
      expect(service.mounts).toEqual([{ source: repo('build/stack'), target: service.working_dir, named: false }]);
      expect(service.volumes).toEqual([`./build/stack:${service.working_dir}:ro`]);
    }
    expect(services['fake-sentry'].command).toEqual(['node', 'fake-sentry.js']);
    expect(services['demo-metrics'].command).toEqual(['node', 'demo-metrics.js']);
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

  it('publishes every port of every service on the host’s loopback only, Grafana’s included', () => {
    // As Compose resolves them: Grafana's ports come from create-plugin's base file, replaced with !override.
    const published = Object.entries(services).flatMap(([name, s]) => s.published.map((port) => ({ name, ...port })));
    expect([...new Set(published.map((p) => p.name))].sort()).toEqual([
      'alertmanager',
      'bridge',
      'demo-metrics',
      'fake-sentry',
      'grafana',
      'prometheus',
      'sentry-cache',
    ]);
    for (const port of published) {
      expect(port).toEqual({ ...port, ip: '127.0.0.1' });
    }
    expect(services.grafana.published).toEqual([
      { ip: '127.0.0.1', published: '3000', target: '3000', protocol: 'tcp' },
    ]);
    for (const [name, service] of Object.entries(services)) {
      expect({ name, network_mode: service.network_mode }).toEqual({ name, network_mode: undefined });
    }
  });

  it('reads ports as Compose does: a loopback entry beside the base file’s adds a binding, it does not replace it', () => {
    expect(mergePorts(['3000:3000/tcp'], ['127.0.0.1:3000:3000/tcp'])).toEqual([
      '3000:3000/tcp',
      '127.0.0.1:3000:3000/tcp',
    ]);
    expect(mergePorts(['127.0.0.1:3000:3000/tcp'], ['127.0.0.1:3000:3000/tcp'])).toEqual(['127.0.0.1:3000:3000/tcp']);
    expect(parsePort('3000')).toEqual({ ip: '', published: '', target: '3000', protocol: 'tcp' });
    expect(parsePort('9090:9090')).toEqual({ ip: '', published: '9090', target: '9090', protocol: 'tcp' });
    expect(parsePort('[::1]:53:53/udp')).toEqual({ ip: '::1', published: '53', target: '53', protocol: 'udp' });
  });

  it('lets anonymous visitors view, not administer; admin signs in with the password the Grafana specs use', () => {
    const env = services.grafana.env;
    // Compose's environment wins over the image's ENV, where create-plugin's Dockerfile makes them Admin.
    expect(env.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    expect(env.GF_SECURITY_ADMIN_USER ?? 'admin').toBe('admin');
    expect(env.GF_SECURITY_ADMIN_PASSWORD).toBe('${GRAFANA_ADMIN_PASSWORD:-admin}');
    expect(env.GF_AUTH_DISABLE_LOGIN_FORM ?? 'false').toBe('false');
    // @grafana/plugin-e2e signs in as admin with GRAFANA_ADMIN_PASSWORD (default admin): the same variable.
    const pluginE2eAdmin = (password: string | undefined) => {
      const names = ['GRAFANA_ADMIN_USER', 'GRAFANA_ADMIN_PASSWORD'];
      const saved = names.map((name) => process.env[name]);
      let admin: { user: string; password: string } | undefined;
      try {
        names.forEach((name) => delete process.env[name]);
        if (password !== undefined) {
          process.env.GRAFANA_ADMIN_PASSWORD = password;
        }
        jest.isolateModules(() => {
          admin = require('@grafana/plugin-e2e/dist/options.js').DEFAULT_ADMIN_USER;
        });
      } finally {
        names.forEach((name, i) =>
          saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])
        );
      }
      return admin;
    };
    expect(pluginE2eAdmin('s3cret')).toEqual({ user: 'admin', password: 's3cret' });
    expect(pluginE2eAdmin(undefined)).toEqual({
      user: 'admin',
      password: composeDefault(env.GF_SECURITY_ADMIN_PASSWORD),
    });
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
