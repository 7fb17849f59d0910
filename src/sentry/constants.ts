/** Defaults shared by the plugin, the CLI and the tests. Plain values only: this runs in Node too. */
export const DEFAULT_SENTRY_URL = 'https://sentry.io';
/** Path of the Grafana data source proxy route declared in plugin.json. */
export const PROXY_ROUTE_PATH = 'sentry';
/** Scopes the plugin's queries need; each is "Read" on an internal integration. */
export const REQUIRED_SCOPES = ['org:read', 'project:read', 'event:read'] as const;
