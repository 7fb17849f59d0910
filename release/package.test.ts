/** @jest-environment node */
// `npm run package` on the build (`npm test` builds first): the zip Grafana's installer and the catalogue take.

import { unzipSync } from 'fflate';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { packagePlugin, referencedFiles, REQUIRED_FILES, ROOT, zipName } from './package';

const source = JSON.parse(readFileSync(path.join(ROOT, 'src/plugin.json'), 'utf8'));
const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
let outDir: string;
let zipPath: string;
let entries: Record<string, Uint8Array>;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/plugin.json'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  outDir = mkdtempSync(path.join(tmpdir(), 'lens-package-'));
  zipPath = packagePlugin(outDir);
  entries = unzipSync(readFileSync(zipPath));
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const text = (name: string) => new TextDecoder().decode(entries[`${source.id}/${name}`]);

describe('npm run package', () => {
  it('writes <plugin id>-<package.json version>.zip', () => {
    expect(path.basename(zipPath)).toBe(zipName(source.id, version));
    expect(path.basename(zipPath)).toBe(`lens-sentry-datasource-${version}.zip`);
  });

  it('puts everything under one folder named after the plugin id, as Grafana installs it', () => {
    const names = Object.keys(entries);
    expect(names.length).toBeGreaterThan(REQUIRED_FILES.length);
    expect(names.filter((name) => !name.startsWith(`${source.id}/`))).toEqual([]);
    expect(names.filter((name) => name.split('/').includes('..'))).toEqual([]);
  });

  it('carries module.js, plugin.json, README, CHANGELOG and LICENSE', () => {
    for (const file of REQUIRED_FILES) {
      expect({ file, size: entries[`${source.id}/${file}`]?.length > 0 }).toEqual({ file, size: true });
    }
    expect(text('LICENSE')).toContain('Apache License');
    expect(text('CHANGELOG.md')).toContain(`## [${version}]`);
    expect(text('README.md')).toContain('## Install into an existing Grafana');
  });

  it('has plugin.json with the package.json version and every file it points at inside the zip', () => {
    const plugin = JSON.parse(text('plugin.json'));
    expect(plugin.id).toBe(source.id);
    expect(plugin.info.version).toBe(version);
    expect(plugin.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const files = referencedFiles(plugin);
    expect(files).toEqual(expect.arrayContaining(['dashboards/service-overview.json', 'dashboards/org-overview.json']));
    for (const file of files) {
      expect({ file, inZip: `${source.id}/${file}` in entries }).toEqual({ file, inZip: true });
    }
    expect(text(plugin.info.logos.small)).not.toBe(text(plugin.info.logos.large));
  });

  it('ships the included dashboards as Grafana imports them: JSON with the title plugin.json gives', () => {
    const plugin = JSON.parse(text('plugin.json'));
    const dashboards = plugin.includes.filter((include: { type: string }) => include.type === 'dashboard');
    expect(dashboards.length).toBe(2);
    for (const include of dashboards) {
      const dashboard = JSON.parse(text(include.path));
      expect({ path: include.path, title: dashboard.title }).toEqual({ path: include.path, title: include.name });
      expect(dashboard.uid).toMatch(/^sentry-lens-/);
    }
  });
});
