/**
 * @jest-environment node
 *
 * The CLI as a shell runs it: a separate Node process (npx tsx cli/index.ts), its output read through a pipe.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEMO_TOKEN } from '../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';

let sentry: RunningFakeSentry;

beforeAll(async () => {
  sentry = await startFakeSentry();
});

afterAll(() => sentry.close());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a shell does; `pipeTo` is a command that reads its output, e.g. `head -c 100`. */
function runCli(args: string[], pipeTo?: string): Promise<Run> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // pipefail: the exit status is the CLI's, not the reader's.
  const command = `set -o pipefail; npx tsx cli/index.ts ${quoted}${pipeTo ? ` | ${pipeTo}` : ''}`;
  const child = spawn('bash', ['-c', command], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, SENTRY_AUTH_TOKEN: DEMO_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI process', () => {
  it('exits quietly when the reader closes the pipe early', async () => {
    // Events of a week: about 170 kB of JSON, more than a pipe holds (64 kB), so the CLI is still writing when
    // the reader goes away.
    const query = JSON.stringify({ queryType: 'events', eventsLimit: 5000 });
    const args = ['query', '--url', sentry.url, '--org', 'acme', '--from', 'now-7d', '--query', query];
    const whole = await runCli(args, 'wc -c');
    expect(Number(whole.stdout.trim())).toBeGreaterThan(128 * 1024);
    const run = await runCli(args, 'head -c 100');
    expect(run.stdout).toHaveLength(100);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('says which URL did not answer, in one sentence before the advice', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runCli(['check', '--url', url, '--org', 'acme']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      code: 'unreachable',
      message: `Could not reach Sentry at ${url}: fetch failed (ECONNREFUSED). Check the Sentry URL and that Grafana's server can reach it.`,
    });
  }, 60_000);
});
