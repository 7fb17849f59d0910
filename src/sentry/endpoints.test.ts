/** @jest-environment node */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXED_NOW, HOUR, createTestFake, fakeClient } from '../../tests/support/fakeSentryClient';
import { ScriptedTransport, json } from '../../tests/support/scriptedTransport';
import { SentryClient } from './client';
import { api, paths } from './endpoints';
import { SentryError } from './errors';
import { checkConnection } from './health';
import { runQuery } from './run';
import { runVariableQuery } from './variables';

const DOT_SEGMENTS = ['..', '.', ''];

/** Every path that takes a value, with what the value is called in the message. */
const VALUE_PATHS: Array<[string, (value: string) => string, string]> = [
  ['organization', (v) => paths.organization(v), 'organization slug'],
  ['issues', (v) => paths.issues(v), 'organization slug'],
  ['teamProjects', (v) => paths.teamProjects('acme', v), 'team slug'],
  ['projectEnvironments', (v) => paths.projectEnvironments('acme', v), 'project slug'],
  ['issueEvents', (v) => paths.issueEvents('acme', v), 'issue id'],
  ['projectTagValues (project)', (v) => paths.projectTagValues('acme', v, 'browser'), 'project slug'],
  ['projectTagValues (key)', (v) => paths.projectTagValues('acme', 'web', v), 'tag key'],
  ['releaseDeploys', (v) => paths.releaseDeploys('acme', v), 'release version'],
];

describe('API paths', () => {
  it.each(VALUE_PATHS.flatMap(([name, build, what]) => DOT_SEGMENTS.map((v) => [name, what, v, build] as const)))(
    '%s refuses the %s %j rather than let a URL parser move the path',
    (_name, what, value, build) => {
      expect(() => build(value)).toThrow(SentryError);
      expect(() => build(value)).toThrow(`The ${what} "${value}" is not a valid path segment.`);
    }
  );

  it('encodes each value as one segment; dots inside a value are no dot segment', () => {
    expect(paths.projectTagValues('ac/me', 'we?b', 'a#b%2F..')).toBe(
      '/api/0/projects/ac%2Fme/we%3Fb/tags/a%23b%252F../values/'
    );
    expect(paths.releaseDeploys('acme', '...')).toBe('/api/0/organizations/acme/releases/.../deploys/');
    expect(paths.releaseDeploys('acme', '1.0 ü\r\n')).toBe(
      '/api/0/organizations/acme/releases/1.0%20%C3%BC%0D%0A/deploys/'
    );
    expect(paths.apiRoot()).toBe('/api/0/');
    expect(paths.organizations()).toBe('/api/0/organizations/');
  });

  it('is the only place in the core that writes an API path', () => {
    const core = path.join(__dirname);
    const sources = readdirSync(core, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.ts$/.test(file) && !/\.test\.ts$/.test(file) && !file.startsWith(`api${path.sep}`)
    );
    const handWritten = sources.filter(
      (file) => file !== 'endpoints.ts' && /['"`]\/api\/0\//.test(readFileSync(path.join(core, file), 'utf8'))
    );
    expect(sources).toContain('client.ts');
    expect(handWritten).toEqual([]);
  });

  it('takes only route words and slashes as literal text', () => {
    expect(() => api`organizations/../issues/`).toThrow('"organizations/../issues/" is not route text');
    expect(() => api`organizations?x=1`).toThrow('is not route text');
  });
});

describe('a dot segment never reaches Sentry', () => {
  const range = { range: { from: new Date(FIXED_NOW - 24 * HOUR), to: new Date(FIXED_NOW) } };
  const allowed = (url: string) => /^\/api\/0\/(organizations\/acme\/.*)?$/.test(url.split('?')[0]);

  it('a data source whose organization slug is ".." fails its check and its queries, sending nothing', async () => {
    const fake = createTestFake();
    const client = fakeClient(fake, { orgSlug: '..' });
    const check = await checkConnection(client, fake.baseUrl);
    expect(check).toMatchObject({ ok: false, message: 'The organization slug ".." is not a valid path segment.' });
    const outcome = await runQuery(client, { refId: 'A', queryType: 'issues' }, range);
    expect(outcome.error).toMatchObject({
      kind: 'query',
      message: 'The organization slug ".." is not a valid path segment.',
    });
    expect(fake.requestLog).toEqual([]);
  });

  it('a tag values variable with the tag key ".." fails and asks nothing outside the organization', async () => {
    const fake = createTestFake();
    await expect(runVariableQuery(fakeClient(fake), { kind: 'tagValues', tagKey: '..' })).rejects.toThrow(
      'The tag key ".." is not a valid path segment.'
    );
    expect(fake.requestLog.map((e) => e.url).filter((url) => !allowed(url))).toEqual([]);
  });

  it('a projects variable of the team ".." fails without a request', async () => {
    const fake = createTestFake();
    await expect(runVariableQuery(fakeClient(fake), { kind: 'projects', team: '..' })).rejects.toThrow(
      'The team slug ".." is not a valid path segment.'
    );
    expect(fake.requestLog).toEqual([]);
  });
});

describe('executedQueryString', () => {
  it('shows the path as sent, encoded', async () => {
    const transport = new ScriptedTransport(() => json(200, []));
    const client = new SentryClient({ transport, orgSlug: 'äcme org' });
    const outcome = await runQuery(
      client,
      { refId: 'A', queryType: 'issues' },
      {
        range: { from: new Date(FIXED_NOW - HOUR), to: new Date(FIXED_NOW) },
      }
    );
    expect(outcome.error).toBeUndefined();
    expect(transport.requests.map((r) => r.path)).toEqual(['/api/0/organizations/%C3%A4cme%20org/issues/']);
    expect(outcome.frames[0].meta?.executedQueryString).toMatch(
      /^GET \/api\/0\/organizations\/%C3%A4cme%20org\/issues\/\?/
    );
  });
});
