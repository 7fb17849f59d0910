/** @jest-environment node */

import { DEMO_TOKEN } from './handlers';
import { buildScenario } from './scenario';
import { RunningFakeSentry, startFakeSentry } from './server';
import { FIXED_NOW, SEED } from './test-helpers';

const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });
let running: RunningFakeSentry;

beforeAll(async () => {
  running = await startFakeSentry({ scenario, now: FIXED_NOW });
});

afterAll(async () => {
  await running.close();
});

const auth = { Authorization: `Bearer ${DEMO_TOKEN}` };

describe('HTTP server', () => {
  test('listens on a loopback port and uses its own URL as base URL', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/api/0/organizations/acme/?detailed=0`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body.links).toEqual({ organizationUrl: running.url, regionUrl: running.url });
  });

  test('Link headers and permalinks point at the server', async () => {
    const response = await fetch(`${running.url}/api/0/organizations/acme/issues/?statsPeriod=24h&limit=1`, {
      headers: auth,
    });
    const [issue] = await response.json();
    expect(issue.permalink.startsWith(`${running.url}/organizations/acme/issues/`)).toBe(true);
    expect(response.headers.get('link')).toContain(
      `<${running.url}/api/0/organizations/acme/issues/?statsPeriod=24h&limit=1&cursor=0:1:0>`
    );
    expect(response.headers.get('x-hits')).toMatch(/^\d+$/);
  });

  test('repeated query keys reach the handler', async () => {
    const url = `${running.url}/api/0/organizations/acme/events/?field=project&field=count()&project=4501234&project=4501236&statsPeriod=24h&sort=-count()`;
    const body = await (await fetch(url, { headers: auth })).json();
    expect(body.data.map((row: any) => row.project).sort()).toEqual(['checkout-api', 'payments-worker']);
  });

  test('POST /__fake/mode switches modes; chaos drops close the socket without a response', async () => {
    const set = await fetch(`${running.url}/__fake/mode`, {
      method: 'POST',
      body: JSON.stringify({ chaos: { errorRate: 0, latencyMs: 0, dropRate: 1, seed: 1 } }),
    });
    expect(await set.json()).toMatchObject({ chaos: { dropRate: 1 } });
    await expect(fetch(`${running.url}/api/0/organizations/acme/teams/`, { headers: auth })).rejects.toThrow();
    await fetch(`${running.url}/__fake/mode`, { method: 'POST', body: JSON.stringify({ chaos: null }) });
    expect((await fetch(`${running.url}/api/0/organizations/acme/teams/`, { headers: auth })).status).toBe(200);
  });

  test('non-API paths answer HTML', async () => {
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
