/**
 * The proxy route that adds the Sentry token is GET only (src/plugin.json): writes sent through Grafana's data
 * source proxy from the browser match no route, so they get no token. As in Grafana, such a request goes to the
 * data source's own URL (Grafana's `url` field, empty for this plugin: 502, nothing sent), or, when one is set,
 * reaches it with the whole proxy path and no Authorization. Reads still carry the token.
 */
import type { Page } from '@playwright/test';

import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import manifest from '../../src/plugin.json';
import { PROVISIONED_UID, expect, hostEnv, openHostPage, test } from './fixtures';

const WRITE_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH'];
const PROXY_REQUESTS = /\/api\/datasources\/proxy\//;

interface UpstreamEntry {
  method: string;
  url: string;
  authorization: 'bearer' | 'other' | 'none';
}

interface FakeLogEntry {
  method: string;
  url: string;
  auth: string;
}

/** Sends a request from the page, as any script in Grafana's page could; returns the status. */
function sendFromBrowser(page: Page, url: string, method: string): Promise<number> {
  return page.evaluate(
    async ({ url, method }) => {
      const body = method === 'GET' ? undefined : JSON.stringify({ role: 'owner' });
      const response = await fetch(url, { method, body, headers: { 'Content-Type': 'application/json' } });
      return response.status;
    },
    { url, method }
  );
}

/** What the host's proxy sent upstream (never the token itself, only whether Authorization was set). */
async function upstreamWith(page: Page, probe: string): Promise<UpstreamEntry[]> {
  const all = (await (await page.request.get('/__host/upstream')).json()) as UpstreamEntry[];
  return all.filter((entry) => entry.url.includes(probe));
}

/** What reached the Sentry fake. */
async function fakeReceived(page: Page, probe: string): Promise<FakeLogEntry[]> {
  const all = (await (await page.request.get(`${hostEnv().fakeUrl}/__fake/requests`)).json()) as FakeLogEntry[];
  return all.filter((entry) => entry.url.includes(probe));
}

test('POST, PUT, DELETE and PATCH through the proxy carry no token; GET does', async ({ page, pageGuard }, info) => {
  const { fakeUrl } = hostEnv();
  pageGuard.allowFailedRequests(PROXY_REQUESTS);
  // A second data source whose Grafana URL is set too (the plugin's settings never set it; the API can).
  const created = await page.request.post('/api/datasources', {
    data: {
      name: `Sentry with a Grafana URL ${info.workerIndex}-${Date.now()}`,
      type: manifest.id,
      access: 'proxy',
      url: fakeUrl,
      jsonData: { url: fakeUrl, orgSlug: 'acme' },
      secureJsonData: { authToken: DEMO_TOKEN },
    },
  });
  expect(created.ok()).toBe(true);
  const withUrl = ((await created.json()) as { datasource: { uid: string } }).datasource.uid;
  await openHostPage(page, 'query');

  const probe = `probe-${info.workerIndex}-${Date.now()}`;
  const proxied = (uid: string, path: string) =>
    `/api/datasources/proxy/uid/${uid}/sentry/api/0/organizations/acme/${path}/?probe=${probe}`;

  // The provisioned data source, as the plugin sets it up: a write has nowhere to go.
  const statuses: Record<string, number> = {};
  for (const method of WRITE_METHODS) {
    statuses[method] = await sendFromBrowser(page, proxied(PROVISIONED_UID, 'members'), method);
  }
  expect(await upstreamWith(page, probe)).toEqual([]);
  expect(await fakeReceived(page, probe)).toEqual([]);
  expect(statuses).toEqual(Object.fromEntries(WRITE_METHODS.map((method) => [method, 502])));

  // With a Grafana URL: the write reaches the fake under the whole proxy path, without Authorization.
  for (const method of WRITE_METHODS) {
    await sendFromBrowser(page, proxied(withUrl, 'members'), method);
  }
  const writePath = `/sentry/api/0/organizations/acme/members/?probe=${probe}`;
  expect(await upstreamWith(page, probe)).toEqual(
    WRITE_METHODS.map((method) => expect.objectContaining({ method, url: fakeUrl + writePath, authorization: 'none' }))
  );
  expect((await fakeReceived(page, probe)).map(({ method, url }) => ({ method, url }))).toEqual(
    WRITE_METHODS.map((method) => ({ method, url: writePath }))
  );

  // A read matches the route: the token is added, and Sentry's API answers.
  for (const uid of [PROVISIONED_UID, withUrl]) {
    expect(await sendFromBrowser(page, proxied(uid, 'projects'), 'GET')).toBe(200);
  }
  const readPath = `/api/0/organizations/acme/projects/?probe=${probe}`;
  const reads = (await upstreamWith(page, probe)).filter((entry) => entry.method === 'GET');
  expect(reads).toEqual([
    expect.objectContaining({ url: fakeUrl + readPath, authorization: 'bearer' }),
    expect.objectContaining({ url: fakeUrl + readPath, authorization: 'bearer' }),
  ]);
  const readsReceived = (await fakeReceived(page, probe)).filter((entry) => entry.method === 'GET');
  expect(readsReceived.map((entry) => entry.url)).toEqual([readPath, readPath]);
  expect(readsReceived.every((entry) => entry.auth !== 'none')).toBe(true);
});
