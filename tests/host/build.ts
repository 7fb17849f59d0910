/**
 * Bundles the browser test host (tests/host/app.tsx) with esbuild into tests/host/dist/: real React 18,
 * @grafana/data, @grafana/runtime, @grafana/ui, rxjs and @emotion/css, which the plugin's dist/module.js then
 * uses through the host's AMD `define`, as it uses Grafana's copies in Grafana.
 *
 *   npx tsx tests/host/build.ts           # build
 *   npx tsx tests/host/build.ts --if-stale  # only when a source or the lock file is newer than the bundle
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HOST_DIR = __dirname;
const ROOT = path.resolve(HOST_DIR, '../..');
export const HOST_BUNDLE = path.join(HOST_DIR, 'dist', 'app.js');
/** The project's files the last build read (esbuild's metafile inputs outside node_modules). */
const HOST_SOURCES = path.join(HOST_DIR, 'dist', 'sources.json');

/** Sources of the bundle: what the last build read from the project, and the lock file (a dependency update). */
function sources(): string[] | undefined {
  if (!existsSync(HOST_SOURCES)) {
    return undefined;
  }
  const own = (JSON.parse(readFileSync(HOST_SOURCES, 'utf8')) as string[]).map((file) => path.join(ROOT, file));
  return [...own, path.join(ROOT, 'package-lock.json'), __filename];
}

export function isHostBundleStale(): boolean {
  const files = sources();
  if (!existsSync(HOST_BUNDLE) || !files) {
    return true;
  }
  const built = statSync(HOST_BUNDLE).mtimeMs;
  // A source that is gone was renamed or moved: rebuild.
  return files.some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

export async function buildHost(): Promise<void> {
  const started = Date.now();
  const result = await build({
    entryPoints: [path.join(HOST_DIR, 'app.tsx')],
    outdir: path.join(HOST_DIR, 'dist'),
    bundle: true,
    // ES modules with splitting: lazy imports (Grafana's monaco editor chunk) stay out of the main bundle,
    // as they are separate chunks in Grafana.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'transform',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: ROOT,
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'window',
    },
    loader: {
      '.svg': 'file',
      '.png': 'file',
      '.ttf': 'file',
      '.woff': 'file',
      '.woff2': 'file',
    },
  });
  const own = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
  writeFileSync(HOST_SOURCES, JSON.stringify(own.sort(), null, 1));
  console.log(`host bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${HOST_BUNDLE}`);
}

export async function buildHostIfStale(): Promise<void> {
  if (isHostBundleStale()) {
    await buildHost();
  }
}

if (require.main === module) {
  const run = process.argv.includes('--if-stale') ? buildHostIfStale : buildHost;
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
