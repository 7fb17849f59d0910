// The bridge's own Prometheus metrics (GET /metrics), on a registry of its own so several bridges can share a
// process (the tests run two).

import { Counter, Gauge, Registry } from 'prom-client';

export type WebhookSource = 'sentry' | 'alertmanager';

export interface BridgeMetrics {
  registry: Registry;
  /** Every webhook received, by source, resource (Sentry-Hook-Resource, or `notification`) and outcome. */
  webhooks: Counter<'source' | 'resource' | 'outcome'>;
  /** Requests the bridge made: to Alertmanager (alerts) or Sentry (envelopes, issue updates). */
  forwards: Counter<'target' | 'outcome'>;
  /** Posts to Alertmanager that failed and are tried again after a backoff. */
  retries: Counter<'target'>;
  /** Resolved Alertmanager alerts: resolved in Sentry, not found there, or skipped (no Sentry API settings). */
  sentryResolves: Counter<'outcome'>;
}

/** Labels of the per-alert gauge: a fixed set, '' where an alert has none. */
export const ALERT_LABELS = [
  'alertname',
  'severity',
  'service',
  'environment',
  'sentry_issue_id',
  'sentry_metric_alert_id',
] as const;

export function createMetrics(gauges: {
  queueDepth: () => number;
  firing: () => number;
  firingAlerts: () => Array<Record<string, string>>;
}): BridgeMetrics {
  const registry = new Registry();
  const prefix = 'sentry_lens_bridge_';
  const metrics: BridgeMetrics = {
    registry,
    webhooks: new Counter({
      name: `${prefix}webhooks_total`,
      help: 'Webhooks received, by source, resource and outcome (accepted, ignored, or why it was refused).',
      labelNames: ['source', 'resource', 'outcome'],
      registers: [registry],
    }),
    forwards: new Counter({
      name: `${prefix}forwards_total`,
      help: 'Requests to Alertmanager and Sentry, by target and outcome.',
      labelNames: ['target', 'outcome'],
      registers: [registry],
    }),
    retries: new Counter({
      name: `${prefix}retries_total`,
      help: 'Failed posts that will be tried again after a backoff.',
      labelNames: ['target'],
      registers: [registry],
    }),
    sentryResolves: new Counter({
      name: `${prefix}sentry_resolves_total`,
      help: 'Resolved Alertmanager alerts, by what happened to their Sentry issue.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
  new Gauge({
    name: `${prefix}queue_depth`,
    help: 'Alerts waiting to be posted to Alertmanager.',
    registers: [registry],
    collect() {
      this.set(gauges.queueDepth());
    },
  });
  new Gauge({
    name: `${prefix}firing_alerts`,
    help: 'Sentry alerts firing (re-sent to Alertmanager until they end).',
    registers: [registry],
    collect() {
      this.set(gauges.firing());
    },
  });
  // One series per firing alert, so a Grafana panel on Prometheus can list Sentry's alerts beside Prometheus' ALERTS.
  new Gauge({
    name: `${prefix}firing_alert`,
    help: 'One series (value 1) per firing Sentry alert, with its main labels.',
    labelNames: ALERT_LABELS,
    registers: [registry],
    collect() {
      this.reset();
      for (const labels of gauges.firingAlerts()) {
        this.set(Object.fromEntries(ALERT_LABELS.map((name) => [name, labels[name] ?? ''])), 1);
      }
    },
  });
  return metrics;
}
