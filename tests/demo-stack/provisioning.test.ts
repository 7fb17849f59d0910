/** @jest-environment node */
// Grafana's provisioning files: they parse, read only variables the compose file sets, and provision the Sentry
// data source next to Prometheus, correlated through the demo metrics' labels.

import path from 'node:path';

import {
  datasources,
  DEMO_METRIC_NAMES,
  metricNames,
  PLUGIN_ID,
  provisioningYaml,
  readYaml,
  root,
  services,
} from './stack-files';

describe('provisioning', () => {
  it('parses every YAML file', () => {
    expect(provisioningYaml.length).toBeGreaterThanOrEqual(3);
    for (const file of provisioningYaml) {
      expect({ file: path.relative(root, file), apiVersion: readYaml(file).apiVersion }).toEqual({
        file: path.relative(root, file),
        apiVersion: 1,
      });
    }
  });

  it('reads only environment variables the Grafana service sets (a literal $ is $$)', () => {
    const env = services.grafana.env;
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
    for (const file of provisioningYaml) {
      for (const text of strings(readYaml(file))) {
        for (const match of text.replace(/\$\$/g, '').matchAll(/\$\{?(\w+)\}?/g)) {
          expect({ file: path.relative(root, file), variable: match[1], set: match[1] in env }).toEqual({
            file: path.relative(root, file),
            variable: match[1],
            set: true,
          });
        }
      }
    }
  });

  it('provisions the Sentry data source from the environment and Prometheus next to it', () => {
    const uids = datasources.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const sentry = datasources.find((d) => d.type === PLUGIN_ID)!;
    expect(sentry).toMatchObject({
      uid: 'sentry-lens',
      jsonData: { url: '${SENTRY_URL}', orgSlug: '${SENTRY_ORG}' },
      secureJsonData: { authToken: '${SENTRY_AUTH_TOKEN}' },
    });
    expect(datasources.find((d) => d.type === 'prometheus')).toMatchObject({
      uid: 'prometheus',
      url: '${PROMETHEUS_URL}',
    });
  });

  it('correlates Sentry with the provisioned Prometheus through the demo metrics labels', () => {
    const sentry = datasources.find((d) => d.type === PLUGIN_ID)!;
    const json = sentry.jsonData as { prometheusDatasourceUid: string; labelMap: unknown[]; prometheusQuery: string };
    expect(datasources.find((d) => d.uid === json.prometheusDatasourceUid)?.type).toBe('prometheus');
    expect(json.labelMap).toEqual([
      { prometheus: 'service', sentry: 'project' },
      { prometheus: 'env', sentry: 'environment' },
      { prometheus: 'version', sentry: 'release' },
    ]);
    expect(json.prometheusQuery).toContain('<labels>');
    // Grafana would expand a single $ as an environment variable.
    expect(json.prometheusQuery).toContain('[$$__rate_interval]');
    expect(metricNames(json.prometheusQuery).every((m) => DEMO_METRIC_NAMES.includes(m))).toBe(true);
  });
});
