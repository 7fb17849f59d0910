// Sentry → Alertmanager: the integration webhook's signature, and what each resource means for the alerts the bridge
// keeps firing in Alertmanager. Pure functions; server.ts applies the plan to the durable state.

import { createHmac, timingSafeEqual } from 'node:crypto';

import { PostableAlert } from './types';

/** Resources a Sentry internal integration sends; the ones without alerts are accepted and ignored. */
export const SENTRY_RESOURCES = ['event_alert', 'metric_alert', 'issue', 'installation', 'error', 'comment'];

/** `Sentry-Hook-Signature`: hex HMAC-SHA256 of the raw body keyed with the client secret, compared in constant time. */
export function verifySignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  const given = signature?.trim() ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(given)) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

export function signBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export interface AlertPlan {
  outcome: 'accepted' | 'ignored';
  /** Alerts to fire (and keep re-sending until they end). */
  fire: PostableAlert[];
  /** End every firing alert whose label `label` equals `value`, except the ones fired by this plan. */
  end: Array<{ label: string; value: string }>;
  /** An issue alert: stale when its issue was resolved after the event. */
  eventOf?: { issueId: string; eventAt: number };
  /** An issue webhook: remember the resolve (or forget it on `unresolved`). */
  issue?: { id: string; resolvedAt: number | null };
}

/** A webhook body that lacks what its resource needs; `field` names it. */
export class InvalidWebhook extends Error {
  constructor(readonly field: string) {
    super(`missing or invalid field: ${field}`);
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: Json, key: string, path: string): Json {
  const value = parent[key];
  if (!isObject(value)) {
    throw new InvalidWebhook(path);
  }
  return value;
}

/** A string or number field as a non-empty string, or undefined. */
function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function tagValue(event: Json, key: string): string | undefined {
  const tags = event.tags;
  if (!Array.isArray(tags)) {
    return undefined;
  }
  for (const tag of tags) {
    if (Array.isArray(tag) && tag[0] === key) {
      return str(tag[1]);
    }
    if (isObject(tag) && tag.key === key) {
      return str(tag.value);
    }
  }
  return undefined;
}

/** Only the labels that have a value (Alertmanager treats an empty label as absent). */
function labelsOf(entries: Record<string, string | undefined>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) {
    if (value !== undefined && value !== '') {
      labels[name] = value;
    }
  }
  return labels;
}

function isoAtMost(value: unknown, now: number): string {
  const parsed = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
  // A start in the future (clock skew) would make Alertmanager refuse the end later.
  return new Date(Number.isFinite(parsed) ? Math.min(parsed, now) : now).toISOString();
}

/**
 * The issue's page: the event's web URL without its `events/<id>/` tail
 * (https://sentry.io/organizations/acme/issues/123/events/abc/ → …/issues/123/).
 */
export function issueWebUrl(event: Json): string | undefined {
  const webUrl = str(event.web_url);
  if (webUrl) {
    return webUrl.replace(/events\/[^/]+\/?$/, '');
  }
  return undefined;
}

/** The project slug: from the event's API URL (…/projects/<org>/<slug>/events/<id>/), else a tag, else the id. */
function projectSlug(event: Json): string | undefined {
  const url = str(event.url);
  const match = url ? /\/projects\/[^/]+\/([^/]+)\/events\//.exec(url) : null;
  return match?.[1] ?? tagValue(event, 'project') ?? str(event.project);
}

function eventAlertPlan(data: Json, now: number): AlertPlan {
  const event = objectAt(data, 'event', 'data.event');
  const issueId = str(event.issue_id) ?? str(event.group_id);
  if (!issueId) {
    throw new InvalidWebhook('data.event.issue_id');
  }
  const issueAlert = isObject(data.issue_alert) ? data.issue_alert : {};
  const rule = str(data.triggered_rule) ?? str(issueAlert.title) ?? 'Sentry issue alert';
  const project = projectSlug(event);
  const title = str(event.title) ?? str(event.message) ?? `Sentry issue ${issueId}`;
  const url = issueWebUrl(event) ?? str(event.issue_url);
  const startsAt = isoAtMost(event.datetime ?? event.timestamp, now);
  const alert: PostableAlert = {
    labels: labelsOf({
      alertname: rule,
      source: 'sentry',
      service: project,
      project,
      environment: str(event.environment) ?? tagValue(event, 'environment'),
      release: str(event.release) ?? tagValue(event, 'release'),
      severity: str(event.level) ?? tagValue(event, 'level') ?? 'error',
      sentry_issue_id: issueId,
    }),
    annotations: labelsOf({
      summary: title,
      description: str(event.culprit) ? `${title} (${String(event.culprit)})` : title,
      sentry_url: url,
    }),
    startsAt,
    generatorURL: url,
  };
  return { outcome: 'accepted', fire: [alert], end: [], eventOf: { issueId, eventAt: Date.parse(startsAt) } };
}

function metricAlertPlan(action: string, data: Json, now: number): AlertPlan {
  const incident = objectAt(data, 'metric_alert', 'data.metric_alert');
  const rule = isObject(incident.alert_rule) ? incident.alert_rule : {};
  const id = str(rule.id) ?? str(incident.id);
  if (!id) {
    throw new InvalidWebhook('data.metric_alert.alert_rule.id');
  }
  const end = [{ label: 'sentry_metric_alert_id', value: id }];
  if (action === 'resolved') {
    return { outcome: 'accepted', fire: [], end };
  }
  if (action !== 'critical' && action !== 'warning') {
    return { outcome: 'ignored', fire: [], end: [] };
  }
  const projects = Array.isArray(rule.projects)
    ? rule.projects
    : Array.isArray(incident.projects)
      ? incident.projects
      : [];
  const project = projects.map(str).filter(Boolean).join(',') || undefined;
  const url = str(data.web_url);
  const alert: PostableAlert = {
    labels: labelsOf({
      alertname: str(rule.name) ?? str(incident.title) ?? `Sentry metric alert ${id}`,
      source: 'sentry',
      severity: action,
      sentry_metric_alert_id: id,
      project,
      service: projects.length === 1 ? project : undefined,
      environment: str(rule.environment),
    }),
    annotations: labelsOf({
      summary: str(data.description_title) ?? str(incident.title),
      description: str(data.description_text),
      sentry_url: url,
    }),
    startsAt: isoAtMost(incident.date_started ?? incident.date_detected, now),
    generatorURL: url,
  };
  // critical → warning (or back): the alert of the other severity ends.
  return { outcome: 'accepted', fire: [alert], end };
}

function issuePlan(action: string, data: Json, now: number): AlertPlan {
  const issue = objectAt(data, 'issue', 'data.issue');
  const id = str(issue.id);
  if (!id) {
    throw new InvalidWebhook('data.issue.id');
  }
  if (action === 'resolved' || action === 'archived' || action === 'ignored') {
    return {
      outcome: 'accepted',
      fire: [],
      end: [{ label: 'sentry_issue_id', value: id }],
      issue: { id, resolvedAt: now },
    };
  }
  if (action === 'unresolved') {
    return { outcome: 'accepted', fire: [], end: [], issue: { id, resolvedAt: null } };
  }
  return { outcome: 'ignored', fire: [], end: [] };
}

/** What a verified webhook of `resource` asks for. Throws InvalidWebhook when a needed field is missing. */
export function planForWebhook(resource: string, body: unknown, now: number): AlertPlan {
  if (!isObject(body)) {
    throw new InvalidWebhook('body');
  }
  const action = str(body.action) ?? '';
  switch (resource) {
    case 'event_alert':
      return eventAlertPlan(objectAt(body, 'data', 'data'), now);
    case 'metric_alert':
      return metricAlertPlan(action, objectAt(body, 'data', 'data'), now);
    case 'issue':
      return issuePlan(action, objectAt(body, 'data', 'data'), now);
    default:
      return { outcome: 'ignored', fire: [], end: [] };
  }
}
