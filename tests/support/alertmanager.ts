// Debian's Alertmanager (prometheus-alertmanager, API v2) as a child process on a free loopback port, with a
// temporary configuration and storage directory; stop() and start() again keep the port and the storage, as a
// restarted Alertmanager would.

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './ports';

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
export const hasAlertmanager = existsSync(ALERTMANAGER_BIN);

/** A configuration that notifies nobody; alerts not re-sent within `resolveTimeout` resolve. */
export function nullReceiverConfig(resolveTimeout = '5m'): string {
  return [
    'global:',
    `  resolve_timeout: ${resolveTimeout}`,
    'route:',
    '  receiver: "null"',
    'receivers:',
    '  - name: "null"',
    '',
  ].join('\n');
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  fingerprint: string;
  status: { state: string };
}

export class TestAlertmanager {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'alertmanager-'));
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(readonly port: number) {}

  static async start(config = nullReceiverConfig()): Promise<TestAlertmanager> {
    const alertmanager = new TestAlertmanager(await freePort());
    writeFileSync(path.join(alertmanager.dir, 'alertmanager.yml'), config);
    await alertmanager.start();
    return alertmanager;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      ALERTMANAGER_BIN,
      [
        `--config.file=${path.join(this.dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(this.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
        // A single instance: no gossip port.
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-4000)));
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`alertmanager exited (${child.exitCode}):\n${this.output}`);
      }
      try {
        const ready = await fetch(`${this.url}/-/ready`);
        if (ready.ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`alertmanager did not become ready:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** `GET /api/v2/alerts` (active, silenced and inhibited alerts; ended ones are not listed). */
  async alerts(filter?: Record<string, string>): Promise<AlertmanagerAlert[]> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filter ?? {})) {
      query.append('filter', `${name}="${value}"`);
    }
    const response = await fetch(`${this.url}/api/v2/alerts?${query}`);
    if (!response.ok) {
      throw new Error(`GET /api/v2/alerts: ${response.status}`);
    }
    return (await response.json()) as AlertmanagerAlert[];
  }
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition'
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
