/**
 * The config editor of the built plugin: typed settings are saved like Grafana's settings form does, and
 * Save & test reaches Sentry through the proxy; every failure names its cause.
 */
import { EXPIRED_TOKEN, ORG_TOKEN, DEMO_TOKEN } from '../../fake-sentry/handlers';
import { Components } from '../../src/selectors';
import { createDataSource, expect, hostEnv, openHostPage, screenshot, test } from './fixtures';
import type { Page, Response } from '@playwright/test';

const selectors = Components.ConfigEditor;

interface Settings {
  url: string;
  org: string;
  token: string;
}

/** Fills the connection settings the way a user does (typing, leaving each field). */
async function fillConnection(page: Page, settings: Settings): Promise<void> {
  const url = page.getByTestId(selectors.URL.testId);
  await url.fill(settings.url);
  await url.blur();
  const org = page.getByTestId(selectors.OrgSlug.testId);
  await org.fill(settings.org);
  await org.blur();
  await page.getByTestId(selectors.AuthToken.testId).fill(settings.token);
}

/** Statuses of the proxy's answers seen by the browser, until stop(). */
function recordProxyStatuses(page: Page): { statuses: number[]; stop(): number[] } {
  const statuses: number[] = [];
  const listener = (r: Response) => {
    if (r.url().includes('/api/datasources/proxy/')) {
      statuses.push(r.status());
    }
  };
  page.on('response', listener);
  return {
    statuses,
    stop: () => {
      page.off('response', listener);
      return statuses;
    },
  };
}

async function saveAndTest(page: Page): Promise<{ status: string; message: string }> {
  await page.getByTestId('host-save-test').click();
  const result = page.getByTestId('host-test-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  return {
    status: (await result.getAttribute('data-status')) ?? '',
    message: (await result.textContent()) ?? '',
  };
}

/** A fresh data source, its config page opened, the given settings typed, then Save & test. */
async function configureAndTest(page: Page, name: string, settings: Settings) {
  const uid = await createDataSource(page, name);
  await openHostPage(page, 'config', { uid });
  await fillConnection(page, settings);
  return { uid, ...(await saveAndTest(page)) };
}

test.describe('config editor', () => {
  test('saves the settings and Save & test connects to Sentry through the proxy', async ({ page }, testInfo) => {
    const { fakeUrl } = hostEnv();
    const uid = await createDataSource(page, 'Sentry config ok');
    await openHostPage(page, 'config', { uid });
    await expect(page.getByText(selectors.Connection.title, { exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: new RegExp(`^${selectors.URL.label}`) })).toBeVisible();
    await fillConnection(page, { url: `${fakeUrl}/`, org: 'acme', token: `Bearer ${DEMO_TOKEN}` });

    const result = await saveAndTest(page);
    expect(result.status).toBe('success');
    expect(result.message).toContain('Connected to Acme Corp (acme)');
    expect(result.message).toMatch(/4 projects visible/);

    // Saved like Grafana: the URL without its trailing slash, the token without "Bearer ", the token only
    // as a configured secret from then on.
    const saved = await (await page.request.get(`/api/datasources/uid/${uid}`)).json();
    expect(saved.jsonData).toMatchObject({ url: fakeUrl, orgSlug: 'acme' });
    expect(saved.secureJsonFields).toEqual({ authToken: true });
    expect(JSON.stringify(saved)).not.toContain(DEMO_TOKEN);
    await expect(page.getByTestId(selectors.AuthToken.testId)).toHaveValue('configured');
    await expect(page.getByRole('button', { name: 'Reset' })).toBeVisible();

    // Request limits are saved too.
    await page.getByRole('button', { name: selectors.RequestLimits.expandAriaLabel }).click();
    const maxConcurrent = page.getByTestId(selectors.MaxConcurrent.testId);
    await maxConcurrent.fill('3');
    await maxConcurrent.blur();
    expect((await saveAndTest(page)).status).toBe('success');
    const again = await (await page.request.get(`/api/datasources/uid/${uid}`)).json();
    expect(again.jsonData).toMatchObject({ url: fakeUrl, orgSlug: 'acme', maxConcurrentRequests: 3 });
    expect(again.secureJsonFields).toEqual({ authToken: true });

    await screenshot(page, testInfo, 'config-editor');
  });

  test('a rejected token: Sentry 401 → Grafana 400 → "rejected the auth token"', async ({ page, pageGuard }) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const proxied = recordProxyStatuses(page);
    const { fakeUrl } = hostEnv();
    const result = await configureAndTest(page, 'Sentry bad token', {
      url: fakeUrl,
      org: 'acme',
      token: 'sntryu_not_a_real_token_000000000000000000000000000000000000000000',
    });
    expect(result.status).toBe('error');
    expect(result.message).toContain('Sentry rejected the auth token');
    expect(proxied.stop()).toContain(400);
    expect(proxied.statuses).not.toContain(401);
  });

  test('an expired token is reported as rejected too', async ({ page, pageGuard }) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const result = await configureAndTest(page, 'Sentry expired token', {
      url: hostEnv().fakeUrl,
      org: 'acme',
      token: EXPIRED_TOKEN,
    });
    expect(result.status).toBe('error');
    expect(result.message).toContain('Sentry rejected the auth token');
  });

  test('an organization token (org:ci only) names the missing scopes', async ({ page, pageGuard }, testInfo) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const uid = await createDataSource(page, 'Sentry org token');
    await openHostPage(page, 'config', { uid });
    await fillConnection(page, { url: hostEnv().fakeUrl, org: 'acme', token: ORG_TOKEN });
    // The editor warns before anything is sent.
    await expect(page.getByText(`This is an organization token. ${selectors.AuthToken.orgTokenWarning}`)).toBeVisible();
    const result = await saveAndTest(page);
    expect(result.status).toBe('error');
    expect(result.message).toContain('The token lacks the scopes org:read, project:read, event:read (it has: org:ci).');
    await screenshot(page, testInfo, 'config-editor-missing-scope');
  });

  test('a wrong organization slug is named', async ({ page, pageGuard }) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const { fakeUrl } = hostEnv();
    const result = await configureAndTest(page, 'Sentry wrong org', { url: fakeUrl, org: 'globex', token: DEMO_TOKEN });
    expect(result.status).toBe('error');
    expect(result.message).toContain(`Organization "globex" was not found at ${fakeUrl} (404)`);
  });

  test('a URL that answers HTML is not Sentry', async ({ page, pageGuard }) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const { htmlSiteUrl } = hostEnv();
    const result = await configureAndTest(page, 'Sentry html site', {
      url: htmlSiteUrl,
      org: 'acme',
      token: DEMO_TOKEN,
    });
    expect(result.status).toBe('error');
    expect(result.message).toContain(`${htmlSiteUrl} did not answer like Sentry's API`);
  });

  test('an unreachable Sentry: the proxy answers 502 and the message says so', async ({
    page,
    pageGuard,
  }, testInfo) => {
    pageGuard.allowFailedRequests(/\/api\/datasources\/proxy\//);
    const proxied = recordProxyStatuses(page);
    const { closedPortUrl } = hostEnv();
    const result = await configureAndTest(page, 'Sentry unreachable', {
      url: closedPortUrl,
      org: 'acme',
      token: DEMO_TOKEN,
    });
    expect(result.status).toBe('error');
    // One full stop after the reason, and the advice once.
    expect(result.message).toBe(
      `Grafana could not reach Sentry at ${closedPortUrl} (502: connection refused, DNS or TLS failure). Check the Sentry URL and that Grafana's server can reach it.`
    );
    expect(new Set(proxied.stop())).toEqual(new Set([502]));
    await screenshot(page, testInfo, 'config-editor-unreachable');
  });

  test('a URL with a path is refused before anything is saved', async ({ page }) => {
    const uid = await createDataSource(page, 'Sentry url path');
    await openHostPage(page, 'config', { uid });
    const url = page.getByTestId(selectors.URL.testId);
    await url.fill(`${hostEnv().fakeUrl}/api/0/`);
    await url.blur();
    await expect(page.getByText('Remove /api/0, the plugin adds it')).toBeVisible();
  });
});
