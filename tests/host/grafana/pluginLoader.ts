/**
 * Loads the built plugin (dist/module.js) as Grafana's SystemJS does: an AMD module whose dependencies are the
 * host's own single copies of React, @grafana/* and rxjs (Grafana's sharedDependencies), then completes its meta
 * from plugin.json as Grafana's plugin loader does. The `module` dependency's URL is where webpack's runtime in
 * module.js fetches its chunks (the editors) from, by script tag, when they are first needed: as in Grafana.
 */
import React from 'react';
import ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as grafanaData from '@grafana/data';
import { DataQuery, DataSourceApi, DataSourcePlugin, DataSourcePluginMeta } from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import i18next from 'i18next';
import lodash from 'lodash';
// Plugins may ask for moment: Grafana shares its copy, so the host shares one too.
// eslint-disable-next-line no-restricted-imports
import moment from 'moment';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

import manifest from '../../../src/plugin.json';
import { backendSrv } from './backendSrv';

export type HostPlugin = DataSourcePlugin<DataSourceApi<DataQuery>, DataQuery>;

type AmdFactory = (...deps: unknown[]) => unknown;
interface AmdDefine {
  (deps: string[], factory: AmdFactory): void;
  (factory: AmdFactory): void;
  amd: boolean;
}

declare global {
  interface Window {
    /** Set by the host page (server.ts) from dist/plugin.json. */
    __sentryLensHost?: { pluginId: string };
    define?: AmdDefine;
  }
}

const PLUGIN_ID = window.__sentryLensHost?.pluginId ?? manifest.id;
const PLUGIN_BASE = `public/plugins/${PLUGIN_ID}`;

/** What the plugin's AMD define() may ask for, mapped to the host's single instances (Grafana's sharedDependencies). */
const SHARED_DEPENDENCIES: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react-dom/client': ReactDOMClient,
  'react/jsx-runtime': jsxRuntime,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUi,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  rxjs,
  'rxjs/operators': rxjsOperators,
  lodash,
  moment,
  i18next,
};

interface PluginExports {
  plugin: HostPlugin;
}

function loadPluginModule(): Promise<PluginExports> {
  const moduleUrl = `/${PLUGIN_BASE}/module.js`;
  return new Promise<PluginExports>((resolve, reject) => {
    const define = ((depsOrFactory: string[] | AmdFactory, maybeFactory?: AmdFactory) => {
      const deps = Array.isArray(depsOrFactory) ? depsOrFactory : [];
      const factory = Array.isArray(depsOrFactory) ? maybeFactory : depsOrFactory;
      try {
        const resolved = deps.map((dep) => {
          if (dep === 'module') {
            // AMD's pseudo-dependency: webpack reads module.uri to set its public path.
            return { id: moduleUrl, uri: moduleUrl };
          }
          if (!(dep in SHARED_DEPENDENCIES)) {
            throw new Error(`dist/module.js needs "${dep}", which the host (like Grafana) does not provide`);
          }
          return SHARED_DEPENDENCIES[dep];
        });
        resolve(factory!(...resolved) as PluginExports);
      } catch (error) {
        reject(error);
      }
    }) as AmdDefine;
    define.amd = true;
    window.define = define;
    const script = document.createElement('script');
    script.src = moduleUrl;
    script.onerror = () => reject(new Error(`Could not load ${moduleUrl}`));
    document.head.appendChild(script);
  });
}

export async function loadPlugin(): Promise<HostPlugin> {
  const manifest = await backendSrv.get<DataSourcePluginMeta>(`/${PLUGIN_BASE}/plugin.json`);
  const { plugin } = await loadPluginModule();
  if (!(plugin instanceof DataSourcePlugin)) {
    throw new Error('dist/module.js does not export a DataSourcePlugin as `plugin`');
  }
  // What Grafana's plugin loader adds to plugin.json before handing the meta to the plugin.
  const logo = (file?: string) => (file ? `${PLUGIN_BASE}/${file}` : '');
  plugin.meta = {
    ...manifest,
    module: `${PLUGIN_BASE}/module.js`,
    baseUrl: PLUGIN_BASE,
    info: {
      ...manifest.info,
      logos: { small: logo(manifest.info?.logos?.small), large: logo(manifest.info?.logos?.large) },
    },
  };
  return plugin;
}
