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

const PLUGIN_BASE = `/public/plugins/${PLUGIN_ID}/`;

/** The dist/ files of the chunks the plugin has fetched (its editors and what only they use), in order. */
export const loadedChunks: string[] = [];

export function loadModule(): { plugin: DataSourcePlugin<any, any, any> } {
  const file = path.join(dist, 'module.js');
  if (!existsSync(file)) {
    throw new Error('dist/module.js is missing: `npm test` builds it first; alone, run `npm run build`.');
  }
  serveChunks();
  // A fresh page: no chunk fetched yet, none left installed by an earlier load.
  loadedChunks.length = 0;
  for (const key of Object.keys(window).filter((k) => k.startsWith('webpackChunk'))) {
    delete (window as unknown as Record<string, unknown>)[key];
  }
  const code = readFileSync(file, 'utf8');
  let exported: unknown;
  const define = (deps: string[], factory: (...args: unknown[]) => unknown) => {
    const resolved = deps.map((dep) =>
      dep === 'module' ? { uri: `${PLUGIN_BASE}module.js` } : (shared[dep] ?? require(dep))
    );
    exported = factory(...resolved);
  };
  (define as unknown as { amd: boolean }).amd = true;
  new Function('define', code)(define);
  return exported as { plugin: DataSourcePlugin<any, any, any> };
}

let serving = false;

/**
 * The browser's part in loading a chunk: webpack's runtime adds a script tag whose src is the plugin's public path
 * (from the module's URL) and the chunk's file, and waits for its load event. jsdom fetches no scripts, so the tag's
 * file is read from dist/ and run here; a src outside the plugin's path, or a file dist/ lacks, fails as a 404 would.
 */
function serveChunks() {
  if (serving) {
    return;
  }
  serving = true;
  const append = document.head.appendChild.bind(document.head);
  document.head.appendChild = <T extends Node>(node: T): T => {
    if (!(node instanceof HTMLScriptElement) || !node.src) {
      return append(node);
    }
    const { pathname } = new URL(node.src, window.location.href);
    const chunk = pathname.startsWith(PLUGIN_BASE) ? path.join(dist, pathname.slice(PLUGIN_BASE.length)) : undefined;
    setTimeout(() => {
      if (!chunk || !existsSync(chunk)) {
        node.dispatchEvent(new Event('error'));
        return;
      }
      loadedChunks.push(path.relative(dist, chunk));
      new Function(readFileSync(chunk, 'utf8'))();
      node.dispatchEvent(new Event('load'));
    });
    return node;
  };
}

export function distManifest(): { routes: unknown[] } & Record<string, any> {
  return JSON.parse(readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
}
