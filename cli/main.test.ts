/** @jest-environment node */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TOKEN, ORG_TOKEN } from '../fake-sentry/handlers';
import { RunningFakeSentry, startFakeSentry } from '../fake-sentry/server';
import manifest from '../src/plugin.json';
import { main } from './main';

let sentry: RunningFakeSentry;

beforeAll(async () => {
  sentry = await startFakeSentry();
});

afterAll(() => sentry.close());

async function cli(args: string[], token: string | undefined = DEMO_TOKEN) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SENTRY_AUTH_TOKEN: token },
  });
  return { code, stdout, stderr, json: stdout ? JSON.parse(stdout) : undefined };
}

describe('cli check', () => {
  it('exits 0 with ok: true for the demo token', async () => {
    const { code, json } = await cli(['check', '--url', sentry.url, '--org', 'acme']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, message: expect.stringContaining('4 projects visible') });
    expect(json.requests).toBe(3);
  });

  it('exits 1 with the specific message for a token lacking scopes', async () => {
    const { code, json } = await cli(['check', '--url', sentry.url, '--org', 'acme'], ORG_TOKEN);
    expect(code).toBe(1);
    expect(json).toMatchObject({
      ok: false,
      code: 'missing-scope',
      message: expect.stringMatching(
        /^The token lacks the scopes org:read, project:read, event:read \(it has: org:ci\)\. /
      ),
      details: { missingScopes: ['org:read', 'project:read', 'event:read'] },
    });
  });
});

describe('cli query', () => {
  it('prints typed frames and the number of requests', async () => {
    const query = JSON.stringify({
      refId: 'Q',
      queryType: 'issues',
      issuesQuery: '',
      issuesSort: 'freq',
      issuesLimit: 150,
    });
    const { code, json } = await cli([
      'query',
      '--url',
      sentry.url,
      '--org',
      'acme',
      '--from',
      'now-7d',
      '--to',
      'now',
      '--query',
      query,
    ]);
    expect(code).toBe(0);
    expect(json.requests).toBe(2);
    const [frame] = json.frames;
    expect(frame).toMatchObject({ refId: 'Q', name: 'Issues' });
    const count = frame.fields.find((f: { name: string }) => f.name === 'count');
    expect(count.type).toBe('number');
    expect(count.values).toHaveLength(150);
    // Sorted by events, as asked.
    expect([...count.values].sort((a: number, b: number) => b - a)).toEqual(count.values);
  });

  it('exits 1 with a JSON error for a query Sentry rejects', async () => {
    const query = JSON.stringify({ queryType: 'issues', issuesQuery: 'is:unresolved (level:error' });
    const { code, json } = await cli(['query', '--url', sentry.url, '--org', 'acme', '--query', query]);
    expect(code).toBe(1);
    expect(json.error).toContain('Sentry rejected the query (400): Error parsing search query: Parse error at');
  });

  it('exits 1 with the validation message for an invalid saved query, before asking Sentry', async () => {
    const query = JSON.stringify({ queryType: 'events', eventsFields: ['title'], eventsSort: 'count()' });
    const { code, json } = await cli(['query', '--url', sentry.url, '--org', 'acme', '--query', query]);
    expect(code).toBe(1);
    expect(json).toEqual({
      error: 'Sort by count() needs count() among the fields: add it or pick another sort field.',
      kind: 'query',
      requests: 0,
    });
  });

  it.each([
    [['query', '--org', 'acme', '--query', '{nope'], '--query is not valid JSON'],
    [['query', '--org', 'acme'], 'Missing --query'],
    [['query', '--org', 'acme', '--from', 'yesterday', '--query', '{}'], 'Invalid time "yesterday"'],
    [['query', '--org', 'acme', '--from', 'now', '--to', 'now-1h', '--query', '{}'], '--from must be before --to'],
    // The settings editor's checks: the same words in the CLI and in Grafana.
    [['check', '--url', 'sentry.io', '--org', 'acme'], '--url: Start the URL with https:// (or http://)'],
    [
      ['check', '--url', 'https://sentry.io/api/0/', '--org', 'acme'],
      '--url: Remove /api/0, the plugin adds it: use https://sentry.io.\n',
    ],
    [['check', '--org', 'acme corp'], '--org: A slug has only letters, digits, hyphens and underscores'],
    [['check', '--org', 'acme', '--row-budget', '5'], '--row-budget: 5 is out of range: use 100 to 100000'],
    [['check', '--org', 'acme', '--max-concurrent', 'many'], '--max-concurrent: Not a whole number: use 1 to 25'],
    [['check', '--org', 'acme', '--max-response-mb', '0'], '--max-response-mb: 0 is out of range: use 1 to 1024'],
    [['check'], 'Missing --org'],
    [['frobnicate', '--org', 'acme'], 'Unknown command "frobnicate"'],
    [['check', '--org', 'acme', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:');
    expect(stdout).toBe('');
  });

  it('takes the organization slug out of a pasted Sentry URL, as the settings editor does', async () => {
    const { code, json } = await cli(['check', '--url', sentry.url, '--org', 'https://acme.sentry.io/issues/']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true });
  });

  it('exits 2 without a token', async () => {
    const { code, stderr } = await cli(['check', '--url', sentry.url, '--org', 'acme'], '');
    expect(code).toBe(2);
    expect(stderr).toContain('SENTRY_AUTH_TOKEN');
  });
});

describe('cli query against a Sentry URL that redirects to another host', () => {
  let elsewhere: http.Server;
  let redirecting: http.Server;
  const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const listen = (server: http.Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  beforeAll(async () => {
    elsewhere = http.createServer((_req, res) => res.end('[]'));
    await listen(elsewhere);
    redirecting = http.createServer((req, res) => {
      res.writeHead(302, { Location: `${urlOf(elsewhere)}${req.url}` });
      res.end();
    });
    await listen(redirecting);
  });

  afterAll(async () => {
    for (const server of [redirecting, elsewhere]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 1 naming both hosts, instead of printing the other host’s empty list', async () => {
    const query = JSON.stringify({ queryType: 'issues' });
    const { code, json } = await cli(['query', '--url', urlOf(redirecting), '--org', 'acme', '--query', query]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ kind: 'redirected', requests: 1 });
    expect(json.error).toContain(
      `Sentry at ${urlOf(redirecting)} redirected /api/0/organizations/acme/issues/ to ${urlOf(elsewhere)}`
    );
  });
});

describe('cli query for the correlation types', () => {
  it('spike explainer: the post-release burst issue ranks first over the last 6 hours', async () => {
    const query = JSON.stringify({ queryType: 'spikeExplainer', spikeBaseline: 'previous' });
    const { code, json } = await cli([
      'query',
      '--url',
      sentry.url,
      '--org',
      'acme',
      '--from',
      'now-6h',
      '--to',
      'now',
      '--query',
      query,
    ]);
    expect(code).toBe(0);
    const title = json.frames[0].fields.find((f: { name: string }) => f.name === 'title');
    expect(title.values[0]).toBe(sentry.fake.scenario.burst.title);
  });

  it('request lookup: a request id from the scenario finds its event', async () => {
    const event = sentry.fake.scenario.errors.filter((e) => e.requestId && e.ts > Date.now() - 6 * 3600_000)[0];
    const query = JSON.stringify({ queryType: 'requestLookup', lookupIds: [event.requestId] });
    const { code, json } = await cli([
      'query',
      '--url',
      sentry.url,
      '--org',
      'acme',
      '--from',
      'now-24h',
      '--query',
      query,
    ]);
    expect(code).toBe(0);
    const requestIds = json.frames[0].fields.find((f: { name: string }) => f.name === 'requestId').values;
    expect(requestIds).toContain(event.requestId);
  });
});

describe('cli dashboard', () => {
  it('runs every query of this data source, sharing one client, and reports per panel', async () => {
    const ours = { type: manifest.id, uid: 'sentry' };
    const dashboard = {
      title: 'Test',
      templating: { list: [{ name: 'env', type: 'custom', current: { value: ['production'] } }] },
      panels: [
        {
          title: 'Top issues',
          datasource: ours,
          targets: [{ refId: 'A', queryType: 'issues', issuesLimit: 5, environments: ['$env'] }],
        },
        {
          title: 'Same issues again',
          datasource: ours,
          targets: [{ refId: 'A', queryType: 'issues', issuesLimit: 5, environments: ['$env'] }],
        },
        { title: 'Prometheus', datasource: { type: 'prometheus', uid: 'prom' }, targets: [{ refId: 'A', expr: 'up' }] },
        {
          type: 'row',
          title: 'Row',
          panels: [
            {
              title: 'Broken',
              datasource: ours,
              targets: [{ refId: 'B', queryType: 'nope' }],
            },
          ],
        },
      ],
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'lens-cli-'));
    const file = path.join(dir, 'dashboard.json');
    writeFileSync(file, JSON.stringify({ dashboard }));
    const { code, json } = await cli(['dashboard', file, '--url', sentry.url, '--org', 'acme', '--from', 'now-24h']);
    expect(code).toBe(1);
    expect(json.panels.map((p: { title: string }) => p.title)).toEqual(['Top issues', 'Same issues again', 'Broken']);
    expect(json.panels[2].error).toContain('Unknown query type "nope"');
    expect(json.panels[0].frames[0].fields[0].values).toHaveLength(5);
    // The second, identical panel shared the first one's request.
    expect(json.requests).toBe(1);
    const log = sentry.fake.requestLog.filter((e) => e.url.includes('/issues/'));
    expect(log[log.length - 1].url).toContain('environment=production');
  });
});

describe('cli and dot segments', () => {
  const pathOf = (url: string) => url.split('?')[0];

  it('check --org .. fails with a clear error and sends nothing', async () => {
    const before = sentry.fake.requestLog.length;
    const { code, stderr } = await cli(['check', '--url', sentry.url, '--org', '..']);
    // Refused by the settings check the editor shares, before any client exists (the core refuses too).
    expect(code).toBe(2);
    expect(stderr).toContain('--org: A slug has only letters, digits, hyphens and underscores, e.g. acme.');
    expect(sentry.fake.requestLog.slice(before)).toEqual([]);
  });

  it('a tag values variable with the tag key .. fails and asks nothing outside the organization', async () => {
    const dashboard = {
      title: 'Dots',
      templating: {
        list: [
          {
            name: 'tag',
            type: 'query',
            datasource: { type: manifest.id, uid: 'sentry' },
            query: { kind: 'tagValues', tagKey: '..' },
          },
        ],
      },
      panels: [],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lens-cli-')), 'dashboard.json');
    writeFileSync(file, JSON.stringify({ dashboard }));
    const before = sentry.fake.requestLog.length;
    const { json } = await cli(['dashboard', file, '--url', sentry.url, '--org', 'acme']);
    expect(json.variables).toEqual([
      { name: 'tag', value: undefined, error: 'The tag key ".." is not a valid path segment.' },
    ]);
    const sent = sentry.fake.requestLog.slice(before).map((e) => pathOf(e.url));
    expect(sent.filter((p) => !/^\/api\/0\/(organizations\/acme\/.*)?$/.test(p))).toEqual([]);
  });
});
