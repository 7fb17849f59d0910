/** @jest-environment node */
// Bad input, table-driven: each case names the exact message its query gets, while a good query run
// alongside on the same client still returns data (the failure stays on the query it concerns).
import { FIXED_NOW, HOUR, createTestFake, inProcessTransport } from '../../tests/support/fakeSentryClient';
import { DEMO_TOKEN, NO_EVENT_READ_TOKEN } from '../../fake-sentry/handlers';
import type { SentryQuery } from './query';
import { SentryClient } from './client';
import { runQuery } from './run';
import { SentryResponse, Transport, TransportError } from './transport';

const fake = createTestFake();
const range = { range: { from: new Date(FIXED_NOW - 24 * HOUR), to: new Date(FIXED_NOW) } };

type Override = (path: string) => SentryResponse | 'reset' | 'hang' | undefined;

interface Case {
  name: string;
  query: Record<string, unknown> & { queryType: string };
  /** Exact message, or a pattern where Sentry's text carries a variable part. */
  message: string | RegExp;
  /** Answers for the bad query's endpoint instead of the fake. */
  override?: Override;
  token?: string;
}

const ISSUES = /\/issues\/$/;
const html = (status: number): SentryResponse => ({
  status,
  headers: { 'content-type': 'text/html' },
  body: '<!DOCTYPE html><html><title>Sentry login</title></html>',
});
const on =
  (pattern: RegExp, response: SentryResponse | 'reset' | 'hang'): Override =>
  (path) =>
    pattern.test(path) ? response : undefined;
const json = (status: number, body: unknown): SentryResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const NOT_FOUND_HINT =
  'Check the organization slug, and that the projects, environments or release named in the query exist.';

const CASES: Case[] = [
  // Sentry rejects the query.
  {
    name: 'unbalanced parentheses in an issue search',
    query: { queryType: 'issues', issuesQuery: 'is:unresolved (level:error' },
    message:
      /^Sentry rejected the query \(400\): Error parsing search query: Parse error at '.+' \(column \d+\)\. This is commonly caused by unmatched parentheses\. Enclose any text in double quotes\.$/,
  },
  {
    name: 'unbalanced parentheses in an events search',
    query: { queryType: 'events', dataset: 'errors', eventsQuery: 'level:error (title:x' },
    message: /^Sentry rejected the query \(400\): Parse error at '.+' \(column \d+\)/,
  },
  {
    name: 'unknown function',
    query: { queryType: 'events', dataset: 'errors', eventsFields: ['title', 'nosuch_fn()'] },
    message: 'Sentry rejected the query (400): nosuch_fn is not a valid function.',
  },
  {
    name: 'unknown y-axis function',
    query: { queryType: 'eventsStats', dataset: 'errors', eventsStatsYAxis: ['nosuch_fn()'] },
    message: /^Sentry rejected the query \(400\): .*nosuch_fn/,
  },
  {
    name: 'crash rate grouped by session status',
    query: {
      queryType: 'sessions',
      sessionsFields: ['crash_free_rate(session)'],
      sessionsGroupBy: ['session.status' as never],
    },
    message: /session\.status/,
  },
  {
    name: 'unknown project id',
    query: { queryType: 'issues', projectIds: ['999'] },
    message:
      'Sentry refused access (403: You do not have permission to perform this action.). This request needs the scope event:read, and access to the projects it names. Check that the projects 999 exist and the token can access them (Sentry answers 403 for an unknown project id).',
  },
  {
    name: 'project slug not found',
    query: { queryType: 'issues', projectIds: ['no-such-project'] },
    message: 'No project "no-such-project" in organization acme (or the token cannot see it).',
  },
  {
    name: 'stale environment',
    query: { queryType: 'events', dataset: 'errors', environments: ['prod-2019'] },
    message:
      'Sentry answered 404: check that the environment prod-2019 exists in the organization (Sentry answers 404 for an unknown environment name, e.g. a stale variable value).',
  },
  {
    name: 'token without event:read reads issues',
    token: NO_EVENT_READ_TOKEN,
    query: { queryType: 'issues' },
    message:
      'Sentry refused access (403: You do not have permission to perform this action.). This request needs the scope event:read, and access to the projects it names.',
  },
  // The saved query is wrong before anything is sent.
  {
    name: 'sort by a field that is not a column',
    query: { queryType: 'events', eventsFields: ['title'], eventsSort: 'count()' },
    message: 'Sort by count() needs count() among the fields: add it or pick another sort field.',
  },
  {
    name: 'unknown query type',
    query: { queryType: 'metrix' },
    message: /^Unknown query type "metrix": pick one of issues, /,
  },
  {
    name: 'limit zero',
    query: { queryType: 'issues', issuesLimit: 0 },
    message: /^Limit must be a whole number from 1 to /,
  },
  {
    name: 'negative limit',
    query: { queryType: 'events', eventsLimit: -5 },
    message: /^Limit must be a whole number from 1 to /,
  },
  {
    name: 'limit as text from an old dashboard',
    query: { queryType: 'issues', issuesLimit: 'lots' as never },
    message: /^Limit must be a whole number/,
  },
  {
    name: 'top N above 50',
    query: { queryType: 'eventsStats', eventsStatsGroups: ['project'], eventsStatsLimit: 51 },
    message: /50/,
  },
  { name: 'empty y-axis list', query: { queryType: 'eventsStats', eventsStatsYAxis: [] }, message: /y-axis/i },
  {
    name: 'more than 20 fields',
    query: { queryType: 'events', eventsFields: Array.from({ length: 21 }, (_, i) => `tags[t${i}]`) },
    message: /20/,
  },
  {
    name: 'unknown dataset',
    query: { queryType: 'events', dataset: 'bogus' as never },
    message: 'Unknown dataset "bogus": use one of errors, transactions, spans, discover.',
  },
  {
    name: 'function as distribution field',
    query: { queryType: 'errorDistribution', distributionField: 'count()' },
    message: 'Count errors by a field or tag, not a function ("count()").',
  },
  { name: 'empty metrics list', query: { queryType: 'performance', performanceMetrics: [] }, message: /metric/i },
  { name: 'empty sessions fields', query: { queryType: 'sessions', sessionsFields: [] }, message: /field/i },
  {
    name: 'sessions interval that is not an interval',
    query: { queryType: 'sessions', sessionsInterval: '7 parsecs' },
    message: /interval/i,
  },
  { name: 'stats interval of zero', query: { queryType: 'statsV2', statsInterval: '0m' }, message: /interval/i },
  {
    name: 'stats without a category',
    query: { queryType: 'statsV2', statsGroupBy: ['outcome'] },
    message: /category/i,
  },
  {
    name: 'unknown issue sort',
    query: { queryType: 'issues', issuesSort: 'loudest' as never },
    message: 'Unknown sort "loudest": use one of date, new, freq, user, priority.',
  },
  {
    name: 'unknown releases mode',
    query: { queryType: 'releases', releasesMode: 'everything' as never },
    message: 'Unknown mode "everything": use releases or deploys.',
  },
  {
    name: 'anomaly band with groups',
    query: { queryType: 'eventsStats', eventsStatsGroups: ['project'], anomalyBand: true } as never,
    message: /anomaly band/i,
  },
  {
    name: 'spike limit zero',
    query: { queryType: 'spikeExplainer', spikeLimit: 0 } as never,
    message: /1 to 100|whole number/,
  },
  { name: 'range too long for sessions', query: { queryType: 'sessions' }, message: /at most 1000 buckets/ },
  // What came back is not Sentry's API, or not whole.
  {
    name: 'HTML login page',
    query: { queryType: 'issues' },
    override: on(ISSUES, html(200)),
    message:
      /^The Sentry URL at https:\/\/sentry\.fake\.test answered \/api\/0\/organizations\/acme\/issues\/ with an HTML page, not Sentry's API\. Check the Sentry URL\.$/,
  },
  {
    name: 'truncated JSON',
    query: { queryType: 'issues' },
    override: on(ISSUES, { status: 200, headers: { 'content-type': 'application/json' }, body: '[{"id": "1", "tit' }),
    message: "Sentry's answer to /api/0/organizations/acme/issues/ is not valid JSON (truncated or malformed).",
  },
  {
    name: 'non-JSON 502 from a load balancer',
    query: { queryType: 'issues' },
    override: on(ISSUES, html(502)),
    message: /^The Sentry URL at https:\/\/sentry\.fake\.test answered with an HTML page \(status 502\)/,
  },
  {
    name: 'empty body 404 (feature missing)',
    query: { queryType: 'events' },
    override: on(/\/events\/$/, { status: 404, headers: {}, body: '' }),
    message: `Sentry answered 404 (empty response: the feature may not be enabled for this organization or Sentry version). ${NOT_FOUND_HINT}`,
  },
  {
    name: 'object detail on 403',
    query: { queryType: 'issues' },
    override: on(
      ISSUES,
      json(403, { detail: { code: 'member-disabled-over-limit', message: 'Organization over member limit' } })
    ),
    message:
      'Sentry refused access (403: Organization over member limit (member-disabled-over-limit)). This request needs the scope event:read, and access to the projects it names.',
  },
  {
    name: 'serializer errors on 400',
    query: { queryType: 'issues' },
    override: on(ISSUES, json(400, { query: ['Invalid query.'] })),
    message: 'Sentry rejected the query (400): query: Invalid query.',
  },
  {
    name: 'invalid origin as a JSON string',
    query: { queryType: 'issues' },
    override: on(ISSUES, json(400, 'Invalid origin: https://grafana.example.com')),
    message: 'Sentry rejected the query (400): Invalid origin: https://grafana.example.com.',
  },
  {
    name: 'Grafana proxy: Sentry rejected the token',
    query: { queryType: 'issues' },
    override: on(ISSUES, { status: 400, headers: {}, body: 'Authentication to data source failed' }),
    message:
      'Sentry rejected the auth token (401). The token is wrong, expired or revoked: create a new one and save it in the data source settings.',
  },
  {
    name: '429 storm past the retry budget',
    query: { queryType: 'issues' },
    override: on(
      ISSUES,
      json(429, 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds')
    ),
    message:
      'Sentry\'s rate limit was still exceeded after retrying (You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds). Lower "Max concurrent requests" or refresh less often.',
  },
  {
    name: '5xx past the retry budget',
    query: { queryType: 'issues' },
    override: on(ISSUES, json(500, { detail: 'Internal Error', errorId: 'abc123' })),
    message: 'Sentry server error (500: Internal Error (Sentry error id abc123)).',
  },
  {
    name: 'connection reset every time',
    query: { queryType: 'issues' },
    override: on(ISSUES, 'reset'),
    message: 'Could not reach Sentry at https://sentry.fake.test: socket hang up',
  },
  {
    name: 'timeout',
    query: { queryType: 'issues' },
    override: on(ISSUES, 'hang'),
    message: 'Sentry did not answer within 30 ms (/api/0/organizations/acme/issues/).',
  },
  // Hostile and unusual text is data, not syntax.
  {
    name: 'hostile search value stays one literal (no rows, no error)',
    query: { queryType: 'issues', issuesQuery: 'title:"x\\" OR level:fatal \\""' },
    message: '',
  },
  {
    name: 'request id * is that id, not a wildcard (no rows, no error)',
    query: { queryType: 'requestLookup', lookupIds: ['*'], lookupKind: 'request' },
    message: '',
  },
  {
    name: 'request id with a backslash before *, which Sentry cannot search for',
    query: { queryType: 'requestLookup', lookupIds: ['a\\*'], lookupKind: 'request' },
    message:
      'The value "a\\*" cannot be written in a Sentry search: Sentry reads a backslash before * or before the closing quote as an escape.',
  },
  {
    name: 'issue id that is not a number, from a broken answer',
    query: { queryType: 'spikeExplainer', spikeMinEvents: 1 },
    override: on(
      ISSUES,
      json(200, [
        {
          id: '1 OR is:resolved',
          shortId: 'U-1',
          title: 't',
          count: '9',
          userCount: 1,
          project: { id: '1', slug: 'u' },
        },
      ])
    ),
    message: 'Sentry sent "1 OR is:resolved" as issue.id, which is not a number.',
  },
];

function transportWith(override: Override | undefined, token: string): Transport {
  const base = inProcessTransport(fake, token);
  return {
    target: base.target,
    send(request, signal) {
      const answer = override?.(request.path);
      if (answer === 'reset') {
        return Promise.reject(new TransportError('network', 'socket hang up'));
      }
      if (answer === 'hang') {
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'aborted')))
        );
      }
      return answer ? Promise.resolve(answer) : base.send(request, signal);
    },
  };
}

describe('bad input corpus', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name', async ({ query, message, override, token, name }) => {
    const client = new SentryClient({
      transport: transportWith(override, token ?? DEMO_TOKEN),
      orgSlug: 'acme',
      scheduler: { backoffBaseMs: 1, backoffMaxMs: 2, maxRetries: 2, timeoutMs: name === 'timeout' ? 30 : 30_000 },
    });
    const context =
      name === 'range too long for sessions'
        ? { range: { from: new Date(FIXED_NOW - 1100 * 24 * HOUR), to: new Date(FIXED_NOW) } }
        : range;
    // The good query reads another endpoint, so overrides and scopes don't touch it.
    const good: SentryQuery = { refId: 'B', queryType: 'releases' };
    const [bad, fine] = await Promise.all([
      runQuery(client, { refId: 'A', ...query } as SentryQuery, context),
      runQuery(client, good, range),
    ]);
    if (message === '') {
      expect(bad.error).toBeUndefined();
      expect(bad.frames[0].length).toBe(0);
    } else {
      expect(bad.frames).toEqual([]);
      if (typeof message === 'string') {
        expect(bad.error?.message).toBe(message);
      } else {
        expect(bad.error?.message).toMatch(message);
      }
    }
    expect(fine.error).toBeUndefined();
    expect(fine.frames[0].length).toBeGreaterThan(0);
  });

  it('keeps unicode and very long titles intact', async () => {
    const title = `Ошибка 💥 ${'x'.repeat(5000)} <script>alert(1)</script>`;
    const issue = { id: '1', shortId: 'U-1', title, count: '2', userCount: 1, project: { id: '1', slug: 'u' } };
    const client = new SentryClient({
      transport: transportWith(on(ISSUES, json(200, [issue])), DEMO_TOKEN),
      orgSlug: 'acme',
    });
    const outcome = await runQuery(client, { refId: 'A', queryType: 'issues' }, range);
    expect(outcome.frames[0].fields.find((f) => f.name === 'title')?.values).toEqual([title]);
  });
});
