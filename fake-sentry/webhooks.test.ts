/** @jest-environment node */
// The fake's signed integration webhooks: its alert rules fire for the burst, issue status changes are told.

import http from 'node:http';
import { AddressInfo } from 'node:net';

import { EVENT_WRITE_TOKEN } from './auth';
import { countErrors, HOUR } from './scenario';
import { FIXED_NOW, makeFake, ORG_PATH } from './test-helpers';
import { ISSUE_ALERT_RULE, METRIC_ALERT_RULE, signature, startWebhooks } from './webhooks';

const SECRET = 'fake-integration-client-secret';

interface Received {
  resource: string;
  valid: boolean;
  body: { action: string; data: Record<string, any> };
}

let server: http.Server;
let url: string;
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        resource: String(req.headers['sentry-hook-resource']),
        valid: req.headers['sentry-hook-signature'] === signature(raw, SECRET),
        body: JSON.parse(raw),
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sentry`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('fires the issue and metric alert rules for the burst, tells a resolve, and resolves the metric alert', async () => {
  const fake = makeFake();
  let now = FIXED_NOW;
  const hooks = startWebhooks(fake, { url, secret: SECRET }, () => now, { evaluateEveryMs: HOUR, retryDelayMs: 10 });
  try {
    await hooks.evaluate();
    const burst = fake.scenario.burst;
    const eventAlert = received.find((r) => r.resource === 'event_alert')!;
    expect(eventAlert.valid).toBe(true);
    expect(eventAlert.body.action).toBe('triggered');
    expect(eventAlert.body.data.triggered_rule).toBe(ISSUE_ALERT_RULE);
    expect(eventAlert.body.data.event).toMatchObject({
      issue_id: burst.issueId,
      title: burst.title,
      environment: expect.stringMatching(/production|staging/),
      web_url: expect.stringContaining(`/issues/${burst.issueId}/events/`),
      url: expect.stringContaining(`/projects/acme/${burst.project}/events/`),
    });

    // Seed 42 at FIXED_NOW: 70 production errors of checkout-api in the last hour, over the critical threshold.
    const errors = countErrors(fake.scenario, {
      project: burst.project,
      environment: 'production',
      start: now - HOUR,
      end: now + 1,
    });
    expect(errors).toBeGreaterThanOrEqual(METRIC_ALERT_RULE.critical);
    const metric = received.filter((r) => r.resource === 'metric_alert');
    expect(metric.map((r) => [r.valid, r.body.action])).toEqual([[true, 'critical']]);
    expect(metric[0].body.data.metric_alert.alert_rule).toMatchObject({
      id: METRIC_ALERT_RULE.id,
      projects: [burst.project],
    });

    const resolved = await fake.handle({
      method: 'PUT',
      url: `${ORG_PATH}/issues/?id=${burst.issueId}`,
      headers: { authorization: `Bearer ${EVENT_WRITE_TOKEN}` },
      body: JSON.stringify({ status: 'resolved' }),
    });
    expect(resolved.status).toBe(200);
    await until(() => received.some((r) => r.resource === 'issue'));
    const issue = received.find((r) => r.resource === 'issue')!;
    expect([issue.valid, issue.body.action, issue.body.data.issue.id]).toEqual([true, 'resolved', burst.issueId]);

    // A day later no events (the fake generated none past now): the metric alert resolves.
    now += 24 * HOUR;
    await hooks.evaluate();
    expect(received.filter((r) => r.resource === 'metric_alert').map((r) => r.body.action)).toEqual([
      'critical',
      'resolved',
    ]);
    expect(received.every((r) => r.valid)).toBe(true);
  } finally {
    hooks.stop();
  }
});
