import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  DataFrame,
  DataLink,
  Field,
  ScopedVars,
  applyFieldOverrides,
  createTheme,
  mapInternalLinkToExplore,
} from '@grafana/data';
import { templateSrvWith } from '../tests/support/templateSrv';
import { LinkVariables, PrometheusQuery, prometheusLinks, promStringBody, withPrometheusLinks } from './correlation';
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

/** A dashboard with an `env` variable: a value that reads like a variable must not be filled with it. */
const dashboard = templateSrvWith({ env: 'production' });

/**
 * Follows a link as Grafana does (its own mapInternalLinkToExplore, with a TemplateSrv by Grafana's rules): the
 * link's query, then Grafana's interpolation of the query it returns. `labels` are the clicked series' labels.
 */
function follow(link: DataLink, labels: Record<string, string>): string {
  const scopedVars: ScopedVars = { __field: { text: '', value: { labels } } };
  const model = mapInternalLinkToExplore({
    link,
    internalLink: link.internal!,
    scopedVars,
    field: {} as Field,
    replaceVariables: dashboard.replace.bind(dashboard),
  });
  return (model.interpolatedParams!.query as PrometheusQuery).expr;
}

/** The link's query when Grafana answers each variable from `values`, with the variables it was asked for. */
function queryWith(link: DataLink, values: Record<string, string>) {
  const asked: string[] = [];
  const variables: LinkVariables = {
    replaceVariables: (target) => {
      asked.push(target);
      return values[target] ?? '';
    },
    scopedVars: {},
  };
  const query = link.internal!.query as (v: LinkVariables) => PrometheusQuery;
  return { asked, query: query(variables) };
}

describe('Prometheus links from Sentry frames', () => {
  it('maps series labels to Prometheus label matchers filled from the clicked series', () => {
    const [link] = prometheusLinks(config, series({ project: 'checkout-api' }), {
      ...issues,
      environments: ['production'],
    });
    expect(link.internal).toMatchObject({ datasourceUid: 'prom', datasourceName: 'Prometheus' });
    expect(queryWith(link, { '${__field.labels.project}': 'checkout-api' })).toEqual({
      asked: ['${__field.labels.project}'],
      query: { refId: 'A', expr: 'sum(rate(http_requests_total{service="checkout-api", env="production"}[5m]))' },
    });
    expect(follow(link, { project: 'checkout-api' })).toBe(
      'sum(rate(http_requests_total{service="checkout-api", env="production"}[5m]))'
    );
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
    const values = { '${__data.fields.project}': 'web', '${__data.fields["tags[region]"]}': 'eu' };
    expect(queryWith(links[0], values)).toEqual({
      asked: Object.keys(values),
      query: { refId: 'A', expr: 'sum(rate(http_requests_total{service="web", region="eu"}[5m]))' },
    });
  });

  it('escapes a fixed value and gives no link without a Prometheus data source or a usable mapping', () => {
    const [link] = prometheusLinks(config, series({}), { ...issues, environments: ['prod "eu"'] });
    expect(queryWith(link, {}).query).toMatchObject({
      expr: 'sum(rate(http_requests_total{env="prod \\"eu\\""}[5m]))',
    });
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

describe('in Grafana', () => {
  it("a panel's field links open Explore with the clicked series' values escaped", () => {
    const [frame] = withPrometheusLinks([series({ project: 'a"b\\' })], issues, config);
    const [processed] = applyFieldOverrides({
      data: [frame],
      fieldConfig: { defaults: {}, overrides: [] },
      replaceVariables: (value, scopedVars) => {
        // Grafana's dashboards read field labels from the data context the link supplier adds.
        const field = (scopedVars?.__dataContext as { value: { field: Field } } | undefined)?.value.field;
        return value.replace('${__field.labels.project}', () => field?.labels?.project ?? '');
      },
      theme: createTheme(),
    });
    const links = processed.fields[1].getLinks!({ valueRowIndex: 0 });
    expect(links.map((l) => l.title)).toEqual(['Prometheus: service']);
    const explore = JSON.parse(new URL(links[0].href, 'http://grafana').searchParams.get('left')!);
    expect(explore.queries).toEqual([
      { refId: 'A', expr: 'sum(rate(http_requests_total{service="a\\"b\\\\"}[5m]))', datasource: { uid: 'prom' } },
    ]);
  });
});

/** Label values that change a query written into "…" unescaped, or that Grafana would interpolate. */
const HOSTILE_VALUES = [
  'say "hi"',
  'back\\slash\\',
  'two\nlines\r\n',
  'tab\there',
  'close"}} or vector(1) #',
  'unicode é 日本 🙂',
  'control \u0001\u007f',
  '$__rate_interval',
  '${__from}',
  '$env',
  '[[env]]',
  '[[[env]]]',
  "'single' `back`",
];

describe('Prometheus label values from Sentry', () => {
  const linkFor = (template = config.prometheusQuery) =>
    prometheusLinks({ ...config, prometheusQuery: template }, series({ project: 'x' }), issues)[0];

  it('are PromQL string bodies: quotes, backslashes and line breaks escaped, Grafana variables left unread', () => {
    const value = 'a"b\\c\nd}$env[[env]]é';
    expect(promStringBody(value)).toBe('a\\"b\\\\c\\nd}\\x24env\\x5b[env]]é');
    expect(follow(linkFor(), { project: value })).toBe(
      'sum(rate(http_requests_total{service="a\\"b\\\\c\\nd}\\x24env\\x5b[env]]é"}[5m]))'
    );
  });

  it('controls as \\xNN, a lone surrogate as U+FFFD', () => {
    expect(promStringBody('\u0000\u0001\u001f\u007f\t\r')).toBe('\\x00\\x01\\x1f\\x7f\\t\\r');
    expect(promStringBody('a\ud800b\udc00c\ud83d\ude42')).toBe('a\ufffdb\ufffdc\ud83d\ude42');
  });

  it.each(HOSTILE_VALUES)('%j leaves the rest of the query as the template wrote it', (value) => {
    const expr = follow(linkFor('rate(x{<labels>, job="api"}[5m]) > <labelNames>_min'), { project: value });
    const quoted = `"${promStringBody(value)}"`;
    expect(expr).toBe(`rate(x{service=${quoted}, job="api"}[5m]) > service_min`);
    // Nothing between the quotes ends the string: every quote and backslash inside is escaped.
    expect(quoted.slice(1, -1)).toMatch(/^([^"\\\n]|\\[\\"nrt]|\\x[0-9a-f]{2})*$/);
  });

  const promtool = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'promtool'))
    .find((file) => existsSync(file));
  const withPromtool = promtool ? it : it.skip;

  withPromtool('Prometheus parses each followed link and its matcher selects the series with that very value', () => {
    // promtool's rule unit tests: a series per value (its labels quoted by JSON, independently of the code under
    // test), and the followed link's expression must return exactly that series.
    const tests = HOSTILE_VALUES.map((value, i) => {
      const series = `lens_test{i="${i}", service=${JSON.stringify(value)}}`;
      return {
        interval: '1m',
        input_series: [
          { series, values: '1' },
          { series: `lens_test{i="${i}", service="other"}`, values: '2' },
        ],
        promql_expr_test: [
          {
            expr: follow(linkFor(`lens_test{<labels>, i="${i}"}`), { project: value }),
            eval_time: '0m',
            exp_samples: [{ labels: series, value: 1 }],
          },
        ],
      };
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'lens-promql-'));
    try {
      const file = path.join(dir, 'links.test.yml');
      // JSON is YAML (no quoting rules of YAML's own to get wrong), once DEL and non-ASCII are escapes YAML reads.
      const yaml = JSON.stringify({ rule_files: [], evaluation_interval: '1m', tests }).replace(
        /[^\x00-\x7e]/gu,
        (c) => {
          const code = c.codePointAt(0)!;
          return code > 0xffff
            ? `\\U${code.toString(16).padStart(8, '0')}`
            : `\\u${code.toString(16).padStart(4, '0')}`;
        }
      );
      writeFileSync(file, yaml);
      expect(execFileSync(promtool!, ['test', 'rules', file], { encoding: 'utf8' })).toContain('SUCCESS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
