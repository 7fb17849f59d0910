/**
 * The core's values as the plugin's side takes them (the data source, the editors, their selectors): one module to
 * import from, so that webpack keeps the whole core in one scope in module.js. The editors are a chunk loaded on
 * demand, and a chunk that reaches into single modules of module.js makes webpack wrap each of them, and every
 * module they share, on its own, with a table of its exports: about 1.6 KB more gzip for a dashboard viewer
 * (measured). Types may still come from any module (eslint.config.mjs, coreApi); tests and the CLI import modules
 * directly.
 */
export * from './annotations';
export * from './anomaly';
export * from './client';
export * from './constants';
export * from './datasets';
export * from './endpoints';
export * from './errors';
export * from './interpolate';
export * from './limits';
export * from './metadata';
export * from './migrate';
export * from './proxyTransport';
export * from './queries/distribution';
export * from './queries/events';
export * from './queries/eventsStats';
export * from './queries/issues';
export * from './queries/performance';
export * from './queries/releases';
export * from './queries/requestLookup';
export * from './queries/sessions';
export * from './queries/spikeExplainer';
export * from './queries/statsV2';
export * from './registry';
export * from './run';
export * from './settings';
export * from './tailRefresh';
export * from './variables';
