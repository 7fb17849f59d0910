/**
 * The provisioned dashboards open in Grafana with every panel answered and none in error: the service overview
 * (Prometheus and Sentry side by side), the organization overview and the every-query-type dashboard.
 */
import { expect, test } from '@grafana/plugin-e2e';

import { trackProxyRequests } from './stack';

// Each opens with its variables as Grafana loads them (the request lookup's ids too): every panel has data.
const DASHBOARDS = ['service-overview.json', 'org-overview.json', 'query-types.json'];

for (const fileName of DASHBOARDS) {
  test(`${fileName} opens without panel errors`, async ({ readProvisionedDashboard, gotoDashboardPage, page }) => {
    const dashboard = await readProvisionedDashboard({ fileName });
    const proxy = trackProxyRequests(page);
    const dashboardPage = await gotoDashboardPage({ uid: dashboard.uid });
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
  const dashboard = await readProvisionedDashboard({ fileName: 'service-overview.json' });
  const proxy = trackProxyRequests(page);
  const dashboardPage = await gotoDashboardPage({
    uid: dashboard.uid,
    queryParams: new URLSearchParams({ 'var-service': 'web-frontend', 'var-env': 'staging' }),
  });
  await dashboardPage.waitForPanelsQueriesToComplete({ scrollAll: true });
  await proxy.settled();
  await expect(dashboardPage).not.toHavePanelErrors();
  await expect(page.getByText('web-frontend staging').first()).toBeVisible();
});
