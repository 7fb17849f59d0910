// The bridge's HTTP service: POST /sentry (Sentry integration webhooks → Alertmanager), POST /alertmanager
// (Alertmanager notifications → Sentry events), GET /healthz and GET /metrics.

import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

import { eventFor, InvalidNotification, parseDsn, parseNotification, SentryApi } from './alertmanagerToSentry';
import { BridgeConfig } from './config';
import { Forwarder } from './forwarder';
import { BridgeMetrics, createMetrics, WebhookSource } from './metrics';
import { AlertPlan, InvalidWebhook, planForWebhook, SENTRY_RESOURCES, verifySignature } from './sentryAlerts';
import { SentrySender } from './sentrySender';
import { StateStore } from './state';
import { alertKey, BridgeState } from './types';

export interface RunningBridge {
  url: string;
  metrics: BridgeMetrics;
  store: StateStore;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Resolve marks older than this are forgotten (an event alert that late is not stale any more). */
const RESOLVED_MEMORY_MS = 30 * 24 * 3600 * 1000;

class TooLarge extends Error {}

/** The body, or TooLarge once it passes `limit` bytes (the rest is read and discarded so the answer arrives). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      tooLarge ||= size > limit;
      if (!tooLarge) {
        chunks.push(chunk);
      } else if (size > limit * 16) {
        req.destroy();
      }
    });
    req.on('end', () => (tooLarge ? reject(new TooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', (error) => reject(tooLarge ? new TooLarge() : error));
  });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Constant-time comparison of two strings of any length (compares their digests). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Apply a Sentry plan to the state; returns the outcome to count (`stale` for an alert of a resolved issue). */
function applyPlan(state: BridgeState, plan: AlertPlan, now: number): string {
  const nowIso = new Date(now).toISOString();
  if (plan.eventOf) {
    const resolvedAt = state.resolvedIssues[plan.eventOf.issueId];
    if (resolvedAt !== undefined && plan.eventOf.eventAt <= resolvedAt) {
      return 'stale';
    }
    delete state.resolvedIssues[plan.eventOf.issueId];
  }
  const fired = new Set(plan.fire.map((alert) => alertKey(alert.labels)));
  for (const { label, value } of plan.end) {
    for (const [key, alert] of Object.entries(state.firing)) {
      if (alert.labels[label] === value && !fired.has(key)) {
        delete state.firing[key];
        state.outbox[key] = { ...alert, endsAt: nowIso };
      }
    }
  }
  for (const alert of plan.fire) {
    const key = alertKey(alert.labels);
    // Alertmanager keeps the first start of an alert; so does the bridge.
    const next = { ...alert, startsAt: state.firing[key]?.startsAt ?? alert.startsAt };
    state.firing[key] = next;
    state.outbox[key] = next;
  }
  if (plan.issue) {
    if (plan.issue.resolvedAt === null) {
      delete state.resolvedIssues[plan.issue.id];
    } else {
      state.resolvedIssues[plan.issue.id] = plan.issue.resolvedAt;
    }
    for (const [id, at] of Object.entries(state.resolvedIssues)) {
      if (at < now - RESOLVED_MEMORY_MS) {
        delete state.resolvedIssues[id];
      }
    }
  }
  return plan.outcome;
}

export async function startBridge(
  config: BridgeConfig,
  log: (line: string) => void = () => {}
): Promise<RunningBridge> {
  const store = new StateStore(config.stateDir);
  const metrics = createMetrics({
    queueDepth: () => Object.keys(store.state.outbox).length,
    firing: () => Object.keys(store.state.firing).length,
    firingAlerts: () => Object.values(store.state.firing).map((alert) => alert.labels),
  });
  const forwarder = new Forwarder(store, metrics, config);
  const sender = new SentrySender(metrics, config.requestTimeoutMs);
  const dsn = config.sentryDsn ? parseDsn(config.sentryDsn) : null;
  const api: SentryApi | null =
    config.sentryUrl && config.sentryOrg && config.sentryAuthToken
      ? { url: config.sentryUrl, org: config.sentryOrg, token: config.sentryAuthToken }
      : null;
  if (!config.alertmanagerUrl) {
    log('ALERTMANAGER_URL is not set: Sentry alerts are kept and queued, not forwarded');
  }

  const count = (source: WebhookSource, resource: string, outcome: string) =>
    metrics.webhooks.inc({ source, resource, outcome });

  async function fromSentry(req: http.IncomingMessage): Promise<Answer> {
    const given = header(req, 'sentry-hook-resource') ?? '';
    const resource = SENTRY_RESOURCES.includes(given) ? given : 'other';
    let raw: Buffer;
    try {
      raw = await readBody(req, config.maxBodyBytes);
    } catch (error) {
      if (error instanceof TooLarge) {
        count('sentry', resource, 'too_large');
        return { status: 413, body: { error: `body over ${config.maxBodyBytes} bytes` } };
      }
      throw error;
    }
    if (!config.sentryClientSecret) {
      count('sentry', resource, 'not_configured');
      return { status: 503, body: { error: 'SENTRY_CLIENT_SECRET is not set' } };
    }
    if (!verifySignature(raw, header(req, 'sentry-hook-signature'), config.sentryClientSecret)) {
      count('sentry', resource, 'bad_signature');
      return { status: 401, body: { error: 'invalid Sentry-Hook-Signature' } };
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      count('sentry', resource, 'malformed_json');
      return { status: 400, body: { error: 'malformed JSON' } };
    }
    if (resource === 'other') {
      count('sentry', resource, 'unknown_resource');
      return { status: 202, body: { status: 'ignored', reason: `unknown resource "${given}"` } };
    }
    let plan: AlertPlan;
    try {
      plan = planForWebhook(resource, body, Date.now());
    } catch (error) {
      if (error instanceof InvalidWebhook) {
        count('sentry', resource, 'invalid_payload');
        return { status: 400, body: { error: error.message, field: error.field } };
      }
      throw error;
    }
    let outcome = plan.outcome as string;
    if (plan.fire.length > 0 || plan.end.length > 0 || plan.issue) {
      store.update((state) => {
        outcome = applyPlan(state, plan, Date.now());
      });
      forwarder.kick();
    }
    count('sentry', resource, outcome);
    return { status: 202, body: { status: outcome } };
  }

  async function fromAlertmanager(req: http.IncomingMessage): Promise<Answer> {
    const resource = 'notification';
    if (config.alertmanagerToken) {
      const given = header(req, 'authorization') ?? '';
      if (!sameSecret(given, `Bearer ${config.alertmanagerToken}`)) {
        req.resume();
        count('alertmanager', resource, 'unauthorized');
        return { status: 401, body: { error: 'bearer token required' }, headers: { 'WWW-Authenticate': 'Bearer' } };
      }
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, config.maxBodyBytes)).toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof TooLarge;
      count('alertmanager', resource, tooLarge ? 'too_large' : 'malformed_json');
      return tooLarge
        ? { status: 413, body: { error: `body over ${config.maxBodyBytes} bytes` } }
        : { status: 400, body: { error: 'malformed JSON' } };
    }
    let notification;
    try {
      notification = parseNotification(body);
    } catch (error) {
      if (error instanceof InvalidNotification) {
        count('alertmanager', resource, 'invalid_payload');
        return { status: 400, body: { error: error.message, field: error.field } };
      }
      throw error;
    }
    if (!dsn) {
      count('alertmanager', resource, 'not_configured');
      return { status: 503, body: { error: 'SENTRY_DSN is not set' } };
    }
    let events = 0;
    let resolved = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const alert of notification.alerts) {
      try {
        if (alert.status === 'firing') {
          await sender.sendEvent(dsn, eventFor(alert, notification));
          events++;
        } else if (!api) {
          skipped++;
          metrics.sentryResolves.inc({ outcome: 'skipped' });
        } else {
          const issues = await sender.resolveIssues(api, dsn.projectId, alert.fingerprint);
          resolved += issues;
          metrics.sentryResolves.inc({ outcome: issues > 0 ? 'resolved' : 'not_found' });
        }
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) {
      // Alertmanager retries a notification that failed: the alerts that went through are sent again then.
      count('alertmanager', resource, 'forward_failed');
      return { status: 502, body: { error: failures[0], failed: failures.length, events, resolved } };
    }
    count('alertmanager', resource, 'accepted');
    return { status: 200, body: { events, resolved, skipped } };
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<Answer | null> {
    const path = new URL(req.url ?? '/', 'http://bridge.invalid').pathname;
    const method = req.method ?? 'GET';
    const routes: Record<string, { method: string; run: () => Promise<Answer | null> }> = {
      '/sentry': { method: 'POST', run: () => fromSentry(req) },
      '/alertmanager': { method: 'POST', run: () => fromAlertmanager(req) },
      '/healthz': {
        method: 'GET',
        run: async () => ({
          status: 200,
          body: {
            status: 'ok',
            firing: Object.keys(store.state.firing).length,
            queued: Object.keys(store.state.outbox).length,
          },
        }),
      },
      '/metrics': {
        method: 'GET',
        run: async () => {
          const text = await metrics.registry.metrics();
          res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
          res.end(text);
          return null;
        },
      },
    };
    const found = routes[path];
    if (!found) {
      req.resume();
      return { status: 404, body: { error: 'not found' } };
    }
    if (method !== found.method) {
      req.resume();
      return { status: 405, body: { error: `use ${found.method}` }, headers: { Allow: found.method } };
    }
    return found.run();
  }

  const server = http.createServer((req, res) => {
    route(req, res)
      .catch((error: unknown) => {
        log(`error handling ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        metrics.webhooks.inc({
          source: req.url?.startsWith('/alertmanager') ? 'alertmanager' : 'sentry',
          resource: 'any',
          outcome: 'error',
        });
        return { status: 500, body: { error: 'internal error' } } as Answer;
      })
      .then((answer) => {
        if (answer && !res.headersSent) {
          res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
          res.end(JSON.stringify(answer.body));
        }
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  forwarder.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}`,
    metrics,
    store,
    async close() {
      await forwarder.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
