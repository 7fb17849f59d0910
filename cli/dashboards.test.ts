/** @jest-environment node */
// The provisioned dashboards through `cli dashboard` where their saved variable values do not fit: an organization
// without the saved project, a saved project that never existed. Grafana would show them with the option it picks
// in place of the saved one; so does the CLI, with no --var.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TOKEN } from '../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import { main } from './main';

// The demo's own dashboards and those the plugin ships (src/dashboards/), both provisioned in the demo stack.
const dashboardDirs = ['../provisioning/dashboards', '../src/dashboards'].map((dir) => path.resolve(__dirname, dir));
const dashboardPaths = new Map(
  dashboardDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, path.join(dir, f)] as const)
  )
);
const dashboards = [...dashboardPaths.keys()].sort();
const dashboardFile = (file: string) => dashboardPaths.get(file)!;

interface Output {
  panels: Array<{ title: string; error?: string; frames?: Array<{ fields: Array<{ values: unknown[] }> }> }>;
  variables: Array<{ name: string; value: unknown; error?: string }>;
}

let sentry: RunningFakeSentry;

beforeAll(async () => {
  sentry = await startFakeSentry();
});

afterAll(() => sentry.close());

/** The fake as an organization that no longer has (or never had) the project `slug`: its project lists omit it. */
function withoutProject(slug: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (!/^\/api\/0\/organizations\/[^/]+\/projects\/$/.test(url.pathname) || !response.ok) {
      return response;
    }
    const projects = (await response.json()) as Array<{ slug: string }>;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(projects.filter((p) => p.slug !== slug)), { status: response.status, headers });
  };
}

async function runDashboard(file: string, fetchImpl?: typeof fetch) {
  let stdout = '';
  const args = ['dashboard', file, '--url', sentry.url, '--org', 'acme', '--from', 'now-24h', '--to', 'now'];
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
    fetchImpl,
  });
  return { code, ...(JSON.parse(stdout) as Output) };
}

/** `noData`: panels that rightly show nothing. */
function expectEveryPanelAnswered({ code, panels }: { code: number; panels: Output['panels'] }, noData: string[] = []) {
  expect(panels.filter((p) => p.error)).toEqual([]);
  expect(code).toBe(0);
  expect(panels.length).toBeGreaterThan(0);
  for (const panel of panels) {
    const rows = (panel.frames ?? []).reduce((n, f) => n + (f.fields[0]?.values.length ?? 0), 0);
    const expected = !noData.includes(panel.title);
    expect({ title: panel.title, rows: rows > 0 }).toEqual({ title: panel.title, rows: expected });
  }
}

interface SavedVariableJson {
  name: string;
  current: { text: unknown; value: unknown };
}
const serviceVariable = (dashboard: { templating: { list: SavedVariableJson[] } }) =>
  dashboard.templating.list.find((v) => v.name === 'service')!;

const valueOf = (output: Output, name: string) => output.variables.find((v) => v.name === name)?.value;

describe('provisioned dashboards in an organization without the saved project (checkout-api)', () => {
  it('service overview: the service is the first project left, and its environment is re-queried for it', async () => {
    const file = dashboardFile('service-overview.json');
    const saved = serviceVariable(JSON.parse(readFileSync(file, 'utf8'))).current.value;
    expect(saved).toBe('checkout-api');
    const output = await runDashboard(file, withoutProject('checkout-api'));
    expect(output.variables).toEqual([
      // The data source variables keep their defaults: the CLI's data source is the one --url names.
      { name: 'sentry', value: 'sentry-lens' },
      { name: 'prometheus', value: 'prometheus' },
      { name: 'service', value: 'mobile-app' },
      { name: 'env', value: 'production' },
    ]);
    expectEveryPanelAnswered(output);
  });

  it.each(dashboards)('%s: every Sentry panel returns data and none fails, with no --var', async (file) => {
    const output = await runDashboard(dashboardFile(file), withoutProject('checkout-api'));
    expect(output.variables.filter((v) => v.error)).toEqual([]);
    expect(JSON.stringify(output.variables)).not.toContain('checkout-api');
    // checkout-api was the demo's only project with request ids: nothing to look up, and Grafana would show the
    // lookup panel empty too.
    const noData = file === 'query-types.json' ? ['Request / trace lookup'] : [];
    expect(output.variables.filter((v) => v.name === 'lookup_ids')).toEqual(
      noData.length ? [{ name: 'lookup_ids', value: '' }] : []
    );
    expectEveryPanelAnswered(output, noData);
  });
});

it('a saved project that never existed gives way to the first project, as in Grafana', async () => {
  const dashboard = JSON.parse(readFileSync(dashboardFile('service-overview.json'), 'utf8'));
  serviceVariable(dashboard).current = { text: 'retired-service', value: 'retired-service' };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lens-cli-')), 'service-overview.json');
  writeFileSync(file, JSON.stringify(dashboard));
  const logged = sentry.fake.requestLog.length;
  const output = await runDashboard(file);
  expect(valueOf(output, 'service')).toBe('checkout-api');
  expectEveryPanelAnswered(output);
  const checkoutApi = sentry.fake.scenario.projects.find((p) => p.slug === 'checkout-api')!;
  const issues = sentry.fake.requestLog.slice(logged).filter((e) => e.url.includes('/issues/'));
  expect(issues.length).toBeGreaterThan(0);
  for (const request of issues) {
    expect(new URL(request.url, sentry.url).searchParams.getAll('project')).toEqual([String(checkoutApi.id)]);
  }
});
