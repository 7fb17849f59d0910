/** @jest-environment node */
// `npm run bridge` as a child process (tsx bridge/server.ts): PORT=0 prints one JSON line with the URL; bad input is
// refused with the right status, counted in /metrics, and never stops the service.

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { notification, postNotification } from '../tests/support/alertmanagerNotifications';
import { CLIENT_SECRET, eventAlert, metricValue, postWebhook } from '../tests/support/sentryWebhooks';

const ROOT = path.resolve(__dirname, '..');
const MAX_BODY = 4096;

let child: ChildProcess;
let url: string;
let stateDir: string;
let stdoutLines: string[];

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'bridge-state-'));
  child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['bridge/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      SENTRY_CLIENT_SECRET: CLIENT_SECRET,
      BRIDGE_STATE_DIR: stateDir,
      BRIDGE_MAX_BODY_BYTES: String(MAX_BODY),
      // Nowhere: Sentry alerts stay queued, and Alertmanager notifications need no Sentry here.
      ALERTMANAGER_URL: '',
      SENTRY_DSN: 'http://5e17a1e75d5e4c0f9a2b1c3d4e5f6a7b@127.0.0.1:9/1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stdoutLines = [];
  const lines = createInterface({ input: child.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bridge printed no URL')), 20_000);
    lines.on('line', (line) => {
      stdoutLines.push(line);
      if (stdoutLines.length === 1) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code})`)));
  });
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(stateDir, { recursive: true, force: true });
});

async function metrics(): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

describe('npm run bridge', () => {
  it('prints exactly one JSON line with its loopback URL on a free port', () => {
    expect(stdoutLines).toHaveLength(1);
    expect(JSON.parse(stdoutLines[0])).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(url).not.toMatch(/:0$/);
  });

  it('answers /healthz and serves its metrics in Prometheus text format', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const text = await metrics();
    for (const name of ['webhooks_total', 'forwards_total', 'retries_total', 'queue_depth', 'firing_alerts']) {
      expect(text).toContain(`# TYPE sentry_lens_bridge_${name} `);
    }
  });

  it('refuses bad input with 400, 401, 413 or 404/405, ignores unknown resources with 202, counts every one', async () => {
    const signed = (raw: string) => postWebhook(url, 'event_alert', raw);
    expect((await signed('{"action": "triggered", "data": ')).status).toBe(400);
    const missingIssue = await signed(JSON.stringify({ action: 'triggered', data: { event: { title: 'x' } } }));
    expect(missingIssue).toMatchObject({ status: 400, body: { field: 'data.event.issue_id' } });
    expect((await signed(JSON.stringify({ padding: 'x'.repeat(MAX_BODY) }))).status).toBe(413);
    const unknown = await postWebhook(url, 'team_renamed', { action: 'renamed', data: {} });
    expect(unknown).toMatchObject({ status: 202, body: { status: 'ignored' } });
    expect((await postWebhook(url, 'event_alert', eventAlert(), { secret: 'wrong' })).status).toBe(401);

    expect((await postNotification(url, '{"version": "4", ')).status).toBe(400);
    const noFingerprint = notification([{}]);
    delete (noFingerprint.alerts as Array<Record<string, unknown>>)[0].fingerprint;
    expect(await postNotification(url, noFingerprint)).toEqual({
      status: 400,
      body: { error: 'alerts[0].fingerprint is missing or invalid', field: 'alerts[0].fingerprint' },
    });
    const noAlerts = { ...notification([]), alerts: undefined };
    expect((await postNotification(url, noAlerts)).body).toMatchObject({ field: 'alerts' });
    expect((await postNotification(url, { ...notification([]), version: '3' })).body).toMatchObject({
      field: 'version',
    });
    expect((await postNotification(url, JSON.stringify({ big: 'x'.repeat(MAX_BODY) }))).status).toBe(413);

    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${url}/sentry`)).status).toBe(405);

    const text = await metrics();
    const count = (labels: Record<string, string>) => metricValue(text, 'sentry_lens_bridge_webhooks_total', labels);
    expect({
      sentryMalformed: count({ source: 'sentry', outcome: 'malformed_json' }),
      sentryInvalid: count({ source: 'sentry', outcome: 'invalid_payload' }),
      sentryTooLarge: count({ source: 'sentry', outcome: 'too_large' }),
      sentryUnknown: count({ source: 'sentry', resource: 'other', outcome: 'unknown_resource' }),
      sentryBadSignature: count({ source: 'sentry', outcome: 'bad_signature' }),
      amMalformed: count({ source: 'alertmanager', outcome: 'malformed_json' }),
      amInvalid: count({ source: 'alertmanager', outcome: 'invalid_payload' }),
      amTooLarge: count({ source: 'alertmanager', outcome: 'too_large' }),
    }).toEqual({
      sentryMalformed: 1,
      sentryInvalid: 1,
      sentryTooLarge: 1,
      sentryUnknown: 1,
      sentryBadSignature: 1,
      amMalformed: 1,
      amInvalid: 3,
      amTooLarge: 1,
    });
    // Still serving.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('queues a signed alert durably even with no Alertmanager configured', async () => {
    const answer = await postWebhook(url, 'event_alert', eventAlert({ issueId: '6100000900' }));
    expect(answer).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ firing: 1, queued: 1 });
    expect(
      metricValue(await metrics(), 'sentry_lens_bridge_firing_alert', {
        alertname: 'Checkout errors after deploy',
        service: 'checkout-api',
        sentry_issue_id: '6100000900',
        sentry_metric_alert_id: '',
      })
    ).toBe(1);
  });
});
