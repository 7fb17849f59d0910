/**
 * Correlation with Prometheus: Sentry frames get links to Grafana Explore on the configured Prometheus
 * data source, with label matchers built from the label map and the Sentry values of the row or series
 * (filled in by Grafana when the link is clicked) or of the query's own filter.
 */
import type { DataFrame, DataLink } from '@grafana/data';
import type { SentryQuery } from './sentry/query';
import type { LabelMapping, SentryConfig } from './sentry/settings';

export const DEFAULT_PROMETHEUS_QUERY = 'sum by (<labelNames>) (rate(http_requests_total{<labels>}[$__rate_interval]))';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Where a Sentry dimension's value is found: a series label, a table column, or a fixed filter value. */
type Source = { kind: 'label' | 'field'; name: string } | { kind: 'fixed'; value: string };

export function prometheusLinks(config: SentryConfig, frame: DataFrame, query: SentryQuery): DataLink[] {
  const uid = config.prometheusDatasourceUid;
  const mappings = (config.labelMap ?? []).filter((m) => LABEL_NAME.test(m.prometheus) && m.sentry.trim() !== '');
  if (!uid || mappings.length === 0) {
    return [];
  }
  const matchers: string[] = [];
  const labelNames: string[] = [];
  for (const mapping of mappings) {
    const source = sourceOf(mapping, frame, query);
    if (!source) {
      continue;
    }
    labelNames.push(mapping.prometheus);
    matchers.push(
      `${mapping.prometheus}="${source.kind === 'fixed' ? escapePromValue(source.value) : reference(source)}"`
    );
  }
  if (matchers.length === 0) {
    return [];
  }
  const template = config.prometheusQuery?.trim() || DEFAULT_PROMETHEUS_QUERY;
  const expr = template.replace(/<labels>/g, matchers.join(', ')).replace(/<labelNames>/g, labelNames.join(', '));
  return [
    {
      title: `Prometheus: ${labelNames.join(', ')}`,
      url: '',
      internal: { datasourceUid: uid, datasourceName: 'Prometheus', query: { refId: 'A', expr } },
    },
  ];
}

function sourceOf(mapping: LabelMapping, frame: DataFrame, query: SentryQuery): Source | undefined {
  const names = candidates(mapping.sentry);
  for (const field of frame.fields) {
    const label = names.find((n) => field.labels && n in field.labels);
    if (label) {
      return { kind: 'label', name: label };
    }
  }
  const column = frame.fields.find((f) => names.includes(f.name));
  if (column) {
    return { kind: 'field', name: column.name };
  }
  // One environment in the query's filter applies to every row.
  if (mapping.sentry === 'environment' && query.environments?.length === 1) {
    return { kind: 'fixed', value: query.environments[0] };
  }
  return undefined;
}

/** A Sentry dimension and the column names it appears under (tags as `tags[key]` too). */
function candidates(sentry: string): string[] {
  const tag = /^tags?\[(.+)\]$/.exec(sentry)?.[1];
  const key = tag ?? sentry;
  return [...new Set([sentry, key, `tags[${key}]`, `tag[${key}]`])];
}

/** Grafana's data link variable for a series label or a row's column; bracket form for unusual names. */
function reference(source: { kind: 'label' | 'field'; name: string }): string {
  const base = source.kind === 'label' ? '__field.labels' : '__data.fields';
  return /^[A-Za-z_]\w*$/.test(source.name) ? `\${${base}.${source.name}}` : `\${${base}["${source.name}"]}`;
}

function escapePromValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Adds the Prometheus links to every field that has values worth following (not time columns). */
export function withPrometheusLinks(frames: DataFrame[], query: SentryQuery, config: SentryConfig): DataFrame[] {
  return frames.map((frame) => {
    const links = prometheusLinks(config, frame, query);
    if (!links.length) {
      return frame;
    }
    return {
      ...frame,
      fields: frame.fields.map((f) =>
        f.type === 'time' ? f : { ...f, config: { ...f.config, links: [...(f.config.links ?? []), ...links] } }
      ),
    };
  });
}
