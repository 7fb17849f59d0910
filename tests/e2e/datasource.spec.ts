/**
 * The provisioned data sources in a running demo stack (`docker compose up`, then `npm run e2e:grafana`):
 * Save & test of the provisioned Sentry data source, a new one configured from the same provisioning values,
 * and the Prometheus data source the correlation links point at.
 */
import { expect, test } from '@grafana/plugin-e2e';
import type { Page } from '@playwright/test';

import { Components } from '../../src/selectors';
import type { SentryConfig, SentrySecureConfig } from '../../src/sentry/settings';
import { PLUGIN_ID, useStackEnvironment } from './stack';

const selectors = Components.ConfigEditor;

useStackEnvironment();

/** Types the connection settings as a user does: each field committed when it is left. */
async function fillConnection(page: Page, settings: { url: string; org: string; token: string }): Promise<void> {
  for (const [testId, value] of [
    [selectors.URL.testId, settings.url],
    [selectors.OrgSlug.testId, settings.org],
    [selectors.AuthToken.testId, settings.token],
  ]) {
    const input = page.getByTestId(testId);
    await input.fill(value);
    await input.blur();
  }
}

test('the provisioned Sentry data source connects (Save & test)', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
  page,
}) => {
  const ds = await readProvisionedDataSource<SentryConfig, SentrySecureConfig>({
    fileName: 'sentry.yml',
    name: 'Sentry',
  });
  expect(ds.type).toBe(PLUGIN_ID);
  const configPage = await gotoDataSourceConfigPage(ds.uid);
  await expect(page.getByTestId(selectors.URL.testId)).toHaveValue(ds.jsonData.url ?? '');
  await expect(page.getByTestId(selectors.OrgSlug.testId)).toHaveValue(ds.jsonData.orgSlug ?? '');
  // A frontend data source tests itself in the browser: wait for its first request through the proxy.
  await expect(configPage.saveAndTest({ path: `/api/datasources/proxy/uid/${ds.uid}/` })).toBeOK();
  await expect(configPage).toHaveAlert('success', { hasText: /Connected to/ });
});

test('a new Sentry data source with the provisioned settings connects', async ({
  readProvisionedDataSource,
  createDataSourceConfigPage,
  page,
}) => {
  const provisioned = await readProvisionedDataSource<SentryConfig, SentrySecureConfig>({
    fileName: 'sentry.yml',
    name: 'Sentry',
  });
  const configPage = await createDataSourceConfigPage({ type: provisioned.type });
  await fillConnection(page, {
    url: provisioned.jsonData.url ?? '',
    org: provisioned.jsonData.orgSlug ?? '',
    token: provisioned.secureJsonData?.authToken ?? '',
  });
  await expect(configPage.saveAndTest({ path: `/api/datasources/proxy/uid/${configPage.datasource.uid}/` })).toBeOK();
  await expect(configPage).toHaveAlert('success', { hasText: /Connected to .*projects visible/ });
});

test('a rejected token is reported, not hidden', async ({
  readProvisionedDataSource,
  createDataSourceConfigPage,
  page,
}) => {
  const provisioned = await readProvisionedDataSource<SentryConfig>({ fileName: 'sentry.yml', name: 'Sentry' });
  const configPage = await createDataSourceConfigPage({ type: provisioned.type });
  await fillConnection(page, {
    url: provisioned.jsonData.url ?? '',
    org: provisioned.jsonData.orgSlug ?? '',
    token: 'sntryu_not_a_valid_token',
  });
  await configPage.saveAndTest({ path: `/api/datasources/proxy/uid/${configPage.datasource.uid}/` });
  await expect(configPage).toHaveAlert('error');
});

test('the provisioned Prometheus data source, which Sentry panels link to, answers', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
}) => {
  const sentry = await readProvisionedDataSource<SentryConfig>({ fileName: 'sentry.yml', name: 'Sentry' });
  const prometheus = await readProvisionedDataSource({ fileName: 'prometheus.yml', name: 'Prometheus' });
  expect(sentry.jsonData.prometheusDatasourceUid).toBe(prometheus.uid);
  const configPage = await gotoDataSourceConfigPage(prometheus.uid);
  await expect(configPage.saveAndTest()).toBeOK();
});
