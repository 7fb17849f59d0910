/**
 * @jest-environment node
 *
 * Sentry's deprecation answers, replayed through a whole query run: the headers Sentry's `deprecated` decorator adds
 * (src/sentry/api/helpers/deprecation.py: `X-Sentry-Deprecation-Date`, `X-Sentry-Replacement-Endpoint`) become a
 * warning on the frames, and the 410 a brownout answers (its body: gone.sentry-deprecation-410.json) an error that
 * names the replacement.
 */
import { runQuery } from '../../src/sentry/run';
import { WIDE_RANGE, body, replayClient } from './replay';

const deprecated = {
  'x-sentry-deprecation-date': '2026-01-15T00:00:00+00:00',
  'x-sentry-replacement-endpoint': '/api/0/organizations/acme/issues/',
};
const query = { refId: 'A', queryType: 'issues' as const, issuesQuery: '' };

describe('deprecated endpoints', () => {
  it('an answer with deprecation headers adds a warning naming the day and the replacement', async () => {
    const { client } = replayClient({ 'issues/': { json: body('issues.mcp-list.json'), headers: deprecated } });
    const outcome = await runQuery(client, query, WIDE_RANGE);
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].fields.find((f) => f.name === 'count')?.values).toEqual([25]);
    expect(outcome.frames[0].meta?.notices).toEqual([
      {
        severity: 'warning',
        text:
          'Sentry has deprecated /api/0/organizations/acme/issues/ and may stop answering it from 2026-01-15; ' +
          'it names /api/0/organizations/acme/issues/ as the replacement.',
      },
    ]);
  });

  it('answers without the headers add nothing, and one query’s notice does not reach the next', async () => {
    let headers: Record<string, string> = deprecated;
    const { client } = replayClient({
      'issues/': {
        status: 200,
        get headers() {
          return { 'content-type': 'application/json', ...headers };
        },
        body: JSON.stringify(body('issues.openapi-org.json')),
      },
    });
    const first = await runQuery(client, query, WIDE_RANGE);
    headers = {};
    // The same query on the same client, now answered without the headers: the earlier notice stays behind.
    const second = await runQuery(client, query, WIDE_RANGE);
    expect(first.frames[0].meta?.notices).toHaveLength(1);
    expect(second.frames[0].meta?.notices).toBeUndefined();
  });

  it('a 410 is reported as a retired endpoint with the replacement Sentry names', async () => {
    const { client } = replayClient({
      'issues/': { status: 410, json: body('gone.sentry-deprecation-410.json'), headers: deprecated },
    });
    const outcome = await runQuery(client, query, WIDE_RANGE);
    expect(outcome.frames).toEqual([]);
    expect(outcome.error).toEqual({
      kind: 'gone',
      status: 410,
      message:
        'Sentry has retired this endpoint (410: This API no longer exists.). ' +
        'Sentry names /api/0/organizations/acme/issues/ as its replacement.',
    });
  });

  it('the query’s view of the client shares what the client learnt about the server', async () => {
    const { client } = replayClient({ 'issues/': body('issues.mcp-list.json') });
    client.capabilities.set('eventsTimeseries', false);
    const seen: string[] = [];
    const view = client.observed((path) => seen.push(path));
    view.capabilities.set('eventsTimeseries', true);
    await view.getJson('/api/0/organizations/acme/issues/');
    expect([client.capabilities.get('eventsTimeseries'), seen, view.stats.sent]).toEqual([
      true,
      ['/api/0/organizations/acme/issues/'],
      client.stats.sent,
    ]);
  });
});
