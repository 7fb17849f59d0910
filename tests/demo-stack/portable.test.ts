/** @jest-environment node */
// docker-compose.yaml runs the same on every Docker host: nothing from the host's node_modules (native binaries of
// the host's OS), every image pinned, every service checked for health and started only when what it needs is.

import { readFileSync } from 'node:fs';

import { STACK_ENTRIES } from '../../demo/build-stack';
import { compose, composeDefault, hostPathOf, repo, services } from './stack-files';

interface HealthAndDeps {
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

const raw = compose.services as Record<string, HealthAndDeps & Record<string, unknown>>;
const packageJson = JSON.parse(readFileSync(repo('package.json'), 'utf8'));

/** Every string a service hands to Docker: image, command, entrypoint, working dir, mounts, environment. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(stringsOf);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(stringsOf);
  }
  return [];
}

/** An exact release: `name:1.2.3`, `name:v1.2.3` or with a variant suffix (`-bookworm-slim`); never a moving tag. */
const PINNED_IMAGE = /^[a-z0-9./_-]+:v?\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/;

describe('docker-compose.yaml is portable', () => {
  it('uses nothing from the host’s node_modules', () => {
    for (const [name, service] of Object.entries(services)) {
      const keys = ['command', 'entrypoint', 'working_dir', 'volumes', 'environment', 'healthcheck'] as const;
      const used = keys.flatMap((key) => stringsOf((service as unknown as Record<string, unknown>)[key]));
      used.push(...service.mounts.map((m) => m.source));
      expect({ name, nodeModules: used.filter((s) => s.includes('node_modules')) }).toEqual({ name, nodeModules: [] });
    }
  });

  it('runs the fake and the demo metrics from their plain JavaScript bundles on a pinned node image', () => {
    const bundles = Object.keys(STACK_ENTRIES);
    for (const name of ['fake-sentry', 'demo-metrics']) {
      const service = services[name];
      expect(service.image).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim$/);
      const [program, script, ...rest] = service.command as string[];
      expect({ program, rest }).toEqual({ program: 'node', rest: [] });
      expect(bundles).toContain(script);
      expect(hostPathOf(service, `${service.working_dir}/${script}`)).toBe(repo('build/stack', script));
    }
    // The same Node major as .nvmrc, the version the project is developed and tested on.
    const nvmrc = readFileSync(repo('.nvmrc'), 'utf8').trim();
    expect(services['fake-sentry'].image).toMatch(new RegExp(`^node:${nvmrc}\\.`));
  });

  it('pins every image to an exact version, Grafana’s to the @grafana packages the plugin is built with', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) {
        expect({ name, image: service.image, pinned: PINNED_IMAGE.test(service.image) }).toEqual({
          name,
          image: service.image,
          pinned: true,
        });
      }
    }
    // Grafana is built from create-plugin's Dockerfile: FROM grafana/${grafana_image}:${grafana_version}.
    const dockerfile = readFileSync(repo('.config/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM grafana\/\$\{grafana_image\}:\$\{grafana_version\}$/m);
    const args = (raw.grafana.build as { args: Record<string, string> }).args;
    const version = composeDefault(args.grafana_version);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(version).toBe(packageJson.dependencies['@grafana/data']);
    expect(version).toBe(packageJson.dependencies['@grafana/ui']);
    expect(version).toBe(packageJson.dependencies['@grafana/runtime']);
  });

  it('gives every service a healthcheck, written as Docker reads it (a list of strings)', () => {
    for (const [name, service] of Object.entries(raw)) {
      const test = service.healthcheck?.test;
      const parts = Array.isArray(test) ? test : [test];
      expect({ name, types: parts.map((part) => typeof part) }).toEqual({ name, types: parts.map(() => 'string') });
      expect(['CMD', 'CMD-SHELL']).toContain(parts[0]);
      expect({
        name,
        test: Array.isArray(test) ? test.length > 1 : Boolean(test),
        disabled: service.healthcheck?.disable,
      }).toEqual({ name, test: true, disabled: undefined });
    }
  });

  it('starts each service once what it needs is healthy (a one-shot job: once it has succeeded)', () => {
    const dependants = Object.entries(raw).flatMap(([name, service]) => {
      const deps = service.depends_on ?? {};
      expect({ name, longSyntax: !Array.isArray(deps) }).toEqual({ name, longSyntax: true });
      return Object.entries(deps as Record<string, { condition?: string }>).map(([dep, { condition }]) => ({
        name,
        dep,
        condition,
      }));
    });
    expect(dependants.length).toBeGreaterThan(0);
    for (const { name, dep, condition } of dependants) {
      if (condition === 'service_completed_successfully') {
        // Only a job that exits: it publishes nothing, is never restarted, and nothing waits for it to be healthy.
        expect({ dep, ports: raw[dep].ports, restart: raw[dep].restart }).toEqual({
          dep,
          ports: undefined,
          restart: undefined,
        });
        expect(dependants.filter((d) => d.dep === dep && d.condition !== condition)).toEqual([]);
      } else {
        expect({ name, dep, condition }).toEqual({ name, dep, condition: 'service_healthy' });
      }
    }
    expect(dependants.filter((d) => d.condition === 'service_completed_successfully').map((d) => d.dep)).toEqual([
      'prometheus-backfill',
    ]);
  });
});
