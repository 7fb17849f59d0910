/**
 * What the Grafana specs need to know about the demo stack (docker-compose.yaml, provisioning/): the values the
 * provisioned data sources get, and a way to wait for this plugin's requests, which go through Grafana's data
 * source proxy rather than /api/ds/query.
 */
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

import manifest from '../../src/plugin.json';
import { Components } from '../../src/selectors';
import type { QueryType } from '../../src/sentry/query';
import { readComposeFile } from '../demo-stack/composeYaml';

export const PLUGIN_ID = manifest.id;
const root = path.resolve(__dirname, '../..');

/** The Grafana service's environment as `docker compose up` sets it: this shell's variables, else the defaults. */
export function grafanaEnv(): Record<string, string> {
  const compose = readComposeFile<{ services: { grafana: { environment?: Record<string, string> } } }>(
    path.join(root, 'docker-compose.yaml')
  ).model;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(compose.services.grafana.environment ?? {})) {
    env[name] = String(value).replace(
      /\$\{(\w+)(?::?-([^}]*))?\}/g,
      (_m, variable: string, fallback?: string) => process.env[variable] || fallback || ''
    );
  }
  return env;
}

/**
 * Gives this process the environment the Grafana container gets, where it is not set: plugin-e2e's
 * `readProvisionedDataSource` expands `${VAR}` from process.env the way Grafana does from its own.
 */
export function useStackEnvironment(): void {
  for (const [name, value] of Object.entries(grafanaEnv())) {
    process.env[name] ||= value;
  }
}

/** Requests of frontend data sources: `/api/datasources/proxy/uid/<uid>/<route>/…`. */
export const isProxyRequest = (url: string) => url.includes('/api/datasources/proxy/');

/**
 * Counts this page's data source proxy requests from now on. `settled()` waits until some have been made and
 * none has been in flight for a moment.
 */
export function trackProxyRequests(page: Page) {
  let pending = 0;
  let seen = 0;
  page.on('request', (request) => {
    if (isProxyRequest(request.url())) {
      pending++;
      seen++;
    }
  });
  const done = (url: string) => {
    if (isProxyRequest(url)) {
      pending = Math.max(0, pending - 1);
    }
  };
  page.on('requestfinished', (request) => done(request.url()));
  page.on('requestfailed', (request) => done(request.url()));
  return {
    get seen() {
      return seen;
    },
    async settled(timeout = 30_000): Promise<void> {
      await expect.poll(() => seen, { timeout, message: 'no data source proxy request was made' }).toBeGreaterThan(0);
      for (let quiet = 0; quiet < 3;) {
        await expect.poll(() => pending, { timeout, message: 'proxy requests still in flight' }).toBe(0);
        await page.waitForTimeout(300);
        quiet = pending === 0 ? quiet + 1 : 0;
      }
    },
  };
}

/** Picks a query type in the query editor row (the option whose label is exactly the type's label). */
export async function pickQueryType(page: Page, row: ReturnType<Page['locator']>, type: QueryTypeKey): Promise<void> {
  const label = Components.QueryEditor.QueryType.types[type].label;
  await row.getByTestId(Components.QueryEditor.QueryType.testId).click();
  await page
    .getByRole('option')
    .filter({ has: page.getByText(label, { exact: true }) })
    .first()
    .click();
}

export type QueryTypeKey = QueryType;
