// Sentry integration-platform webhook bodies (event_alert, metric_alert, issue) shaped as Sentry sends them, and
// the signed request the bridge receives.

import { createHmac } from 'node:crypto';

export const CLIENT_SECRET = 'b1d9e5c0a7f34e2b8c6d0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e';

export interface EventAlertOptions {
  issueId?: string;
  rule?: string;
  project?: string;
  environment?: string;
  release?: string;
  level?: string;
  title?: string;
  datetime?: string;
}

export function eventAlert(options: EventAlertOptions = {}): object {
  const issueId = options.issueId ?? '6100000123';
  const project = options.project ?? 'checkout-api';
  const eventId = 'a6f8c2e04b9d4c1f8e7d6c5b4a392817';
  return {
    action: 'triggered',
    installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' },
    data: {
      event: {
        event_id: eventId,
        project: 4505,
        issue_id: issueId,
        title: options.title ?? "TypeError: Cannot read properties of undefined (reading 'total')",
        culprit: 'POST /api/checkout',
        level: options.level ?? 'error',
        environment: options.environment ?? 'production',
        release: options.release ?? 'checkout-api@2.4.1',
        datetime: options.datetime ?? new Date().toISOString(),
        platform: 'node',
        tags: [
          ['environment', options.environment ?? 'production'],
          ['level', options.level ?? 'error'],
          ['release', options.release ?? 'checkout-api@2.4.1'],
        ],
        url: `https://sentry.io/api/0/projects/acme/${project}/events/${eventId}/`,
        web_url: `https://sentry.io/organizations/acme/issues/${issueId}/events/${eventId}/`,
        issue_url: `https://sentry.io/api/0/issues/${issueId}/`,
      },
      triggered_rule: options.rule ?? 'Checkout errors after deploy',
      issue_alert: { title: options.rule ?? 'Checkout errors after deploy', settings: [] },
    },
    actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  };
}

export function metricAlert(action: 'critical' | 'warning' | 'resolved', ruleId = '31'): object {
  return {
    action,
    installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' },
    data: {
      description_text: '1000 events in the last 10 minutes\nFilter: level:error',
      description_title: `${action === 'resolved' ? 'Resolved' : action === 'warning' ? 'Warning' : 'Critical'}: Checkout error rate`,
      metric_alert: {
        id: '412',
        identifier: '9',
        title: 'Checkout error rate',
        status: action === 'resolved' ? 2 : 20,
        date_started: new Date().toISOString(),
        projects: ['checkout-api'],
        alert_rule: {
          id: ruleId,
          name: 'Checkout error rate',
          aggregate: 'count()',
          dataset: 'events',
          environment: 'production',
          projects: ['checkout-api'],
          time_window: 10,
          triggers: [{ label: 'critical', alert_threshold: 1000 }],
        },
      },
      web_url: 'https://sentry.io/organizations/acme/alerts/rules/details/9/',
    },
    actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  };
}

export function issueWebhook(
  action: 'created' | 'resolved' | 'unresolved' | 'archived' | 'assigned',
  issueId: string
): object {
  return {
    action,
    installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' },
    data: {
      issue: {
        id: issueId,
        shortId: 'CHECKOUT-API-4Z',
        title: "TypeError: Cannot read properties of undefined (reading 'total')",
        status: action === 'resolved' ? 'resolved' : 'unresolved',
        project: { id: '4505', slug: 'checkout-api', name: 'checkout-api' },
        permalink: `https://sentry.io/organizations/acme/issues/${issueId}/`,
      },
    },
    actor: { type: 'user', id: 1, name: 'Ada' },
  };
}

export interface WebhookAnswer {
  status: number;
  body: unknown;
  ms: number;
}

/** POSTs a webhook as Sentry does: the raw JSON body signed with `secret` (or a given signature). */
export async function postWebhook(
  bridgeUrl: string,
  resource: string,
  body: object | string,
  options: { secret?: string; signature?: string } = {}
): Promise<WebhookAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature =
    options.signature ??
    createHmac('sha256', options.secret ?? CLIENT_SECRET)
      .update(raw)
      .digest('hex');
  const started = performance.now();
  const response = await fetch(`${bridgeUrl}/sentry`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Request-ID': 'c1b2a3d4-0000-4000-8000-000000000001',
      'Sentry-Hook-Resource': resource,
      'Sentry-Hook-Timestamp': String(Math.floor(Date.now() / 1000)),
      'Sentry-Hook-Signature': signature,
    },
    body: raw,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body: parsed, ms };
}

/** A metric's value in Prometheus text format, 0 when absent. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) {
      continue;
    }
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) {
      continue;
    }
    const set = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => set.includes(`${key}="${value}"`))) {
      total += Number(match[3]);
    }
  }
  return total;
}
