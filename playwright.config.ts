import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { dirname } from 'node:path';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

/**
 * `@grafana/plugin-e2e` tests against a real Grafana: the demo stack (`npm run build && docker compose up`), then
 * `npm run e2e:grafana`. GRAFANA_URL (default http://localhost:3000) points elsewhere. The browser is Debian's
 * chromium (CHROMIUM_PATH to use another); no Playwright browser download is needed.
 * The browser tests without Grafana (tests/host-e2e/, test host) have their own config: playwright.host.config.ts.
 */
export default defineConfig<PluginOptions>({
  testDir: './tests/e2e',
  /* Apart from the host tests' test-results/, which Playwright empties before each run. */
  outputDir: 'test-results/grafana',
  fullyParallel: true,
  /* Fail the build on CI if you accidentally left test.only in the source code. */
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  /* The HTML report is written, never served: a failing run must not wait for Ctrl+C. */
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/grafana' }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    },
  },

  projects: [
    // 1. Log in to Grafana and store the cookie on disk for the other tests.
    {
      name: 'auth',
      testDir: pluginE2eAuth,
      testMatch: [/.*\.js/],
    },
    // 2. The tests, in Debian's chromium, each starting authenticated as admin.
    {
      name: 'debian-chromium',
      use: {
        ...devices['Desktop Chrome'],
        storageState: 'playwright/.auth/admin.json',
      },
      dependencies: ['auth'],
    },
  ],
});
