import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the built plugin (dist/) in the test host (tests/host/): no Grafana, no Docker, no browser
 * download. `npm run build` first; then `npm run e2e`. Screenshots land in test-results/host/screenshots/ (a folder
 * of its own: Playwright empties its outputDir before a run, and the Grafana specs write to test-results/grafana/).
 * Each worker keeps one page and navigates inside the host (tests/host-e2e/fixtures.ts); failures get a screenshot there.
 * (tests/e2e/ holds the @grafana/plugin-e2e specs against real Grafana: playwright.config.ts.)
 */
export default defineConfig({
  testDir: './tests/host-e2e',
  globalSetup: './tests/host-e2e/global-setup.ts',
  outputDir: 'test-results/host',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  projects: [
    {
      name: 'debian-chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
