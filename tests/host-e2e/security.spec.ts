/**
 * The token never travels through the browser except once, typed into the settings form and saved, as in
 * Grafana. Every request leaving the browser in a full editor session is recorded and checked; the Sentry
 * traffic goes only through Grafana's data source proxy, which adds the token on the server.
 */
import type { Request, Response } from '@playwright/test';

import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { Components } from '../../src/selectors';
import { EventsStatsSelectors } from '../../src/components/query-editor/EventsStatsEditor.selectors';
import {
  chooseOption,
  chooseRadio,
  createDataSource,
  expect,
  fillAndCommit,
  hostEnv,
  openHostPage,
  runQuery,
  test,
} from './fixtures';

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

test('the token leaves the browser only in the settings save; Sentry is reached only through the proxy', async ({
  page,
}) => {
  const { fakeUrl, hostUrl } = hostEnv();
  const requests: Request[] = [];
  const apiResponses: Response[] = [];
  const onRequest = (r: Request) => requests.push(r);
  const onResponse = (r: Response) => r.url().startsWith(`${hostUrl}/api/`) && apiResponses.push(r);
  page.on('request', onRequest);
  page.on('response', onResponse);

  // A new data source: configure it, save & test. The page is loaded from scratch, so everything it fetches
  // is recorded.
  const uid = await createDataSource(page, 'Sentry security');
  await openHostPage(page, 'config', { uid, reload: true });
  const config = Components.ConfigEditor;
  await page.getByTestId(config.URL.testId).fill(fakeUrl);
  await page.getByTestId(config.URL.testId).blur();
  await page.getByTestId(config.OrgSlug.testId).fill('acme');
  await page.getByTestId(config.OrgSlug.testId).blur();
  await page.getByTestId(config.AuthToken.testId).fill(DEMO_TOKEN);
  await page.getByTestId('host-save-test').click();
  await expect(page.getByTestId('host-test-result')).toHaveAttribute('data-status', 'success');

  // Use it: a query of a few types, a variable, an annotation.
  const editor = Components.QueryEditor;
  await openHostPage(page, 'query', { uid });
  await runQuery(page);
  await chooseOption(page, editor.QueryType.testId, editor.QueryType.types.eventsStats.label);
  await fillAndCommit(page, EventsStatsSelectors.Search.testId, 'level:error');
  await chooseOption(page, editor.Projects.testId, 'checkout-api');
  await runQuery(page);
  await chooseOption(page, editor.QueryType.testId, editor.QueryType.types.releases.label);
  await runQuery(page);
  await openHostPage(page, 'variable', { uid });
  await runQuery(page);
  await openHostPage(page, 'annotation', { uid });
  await chooseRadio(page, Components.AnnotationEditor.Kind.testId, Components.AnnotationEditor.Kind.options.deploys);
  await runQuery(page);
  page.off('request', onRequest);
  page.off('response', onResponse);

  const recorded: Recorded[] = await Promise.all(
    requests.map(async (r) => ({
      method: r.method(),
      url: r.url(),
      headers: await r.allHeaders(),
      body: r.postData() ?? '',
    }))
  );
  const carriesToken = (r: Recorded) =>
    [r.url, r.body, ...Object.entries(r.headers).flat()].some((text) => text.includes(DEMO_TOKEN));

  // Exactly one request carried the token: the settings save, to Grafana's data source API.
  const withToken = recorded.filter(carriesToken);
  expect(withToken.map((r) => `${r.method} ${r.url}`)).toEqual([`PUT ${hostUrl}/api/datasources/uid/${uid}`]);
  expect(JSON.parse(withToken[0].body)).toMatchObject({ secureJsonData: { authToken: DEMO_TOKEN } });

  // No request carried an Authorization header, and none went anywhere but the host (Grafana).
  expect(recorded.filter((r) => Object.keys(r.headers).some((h) => h.toLowerCase() === 'authorization'))).toEqual([]);
  expect(recorded.filter((r) => !r.url.startsWith(`${hostUrl}/`)).map((r) => r.url)).toEqual([]);
  expect(recorded.filter((r) => r.url.includes(new URL(fakeUrl).host))).toEqual([]);

  // Sentry's API was used, always through the proxy route of this data source.
  const sentryCalls = recorded.filter((r) => r.url.includes('/api/0/'));
  expect(sentryCalls.length).toBeGreaterThan(5);
  expect(recorded.some((r) => r.url.endsWith('/module.js'))).toBe(true);
  for (const call of sentryCalls) {
    expect(call.url.startsWith(`${hostUrl}/api/datasources/proxy/uid/${uid}/sentry/api/0/`)).toBe(true);
  }

  // Grafana never sends the token back: no API answer contains it.
  for (const response of apiResponses) {
    const body = await response.text().catch(() => '');
    expect(body.includes(DEMO_TOKEN), `${response.url()} must not echo the token`).toBe(false);
  }

  // On the server side of the proxy: the token was added as a bearer header, browser-only headers were not
  // forwarded.
  const upstream = (await (await page.request.get('/__host/upstream')).json()) as Array<{
    url: string;
    authorization: string;
    headerNames: string[];
  }>;
  const ours = upstream.filter((u) => u.url.startsWith(`${fakeUrl}/api/0/`));
  expect(ours.length).toBeGreaterThanOrEqual(sentryCalls.length);
  for (const u of ours) {
    expect(u.authorization).toBe('bearer');
    expect(u.headerNames).not.toContain('cookie');
    expect(u.headerNames).not.toContain('origin');
    expect(u.headerNames).not.toContain('referer');
  }
});
