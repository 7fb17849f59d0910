/**
 * `npm run package`: the built plugin (dist/) as `<plugin id>-<version>.zip`, in the layout Grafana's installer
 * (`grafana cli --pluginUrl`) and the plugin catalogue expect: one top folder named after the plugin id. The version
 * is package.json's, which the build writes into dist/plugin.json (`%VERSION%`); a stale build is refused.
 */
import { zipSync, Zippable } from 'fflate';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

/** Files every release must carry (besides what plugin.json names: logos, screenshots, dashboards). */
export const REQUIRED_FILES = ['module.js', 'plugin.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

interface PluginJson {
  id: string;
  info: { version: string; logos: { small: string; large: string }; screenshots: Array<{ path: string }> };
  includes?: Array<{ type: string; path?: string }>;
}

export function zipName(id: string, version: string): string {
  return `${id}-${version}.zip`;
}

/** Paths, relative to the plugin folder, that plugin.json points at: logos, screenshots, included dashboards. */
export function referencedFiles(plugin: PluginJson): string[] {
  return [
    plugin.info.logos.small,
    plugin.info.logos.large,
    ...plugin.info.screenshots.map((s) => s.path),
    ...(plugin.includes ?? []).flatMap((include) => (include.path ? [include.path] : [])),
  ];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

export function packagePlugin(outDir = ROOT): string {
  const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const plugin: PluginJson = JSON.parse(readFileSync(path.join(DIST, 'plugin.json'), 'utf8'));
  if (plugin.info.version !== version) {
    throw new Error(`dist/plugin.json is version ${plugin.info.version}, package.json ${version}: run npm run build`);
  }
  const files = listFiles(DIST);
  const missing = [...REQUIRED_FILES, ...referencedFiles(plugin)].filter((file) => !files.includes(file));
  if (missing.length > 0) {
    throw new Error(`dist/ lacks ${missing.join(', ')}: run npm run build`);
  }
  const entries: Zippable = {};
  for (const file of files) {
    const full = path.join(DIST, file);
    // Unix regular file, rw-r--r--: what Grafana's installer writes back out.
    entries[`${plugin.id}/${file}`] = [
      readFileSync(full),
      { mtime: statSync(full).mtime, os: 3, attrs: (0o100644 << 16) >>> 0 },
    ];
  }
  const out = path.join(outDir, zipName(plugin.id, version));
  writeFileSync(out, zipSync(entries, { level: 9 }));
  return out;
}

if (require.main === module) {
  try {
    const out = packagePlugin();
    console.log(`${path.relative(process.cwd(), out)} (${statSync(out).size} bytes)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
