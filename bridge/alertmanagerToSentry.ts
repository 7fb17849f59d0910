// Alertmanager → Sentry: a webhook_config notification (version 4) checked field by field, each firing alert sent
// as a Sentry event through the envelope endpoint of SENTRY_DSN, each resolved alert resolving its Sentry issue.

import { randomUUID } from 'node:crypto';

export interface NotificationAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint: string;
}

export interface Notification {
  version: string;
  status: string;
  receiver?: string;
  groupKey?: string;
  externalURL?: string;
  alerts: NotificationAlert[];
}

/** A notification missing a field the bridge needs; `field` names it (`alerts[0].fingerprint`). */
export class InvalidNotification extends Error {
  constructor(
    readonly field: string,
    detail = 'is missing or invalid'
  ) {
    super(`${field} ${detail}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, field: string, required: boolean): Record<string, string> {
  if (value === undefined && !required) {
    return {};
  }
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new InvalidNotification(field);
  }
  return value as Record<string, string>;
}

function requiredString(parent: Record<string, unknown>, key: string, field: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value === '') {
    throw new InvalidNotification(field);
  }
  return value;
}

export function parseNotification(body: unknown): Notification {
  if (!isObject(body)) {
    throw new InvalidNotification('body', 'must be a JSON object');
  }
  const version = requiredString(body, 'version', 'version');
  if (version !== '4') {
    throw new InvalidNotification('version', `"${version}" is not supported (Alertmanager sends "4")`);
  }
  const status = requiredString(body, 'status', 'status');
  if (!Array.isArray(body.alerts)) {
    throw new InvalidNotification('alerts');
  }
  const alerts = body.alerts.map((raw: unknown, index: number): NotificationAlert => {
    const field = `alerts[${index}]`;
    if (!isObject(raw)) {
      throw new InvalidNotification(field);
    }
    const alertStatus = requiredString(raw, 'status', `${field}.status`);
    if (alertStatus !== 'firing' && alertStatus !== 'resolved') {
      throw new InvalidNotification(`${field}.status`, `"${alertStatus}" is neither firing nor resolved`);
    }
    const labels = stringMap(raw.labels, `${field}.labels`, true);
    if (!labels.alertname) {
      throw new InvalidNotification(`${field}.labels.alertname`);
    }
    return {
      status: alertStatus,
      labels,
      annotations: stringMap(raw.annotations, `${field}.annotations`, false),
      startsAt: requiredString(raw, 'startsAt', `${field}.startsAt`),
      endsAt: typeof raw.endsAt === 'string' ? raw.endsAt : undefined,
      generatorURL: typeof raw.generatorURL === 'string' ? raw.generatorURL : undefined,
      fingerprint: requiredString(raw, 'fingerprint', `${field}.fingerprint`),
    };
  });
  const optional = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  return {
    version,
    status,
    receiver: optional('receiver'),
    groupKey: optional('groupKey'),
    externalURL: optional('externalURL'),
    alerts,
  };
}

export interface Dsn {
  publicKey: string;
  projectId: string;
  /** Where the envelope goes: {scheme}://{host}{path prefix}/api/{project}/envelope/. */
  envelopeUrl: string;
  raw: string;
}

export function parseDsn(raw: string): Dsn {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('SENTRY_DSN is not a URL');
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!url.username || !projectId || !/^\d+$/.test(projectId)) {
    throw new Error('SENTRY_DSN must look like https://<public key>@<host>/<project id>');
  }
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  return {
    publicKey: decodeURIComponent(url.username),
    projectId,
    envelopeUrl: `${url.protocol}//${url.host}${prefix}/api/${projectId}/envelope/`,
    raw,
  };
}

const LEVELS: Record<string, string> = { critical: 'fatal', warning: 'warning', info: 'info' };

/** Sentry's level for an Alertmanager severity: critical → fatal, warning, info, anything else → error. */
export function levelFor(severity: string | undefined): string {
  return LEVELS[(severity ?? '').toLowerCase()] ?? 'error';
}

export const FINGERPRINT_TAG = 'alertmanager_fingerprint';
/** Sentry keeps tag values up to 200 characters. */
const MAX_TAG_VALUE = 200;

/** The Sentry event for one firing alert. */
export function eventFor(
  alert: NotificationAlert,
  notification: Notification,
  now = Date.now()
): Record<string, unknown> {
  const { labels, annotations } = alert;
  const summary = annotations.summary ?? annotations.description;
  const tags: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...labels, [FINGERPRINT_TAG]: alert.fingerprint })) {
    tags[name] = value.slice(0, MAX_TAG_VALUE);
  }
  const environment = labels.env ?? labels.environment;
  return {
    event_id: randomUUID().replace(/-/g, ''),
    timestamp: now / 1000,
    platform: 'other',
    logger: 'alertmanager',
    level: levelFor(labels.severity),
    message: summary ? `${labels.alertname}: ${summary}` : labels.alertname,
    ...(environment ? { environment } : {}),
    ...(labels.version ? { release: labels.version } : {}),
    tags,
    fingerprint: ['alertmanager', labels.alertname, alert.fingerprint],
    contexts: {
      alertmanager: {
        fingerprint: alert.fingerprint,
        starts_at: alert.startsAt,
        generator_url: alert.generatorURL ?? null,
        receiver: notification.receiver ?? null,
        group_key: notification.groupKey ?? null,
        external_url: notification.externalURL ?? null,
      },
      annotations,
    },
  };
}

export const CLIENT = 'sentry-lens-bridge/1.0.0';

/** The envelope (header, item header, event) and its request headers. */
export function envelopeFor(
  dsn: Dsn,
  event: Record<string, unknown>,
  now = Date.now()
): { body: string; headers: Record<string, string> } {
  const payload = JSON.stringify(event);
  const body = [
    JSON.stringify({ event_id: event.event_id, dsn: dsn.raw, sent_at: new Date(now).toISOString() }),
    JSON.stringify({ type: 'event', content_type: 'application/json', length: Buffer.byteLength(payload) }),
    payload,
  ].join('\n');
  return {
    body: `${body}\n`,
    headers: {
      'Content-Type': 'application/x-sentry-envelope',
      'X-Sentry-Auth': `Sentry sentry_version=7, sentry_key=${dsn.publicKey}, sentry_client=${CLIENT}`,
    },
  };
}

export interface SentryApi {
  url: string;
  org: string;
  token: string;
}

/** Sentry's search syntax for an exact tag value. */
export function fingerprintQuery(fingerprint: string): string {
  return `${FINGERPRINT_TAG}:"${fingerprint.replace(/["\\]/g, '\\$&')}"`;
}
