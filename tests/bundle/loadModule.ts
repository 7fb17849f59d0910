/** Loads the built dist/module.js the way Grafana does: an AMD module whose dependencies Grafana provides. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSourcePlugin } from '@grafana/data';

import { PLUGIN_ID } from '../support/plugin';

export const dist = path.resolve(__dirname, '../../dist');

/**
 * The modules Grafana shares with plugins, loaded with this file as Grafana has them loaded before any plugin:
 * loading @grafana/ui takes seconds on a busy machine, and that is suite set-up, not what a test checks.
 */
const shared: Record<string, unknown> = {
  '@emotion/css': require('@emotion/css'),
  '@grafana/data': require('@grafana/data'),
  '@grafana/runtime': require('@grafana/runtime'),
  '@grafana/ui': require('@grafana/ui'),
  react: require('react'),
  rxjs: require('rxjs'),
};

export function loadModule(): { plugin: DataSourcePlugin<any, any, any> } {
  const file = path.join(dist, 'module.js');
  if (!existsSync(file)) {
    throw new Error('dist/module.js is missing: `npm test` builds it first; alone, run `npm run build`.');
  }
  const code = readFileSync(file, 'utf8');
  let exported: unknown;
  const define = (deps: string[], factory: (...args: unknown[]) => unknown) => {
    const resolved = deps.map((dep) =>
      dep === 'module' ? { uri: `/public/plugins/${PLUGIN_ID}/module.js` } : (shared[dep] ?? require(dep))
    );
    exported = factory(...resolved);
  };
  (define as unknown as { amd: boolean }).amd = true;
  new Function('define', code)(define);
  return exported as { plugin: DataSourcePlugin<any, any, any> };
}

export function distManifest(): { routes: unknown[] } & Record<string, any> {
  return JSON.parse(readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
}
