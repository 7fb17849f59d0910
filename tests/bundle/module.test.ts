/**
 * Loads the built dist/module.js the way Grafana does (an AMD module whose dependencies Grafana provides)
 * and checks the plugin it exports, plus the proxy route in dist/plugin.json. `npm test` builds it first.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataSourcePlugin } from '@grafana/data';
import { of } from 'rxjs';

import { Components } from '../../src/selectors';
import { instanceSettings } from '../support/instanceSettings';
import { PLUGIN_ID } from '../support/plugin';
import { dist, distManifest, loadModule } from './loadModule';

describe('dist/', () => {
  it('plugin.json declares the Sentry proxy route that adds the token on Grafana’s server, to reads only', () => {
    const manifest = distManifest();
    expect(manifest).toMatchObject({ id: PLUGIN_ID, type: 'datasource', name: 'Sentry Lens' });
    expect(manifest.info.version).not.toContain('%VERSION%');
    expect(manifest.routes).toEqual([
      {
        path: 'sentry',
        method: 'GET',
        url: '{{ .JsonData.url }}',
        headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.authToken }}' }],
      },
    ]);
  });

  it('module.js loads as an AMD module and exports a data source plugin with its editors', () => {
    const { plugin } = loadModule();
    expect(plugin).toBeInstanceOf(DataSourcePlugin);
    expect(plugin.components.ConfigEditor).toBeDefined();
    expect(plugin.components.QueryEditor).toBeDefined();
  });

  it('the built data source sends requests through the proxy route', async () => {
    const { plugin } = loadModule();
    const urls: string[] = [];
    const backendSrv = {
      fetch: (options: { url: string }) => {
        urls.push(options.url);
        const body = options.url.includes('/projects/') ? '[]' : '{"id":"1","slug":"acme","name":"Acme"}';
        return of({
          status: 200,
          data: options.url.endsWith('/api/0/') ? '{"auth":{"scopes":["org:read","project:read","event:read"]}}' : body,
          headers: new Headers(),
        });
      },
    };
    const settings = instanceSettings({ url: 'https://sentry.io' }, { uid: 'abc' });
    const ds = new plugin.DataSourceClass(
      settings as never,
      backendSrv as never,
      { replace: (s: string) => s } as never
    );
    const result = await ds.testDatasource();
    expect(result).toMatchObject({ status: 'success' });
    expect(urls[0]).toBe('/api/datasources/proxy/uid/abc/sentry/api/0/organizations/acme/?detailed=0');
  });

  it('ships no token: nothing in dist/ carries a Sentry token or an Authorization value', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        statSync(full).isDirectory() ? walk(full) : files.push(full);
      }
    };
    walk(dist);
    expect(files.length).toBeGreaterThan(3);
    // The chunks loaded on demand are checked like module.js.
    expect(files.map((f) => path.relative(dist, f))).toEqual(expect.arrayContaining(scripts()));
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      // Sentry token prefixes (user, org, integration, app) followed by token characters.
      expect({ file, token: /sntry[usia]_[A-Za-z0-9_]{8,}/.test(text) }).toEqual({ file, token: false });
      // No literal bearer credential; the route's `Bearer {{ … }}` template is filled by Grafana's server.
      expect(text.match(/Bearer [A-Za-z0-9_\-.=]{8,}/g) ?? []).toEqual([]);
    }
  });
});

/** The scripts in dist/: module.js and the chunks it loads on demand. */
function scripts(): string[] {
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .sort();
}

describe('what a dashboard viewer loads', () => {
  const text = (name: string) => readFileSync(path.join(dist, name), 'utf8');

  it('module.js, the script every viewer loads, is at most 38,000 bytes at gzip -9', () => {
    expect(gzipSync(readFileSync(path.join(dist, 'module.js')), { level: 9 }).length).toBeLessThanOrEqual(38_000);
  });

  it('the editors and the connection check sit in a chunk of their own beside module.js, none of them in it', () => {
    expect(scripts()).toEqual(['editors.js', 'module.js']);
    const editorsOnly = {
      'config editor': Components.ConfigEditor.URL.testId,
      'query editor': Components.QueryEditor.QueryType.tooltip,
      'variable editor': Components.VariableEditor.Kind.testId,
      'annotation editor': Components.AnnotationEditor.Kind.testId,
      'connection check (Save & test)': 'answered the organization request with something that is not a Sentry',
      'checks of what the settings editor is typed': 'Remove /api/0, the plugin adds it',
    };
    for (const [part, marker] of Object.entries(editorsOnly)) {
      expect({ part, inChunk: text('editors.js').includes(marker) }).toEqual({ part, inChunk: true });
      expect({ part, inModule: text('module.js').includes(marker) }).toEqual({ part, inModule: false });
    }
  });
});
