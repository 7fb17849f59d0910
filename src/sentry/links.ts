/**
 * Links from frames to Sentry's UI. Built from the configured Sentry URL with encoded parts; anything that
 * is not http(s) on that host is refused. Grafana fills `${__from:date:iso}` etc. when the link is clicked,
 * so every link carries the panel's time range.
 */
import type { DataLink } from '@grafana/data';
import { repeated } from './endpoints';

/** Sentry's web pages, as path segments under the configured host. */
export const sentryPages = {
  issues: (org: string) => ['organizations', org, 'issues'],
  issue: (org: string, id: string) => [...sentryPages.issues(org), id],
  releases: (org: string) => ['organizations', org, 'releases'],
  release: (org: string, version: string) => [...sentryPages.releases(org), version],
  discover: (org: string) => ['organizations', org, 'discover', 'results'],
  /** `ref` is `<project slug>:<event id>`, usually as field references. */
  event: (org: string, ref: string) => ['organizations', org, 'discover', ref],
  trace: (org: string, trace: string) => ['organizations', org, 'performance', 'trace', trace],
  transactionSummary: (org: string) => ['organizations', org, 'performance', 'summary'],
  stats: (org: string) => ['organizations', org, 'stats'],
};

/** The panel's range, in the ISO form Sentry's pages read. */
const RANGE_PARAMS: Array<[string, string]> = [
  ['start', '${__from:date:iso}'],
  ['end', '${__to:date:iso}'],
];

/** The configured Sentry URL's origin, or undefined when it is not http(s). */
export function sentryOrigin(sentryUrl: string): string | undefined {
  try {
    const url = new URL(sentryUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** True when `url` is an http(s) link to the configured Sentry host (Grafana macros allowed in the query). */
export function isSafeSentryLink(url: string, sentryUrl: string): boolean {
  const origin = sentryOrigin(sentryUrl);
  return origin !== undefined && (url === origin || url.startsWith(`${origin}/`));
}

/**
 * A Sentry UI URL: path segments are encoded; query values may hold Grafana macros (`${…}`), which are
 * kept for Grafana to fill and encode. No URL (the link is dropped) when a segment is empty, `.` or `..`:
 * encoding keeps those, and the browser would resolve them into another page.
 */
export function sentryUiUrl(
  sentryUrl: string,
  segments: string[],
  params: Array<[string, string]> = []
): string | undefined {
  const origin = sentryOrigin(sentryUrl);
  if (!origin) {
    return undefined;
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    return undefined;
  }
  const path = segments.map((s) => (isMacroSegment(s) ? s : encodeURIComponent(s))).join('/');
  const query = params
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${isMacro(v) ? v : encodeURIComponent(v)}`)
    .join('&');
  return `${origin}/${path}/${query ? `?${query}` : ''}`;
}

function isMacro(value: string): boolean {
  return /^\$\{[^}]+\}$/.test(value);
}

/** A path segment of field references, alone or joined by `:` (an event's `project:id`). */
function isMacroSegment(value: string): boolean {
  return /^\$\{[^}]+\}(:\$\{[^}]+\})*$/.test(value);
}

function link(title: string, url: string | undefined): DataLink[] {
  return url ? [{ title, url, targetBlank: true }] : [];
}

export interface LinkScope {
  sentryUrl: string;
  org: string;
  projectIds?: string[];
  environments?: string[];
}

function scope(s: LinkScope): Array<[string, string]> {
  return [...repeated('project', s.projectIds), ...repeated('environment', s.environments)];
}

/*
 * Field references below carry `:percentencode`: Grafana fills a link's variables with its uriencode format unless
 * told otherwise, which leaves `/ ? # &` as they are, so a value from Sentry could add path segments or parameters.
 */

/** An issue's page; `idRef` is a field reference such as `${__data.fields.id:percentencode}`. */
export function issueLink(s: LinkScope, idRef = '${__data.fields.id:percentencode}'): DataLink[] {
  return link(
    'Open issue in Sentry',
    sentryUiUrl(s.sentryUrl, sentryPages.issue(s.org, idRef), [...scope(s), ...RANGE_PARAMS])
  );
}

/** One event, by project slug and event id field references. */
export function eventLink(
  s: LinkScope,
  projectRef = '${__data.fields.project:percentencode}',
  idRef = '${__value.raw:percentencode}'
): DataLink[] {
  return link('Open event in Sentry', sentryUiUrl(s.sentryUrl, sentryPages.event(s.org, `${projectRef}:${idRef}`)));
}

/** The same query in Sentry's Discover. */
export function discoverLink(
  s: LinkScope,
  q: { dataset: string; fields: string[]; query?: string; yAxis?: string[] }
): DataLink[] {
  const params: Array<[string, string]> = [
    ['dataset', q.dataset],
    ...repeated('field', q.fields),
    ...repeated('yAxis', q.yAxis),
    ['query', q.query ?? ''],
    ...scope(s),
    ...RANGE_PARAMS,
  ];
  return link('Open in Sentry Discover', sentryUiUrl(s.sentryUrl, sentryPages.discover(s.org), params));
}

/** A release's page. */
export function releaseLink(s: LinkScope, versionRef = '${__data.fields.version:percentencode}'): DataLink[] {
  return link('Open release in Sentry', sentryUiUrl(s.sentryUrl, sentryPages.release(s.org, versionRef)));
}

/** A trace's waterfall. */
export function traceLink(s: LinkScope, traceRef = '${__value.raw:percentencode}'): DataLink[] {
  return link('Open trace in Sentry', sentryUiUrl(s.sentryUrl, sentryPages.trace(s.org, traceRef), RANGE_PARAMS));
}

/** A transaction's summary page; `nameRef` is the transaction name field reference. */
export function transactionSummaryLink(s: LinkScope, nameRef = '${__value.raw:percentencode}'): DataLink[] {
  return link(
    'Open transaction summary in Sentry',
    sentryUiUrl(s.sentryUrl, sentryPages.transactionSummary(s.org), [
      ['transaction', nameRef],
      ...scope(s),
      ...RANGE_PARAMS,
    ])
  );
}

/** Release health: a release's page when the series is one release, else the releases list. */
export function releaseHealthLink(s: LinkScope, byRelease: boolean): DataLink[] {
  if (byRelease) {
    return releaseLink(s, '${__field.labels.release:percentencode}');
  }
  return link(
    'Open releases in Sentry',
    sentryUiUrl(s.sentryUrl, sentryPages.releases(s.org), [...scope(s), ...RANGE_PARAMS])
  );
}

/** The organization's usage stats page. */
export function usageStatsLink(s: LinkScope): DataLink[] {
  return link(
    'Open usage stats in Sentry',
    sentryUiUrl(s.sentryUrl, sentryPages.stats(s.org), [...scope(s), ...RANGE_PARAMS])
  );
}
