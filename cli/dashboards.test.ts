/** @jest-environment node */
// Every provisioned dashboard's Sentry queries run through `cli dashboard` against the fake, as one load.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_TOKEN } from '../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import { main } from './main';

const dashboardsDir = path.resolve(__dirname, '../provisioning/dashboards');
const dashboards = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'));

let sentry: RunningFakeSentry;

beforeAll(async () => {
  sentry = await startFakeSentry();
});

afterAll(() => sentry.close());

describe('provisioned dashboards', () => {
  it('exist', () => {
    expect(dashboards.length).toBeGreaterThan(0);
  });

  it.each(dashboards)('%s: every Sentry panel returns data and none fails', async (file) => {
    let stdout = '';
    // Panels driven by a variable the user fills in (request / trace ids) get a real one from the scenario.
    const event = sentry.fake.scenario.errors.filter((e) => e.requestId && e.ts > Date.now() - 12 * 3600_000)[0];
    const args = ['dashboard', path.join(dashboardsDir, file), '--url', sentry.url, '--org', 'acme'];
    args.push('--from', 'now-24h', '--to', 'now', '--var', `lookup_ids=${event.requestId}`);
    const code = await main(args, {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
    });
    const result = JSON.parse(stdout);
    const failed = result.panels.filter((p: { error?: string }) => p.error);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(result.panels.length).toBeGreaterThan(0);
    for (const panel of result.panels) {
      const rows = panel.frames.reduce(
        (n: number, f: { fields: Array<{ values: unknown[] }> }) => n + (f.fields[0]?.values.length ?? 0),
        0
      );
      expect({ title: panel.title, rows: rows > 0 }).toEqual({ title: panel.title, rows: true });
    }
  });
});
