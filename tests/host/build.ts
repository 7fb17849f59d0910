/**
 * Bundles the browser test host (tests/host/app.tsx) with esbuild into tests/host/dist/: real React 18,
 * @grafana/data, @grafana/runtime, @grafana/ui, rxjs and @emotion/css, which the plugin's dist/module.js then
 * uses through the host's AMD `define`, as it uses Grafana's copies in Grafana.
 *
 *   npx tsx tests/host/build.ts           # build
 *   npx tsx tests/host/build.ts --if-stale  # only when a source or the lock file is newer than the bundle
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const HOST_DIR = __dirname;
const ROOT = path.resolve(HOST_DIR, '../..');
export const HOST_BUNDLE = path.join(HOST_DIR, 'dist', 'app.js');

/** Sources of the bundle: the host's .tsx files, and the lock file (a dependency update). */
function sources(): string[] {
  const own = readdirSync(HOST_DIR)
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => path.join(HOST_DIR, name));
  return [...own, path.join(ROOT, 'package-lock.json'), __filename];
}

export function isHostBundleStale(): boolean {
  if (!existsSync(HOST_BUNDLE)) {
    return true;
  }
  const built = statSync(HOST_BUNDLE).mtimeMs;
  return sources().some((file) => existsSync(file) && statSync(file).mtimeMs > built);
}

export async function buildHost(): Promise<void> {
  const started = Date.now();
  await build({
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
