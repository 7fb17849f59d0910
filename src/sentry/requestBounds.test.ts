/**
 * @jest-environment node
 *
 * Every query type sends a number of requests bounded by its row limit and Sentry's page size, however much Sentry
 * holds: here a fake with 300 more releases than the demo (each deployed), ~320 issues and thousands of events.
 * The bounds hold on a server that serves the first route and dataset tried; a refused one (older self-hosted)
 * adds one request per chart call the first time, counted below where a type probes.
 */
import { createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { scenarioWithReleases } from '../../tests/support/manyReleases';
import { runAnnotationQuery } from './annotations';
import { DEFAULT_ROW_BUDGET } from './limits';
import { DEFAULT_DISTRIBUTION_LIMIT } from './queries/distribution';
import { DEFAULT_EVENTS_LIMIT } from './queries/events';
import { DEFAULT_TOP_N, SENTRY_MAX_TOP_EVENTS } from './queries/eventsStats';
import { DEFAULT_ISSUES_LIMIT } from './queries/issues';
import { DEFAULT_PERFORMANCE_TABLE_LIMIT } from './queries/performance';
import { DEFAULT_RELEASES_LIMIT } from './queries/releases';
import { DEFAULT_LOOKUP_LIMIT } from './queries/requestLookup';
import { SPIKE_CANDIDATES } from './queries/spikeExplainer';
import type { QueryType, SentryQuery } from './query';
import { QUERY_TYPES, defaultQueryFor } from './registry';
import { runQuery } from './run';

/** Rows per page of Sentry's lists (issues, events, releases, projects, deploys). */
const PAGE = 100;
const pages = (rows: number) => Math.ceil(rows / PAGE);
/** Releases created before the range are read too, so a releases read may run to the data source's row budget. */
const RELEASE_PAGES = pages(DEFAULT_ROW_BUDGET);
/** Each release of this fake has one page of deploys (Sentry reads up to 1000 deploys of a release, 10 pages). */
const DEPLOY_PAGES_PER_RELEASE = 1;
/**
 * A chart of up to ten groups is one request; the first one on a data source may probe events-timeseries before
 * events-stats (two). Past ten groups: one events table ranks them, the chart is read ten groups at a time, and one
 * ungrouped request gives "Other".
 */
const chartRequests = (topN: number) =>
  topN <= SENTRY_MAX_TOP_EVENTS ? 2 : 1 + 2 * (Math.ceil(topN / SENTRY_MAX_TOP_EVENTS) + 1);

const fake = createTestFake({ scenario: scenarioWithReleases(300) });
interface BoundCase {
  type: QueryType;
  /** Added to the type's default query. */
  set: Record<string, unknown>;
  bound: number;
}

const cases: BoundCase[] = [
  // Pages of `limit` issues.
  { type: 'issues', set: {}, bound: pages(DEFAULT_ISSUES_LIMIT) },
  { type: 'issues', set: { issuesLimit: 250 }, bound: pages(250) },
  { type: 'eventsStats', set: {}, bound: chartRequests(0) },
  { type: 'eventsStats', set: { eventsStatsGroups: ['release'] }, bound: chartRequests(DEFAULT_TOP_N) },
  { type: 'eventsStats', set: { eventsStatsGroups: ['release'], eventsStatsLimit: 15 }, bound: chartRequests(15) },
  // The grouped table and the total, one page each (the limit is at most one page).
  { type: 'errorDistribution', set: {}, bound: 2 * pages(DEFAULT_DISTRIBUTION_LIMIT) },
  { type: 'errorDistribution', set: { distributionLimit: 100 }, bound: 2 * pages(100) },
  // Pages of `limit` rows.
  { type: 'events', set: {}, bound: pages(DEFAULT_EVENTS_LIMIT) },
  { type: 'events', set: { eventsLimit: 250 }, bound: pages(250) },
  { type: 'performance', set: {}, bound: pages(DEFAULT_PERFORMANCE_TABLE_LIMIT) },
  { type: 'performance', set: { performanceLimit: 250 }, bound: pages(250) },
  {
    type: 'performance',
    set: { performanceMode: 'timeseries', performanceGroupBy: ['transaction'], performanceLimit: 15 },
    bound: chartRequests(15),
  },
  { type: 'spans', set: {}, bound: pages(DEFAULT_EVENTS_LIMIT) },
  { type: 'spans', set: { eventsLimit: 250 }, bound: pages(250) },
  { type: 'spansStats', set: {}, bound: chartRequests(0) },
  { type: 'spansStats', set: { eventsStatsGroups: ['span.op'], eventsStatsLimit: 15 }, bound: chartRequests(15) },
  // One page of up to 5000 groups; a refused interval is asked once more at the server's floor.
  { type: 'sessions', set: {}, bound: 2 },
  { type: 'sessions', set: { sessionsGroupBy: ['release'] }, bound: 2 },
  // As sessions, and the project list (cached) to name projects.
  { type: 'statsV2', set: {}, bound: 2 },
  {
    type: 'statsV2',
    set: { statsGroupBy: ['category', 'project'] },
    bound: 2 + pages(fake.scenario.projects.length),
  },
  // Releases are read until more than `limit` fall in the range (here the newest do).
  { type: 'releases', set: {}, bound: pages(DEFAULT_RELEASES_LIMIT + 1) },
  { type: 'releases', set: { releasesLimit: 5 }, bound: pages(5 + 1) },
  // Every release of the range, then the deploys of the `limit` deployed last.
  {
    type: 'releases',
    set: { releasesMode: 'deploys', releasesLimit: 5 },
    bound: RELEASE_PAGES + 5 * DEPLOY_PAGES_PER_RELEASE,
  },
  {
    type: 'releases',
    set: { releasesMode: 'deploys' },
    bound: RELEASE_PAGES + DEFAULT_RELEASES_LIMIT * DEPLOY_PAGES_PER_RELEASE,
  },
  // The issues of the window and the same issues' baseline, one page each (at most SPIKE_CANDIDATES).
  { type: 'spikeExplainer', set: {}, bound: 2 * pages(SPIKE_CANDIDATES) },
  { type: 'spikeExplainer', set: { spikeLimit: 5 }, bound: 2 * pages(SPIKE_CANDIDATES) },
  // Nothing to look up; then pages of `limit` rows for trace ids and for request ids.
  { type: 'requestLookup', set: {}, bound: 0 },
  {
    type: 'requestLookup',
    set: { lookupIds: ['0123456789abcdef0123456789abcdef', 'req-123'] },
    bound: 2 * pages(DEFAULT_LOOKUP_LIMIT),
  },
  {
    type: 'requestLookup',
    set: { lookupIds: ['0123456789abcdef0123456789abcdef', 'req-123'], lookupLimit: 250 },
    bound: 2 * pages(250),
  },
];

const context = { ...lastHours(24), intervalMs: 60_000, maxDataPoints: 1000 };

describe('requests per query', () => {
  it('covers every query type', () => {
    expect(new Set(cases.map((c) => c.type))).toEqual(new Set(QUERY_TYPES));
  });

  it.each(cases.map((c) => [c.type, JSON.stringify(c.set), c] as const))(
    '%s %s stays within its bound',
    async (_type, _set, { type, set, bound }) => {
      const client = fakeClient(fake);
      const query = { ...defaultQueryFor(type, 'A'), ...set } as SentryQuery;
      const outcome = await runQuery(client, query, context);
      expect(outcome.error).toBeUndefined();
      expect(client.stats.sent).toBeLessThanOrEqual(bound);
    }
  );

  it('a releases table of 5 reads one page, and shows the 5 newest releases of the range as before', async () => {
    const query = { refId: 'A', queryType: 'releases', releasesLimit: 5 } as const;
    const client = fakeClient(fake);
    const [frame] = (await runQuery(client, query, context)).frames;
    const { packageName } = fake.scenario.releases[0];
    expect(frame.fields[0].values).toEqual([0, 1, 2, 3, 4].map((i) => `${packageName}@9.${i}.0`));
    expect(frame.meta?.custom?.truncated).toBe(true);
    expect(client.stats.sent).toBe(1);
  });

  it('a deploys table of 5 shows the 5 newest deploys of the range, as one reading every release does', async () => {
    const query = { refId: 'A', queryType: 'releases', releasesMode: 'deploys' } as const;
    const [five] = (await runQuery(fakeClient(fake), { ...query, releasesLimit: 5 }, context)).frames;
    const [all] = (await runQuery(fakeClient(fake), { ...query, releasesLimit: 1000 }, context)).frames;
    expect(all.length).toBeGreaterThan(300);
    expect(five.fields.map((f) => f.values)).toEqual(all.fields.map((f) => f.values.slice(0, 5)));
    expect(five.meta?.notices).toBeUndefined();
  });
});

describe('deploy annotations', () => {
  it('read each deploy list once: a refresh reads only the release list again', async () => {
    const client = fakeClient(fake);
    const query = { refId: 'Anno', annotationKind: 'deploys' as const };
    const first = await runAnnotationQuery(client, query, context.range);
    const afterFirst = client.stats.sent;
    expect(first.length).toBeGreaterThan(300);
    const again = await runAnnotationQuery(client, query, context.range);
    expect(client.stats.sent - afterFirst).toBeLessThanOrEqual(RELEASE_PAGES);
    expect(again).toEqual(first);
  });
});
