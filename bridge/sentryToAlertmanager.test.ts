/** @jest-environment node */
// Sentry → Alertmanager against Debian's Alertmanager (0.25, API v2): signed and badly signed webhooks of each
// resource, firing and ending, re-sending within resolve_timeout, a bridge restart and an Alertmanager outage.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ALERTMANAGER_BIN,
  eventually,
  hasAlertmanager,
  nullReceiverConfig,
  TestAlertmanager,
} from '../tests/support/alertmanager';
import {
  CLIENT_SECRET,
  eventAlert,
  issueWebhook,
  metricAlert,
  metricValue,
  postWebhook,
} from '../tests/support/sentryWebhooks';
import { EVENT_WRITE_TOKEN } from '../fake-sentry/auth';
import { startFakeSentry } from '../fake-sentry/server';
import { ISSUE_ALERT_RULE, startWebhooks } from '../fake-sentry/webhooks';
import { RunningBridge, startBridge } from './app';
import { BridgeConfig, configFromEnv } from './config';
import { BridgeState, PostableAlert } from './types';

const describeAlertmanager = hasAlertmanager ? describe : describe.skip;

function bridgeConfig(alertmanagerUrl: string, stateDir: string): BridgeConfig {
  return {
    ...configFromEnv({
      PORT: '0',
      ALERTMANAGER_URL: alertmanagerUrl,
      SENTRY_CLIENT_SECRET: CLIENT_SECRET,
      BRIDGE_STATE_DIR: stateDir,
      RESEND_INTERVAL_S: '1',
    }),
    retryInitialMs: 100,
    retryMaxMs: 400,
  };
}

async function metricsOf(bridge: RunningBridge): Promise<string> {
  return (await fetch(`${bridge.url}/metrics`)).text();
}

describeAlertmanager(
  `Sentry webhooks into Debian's Alertmanager (${ALERTMANAGER_BIN}); without it: apt-get install prometheus-alertmanager`,
  () => {
    let alertmanager: TestAlertmanager;
    let stateDir: string;
    let bridge: RunningBridge;

    beforeAll(async () => {
      // Alerts the bridge stops re-sending resolve after 3 s: the re-send test needs a short resolve_timeout.
      alertmanager = await TestAlertmanager.start(nullReceiverConfig('3s'));
    });
    afterAll(async () => {
      await alertmanager?.close();
    });
    beforeEach(async () => {
      stateDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-state-'));
      bridge = await startBridge(bridgeConfig(alertmanager.url, stateDir));
    });
    afterEach(async () => {
      await bridge?.close();
      rmSync(stateDir, { recursive: true, force: true });
    });

    const firingFor = async (filter: Record<string, string>) =>
      (await alertmanager.alerts(filter)).filter((alert) => alert.status.state === 'active');

    it('answers a signed event_alert with 202 within a second, and the alert fires in Alertmanager with its labels', async () => {
      const answer = await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000001' }));
      expect(answer.status).toBe(202);
      expect(answer.ms).toBeLessThan(1000);

      const [alert] = await eventually(async () => {
        const found = await firingFor({ sentry_issue_id: '6100000001' });
        return found.length ? found : undefined;
      });
      expect(alert.labels).toEqual({
        alertname: 'Checkout errors after deploy',
        source: 'sentry',
        service: 'checkout-api',
        project: 'checkout-api',
        environment: 'production',
        release: 'checkout-api@2.4.1',
        severity: 'error',
        sentry_issue_id: '6100000001',
      });
      expect(alert.annotations.summary).toBe("TypeError: Cannot read properties of undefined (reading 'total')");
      expect(alert.annotations.sentry_url).toBe('https://sentry.io/organizations/acme/issues/6100000001/');
      expect(alert.generatorURL).toBe('https://sentry.io/organizations/acme/issues/6100000001/');
    });

    it('refuses a bad signature with 401 and forwards nothing', async () => {
      const body = eventAlert({ issueId: '6100000002' });
      const wrongSecret = await postWebhook(bridge.url, 'event_alert', body, { secret: 'not-the-client-secret' });
      const notHex = await postWebhook(bridge.url, 'event_alert', body, { signature: 'sha256=abc' });
      // Signed, then changed in transit.
      const raw = JSON.stringify(body);
      const signature = (await import('./sentryAlerts')).signBody(raw, CLIENT_SECRET);
      const tampered = await postWebhook(bridge.url, 'event_alert', raw.replace('6100000002', '6100000003'), {
        signature,
      });
      for (const metricResource of ['metric_alert', 'issue']) {
        const answer = await postWebhook(bridge.url, metricResource, metricAlert('critical'), { secret: 'wrong' });
        expect(answer.status).toBe(401);
      }
      expect([wrongSecret.status, notHex.status, tampered.status]).toEqual([401, 401, 401]);

      // A signed webhook after them shows the forwarder is running: the refused ones are not in Alertmanager.
      await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000004' }));
      await eventually(async () => ((await firingFor({ sentry_issue_id: '6100000004' })).length ? true : undefined));
      expect(await firingFor({ sentry_issue_id: '6100000002' })).toEqual([]);
      expect(await firingFor({ sentry_issue_id: '6100000003' })).toEqual([]);
      expect(await firingFor({ sentry_metric_alert_id: '31' })).toEqual([]);
      expect(bridge.store.state.firing).not.toHaveProperty([expect.stringContaining('6100000002')]);
      expect(
        metricValue(await metricsOf(bridge), 'sentry_lens_bridge_webhooks_total', { outcome: 'bad_signature' })
      ).toBe(5);
    });

    it('ends every alert of an issue on its `resolved` webhook, and fires again on an alert after `unresolved`', async () => {
      await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000010' }));
      await postWebhook(
        bridge.url,
        'event_alert',
        eventAlert({ issueId: '6100000010', release: 'checkout-api@2.4.2' })
      );
      await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000011' }));
      await eventually(async () =>
        (await firingFor({ sentry_issue_id: '6100000010' })).length === 2 ? true : undefined
      );

      expect((await postWebhook(bridge.url, 'issue', issueWebhook('resolved', '6100000010'))).status).toBe(202);
      await eventually(async () =>
        (await firingFor({ sentry_issue_id: '6100000010' })).length === 0 ? true : undefined
      );
      expect(await firingFor({ sentry_issue_id: '6100000011' })).toHaveLength(1);

      // An alert of an event from before the resolve (delivered late) is stale.
      const stale = await postWebhook(
        bridge.url,
        'event_alert',
        eventAlert({ issueId: '6100000010', datetime: new Date(Date.now() - 60_000).toISOString() })
      );
      expect(stale.body).toEqual({ status: 'stale' });

      await postWebhook(bridge.url, 'issue', issueWebhook('unresolved', '6100000010'));
      const again = await postWebhook(
        bridge.url,
        'event_alert',
        eventAlert({ issueId: '6100000010', datetime: new Date(Date.now() - 60_000).toISOString() })
      );
      expect(again.body).toEqual({ status: 'accepted' });
      await eventually(async () =>
        (await firingFor({ sentry_issue_id: '6100000010' })).length === 1 ? true : undefined
      );

      await postWebhook(bridge.url, 'issue', issueWebhook('archived', '6100000011'));
      await eventually(async () =>
        (await firingFor({ sentry_issue_id: '6100000011' })).length === 0 ? true : undefined
      );
    });

    it('fires a metric alert on critical, swaps it on warning, and ends it on resolved', async () => {
      expect((await postWebhook(bridge.url, 'metric_alert', metricAlert('critical', '41'))).status).toBe(202);
      const [critical] = await eventually(async () => {
        const found = await firingFor({ sentry_metric_alert_id: '41' });
        return found.length ? found : undefined;
      });
      expect(critical.labels).toEqual({
        alertname: 'Checkout error rate',
        source: 'sentry',
        severity: 'critical',
        sentry_metric_alert_id: '41',
        project: 'checkout-api',
        service: 'checkout-api',
        environment: 'production',
      });
      expect(critical.annotations).toEqual({
        summary: 'Critical: Checkout error rate',
        description: '1000 events in the last 10 minutes\nFilter: level:error',
        sentry_url: 'https://sentry.io/organizations/acme/alerts/rules/details/9/',
      });
      expect(critical.generatorURL).toBe('https://sentry.io/organizations/acme/alerts/rules/details/9/');

      await postWebhook(bridge.url, 'metric_alert', metricAlert('warning', '41'));
      await eventually(async () => {
        const found = await firingFor({ sentry_metric_alert_id: '41' });
        return found.length === 1 && found[0].labels.severity === 'warning' ? true : undefined;
      });

      await postWebhook(bridge.url, 'metric_alert', metricAlert('resolved', '41'));
      await eventually(async () =>
        (await firingFor({ sentry_metric_alert_id: '41' })).length === 0 ? true : undefined
      );
      expect(Object.keys(bridge.store.state.firing)).toHaveLength(0);
    });

    it('re-sends firing alerts, so they outlive Alertmanager’s resolve_timeout (3 s here) until they end', async () => {
      await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000020' }));
      await eventually(async () => ((await firingFor({ sentry_issue_id: '6100000020' })).length ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(await firingFor({ sentry_issue_id: '6100000020' })).toHaveLength(1);
      await postWebhook(bridge.url, 'issue', issueWebhook('resolved', '6100000020'));
      await eventually(async () =>
        (await firingFor({ sentry_issue_id: '6100000020' })).length === 0 ? true : undefined
      );
    });

    it('loses no firing alert and no pending forward across a bridge restart', async () => {
      await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000030' }));
      await eventually(async () => ((await firingFor({ sentry_issue_id: '6100000030' })).length ? true : undefined));
      // A second alert accepted while Alertmanager is down: only in the bridge's queue when the bridge stops.
      await alertmanager.stop();
      expect((await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000031' }))).status).toBe(202);
      await bridge.close();
      const saved = JSON.parse(readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as BridgeState;
      const issuesIn = (alerts: Record<string, PostableAlert>) =>
        Object.values(alerts).map((a) => a.labels.sentry_issue_id);
      expect(issuesIn(saved.outbox)).toContain('6100000031');
      expect(issuesIn(saved.firing).sort()).toEqual(['6100000030', '6100000031']);
      await alertmanager.start();

      bridge = await startBridge(bridgeConfig(alertmanager.url, stateDir));
      await eventually(async () => ((await firingFor({ sentry_issue_id: '6100000031' })).length ? true : undefined));
      expect(await firingFor({ sentry_issue_id: '6100000030' })).toHaveLength(1);
      // The restarted bridge still knows both: a resolve ends them.
      await postWebhook(bridge.url, 'issue', issueWebhook('resolved', '6100000030'));
      await postWebhook(bridge.url, 'issue', issueWebhook('resolved', '6100000031'));
      await eventually(async () =>
        (await firingFor({ source: 'sentry' })).some((a) =>
          ['6100000030', '6100000031'].includes(a.labels.sentry_issue_id)
        )
          ? undefined
          : true
      );
    });

    it('keeps a forward while Alertmanager is down, retrying with backoff, and delivers it when Alertmanager returns', async () => {
      await alertmanager.stop();
      try {
        expect((await postWebhook(bridge.url, 'event_alert', eventAlert({ issueId: '6100000040' }))).status).toBe(202);
        await eventually(async () =>
          metricValue(await metricsOf(bridge), 'sentry_lens_bridge_retries_total', { target: 'alertmanager' }) >= 2
            ? true
            : undefined
        );
        const metrics = await metricsOf(bridge);
        expect(metricValue(metrics, 'sentry_lens_bridge_queue_depth')).toBe(1);
        expect(metricValue(metrics, 'sentry_lens_bridge_firing_alerts')).toBe(1);
      } finally {
        await alertmanager.start();
      }
      await eventually(async () => ((await firingFor({ sentry_issue_id: '6100000040' })).length ? true : undefined));
      await eventually(async () =>
        metricValue(await metricsOf(bridge), 'sentry_lens_bridge_queue_depth') === 0 ? true : undefined
      );
    });

    it('closes the loop with the Sentry fake: its alert rules fire in Alertmanager, resolving the issue ends the alert', async () => {
      const sentry = await startFakeSentry();
      const hooks = startWebhooks(sentry.fake, { url: `${bridge.url}/sentry`, secret: CLIENT_SECRET }, Date.now, {
        retryDelayMs: 100,
      });
      try {
        const { burst } = sentry.fake.scenario;
        const [alert] = await eventually(async () => {
          const found = await firingFor({ sentry_issue_id: burst.issueId });
          return found.length ? found : undefined;
        });
        expect(alert.labels).toMatchObject({ alertname: ISSUE_ALERT_RULE, source: 'sentry', service: burst.project });
        expect(alert.generatorURL).toBe(`${sentry.url}/organizations/acme/issues/${burst.issueId}/`);

        const resolved = await fetch(`${sentry.url}/api/0/organizations/acme/issues/?id=${burst.issueId}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${EVENT_WRITE_TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: 'resolved' }),
        });
        expect(resolved.status).toBe(200);
        await eventually(async () => ((await firingFor({ sentry_issue_id: burst.issueId })).length ? undefined : true));
      } finally {
        hooks.stop();
        await sentry.close();
      }
    });
  }
);
