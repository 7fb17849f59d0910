/** @jest-environment node */
// What the catalogue shows and what the release promises, kept in step: plugin.json against package.json, the
// CI matrix, the CHANGELOG and the files under src/.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

import { ROOT } from './package';

// npm's own range matching (semver ships no types; this is the one function used).
const semver: { satisfies(version: string, range: string): boolean } = require('semver');

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const plugin = JSON.parse(read('src/plugin.json'));
const packageJson = JSON.parse(read('package.json'));
const repository = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

describe('plugin.json', () => {
  it('takes its version from package.json at build time', () => {
    expect(plugin.info.version).toBe('%VERSION%');
    expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('links the README, the issues and the changelog of the repository package.json names', () => {
    const urls = plugin.info.links.map((link: { url: string }) => link.url);
    expect(urls).toEqual(
      expect.arrayContaining([`${repository}#readme`, `${repository}/issues`, `${repository}/blob/main/CHANGELOG.md`])
    );
    expect(packageJson.bugs.url).toBe(`${repository}/issues`);
    expect(packageJson.homepage).toBe(`${repository}#readme`);
  });

  it('has distinct small and large SVG logos under src/', () => {
    const { small, large } = plugin.info.logos;
    expect(small).not.toBe(large);
    for (const logo of [small, large]) {
      expect(logo).toMatch(/\.svg$/);
      expect(read(path.join('src', logo))).toMatch(/^<svg [^>]*viewBox=/);
    }
    expect(read(path.join('src', small))).not.toBe(read(path.join('src', large)));
  });

  it('includes the service overview and organization overview dashboards from src/dashboards/', () => {
    expect(plugin.includes).toEqual([
      expect.objectContaining({ type: 'dashboard', path: 'dashboards/service-overview.json' }),
      expect.objectContaining({ type: 'dashboard', path: 'dashboards/org-overview.json' }),
    ]);
    for (const include of plugin.includes) {
      expect(existsSync(path.join(ROOT, 'src', include.path))).toBe(true);
    }
  });

  it('has keywords and screenshots that exist', () => {
    expect(plugin.info.keywords).toEqual(expect.arrayContaining(['sentry', 'errors', 'performance']));
    for (const screenshot of plugin.info.screenshots) {
      expect(existsSync(path.join(ROOT, 'src', screenshot.path))).toBe(true);
    }
  });

  it('requires the oldest Grafana the CI runs the Grafana specs on; CI also runs the current one', () => {
    const ci = parseYaml(read('.github/workflows/ci.yml'));
    const matrix: string[] = ci.jobs['grafana-e2e'].strategy.matrix.grafana;
    const byVersion = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
    const [oldest, ...newer] = [...matrix].sort(byVersion);
    expect(plugin.dependencies.grafanaDependency).toBe(`>=${oldest}`);
    expect(newer.some((version) => version.startsWith('13.'))).toBe(true);
    // The demo stack's Grafana is the one the @grafana packages come from, between the two.
    const built = packageJson.dependencies['@grafana/data'];
    expect([oldest, built, newer.at(-1)].sort(byVersion)).toEqual([oldest, built, newer.at(-1)]);
  });
});

describe('the release', () => {
  it('has a CHANGELOG entry for the package.json version, in Keep a Changelog form', () => {
    const changelog = read('CHANGELOG.md');
    expect(changelog).toMatch(/keepachangelog\.com/);
    expect(changelog).toMatch(
      new RegExp(`^## \\[${packageJson.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm')
    );
    const sections = [...changelog.matchAll(/^### (\w+)$/gm)].map((m) => m[1]);
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(section);
    }
  });

  it('states the Node versions: engines in package.json, .nvmrc within them, the demo images on .nvmrc’s major', () => {
    const nvmrc = read('.nvmrc').trim();
    expect(nvmrc).toMatch(/^\d+$/);
    const minimum = Number(/^>=(\d+)$/.exec(packageJson.engines.node)![1]);
    expect(Number(nvmrc)).toBeGreaterThanOrEqual(minimum);
    expect(read('docker-compose.yaml')).toContain(`image: node:${nvmrc}.`);
  });

  it('installs without engine warnings on the Node of .nvmrc (the version the demo images pin)', () => {
    const nvmrc = read('.nvmrc').trim();
    const node = new RegExp(`image: node:(${nvmrc}\\.\\d+\\.\\d+)-`).exec(read('docker-compose.yaml'))![1];
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: Record<string, string> | string[] }>;
    };
    const unmet = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(node, (entry.engines as Record<string, string>).node))
      .map(([name, entry]) => `${name || 'sentry-lens'} wants node ${(entry.engines as Record<string, string>).node}`);
    expect(unmet).toEqual([]);
  });

  it('pins the signing tool', () => {
    expect(packageJson.scripts.sign).toMatch(/@grafana\/sign-plugin@\d+\.\d+\.\d+$/);
  });
});
