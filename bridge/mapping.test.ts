/** @jest-environment node */
// The bridge's pure parts: the webhook signature, what each Sentry resource asks for, the DSN, the envelope.

import { envelopeFor, eventFor, InvalidNotification, parseDsn, parseNotification } from './alertmanagerToSentry';
import { InvalidWebhook, planForWebhook, signBody, verifySignature } from './sentryAlerts';
import { eventAlert, issueWebhook, metricAlert } from '../tests/support/sentryWebhooks';
import { notification } from '../tests/support/alertmanagerNotifications';

const NOW = Date.UTC(2026, 4, 20, 12);

describe('verifySignature', () => {
  const body = Buffer.from('{"action":"triggered"}');
  const good = signBody(body, 'secret');

  it('accepts the lowercase hex HMAC-SHA256 of the raw body (and its uppercase spelling)', () => {
    expect(verifySignature(body, good, 'secret')).toBe(true);
    expect(verifySignature(body, good.toUpperCase(), 'secret')).toBe(true);
  });

  it('refuses another secret, another body, a missing, short or non-hex signature', () => {
    expect(verifySignature(body, good, 'other')).toBe(false);
    expect(verifySignature(Buffer.from('{"action":"resolved"}'), good, 'secret')).toBe(false);
    expect(verifySignature(body, undefined, 'secret')).toBe(false);
    expect(verifySignature(body, good.slice(2), 'secret')).toBe(false);
    expect(verifySignature(body, `sha256=${good}`, 'secret')).toBe(false);
  });
});

describe('planForWebhook', () => {
  it('takes the project slug from a tag when the event has no API URL, and defaults the rule name', () => {
    const body = eventAlert({ issueId: '42' }) as { data: { event: Record<string, unknown>; triggered_rule?: string } };
    delete body.data.event.url;
    body.data.event.tags = [['project', 'web-frontend']];
    delete body.data.triggered_rule;
    const plan = planForWebhook('event_alert', body, NOW);
    expect(plan.fire[0].labels).toMatchObject({
      alertname: 'Checkout errors after deploy',
      project: 'web-frontend',
      service: 'web-frontend',
    });
  });

  it('never starts an alert in the future (clock skew) and names a missing issue id', () => {
    const future = eventAlert({ datetime: new Date(NOW + 60_000).toISOString() });
    expect(planForWebhook('event_alert', future, NOW).fire[0].startsAt).toBe(new Date(NOW).toISOString());
    const noIssue = { action: 'triggered', data: { event: { title: 't' } } };
    expect(() => planForWebhook('event_alert', noIssue, NOW)).toThrow(new InvalidWebhook('data.event.issue_id'));
    expect(() => planForWebhook('metric_alert', { action: 'critical', data: {} }, NOW)).toThrow(InvalidWebhook);
  });

  it('ignores actions that neither fire nor end', () => {
    expect(planForWebhook('issue', issueWebhook('assigned', '1'), NOW)).toMatchObject({
      outcome: 'ignored',
      fire: [],
      end: [],
    });
    expect(planForWebhook('issue', issueWebhook('created', '1'), NOW).outcome).toBe('ignored');
    expect(planForWebhook('installation', { action: 'created', data: {} }, NOW).outcome).toBe('ignored');
    expect(planForWebhook('metric_alert', metricAlert('critical'), NOW).end).toEqual([
      { label: 'sentry_metric_alert_id', value: '31' },
    ]);
  });
});

describe('Alertmanager → Sentry', () => {
  it('reads a DSN with a path prefix and builds the envelope endpoint and auth header', () => {
    const dsn = parseDsn('https://abc123@sentry.example.com/sentry/42');
    expect(dsn).toMatchObject({
      publicKey: 'abc123',
      projectId: '42',
      envelopeUrl: 'https://sentry.example.com/sentry/api/42/envelope/',
    });
    expect(() => parseDsn('https://sentry.example.com/42')).toThrow(/SENTRY_DSN/);

    const parsed = parseNotification(notification([{ fingerprint: 'ff00' }]));
    const event = eventFor(parsed.alerts[0], parsed, NOW);
    const envelope = envelopeFor(dsn, event, NOW);
    const [header, item, payload] = envelope.body.trimEnd().split('\n');
    expect(JSON.parse(header)).toEqual({
      event_id: event.event_id,
      dsn: dsn.raw,
      sent_at: new Date(NOW).toISOString(),
    });
    expect(JSON.parse(item)).toEqual({
      type: 'event',
      content_type: 'application/json',
      length: Buffer.byteLength(payload),
    });
    expect(JSON.parse(payload)).toMatchObject({
      fingerprint: ['alertmanager', 'CheckoutErrorBurst', 'ff00'],
      contexts: { alertmanager: { fingerprint: 'ff00', receiver: 'sentry' } },
    });
    expect(envelope.headers['X-Sentry-Auth']).toMatch(/^Sentry sentry_version=7, sentry_key=abc123, sentry_client=/);
  });

  it('names the first missing or invalid field of a notification', () => {
    const field = (body: unknown) => {
      try {
        parseNotification(body);
        return null;
      } catch (error) {
        return (error as InvalidNotification).field;
      }
    };
    const base = notification([{}]);
    const alert = (base.alerts as Array<Record<string, unknown>>)[0];
    expect(field([])).toBe('body');
    expect(field({ ...base, status: undefined })).toBe('status');
    expect(field({ ...base, alerts: [{ ...alert, labels: { severity: 'critical' } }] })).toBe(
      'alerts[0].labels.alertname'
    );
    expect(field({ ...base, alerts: [{ ...alert, labels: { alertname: 1 } }] })).toBe('alerts[0].labels');
    expect(field({ ...base, alerts: [{ ...alert, status: 'pending' }] })).toBe('alerts[0].status');
    expect(field({ ...base, alerts: [alert, { ...alert, startsAt: undefined }] })).toBe('alerts[1].startsAt');
    expect(field(base)).toBeNull();
  });
});
