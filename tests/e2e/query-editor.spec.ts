/**
 * A new panel per main query type, built in Grafana's panel editor against the provisioned Sentry data source
 * (the Sentry fake in the demo stack): every type runs through the proxy and shows rows.
 */
import { expect, test } from '@grafana/plugin-e2e';

import type { SentryConfig } from '../../src/sentry/settings';
import { isProxyRequest, pickQueryType, type QueryTypeKey, useStackEnvironment } from './stack';

useStackEnvironment();

const MAIN_TYPES: QueryTypeKey[] = [
  'issues',
  'eventsStats',
  'errorDistribution',
  'events',
  'performance',
  'sessions',
  'statsV2',
  'releases',
  'spikeExplainer',
];

for (const type of MAIN_TYPES) {
  test(`${type} panel shows Sentry data`, async ({ panelEditPage, readProvisionedDataSource, page }) => {
    const ds = await readProvisionedDataSource<SentryConfig>({ fileName: 'sentry.yml', name: 'Sentry' });
    await panelEditPage.datasource.set(ds.name);
    await panelEditPage.setVisualization('Table');
    await panelEditPage.timeRange.set({ from: 'now-24h', to: 'now' });
    await pickQueryType(page, panelEditPage.getQueryEditorRow('A'), type);
    await expect(
      panelEditPage.refreshPanel({
        waitForResponsePredicateCallback: (r) => isProxyRequest(r.url()) && r.url().includes(`/uid/${ds.uid}/`),
      })
    ).toBeOK();
    await expect(panelEditPage.panel.getErrorIcon()).toHaveCount(0);
    await expect(panelEditPage.panel.data.first()).toBeVisible({ timeout: 30_000 });
  });
}
