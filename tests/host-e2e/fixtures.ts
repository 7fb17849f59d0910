/**
 * Fixtures and helpers of the browser specs: the test host's URL (set by global-setup.ts), a guard that fails
 * a test on page errors and unexpected console errors, and helpers that drive the host pages.
 */
import { ConsoleMessage, expect, test as base, Locator, Page, TestInfo } from '@playwright/test';
import path from 'node:path';

import manifest from '../../src/plugin.json';

export { expect };

/** Where global-setup.ts started things; read from the environment it set. */
export interface HostEnv {
  hostUrl: string;
  /** The Sentry fake behind the proxy (the browser must never call it). */
  fakeUrl: string;
  /** A site answering every path with an HTML sign-in page. */
  htmlSiteUrl: string;
  /** A loopback port where nothing listens. */
  closedPortUrl: string;
}

export function hostEnv(): HostEnv {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set: run the specs with playwright.host.config.ts (npm run e2e)`);
    }
    return value;
  };
  return {
    hostUrl: read('SENTRY_LENS_HOST_URL'),
    fakeUrl: read('SENTRY_LENS_FAKE_URL'),
    htmlSiteUrl: read('SENTRY_LENS_HTML_SITE_URL'),
    closedPortUrl: read('SENTRY_LENS_CLOSED_PORT_URL'),
  };
}

/** The data source the host provisions against the fake with the demo token. */
export const PROVISIONED_UID = 'sentry-lens';
/** The data source on a second fake whose Sentry strings carry script payloads (fake-sentry/hostile.ts). */
export const HOSTILE_UID = 'sentry-hostile';

/** Console errors that are not the plugin's: Grafana's fonts are not served by the host. */
const IGNORED_CONSOLE = [/\/public\/fonts\//];

interface Fixtures {
  /** Fails the test on uncaught page errors and console errors (expected failed proxy calls excepted). */
  pageGuard: { allowFailedRequests(pattern: RegExp): void };
}

interface WorkerFixtures {
  hostPage: Page;
}

/**
 * One browser page per worker, kept across its tests: the host is a single-page app like Grafana, so each test
 * navigates inside it (fresh editor, fresh data source instances) instead of reloading the 3 MB bundle. A test
 * that fails leaves the page blank, so the next one starts with a full load.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  hostPage: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        baseURL: hostEnv().hostUrl,
        viewport: { width: 1400, height: 1000 },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ hostPage }, use) => {
    await use(hostPage);
  },
  baseURL: async ({}, use) => {
    await use(hostEnv().hostUrl);
  },
  pageGuard: [
    async ({ page }, use, testInfo) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() !== 'error') {
          return;
        }
        const where = message.location().url;
        if (IGNORED_CONSOLE.some((p) => p.test(where))) {
          return;
        }
        if (/^Failed to load resource/.test(message.text()) && allowed.some((p) => p.test(where))) {
          return;
        }
        problems.push(`console error: ${message.text()} (${where})`);
      };
      page.on('pageerror', onPageError);
      page.on('console', onConsole);
      await use({ allowFailedRequests: (pattern) => allowed.push(pattern) });
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
      if (testInfo.status !== testInfo.expectedStatus) {
        await page.screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true }).catch(() => undefined);
        await page.goto('about:blank').catch(() => undefined);
      }
      expect(problems, 'errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});

//#region Pages

export type HostPage = 'config' | 'query' | 'variable' | 'annotation' | 'panel' | 'dashboard';

/**
 * Shows a host page: by in-app navigation when the host is loaded (see app.tsx), else (or with `reload`) by
 * loading it. Resolves when the new page's editor (the panel page: its results) is on screen.
 */
export async function openHostPage(
  page: Page,
  name: HostPage,
  options: {
    uid?: string;
    query?: object;
    from?: string;
    to?: string;
    reload?: boolean;
    /** Also render query results with Grafana's table panel component. */
    grafanaTable?: boolean;
    /** The dashboard page's dashboard: a file name of src/dashboards/ or provisioning/dashboards/, no .json. */
    dashboard?: string;
  } = {}
): Promise<void> {
  const params = new URLSearchParams({ page: name, uid: options.uid ?? PROVISIONED_UID });
  if (options.grafanaTable) {
    params.set('grafanaTable', '1');
  }
  if (options.dashboard) {
    params.set('name', options.dashboard);
  }
  if (options.query) {
    params.set('query', JSON.stringify(options.query));
  }
  if (options.from) {
    params.set('from', options.from);
  }
  if (options.to) {
    params.set('to', options.to);
  }
  const search = `?${params}`;
  const loaded = !options.reload && (await page.evaluate(() => typeof window.__hostNavigate === 'function'));
  let navigation = 0;
  if (loaded) {
    navigation = await page.evaluate((s) => window.__hostNavigate!(s), search);
  } else {
    await page.goto(`/${search}`);
  }
  const host = page.getByTestId('host-page');
  await expect(host).toHaveAttribute('data-navigation', String(navigation));
  await expect(host).toHaveAttribute('data-page', name);
  const shown = name === 'panel' || name === 'dashboard' ? `host-${name}-view` : `host-${name}-editor`;
  await expect(page.getByTestId(shown)).toBeVisible();
  await expect(page.getByTestId('host-crash')).toHaveCount(0);
}

/** Creates a data source through the host's API, as Grafana's "Add new data source" does; returns its uid. */
export async function createDataSource(page: Page, name: string): Promise<string> {
  const response = await page.request.post('/api/datasources', {
    data: { name, type: manifest.id, access: 'proxy' },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { datasource: { uid: string } };
  return body.datasource.uid;
}

/** A full-page screenshot under test-results/host/screenshots/. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const file = path.join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await expect(page.getByTestId('host-crash')).toHaveCount(0);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

//#endregion

//#region Editor controls (the real @grafana/ui components)

/** Combobox offers typed text as a custom value with this description. */
const CUSTOM_VALUE = 'Use custom value';

/** Picks an option of a Combobox or MultiCombobox by its visible label (a listed option, not typed text). */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(label);
  const option = page
    .getByRole('option')
    .filter({ has: page.getByText(label, { exact: true }) })
    .filter({ hasNotText: CUSTOM_VALUE });
  await option.first().click();
  await closeMulti(input);
}

/** A MultiCombobox stays open for more choices, with the typed filter: clear it and close the menu. */
async function closeMulti(input: Locator): Promise<void> {
  if ((await input.getAttribute('aria-expanded')) === 'true') {
    await input.fill('');
    await input.press('Escape');
  }
}

/** Adds a typed value to a MultiCombobox that accepts custom values (the listed option if there is one). */
export async function addCustomValue(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await page
    .getByRole('option')
    .filter({ has: page.getByText(value, { exact: true }) })
    .first()
    .click();
  await closeMulti(input);
}

/** Types into a text field of the query editor and leaves it, which saves (and runs) the query. */
export async function fillAndCommit(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.blur();
}

/**
 * Checks a radio option inside a field whose wrapper carries the test id. RadioButtonGroup's input lies over
 * its label (a user's click lands on the input), so the input is what gets clicked.
 */
export async function chooseRadio(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).getByRole('radio', { name: label, exact: true }).check();
}

//#endregion

//#region Results

/** The editor's saved query, as the host shows it. */
export async function savedQuery(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('host-query-json').textContent()) ?? '{}');
}

/** Clicks Run and waits until the last run (and any started meanwhile) has finished. */
export async function runQuery(page: Page): Promise<Locator> {
  const results = page.getByTestId('host-results');
  const before = Number((await results.getAttribute('data-started')) ?? 0);
  await page.getByTestId('host-run').click();
  await expect(results).not.toHaveAttribute('data-started', String(before));
  return waitForResults(page);
}

/** Waits until no run is in flight and returns the results section. */
export async function waitForResults(page: Page): Promise<Locator> {
  const results = page.getByTestId('host-results');
  await expect
    .poll(
      async () => {
        const started = await results.getAttribute('data-started');
        const completed = await results.getAttribute('data-completed');
        const state = await results.getAttribute('data-state');
        return started !== '0' && started === completed && state !== 'Loading';
      },
      { timeout: 20_000, message: 'the query run did not finish' }
    )
    .toBe(true);
  return results;
}

export interface FrameSummary {
  name: string;
  refId: string;
  rows: number;
  fields: Array<{ name: string; type: string }>;
  /** The first rows as shown (at most ten). */
  cells: string[][];
  executed: string;
}

export async function readFrames(page: Page): Promise<FrameSummary[]> {
  return page.getByTestId('host-frame').evaluateAll((tables) =>
    tables.map((table) => ({
      name: table.getAttribute('data-name') ?? '',
      refId: table.getAttribute('data-refid') ?? '',
      rows: Number(table.getAttribute('data-rows')),
      fields: Array.from(table.querySelectorAll('th[data-field-name]')).map((th) => ({
        name: th.getAttribute('data-field-name') ?? '',
        type: th.getAttribute('data-field-type') ?? '',
      })),
      cells: Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')
      ),
      executed: table.querySelector('[data-testid="host-executed-query"]')?.textContent ?? '',
    }))
  );
}

export async function readErrors(page: Page): Promise<string[]> {
  return page.getByTestId('host-error').allTextContents();
}

/** The fields of a frame as `name:type`, for compact assertions. */
export function fieldTypes(frame: FrameSummary): Record<string, string> {
  return Object.fromEntries(frame.fields.map((f) => [f.name, f.type]));
}

//#endregion
