/**
 * The provisioned dashboards open in Grafana with every panel answered and none in error: the service overview
 * (Prometheus and Sentry side by side), the organization overview and the every-query-type dashboard.
 */
import { expect, test } from '@grafana/plugin-e2e';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { trackProxyRequests } from './stack';

// Each opens with its variables as Grafana loads them (the request lookup's ids too): every panel has data.
const DASHBOARDS = ['service-overview.json', 'org-overview.json', 'query-types.json'];
// The dashboards the plugin ships live in src/dashboards/ (provisioned from the plugin folder), the demo's own in
// provisioning/dashboards/.
const SHIPPED = path.resolve(__dirname, '../../src/dashboards');

async function dashboardUid(
  fileName: string,
  readProvisionedDashboard: (args: { fileName: string }) => Promise<{ uid: string }>
): Promise<string> {
  const shipped = path.join(SHIPPED, fileName);
  if (existsSync(shipped)) {
    return JSON.parse(readFileSync(shipped, 'utf8')).uid;
  }
  return (await readProvisionedDashboard({ fileName })).uid;
}

for (const fileName of DASHBOARDS) {
  test(`${fileName} opens without panel errors`, async ({ readProvisionedDashboard, gotoDashboardPage, page }) => {
    const uid = await dashboardUid(fileName, readProvisionedDashboard);
    const proxy = trackProxyRequests(page);
    const dashboardPage = await gotoDashboardPage({ uid });
    // Prometheus panels go through /api/ds/query, Sentry panels through the data source proxy.
    await dashboardPage.waitForPanelsQueriesToComplete({ scrollAll: true });
    await proxy.settled();
    await expect(dashboardPage).not.toHavePanelErrors();
    await expect(page.getByText('No data', { exact: true })).toHaveCount(0);
  });
}

test('the service overview follows its service and environment variables', async ({
  readProvisionedDashboard,
  gotoDashboardPage,
  page,
}) => {
  const uid = await dashboardUid('service-overview.json', readProvisionedDashboard);
  const proxy = trackProxyRequests(page);
  const dashboardPage = await gotoDashboardPage({
    uid,
    queryParams: new URLSearchParams({ 'var-service': 'web-frontend', 'var-env': 'staging' }),
  });
  await dashboardPage.waitForPanelsQueriesToComplete({ scrollAll: true });
  await proxy.settled();
  await expect(dashboardPage).not.toHavePanelErrors();
  await expect(page.getByText('web-frontend staging').first()).toBeVisible();
});
