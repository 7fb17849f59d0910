/** What Grafana hands a frontend data source instance: jsonData only (secrets stay on the server). */
import type { DataSourceInstanceSettings } from '@grafana/data';

import type { SentryConfig } from '../../src/sentry/settings';
import { PLUGIN_ID } from './plugin';

export const DATASOURCE_UID = 'sentry-lens';

/** The URL Grafana's data source proxy serves an instance under. */
export function proxyUrl(uid: string): string {
  return `/api/datasources/proxy/uid/${uid}`;
}

export const INSTANCE_URL = proxyUrl(DATASOURCE_UID);

type InstanceFields = Partial<Omit<DataSourceInstanceSettings<SentryConfig>, 'jsonData'>> & {
  /** The names of the secrets Grafana stores for the instance (never their values). */
  secureJsonFields?: Record<string, boolean>;
};

/**
 * Settings of one Sentry Lens instance pointing at the fake (organization `acme`). `jsonData` is merged over that
 * default; `instance` replaces other fields, and the proxy URL follows the uid unless given.
 */
export function instanceSettings(
  jsonData: Partial<SentryConfig> = {},
  instance: InstanceFields = {}
): DataSourceInstanceSettings<SentryConfig> {
  const uid = instance.uid ?? DATASOURCE_UID;
  return {
    id: 1,
    uid,
    type: PLUGIN_ID,
    name: 'Sentry',
    url: proxyUrl(uid),
    meta: {},
    ...instance,
    jsonData: { url: 'https://sentry.fake.test', orgSlug: 'acme', ...jsonData },
  } as unknown as DataSourceInstanceSettings<SentryConfig>;
}
