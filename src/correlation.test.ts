/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { prometheusLinks, withPrometheusLinks } from './correlation';
import type { SentryQuery } from './sentry/query';
import type { SentryConfig } from './sentry/settings';

const config: SentryConfig = {
  prometheusDatasourceUid: 'prom',
  labelMap: [
    { prometheus: 'service', sentry: 'project' },
    { prometheus: 'env', sentry: 'environment' },
    { prometheus: 'version', sentry: 'release' },
  ],
  prometheusQuery: 'sum(rate(http_requests_total{<labels>}[5m]))',
};

const series = (labels: Record<string, string>): DataFrame => ({
  length: 1,
  fields: [
    { name: 'time', type: 'time' as never, values: [1], config: {} },
    { name: 'count()', type: 'number' as never, values: [1], config: {}, labels },
  ],
});

const issues: SentryQuery = { refId: 'A', queryType: 'issues' };

describe('Prometheus links from Sentry frames', () => {
  it('maps series labels to Prometheus label matchers filled by Grafana on click', () => {
    const [link] = prometheusLinks(config, series({ project: 'checkout-api' }), {
      ...issues,
      environments: ['production'],
    });
    expect(link.internal).toEqual({
      datasourceUid: 'prom',
      datasourceName: 'Prometheus',
      query: {
        refId: 'A',
        expr: 'sum(rate(http_requests_total{service="${__field.labels.project}", env="production"}[5m]))',
      },
    });
  });

  it('uses table columns, with bracket references for unusual names', () => {
    const table: DataFrame = {
      length: 1,
      fields: [
        { name: 'project', type: 'string' as never, values: ['web'], config: {} },
        { name: 'tags[region]', type: 'string' as never, values: ['eu'], config: {} },
      ],
    };
    const links = prometheusLinks(
      { ...config, labelMap: [...config.labelMap!, { prometheus: 'region', sentry: 'region' }] },
      table,
      issues
    );
    expect(links[0].internal?.query).toEqual({
      refId: 'A',
      expr: 'sum(rate(http_requests_total{service="${__data.fields.project}", region="${__data.fields["tags[region]"]}"}[5m]))',
    });
  });

  it('escapes a fixed value and gives no link without a Prometheus data source or a usable mapping', () => {
    const [link] = prometheusLinks(config, series({}), { ...issues, environments: ['prod "eu"'] });
    expect(link.internal?.query).toMatchObject({ expr: 'sum(rate(http_requests_total{env="prod \\"eu\\""}[5m]))' });
    expect(
      prometheusLinks({ ...config, prometheusDatasourceUid: undefined }, series({ project: 'x' }), issues)
    ).toEqual([]);
    expect(prometheusLinks(config, series({ other: 'x' }), issues)).toEqual([]);
    expect(
      prometheusLinks(
        { ...config, labelMap: [{ prometheus: 'bad label', sentry: 'project' }] },
        series({ project: 'x' }),
        issues
      )
    ).toEqual([]);
  });

  it('adds the link to value fields, keeps existing links, leaves time fields alone', () => {
    const frame = series({ project: 'checkout-api' });
    frame.fields[1].config.links = [{ title: 'Sentry', url: 'https://sentry.io/x' }];
    const [out] = withPrometheusLinks([frame], issues, config);
    expect(out.fields[0].config.links).toBeUndefined();
    expect(out.fields[1].config.links?.map((l) => l.title)).toEqual(['Sentry', 'Prometheus: service']);
  });
});
