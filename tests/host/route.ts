/** The host page being shown, read from the URL: `?page=…&uid=…&from=…&to=…&query=…`. */
import { DataQuery, TimeRange, dateMath, dateTime } from '@grafana/data';

export interface Route {
  params: URLSearchParams;
  page: string;
  uid: string;
  /** Counts in-app navigations: each one renders a fresh tree with fresh data source instances. */
  navigation: number;
}

export function readRoute(navigation: number): Route {
  const params = new URLSearchParams(window.location.search);
  return { params, page: params.get('page') ?? 'query', uid: params.get('uid') ?? 'sentry-lens', navigation };
}

/** `from` and `to` (default now-24h, now), in UTC. */
export function timeRange(route: Route): TimeRange {
  const fromText = route.params.get('from') ?? 'now-24h';
  const toText = route.params.get('to') ?? 'now';
  const from = dateMath.parse(fromText, false, 'utc') ?? dateTime().subtract(24, 'hours');
  const to = dateMath.parse(toText, true, 'utc') ?? dateTime();
  return { from, to, raw: { from: fromText, to: toText } };
}

/** The query to start from: `&query=<json>`, else the editor's default. */
export function initialQuery(route: Route, fallback: () => Partial<DataQuery>): DataQuery {
  const given = route.params.get('query');
  const base = given ? (JSON.parse(given) as Partial<DataQuery>) : fallback();
  return { refId: 'A', ...base } as DataQuery;
}
