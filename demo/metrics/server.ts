// The HTTP service: /metrics, /history, /scenario and /-/healthy on a loopback port.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { buildScenario, DEFAULT_SEED } from '../../fake-sentry/scenario';
import { createDemoMetrics, DemoMetrics, DemoMetricsOptions } from './demo-metrics';
import { DEMO_ENVIRONMENTS, DEMO_SERVICES, DemoScenario } from './model';

export interface StartDemoMetricsOptions extends Partial<DemoMetricsOptions> {
  port?: number;
  host?: string;
  /** Scenario seed and anchor when no scenario is given (defaults: the fake's default seed, now). */
  seed?: number;
  now?: number;
}

export interface RunningDemoMetrics {
  url: string;
  metrics: DemoMetrics;
  close(): Promise<void>;
}

/** Only what the metrics need of a built scenario, so the events can be garbage-collected. */
export function demoScenario(options: { seed?: number; now?: number } = {}): DemoScenario {
  const { releases, burst, now, seed } = buildScenario({ seed: options.seed ?? DEFAULT_SEED, now: options.now });
  return { releases, burst, now, seed };
}

/** Start the service on a loopback port (0 = any free port). */
export async function startDemoMetrics(options: StartDemoMetricsOptions = {}): Promise<RunningDemoMetrics> {
  const { port = 0, host = '127.0.0.1', seed, now, ...rest } = options;
  const metrics = createDemoMetrics({ ...rest, scenario: rest.scenario ?? demoScenario({ seed, now }) });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : metrics.render());
        return;
      }
      if (url.pathname === '/history') {
        const step = Number(url.searchParams.get('step') ?? 60);
        if (!Number.isFinite(step) || step < 1) {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('step: seconds, at least 1\n');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        const labels: Record<string, string> = {};
        for (const name of ['job', 'instance']) {
          const value = url.searchParams.get(name);
          if (value) {
            labels[name] = value;
          }
        }
        for (const text of metrics.history({ stepMs: Math.round(step * 1000), labels })) {
          res.write(text);
        }
        res.end();
        return;
      }
      if (url.pathname === '/' || url.pathname === '/scenario') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(describe(metrics), null, 2) + '\n');
        return;
      }
      if (url.pathname === '/-/healthy') {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: try /metrics, /history or /scenario\n');
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${displayHost}:${address.port}`,
    metrics,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function describe(metrics: DemoMetrics): Record<string, unknown> {
  const { scenario } = metrics;
  return {
    anchor: new Date(scenario.now).toISOString(),
    seed: scenario.seed,
    origin: new Date(metrics.origin).toISOString(),
    services: DEMO_SERVICES,
    environments: DEMO_ENVIRONMENTS,
    burst: {
      service: scenario.burst.project,
      env: scenario.burst.environment,
      version: scenario.burst.release,
      start: new Date(scenario.burst.start).toISOString(),
      peakEnd: new Date(scenario.burst.peakEnd).toISOString(),
    },
    endpoints: { metrics: '/metrics', history: '/history?step=60&job=…&instance=…', scenario: '/scenario' },
  };
}
