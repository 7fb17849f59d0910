/**
 * Correlation with Prometheus: Sentry frames get links to Grafana Explore on the configured Prometheus data source,
 * with label matchers built from the label map and the Sentry values of the row or series (read by Grafana when the
 * link is clicked) or of the query's own filter.
 *
 * Every value is written into its matcher as a PromQL string, escaped here. Grafana has no variable format for that:
 * `:doublequote` escapes `"` but not `\` (a value ending in `\` swallows the closing quote) and keeps line breaks,
 * `:json` leaves a string as it is, `:regex` adds backslashes PromQL refuses inside "…". So the link's query is a
 * function (Grafana's InternalDataLink takes one): on click it reads each value with Grafana's own variables, then
 * builds the expression with the values escaped.
 */
import type { DataFrame, DataLink, InterpolateFunction, ScopedVars } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { SentryQuery } from './sentry/query';
import type { LabelMapping, SentryConfig } from './sentry/settings';

export const DEFAULT_PROMETHEUS_QUERY = 'sum by (<labelNames>) (rate(http_requests_total{<labels>}[$__rate_interval]))';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Where a Sentry dimension's value is found: a series label, a table column, or a fixed filter value. */
type Source = { kind: 'label' | 'field'; name: string } | { kind: 'fixed'; value: string };

export interface PrometheusQuery extends DataQuery {
  expr: string;
}

/** What Grafana hands a link's query function when the link is followed. */
export interface LinkVariables {
  replaceVariables: InterpolateFunction;
  scopedVars: ScopedVars;
}

export function prometheusLinks(
  config: SentryConfig,
  frame: DataFrame,
  query: SentryQuery
): Array<DataLink<PrometheusQuery>> {
  const uid = config.prometheusDatasourceUid;
  const mappings = (config.labelMap ?? []).filter((m) => LABEL_NAME.test(m.prometheus) && m.sentry.trim() !== '');
  if (!uid || mappings.length === 0) {
    return [];
  }
  const matched: Array<{ label: string; source: Source }> = [];
  for (const mapping of mappings) {
    const source = sourceOf(mapping, frame, query);
    if (source) {
      matched.push({ label: mapping.prometheus, source });
    }
  }
  if (matched.length === 0) {
    return [];
  }
  const labelNames = matched.map((m) => m.label).join(', ');
  const template = config.prometheusQuery?.trim() || DEFAULT_PROMETHEUS_QUERY;
  const expr = ({ replaceVariables, scopedVars }: LinkVariables): PrometheusQuery => {
    const valueOf = (source: Source) =>
      source.kind === 'fixed' ? source.value : replaceVariables(reference(source), scopedVars);
    const matchers = matched.map(({ label, source }) => `${label}="${promStringBody(valueOf(source))}"`).join(', ');
    // Replacer functions: the text is inserted as it is (a string replacement would read `$&` and the like).
    return {
      refId: 'A',
      expr: template.replace(/<labels>/g, () => matchers).replace(/<labelNames>/g, () => labelNames),
    };
  };
  return [
    {
      title: `Prometheus: ${labelNames}`,
      url: '',
      internal: { datasourceUid: uid, datasourceName: 'Prometheus', query: expr },
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

const PROM_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A value as the body of a PromQL double-quoted string (Go's escapes): `\`, `"` and line breaks escaped, other
 * control characters as `\xNN`, a lone UTF-16 surrogate (not UTF-8, so no URL could carry it) as U+FFFD. `$`, and `[`
 * before another `[`, become `\x24` and `\x5b`: Grafana interpolates the expression again once the link is built
 * (`$name`, `[[name]]`), and Prometheus reads both back as the same characters.
 */
export function promStringBody(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\\"\x00-\x1f\x7f$]|\[(?=\[)/g, (c) => PROM_ESCAPES[c] ?? hexEscape(c));
}

function hexEscape(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
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
