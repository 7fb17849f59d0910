/** @jest-environment node */
// The demo stack's bundles (build/stack/, written by `npm run build`) start under plain `node` from a folder with
// no node_modules anywhere above it, as they do in the node image on any Docker host.

import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { STACK_DIR, STACK_ENTRIES } from '../../demo/build-stack';

const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => {
  for (const file of Object.keys(STACK_ENTRIES)) {
    if (!existsSync(path.join(STACK_DIR, file))) {
      throw new Error(`${path.join(STACK_DIR, file)} is missing: run \`npm run build\` first`);
    }
  }
  // Outside the repository: nothing the bundles could resolve from the host's node_modules.
  dir = mkdtempSync(path.join(tmpdir(), 'lens-stack-'));
  for (const file of Object.keys(STACK_ENTRIES)) {
    copyFileSync(path.join(STACK_DIR, file), path.join(dir, file));
  }
});

afterAll(() => {
  for (const child of children) {
    child.kill('SIGTERM');
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `node <bundle>` with PORT=0 and resolves with the URL it prints on `pattern`. */
function start(file: string, env: Record<string, string>, pattern: RegExp): Promise<string> {
  const child = spawn(process.execPath, [file], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = pattern.exec(output);
      if (match) {
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code} before listening:\n${output}`)));
  });
}

describe('demo stack bundles', () => {
  it('require nothing but Node’s own modules', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    for (const file of Object.keys(STACK_ENTRIES)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const required = [...text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect({ file, external: required.filter((name) => !builtins.has(name)) }).toEqual({ file, external: [] });
    }
  });

  it('start under plain node: the fake answers, the demo metrics take its anchor and serve metrics', async () => {
    const fakeUrl = await start('fake-sentry.js', {}, /Fake Sentry listening on (http:\/\/\S+)/);
    expect(await (await fetch(`${fakeUrl}/__fake/health`)).json()).toEqual({ ok: true });
    const scenario = (await (await fetch(`${fakeUrl}/__fake/scenario`)).json()) as { now: string; seed: number };

    const metricsUrl = await start(
      'demo-metrics.js',
      { FAKE_SENTRY_URL: fakeUrl, DEMO_HISTORY: '1h' },
      /Demo metrics listening on (http:\/\/\S+)\/metrics/
    );
    expect((await fetch(`${metricsUrl}/-/healthy`)).status).toBe(200);
    const demo = (await (await fetch(`${metricsUrl}/scenario`)).json()) as { anchor: string; seed: number };
    expect(demo).toMatchObject({ anchor: scenario.now, seed: scenario.seed });
    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^http_requests_total\{/m);
  });

  it('start under plain node: the alert bridge answers its health check and serves its metrics', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'lens-bridge-state-'));
    try {
      const bridgeUrl = await start(
        'bridge.js',
        { BRIDGE_STATE_DIR: stateDir, SENTRY_CLIENT_SECRET: 'stack-test-secret' },
        /\{"url":\s*"(http:\/\/[^"]+)"\}/
      );
      expect((await fetch(`${bridgeUrl}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${bridgeUrl}/metrics`)).text()).toMatch(/^# TYPE \S+ /m);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
