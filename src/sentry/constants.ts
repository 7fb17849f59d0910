/** Defaults shared by the plugin, the CLI and the tests. Plain values only: this runs in Node too. */
export const DEFAULT_SENTRY_URL = 'https://sentry.io';
/** Path of the Grafana data source proxy route declared in plugin.json. */
export const PROXY_ROUTE_PATH = 'sentry';
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 5;
export const MAX_CONCURRENT_REQUESTS_LIMIT = 25;
export const DEFAULT_ROW_BUDGET = 1000;
export const MAX_ROW_BUDGET = 100000;
/** Scopes the plugin's queries need; each is "Read" on an internal integration. */
export const REQUIRED_SCOPES = ['org:read', 'project:read', 'event:read'] as const;
