/** @jest-environment node */
// Alertmanager → Sentry: webhook_config notifications become events in the Sentry fake (through its envelope
// endpoint), repeats group into one issue, a resolved alert resolves it; bad input is refused and counted; and the
// whole path runs from Debian's Alertmanager itself.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_TOKEN, EVENT_WRITE_TOKEN } from '../fake-sentry/auth';
import { dsnFor } from '../fake-sentry/ingest';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import { eventually, hasAlertmanager, TestAlertmanager } from '../tests/support/alertmanager';
import { notification, postNotification } from '../tests/support/alertmanagerNotifications';
import { metricValue } from '../tests/support/sentryWebhooks';
import { RunningBridge, startBridge } from './app';
import { configFromEnv } from './config';

interface SentryIssue {
  id: string;
  title: string;
  status: string;
  count: string;
  level: string;
}

let sentry: RunningFakeSentry;
let projectId: string;
const dirs: string[] = [];
const bridges: RunningBridge[] = [];

async function bridgeWith(env: Record<string, string> = {}): Promise<RunningBridge> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-state-'));
  dirs.push(stateDir);
  const bridge = await startBridge(
    configFromEnv({
      PORT: '0',
      BRIDGE_STATE_DIR: stateDir,
      SENTRY_DSN: dsnFor(sentry.url, { id: projectId }),
      SENTRY_URL: sentry.url,
      SENTRY_ORG: 'acme',
      SENTRY_AUTH_TOKEN: EVENT_WRITE_TOKEN,
      ...env,
    })
  );
  bridges.push(bridge);
  return bridge;
}

async function issuesWithFingerprint(fingerprint: string): Promise<SentryIssue[]> {
  const query = new URLSearchParams({
    project: projectId,
    query: `alertmanager_fingerprint:"${fingerprint}"`,
    statsPeriod: '24h',
  });
  const response = await fetch(`${sentry.url}/api/0/organizations/acme/issues/?${query}`, {
    headers: { Authorization: `Bearer ${DEMO_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SentryIssue[];
}

beforeAll(async () => {
  sentry = await startFakeSentry();
  projectId = sentry.fake.scenario.projects.find((p) => p.slug === 'checkout-api')!.id;
});

afterEach(async () => {
  await Promise.all(bridges.splice(0).map((bridge) => bridge.close()));
});

afterAll(async () => {
  await sentry?.close();
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('POST /alertmanager', () => {
  it('sends each firing alert as an event; the same alert notified twice is one Sentry issue; resolved resolves it', async () => {
    const bridge = await bridgeWith();
    const firing = notification([{ fingerprint: 'f1a2b3c4d5e6f708' }]);
    expect(await postNotification(bridge.url, firing)).toEqual({
      status: 200,
      body: { events: 1, resolved: 0, skipped: 0 },
    });
    expect((await postNotification(bridge.url, firing)).status).toBe(200);

    const [issue, ...others] = await issuesWithFingerprint('f1a2b3c4d5e6f708');
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      title: 'CheckoutErrorBurst: checkout-api answers 5xx to 12 % of requests',
      status: 'unresolved',
      count: '2',
      level: 'fatal',
    });
    const stored = sentry.fake.scenario.issues.find((i) => i.id === issue.id)!;
    expect(stored.events).toHaveLength(2);
    const event = stored.events[1];
    expect(event.environment).toBe('production');
    expect(event.release).toBe('checkout-api@2.4.1');
    expect(event.tags).toMatchObject({
      alertname: 'CheckoutErrorBurst',
      severity: 'critical',
      service: 'checkout-api',
      env: 'production',
      version: 'checkout-api@2.4.1',
      alertmanager_fingerprint: 'f1a2b3c4d5e6f708',
    });

    // Another alert (another fingerprint) is another issue.
    await postNotification(bridge.url, notification([{ fingerprint: '0a0b0c0d0e0f1011' }]));
    expect(await issuesWithFingerprint('0a0b0c0d0e0f1011')).toHaveLength(1);

    const resolved = notification([{ fingerprint: 'f1a2b3c4d5e6f708', status: 'resolved' }]);
    expect(await postNotification(bridge.url, resolved)).toEqual({
      status: 200,
      body: { events: 0, resolved: 1, skipped: 0 },
    });
    expect((await issuesWithFingerprint('f1a2b3c4d5e6f708'))[0].status).toBe('resolved');
    expect((await issuesWithFingerprint('0a0b0c0d0e0f1011'))[0].status).toBe('unresolved');
  });

  it('maps severity to the event level: critical → fatal, warning, info, anything else → error', async () => {
    const bridge = await bridgeWith();
    const levels: Record<string, string> = {};
    for (const severity of ['critical', 'warning', 'info', 'page']) {
      const fingerprint = `5e7e${severity}`;
      await postNotification(
        bridge.url,
        notification([{ fingerprint, labels: { alertname: 'SeverityCheck', severity } }])
      );
      levels[severity] = (await issuesWithFingerprint(fingerprint))[0].level;
    }
    expect(levels).toEqual({ critical: 'fatal', warning: 'warning', info: 'info', page: 'error' });
  });

  it('skips (and counts) resolving when the Sentry API settings are missing', async () => {
    const bridge = await bridgeWith({ SENTRY_URL: '', SENTRY_ORG: '', SENTRY_AUTH_TOKEN: '' });
    await postNotification(bridge.url, notification([{ fingerprint: '5c1b0000aaaa0001' }]));
    const answer = await postNotification(
      bridge.url,
      notification([{ fingerprint: '5c1b0000aaaa0001', status: 'resolved' }])
    );
    expect(answer).toEqual({ status: 200, body: { events: 0, resolved: 0, skipped: 1 } });
    expect((await issuesWithFingerprint('5c1b0000aaaa0001'))[0].status).toBe('unresolved');
    const metrics = await (await fetch(`${bridge.url}/metrics`)).text();
    expect(metricValue(metrics, 'sentry_lens_bridge_sentry_resolves_total', { outcome: 'skipped' })).toBe(1);
  });

  it('answers 502 when Sentry refuses the event, so Alertmanager retries the notification', async () => {
    const wrongKey = dsnFor(sentry.url, { id: projectId }).replace(/\/\/\w+@/, '//0000@');
    const bridge = await bridgeWith({ SENTRY_DSN: wrongKey });
    const answer = await postNotification(bridge.url, notification([{ fingerprint: 'dead00000000beef' }]));
    expect(answer.status).toBe(502);
    expect(await issuesWithFingerprint('dead00000000beef')).toEqual([]);
  });

  it('checks the bearer token when BRIDGE_AM_TOKEN is set', async () => {
    const bridge = await bridgeWith({ BRIDGE_AM_TOKEN: 'am-to-bridge-secret' });
    const body = notification([{ fingerprint: 'be4e000000000001' }]);
    expect((await postNotification(bridge.url, body)).status).toBe(401);
    expect((await postNotification(bridge.url, body, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await issuesWithFingerprint('be4e000000000001')).toEqual([]);
    const allowed = await postNotification(bridge.url, body, { Authorization: 'Bearer am-to-bridge-secret' });
    expect(allowed.status).toBe(200);
    expect(await issuesWithFingerprint('be4e000000000001')).toHaveLength(1);
  });
});

const describeAlertmanager = hasAlertmanager ? describe : describe.skip;

describeAlertmanager('from Debian’s Alertmanager: its own notifications', () => {
  it('turns an alert posted to Alertmanager into one Sentry issue, and resolves it when the alert ends', async () => {
    const bridge = await bridgeWith({ BRIDGE_AM_TOKEN: 'am-to-bridge-secret' });
    const alertmanager = await TestAlertmanager.start(
      [
        'route:',
        '  receiver: sentry',
        '  group_by: [alertname]',
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: sentry',
        '    webhook_configs:',
        `      - url: ${bridge.url}/alertmanager`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        '            credentials: am-to-bridge-secret',
        '',
      ].join('\n')
    );
    try {
      const alert = {
        labels: { alertname: 'DemoErrorBurst', severity: 'warning', service: 'checkout-api', env: 'production' },
        annotations: { summary: 'error ratio above 5 %' },
        startsAt: new Date().toISOString(),
      };
      const post = (alerts: object[]) =>
        fetch(`${alertmanager.url}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(alerts),
        });
      expect((await post([alert])).status).toBe(200);
      const [firing] = await alertmanager.alerts({ alertname: 'DemoErrorBurst' });
      const issue = await eventually(async () => (await issuesWithFingerprint(firing.fingerprint))[0]);
      expect(issue).toMatchObject({ title: 'DemoErrorBurst: error ratio above 5 %', level: 'warning' });

      expect((await post([{ ...alert, endsAt: new Date().toISOString() }])).status).toBe(200);
      await eventually(
        async () => ((await issuesWithFingerprint(firing.fingerprint))[0].status === 'resolved' ? true : undefined),
        10_000,
        'the issue to be resolved'
      );
      expect(await issuesWithFingerprint(firing.fingerprint)).toHaveLength(1);
    } finally {
      await alertmanager.close();
    }
  });
});
