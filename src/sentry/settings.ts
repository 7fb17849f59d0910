/**
 * The data source's settings: what Grafana saves (jsonData, and the token in secureJsonData). The checks of what a
 * user types into them are in settingsInput.ts.
 */
import type { DataSourceJsonData } from '@grafana/data';
import { BYTES_PER_MB } from './limits';

/** Settings saved in the data source's jsonData (visible to the browser). */
export interface SentryConfig extends DataSourceJsonData {
  /** Sentry base URL, e.g. https://sentry.io, https://de.sentry.io or a self-hosted root. */
  url?: string;
  /** Organization slug, e.g. "acme". */
  orgSlug?: string;
  /** Requests to Sentry in flight at once for this data source instance. */
  maxConcurrentRequests?: number;
  /** Most rows a paginated query fetches before it stops and marks the result truncated. */
  rowBudget?: number;
  /** Most megabytes (2^20 bytes) of one answer from Sentry. */
  maxResponseMB?: number;
  /** Longest a query waits for Sentry's rate limit, in seconds, before it fails. */
  rateLimitWaitSeconds?: number;
  /** Prometheus data source that Sentry panels link to (its uid). */
  prometheusDatasourceUid?: string;
  /** Which Prometheus label carries the same value as which Sentry dimension (project slug, environment…). */
  labelMap?: LabelMapping[];
  /** PromQL for links to Prometheus; `<labels>` becomes the matchers from the label map. */
  prometheusQuery?: string;
}

export interface LabelMapping {
  /** Prometheus label, e.g. service. */
  prometheus: string;
  /** Sentry dimension: project (slug), environment, release, transaction, or a tag key. */
  sentry: string;
}

/** Secrets saved server-side in secureJsonData; the browser never reads them back. */
export interface SentrySecureConfig {
  authToken?: string;
}

/** The client's byte limit for a saved megabyte setting; undefined (the default) when unset or not a usable number. */
export function maxResponseBytes(megabytes: unknown): number | undefined {
  return typeof megabytes === 'number' && Number.isFinite(megabytes) && megabytes > 0
    ? Math.round(megabytes * BYTES_PER_MB)
    : undefined;
}


/** The client's rate-limit deadline for a saved seconds setting; undefined (the default) when unset or unusable. */
export function rateLimitDeadlineMs(seconds: unknown): number | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.round(seconds * 1000)
    : undefined;
}
