/** @jest-environment node */
// Bad input, table-driven: each case names the exact message its saved query (or variable, or annotation) gets,
// while a good one run alongside on the same client still returns data (the failure stays where it belongs).
import { FIXED_NOW, HOUR, createTestFake, inProcessTransport } from '../../tests/support/fakeSentryClient';
import { DEMO_TOKEN, NO_EVENT_READ_TOKEN } from '../../fake-sentry/handlers';
import { SentryClient } from './client';
import { ALL_PERFORMANCE_METRICS } from './queries/performance';
import { SESSIONS_FIELDS } from './queries/sessions';
import { runSavedQuery } from './run';
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

const HTML_HINT =
  'Check the URL: use the instance root (https://sentry.io, https://de.sentry.io or https://sentry.example.com), not a page URL; a self-hosted login page or proxy error page also looks like this.';
const NOT_FOUND_HINT =
  'Check the organization slug, and that the projects, environments or release named in the query exist.';

const METRICS = ALL_PERFORMANCE_METRICS.join(', ');
const SESSION_FIELDS = SESSIONS_FIELDS.join(', ');

/** Fields with fixed choices, in saved JSON as dashboards, provisioning and the CLI hold them. */
const CHOICE_CASES: Case[] = [
  {
    name: 'performance mode that is not a mode',
    query: { queryType: 'performance', performanceMode: 'series' },
    message: 'Unknown mode "series": use table or timeseries.',
  },
  {
    name: 'unknown performance metric',
    query: { queryType: 'performance', performanceMetrics: ['p95', 'p90'] },
    message: `Unknown metric "p90": use ${METRICS}.`,
  },
  {
    name: 'performance metric saved as a lone value',
    query: { queryType: 'performance', performanceMetrics: 'throughput' },
    message: `Unknown metric "throughput": use ${METRICS}.`,
  },
  {
    name: 'sessions mode that is not a mode',
    query: { queryType: 'sessions', sessionsMode: 'chart' },
    message: 'Unknown mode "chart": use timeseries or table.',
  },
  {
    name: 'unknown sessions fields',
    query: { queryType: 'sessions', sessionsFields: ['crash_free_rate(sessions)', 'sum(session)', 'users'] },
    message: `Unknown field "crash_free_rate(sessions)", "users": use ${SESSION_FIELDS}.`,
  },
  {
    name: 'sessions field saved as a lone value',
    query: { queryType: 'sessions', sessionsFields: 'crash_free_rate' },
    message: `Unknown field "crash_free_rate": use ${SESSION_FIELDS}.`,
  },
  {
    name: 'unknown sessions group-by',
    query: { queryType: 'sessions', sessionsGroupBy: ['release', 'os'] },
    message: 'Unknown group-by field "os": use release, project, environment, session.status.',
  },
  {
    name: 'unknown stats field',
    query: { queryType: 'statsV2', statsFields: ['sum(bytes)'] },
    message: 'Unknown field "sum(bytes)": use sum(quantity) or sum(times_seen).',
  },
  {
    name: 'unknown stats group-by',
    query: { queryType: 'statsV2', statsGroupBy: ['category', 'key_id'] },
    message: 'Unknown group-by field "key_id": use category, outcome, reason, project.',
  },
  {
    name: 'unknown issue sort',
    query: { queryType: 'issues', issuesSort: 'loudest' },
    message: 'Unknown sort "loudest": use one of date, new, freq, user, priority.',
  },
  {
    name: 'issue sort in another case',
    query: { queryType: 'issues', issuesSort: 'Freq' },
    message: 'Unknown sort "Freq": use one of date, new, freq, user, priority.',
  },
  {
    name: 'unknown releases mode',
    query: { queryType: 'releases', releasesMode: 'everything' },
    message: 'Unknown mode "everything": use releases or deploys.',
  },
  {
    name: 'unknown sort direction',
    query: { queryType: 'events', eventsFields: ['title', 'timestamp'], eventsSortDirection: 'descending' },
    message: 'Unknown sort direction "descending": use asc or desc.',
  },
  {
    name: 'unknown sort direction on spans',
    query: { queryType: 'spans', eventsSortDirection: 'up' },
    message: 'Unknown sort direction "up": use asc or desc.',
  },
  {
    name: 'unknown dataset of an event frequency query',
    query: { queryType: 'eventsStats', dataset: 'metrics' },
    message: 'Unknown dataset "metrics": use one of errors, transactions, spans, discover.',
  },
  {
    name: 'unknown lookup id kind',
    query: { queryType: 'requestLookup', lookupIds: ['abc'], lookupKind: 'span' },
    message: 'Unknown id kind "span": use auto, request, trace.',
  },
  {
    name: 'unknown spike baseline',
    query: { queryType: 'spikeExplainer', spikeBaseline: 'yesterday' },
    message: 'Unknown baseline "yesterday": use previous, previousDay, previousWeek.',
  },
  {
    name: 'unknown anomaly baseline',
    query: { queryType: 'eventsStats', anomalyBand: true, anomalyBaseline: 'lastMonth' },
    message: 'Unknown baseline "lastMonth": use previousDay or previousWeek.',
  },
  {
    name: 'anomaly band switch as a word',
    query: { queryType: 'eventsStats', anomalyBand: 'on' },
    message: 'The anomaly band switch must be true or false, not "on".',
  },
  {
    name: '"Other" series switch as a word',
    query: { queryType: 'eventsStats', eventsStatsGroups: ['project'], eventsStatsOther: 'yes' },
    message: 'The "Other" series switch must be true or false, not "yes".',
  },
  {
    name: 'share switch as a number',
    query: { queryType: 'errorDistribution', distributionShare: 1 },
    message: 'The share switch must be true or false, not 1.',
  },
  {
    name: 'anomaly band width of zero',
    query: { queryType: 'spansStats', anomalyBand: true, anomalyK: 0 },
    message: 'The band width k must be a number above 0 and at most 100, not 0.',
  },
  {
    name: 'negative minimum of events',
    query: { queryType: 'spikeExplainer', spikeMinEvents: -1 },
    message: 'Min events must be a whole number, 0 or more, not -1.',
  },
  {
    name: 'apdex threshold of zero',
    query: { queryType: 'performance', apdexThreshold: 0 },
    message: 'The apdex threshold (ms) must be a whole number from 1 to 600000, not 0.',
  },
  {
    name: 'request id tag that is not a tag key',
    query: { queryType: 'requestLookup', lookupIds: ['abc'], requestIdTag: 'request id' },
    message: '"request id" is not a tag key: use letters, digits, _ . : and -, e.g. request_id or x-request-id.',
  },
];

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
    message: 'Sentry rejected the query (400): nosuch_fn is not a valid function.',
  },
  {
    name: 'crash rate grouped by session status',
    query: {
      queryType: 'sessions',
      sessionsFields: ['crash_free_rate(session)'],
      sessionsGroupBy: ['session.status'],
    },
    message: 'Sentry rejected the query (400): Cannot group field crash_free_rate(session) by session.status.',
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
    message:
      'Unknown query type "metrix": pick one of issues, eventsStats, errorDistribution, events, performance, spans, spansStats, sessions, statsV2, releases, spikeExplainer, requestLookup.',
  },
  {
    name: 'limit zero',
    query: { queryType: 'issues', issuesLimit: 0 },
    message: 'Limit must be a whole number from 1 to 100000, not 0.',
  },
  {
    name: 'negative limit',
    query: { queryType: 'events', eventsLimit: -5 },
    message: 'Limit must be a whole number from 1 to 100000, not -5.',
  },
  {
    name: 'limit as text from an old dashboard',
    query: { queryType: 'issues', issuesLimit: 'lots' },
    message: 'Limit must be a whole number from 1 to 100000, not lots.',
  },
  {
    name: 'top N above 50',
    query: { queryType: 'eventsStats', eventsStatsGroups: ['project'], eventsStatsLimit: 51 },
    message: 'Top N can be at most 50, not 51.',
  },
  {
    name: 'empty y-axis list',
    query: { queryType: 'eventsStats', eventsStatsYAxis: [] },
    message: 'Pick at least one y-axis, e.g. count().',
  },
  {
    name: 'more than 20 fields',
    query: { queryType: 'events', eventsFields: Array.from({ length: 21 }, (_, i) => `tags[t${i}]`) },
    message: 'Sentry allows at most 20 fields per query; remove 1.',
  },
  {
    name: 'unknown dataset',
    query: { queryType: 'events', dataset: 'bogus' },
    message: 'Unknown dataset "bogus": use one of errors, transactions, spans, discover.',
  },
  {
    name: 'function as distribution field',
    query: { queryType: 'errorDistribution', distributionField: 'count()' },
    message: 'Count errors by a field or tag, not a function ("count()").',
  },
  {
    name: 'empty metrics list',
    query: { queryType: 'performance', performanceMetrics: [] },
    message: 'Pick at least one metric, e.g. tpm or p95.',
  },
  {
    name: 'empty sessions fields',
    query: { queryType: 'sessions', sessionsFields: [] },
    message: 'Pick at least one field, e.g. crash_free_rate(session).',
  },
  {
    name: 'sessions interval that is not an interval',
    query: { queryType: 'sessions', sessionsInterval: '7 parsecs' },
    message:
      'Interval "7 parsecs" is not a number and a unit: use e.g. 30s, 5m, 1h or 1d, a $variable, or leave it empty.',
  },
  {
    name: 'stats interval of zero',
    query: { queryType: 'statsV2', statsInterval: '0m' },
    message: 'Interval "0m" must be longer than zero.',
  },
  {
    name: 'stats without a category',
    query: { queryType: 'statsV2', statsGroupBy: ['outcome'] },
    message: 'Pick at least one category, or group by category: Sentry needs one of the two.',
  },
  {
    name: 'anomaly band with groups',
    query: { queryType: 'eventsStats', eventsStatsGroups: ['project'], anomalyBand: true },
    message: 'The anomaly band needs a single series: remove the group-by (project) or turn the band off.',
  },
  {
    name: 'spike limit zero',
    query: { queryType: 'spikeExplainer', spikeLimit: 0 },
    message: 'Limit must be a whole number from 1 to 100, not 0.',
  },
  {
    name: 'range too long for sessions',
    query: { queryType: 'sessions' },
    message:
      'The time range is too long for session health: Sentry allows at most 1000 buckets of at most one day. Choose a range of 1000 days or less.',
  },
  // A value outside a field's fixed choices: the message names the field and the choices.
  ...CHOICE_CASES,
  // What came back is not Sentry's API, or not whole.
  {
    name: 'HTML login page',
    query: { queryType: 'issues' },
    override: on(ISSUES, html(200)),
    message:
      "The Sentry URL at https://sentry.fake.test answered /api/0/organizations/acme/issues/ with an HTML page, not Sentry's API. Check the Sentry URL.",
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
    message: `The Sentry URL at https://sentry.fake.test answered with an HTML page (status 502), not Sentry's API. ${HTML_HINT}`,
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
    message: 'Could not reach Sentry at https://sentry.fake.test: socket hang up.',
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
  it('has at least 60 cases of saved queries (variables and annotations: corpusDefinitions.test.ts)', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
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
    const [bad, fine] = await Promise.all([
      runSavedQuery(client, { refId: 'A', ...query }, context),
      runSavedQuery(client, { refId: 'B', queryType: 'releases' }, range),
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
    const outcome = await runSavedQuery(client, { refId: 'A', queryType: 'issues' }, range);
    expect(outcome.frames[0].fields.find((f) => f.name === 'title')?.values).toEqual([title]);
  });
});
