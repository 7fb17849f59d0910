/** @jest-environment node */
// Prometheus with promtool (when installed): its config passes, the demo service's /metrics lints, and its history
// backfills.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startDemoMetrics } from '../../demo/metrics';
import { MINUTE } from '../../fake-sentry/scenario';
import { repo } from './stack-files';

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, command))
    .find((file) => existsSync(file));
}

const promtool = onPath('promtool');
const withPromtool = promtool ? it : it.skip;

describe(`promtool (${promtool ?? 'not on PATH: skipped; Debian: apt-get install prometheus'})`, () => {
  withPromtool('checks prometheus/prometheus.yml', () => {
    const out = execFileSync(promtool!, ['check', 'config', repo('prometheus/prometheus.yml')], { encoding: 'utf8' });
    expect(out).toContain('SUCCESS');
  });

  withPromtool("lints the demo service's /metrics and backfills its history", async () => {
    const running = await startDemoMetrics({ origin: Date.now() - 30 * MINUTE });
    const dir = mkdtempSync(path.join(tmpdir(), 'lens-promtool-'));
    try {
      const text = await (await fetch(`${running.url}/metrics`)).text();
      expect(execFileSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8' })).toBe('');
      const history = await (await fetch(`${running.url}/history?step=60&job=demo-metrics&instance=x:1`)).text();
      writeFileSync(path.join(dir, 'history.om'), history);
      execFileSync(promtool!, [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        path.join(dir, 'history.om'),
        path.join(dir, 'data'),
      ]);
      expect(readdirSync(path.join(dir, 'data')).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await running.close();
    }
  });
});
