/**
 * Every provisioned dashboard (src/dashboards/, shipped in the plugin, and provisioning/dashboards/) drawn as a
 * viewer sees it against the fake: variables resolved, each of this plugin's panels run through the built plugin
 * and drawn with Grafana's components after Grafana's field processing. No panel may show an error or "No data";
 * each dashboard's screenshot is test-results/host/screenshots/dashboard-<name>.png.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

import { expect, openHostPage, screenshot, test } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');
const DASHBOARD_DIRS = ['src/dashboards', 'provisioning/dashboards'];

const dashboards = DASHBOARD_DIRS.flatMap((dir) =>
  readdirSync(path.join(ROOT, dir))
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.basename(file, '.json'))
);

interface PanelSummary {
  title: string;
  state: string;
  viz: string;
  rows: number;
  fields: string[];
}

async function readPanels(page: Page): Promise<PanelSummary[]> {
  return page.getByTestId('host-dashboard-panel').evaluateAll((panels) =>
    panels.map((panel) => ({
      title: panel.getAttribute('data-title') ?? '',
      state: panel.getAttribute('data-state') ?? '',
      viz: panel.getAttribute('data-viz') ?? '',
      rows: Number(panel.getAttribute('data-rows')),
      fields: JSON.parse(panel.getAttribute('data-fields') ?? '[]') as string[],
    }))
  );
}

/** Waits until the variables are loaded and no panel is still running. */
async function waitForPanels(page: Page): Promise<PanelSummary[]> {
  await expect(page.getByTestId('host-dashboard-view')).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 });
  await expect
    .poll(async () => (await readPanels(page)).filter((p) => p.state === 'Idle' || p.state === 'Loading').length, {
      timeout: 30_000,
      message: 'panels still running',
    })
    .toBe(0);
  return readPanels(page);
}

test('the dashboards to draw are the ones provisioned', () => {
  expect(dashboards.sort()).toEqual(['alerts', 'org-overview', 'query-types', 'service-overview']);
});

for (const name of dashboards) {
  test(`dashboard ${name}: every panel of the plugin has data, drawn with Grafana's components`, async ({
    page,
    pageGuard,
  }, testInfo) => {
    // Projects without the request_id tag answer 404 for its values; the variable takes the others'.
    pageGuard.allowFailedRequests(/\/tags\/request_id\/values\//);
    await openHostPage(page, 'dashboard', { dashboard: name });
    const panels = await waitForPanels(page);

    const variables = page.getByTestId('host-dashboard-variable');
    for (const error of await variables.evaluateAll((all) => all.map((v) => v.getAttribute('data-error')))) {
      expect(error, 'a variable failed').toBe('');
    }
    const ours = panels.filter((p) => p.state !== 'Skipped');
    expect(ours.length).toBeGreaterThan(0);
    // Every panel either has data or belongs to another data source (Prometheus: not run by the host).
    expect(
      panels.filter((p) => p.state !== 'Done' && p.state !== 'Skipped').map((p) => `${p.title}: ${p.state}`)
    ).toEqual([]);
    await expect(page.getByTestId('host-panel-error')).toHaveCount(0);
    await expect(page.getByTestId('host-panel-nodata')).toHaveCount(0);
    await expect(page.getByText('No data', { exact: true })).toHaveCount(0);

    // Grafana's components drew them: uPlot's canvas for time series, the data grid for tables, bar gauges.
    const drawn = page.getByTestId('host-dashboard-panel');
    for (const [viz, selector] of [
      ['TimeSeries', '.uplot canvas'],
      ['TableNG', '[role="grid"]'],
    ] as const) {
      const count = ours.filter((p) => p.viz === viz).length;
      await expect(drawn.filter({ has: page.locator(selector) })).toHaveCount(count);
    }

    // Each value of a stat, bar gauge or pie is named by its row (error.type …), not all by the field's name.
    for (const titles of await page
      .getByTestId('host-gauges')
      .evaluateAll((all) => all.map((g) => JSON.parse(g.getAttribute('data-titles') ?? '[]') as string[]))) {
      expect(titles.length).toBeGreaterThan(1);
      expect(new Set(titles).size).toBe(titles.length);
    }

    // The data grid draws the rows in view only: the whole dashboard in view, every table shows cells.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({
      width: viewport.width,
      height: await page.evaluate(() => document.documentElement.scrollHeight),
    });
    try {
      for (const table of await drawn.filter({ has: page.locator('[role="grid"]') }).all()) {
        await expect(table.getByRole('gridcell').first()).toBeVisible();
      }
      // No row or series under the pointer: the screenshot shows the panels as they load.
      await page.mouse.move(0, 0);
      await screenshot(page, testInfo, `dashboard-${name}`);
    } finally {
      await page.setViewportSize(viewport);
    }
  });
}
