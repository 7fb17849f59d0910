/** @jest-environment node */
// Every provisioned dashboard against each flavour of Sentry the fake plays (sentry.io today and after the
// deprecated datasets go, older self-hosted, rate limited), through the CLI with the variables as Grafana loads them.

import { main } from '../../cli/main';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { DEFAULT_RATE_LIMIT, FakeModes } from '../../fake-sentry/modes';
import { RunningFakeSentry, startFakeSentry } from '../../fake-sentry/server';
import { dashboardPath, dashboards } from './stack-files';

interface Panel {
  title: string;
  error?: string;
  frames?: Array<{ meta?: { executedQueryString?: string }; fields: Array<{ values: unknown[] }> }>;
}

const FLAVOURS: Array<[string, FakeModes]> = [
  ['normal', {}],
  ['saas', { flavour: 'saas' }],
  ['saas-next', { flavour: 'saas-next' }],
  ['selfhosted', { selfHosted: true }],
  ['ratelimit', { rateLimit: DEFAULT_RATE_LIMIT }],
];

describe.each(FLAVOURS)('provisioned dashboards on a %s Sentry', (flavour, modes) => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry({ modes });
  });

  afterAll(() => sentry.close());

  async function runDashboard(file: string) {
    let stdout = '';
    const code = await main(
      ['dashboard', dashboardPath(file), '--url', sentry.url, '--org', 'acme', '--from', 'now-24h'],
      { stdout: (t) => (stdout += t), stderr: () => undefined, env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN } }
    );
    return { code, panels: (JSON.parse(stdout) as { panels: Panel[] }).panels };
  }

  it.each(dashboards.map((d) => d.file))('%s: no panel in error, none without data', async (file) => {
    sentry.fake.requestLog.length = 0;
    const { code, panels } = await runDashboard(file);
    expect(panels.filter((p) => p.error).map((p) => `${p.title}: ${p.error}`)).toEqual([]);
    for (const panel of panels) {
      const rows = (panel.frames ?? []).reduce((n, f) => n + (f.fields[0]?.values.length ?? 0), 0);
      expect({ title: panel.title, rows: rows > 0 }).toEqual({ title: panel.title, rows: true });
    }
    expect(code).toBe(0);

    const urls = sentry.fake.requestLog.map((entry) => entry.url);
    if (flavour === 'saas-next') {
      expect(urls.filter((url) => /[?&]dataset=(discover|transactions)(&|$)/.test(url))).toEqual([]);
    }
    if (flavour === 'saas') {
      // Grouped error series: sentry.io's 500 on grouped events-timeseries is asked once, then events-stats.
      expect(sentry.fake.requestLog.filter((entry) => entry.status >= 500).length).toBeLessThanOrEqual(1);
    }
    if (flavour === 'selfhosted') {
      const performance = panels.filter((p) =>
        p.frames?.some((f) => f.meta?.executedQueryString?.includes('is_transaction'))
      );
      expect(performance).toEqual([]);
    }
  });
});

describe('transaction performance on older self-hosted Sentry', () => {
  let sentry: RunningFakeSentry;

  beforeAll(async () => {
    sentry = await startFakeSentry({ modes: { selfHosted: true } });
  });

  afterAll(() => sentry.close());

  it('runs on the transactions dataset, where the server has no spans', async () => {
    let stdout = '';
    const query = JSON.stringify({ queryType: 'performance', performanceMetrics: ['p95', 'apdex', 'miserableUsers'] });
    const code = await main(['query', '--url', sentry.url, '--org', 'acme', '--query', query], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
    });
    expect(code).toBe(0);
    const [frame] = (
      JSON.parse(stdout) as {
        frames: Array<{ meta: { executedQueryString: string }; fields: Array<{ name: string }> }>;
      }
    ).frames;
    expect(frame.meta.executedQueryString).toContain('dataset=transactions');
    expect(frame.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['p95(transaction.duration)', 'apdex()', 'count_miserable(user)'])
    );
  });
});
