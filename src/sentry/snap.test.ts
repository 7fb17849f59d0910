/**
 * @jest-environment node
 *
 * Identical panels send identical requests: two viewers, or two refreshes, within one minute (tables and lists) or
 * one bucket (series) ask Sentry the same URLs, so the scheduler shares them and an HTTP cache can answer them.
 */
import { FIXED_NOW, HOUR, createTestFake, interceptedClient } from '../../tests/support/fakeSentryClient';
import { ANNOTATION_KINDS, runAnnotationQuery } from './annotations';
import type { TimeRange } from './endpoints';
import type { SentryQuery } from './query';
import { QUERY_TYPES, defaultQueryFor } from './registry';
import { parseInterval } from './interval';
import { runQuery } from './run';
import { MINUTE_MS, snapRange } from './snap';
import { buildQueryString } from './transport';
import { runVariableQuery } from './variables';

const MINUTE = MINUTE_MS;
const fake = createTestFake();

describe('snapRange', () => {
  const range = (from: number, to: number): TimeRange => ({ from: new Date(from), to: new Date(to) });
  const times = (r: TimeRange) => [r.from.getTime(), r.to.getTime()];

  it('moves the start down and the end up to the grain', () => {
    expect(times(snapRange(range(FIXED_NOW - HOUR + 1_500, FIXED_NOW + 61_000)))).toEqual([
      FIXED_NOW - HOUR,
      FIXED_NOW + 2 * MINUTE,
    ]);
    expect(times(snapRange(range(FIXED_NOW + 7 * MINUTE, FIXED_NOW + 16 * MINUTE), 15 * MINUTE))).toEqual([
      FIXED_NOW,
      FIXED_NOW + 30 * MINUTE,
    ]);
  });

  it('leaves a range on the grid as it is, and never ends before it starts', () => {
    expect(times(snapRange(range(FIXED_NOW - HOUR, FIXED_NOW), HOUR))).toEqual([FIXED_NOW - HOUR, FIXED_NOW]);
    expect(times(snapRange(range(FIXED_NOW + 1_000, FIXED_NOW - 1_000)))).toEqual([FIXED_NOW, FIXED_NOW]);
  });
});

/** Every query type's default, and the variants whose requests differ (groups, band, series modes, ids). */
const QUERIES: SentryQuery[] = [
  ...QUERY_TYPES.map((type) => defaultQueryFor(type, 'A')),
  { refId: 'A', queryType: 'eventsStats', eventsStatsGroups: ['release'], eventsStatsLimit: 12 },
  { refId: 'A', queryType: 'eventsStats', anomalyBand: true },
  { refId: 'A', queryType: 'performance', performanceMode: 'timeseries' },
  { refId: 'A', queryType: 'sessions', sessionsMode: 'table' },
  { refId: 'A', queryType: 'releases', releasesMode: 'deploys' },
  { refId: 'A', queryType: 'requestLookup', lookupIds: ['4b1ad3c0e2f14d6f8a1b2c3d4e5f6a7b'] },
];

/** Each viewer is a browser of its own: a fresh client, reading every panel, annotation and range variable. */
async function viewerRequests(to: number): Promise<string[]> {
  const urls: string[] = [];
  const client = interceptedClient(fake, (request) => {
    urls.push(request.path + buildQueryString(request.params));
    return undefined;
  });
  const range = { from: new Date(to - 24 * HOUR), to: new Date(to) };
  const context = { range, intervalMs: 5 * MINUTE, maxDataPoints: 1000 };
  for (const query of QUERIES) {
    await runQuery(client, query, context);
  }
  for (const annotationKind of ANNOTATION_KINDS) {
    await runAnnotationQuery(client, { refId: 'Anno', annotationKind }, range);
  }
  await runVariableQuery(client, { kind: 'releases' }, range);
  return urls.sort();
}

/** start and end of a request, or undefined. */
function edges(url: string): [number, number] | undefined {
  const params = new URL(url, 'https://sentry.test').searchParams;
  const start = params.get('start');
  const end = params.get('end');
  return start && end ? [Date.parse(start), Date.parse(end)] : undefined;
}

/** A series request: read in buckets of its interval. */
function isSeries(url: string): boolean {
  return /\/(events-timeseries|events-stats|sessions|stats_v2)\//.test(url);
}

describe('identical requests for identical panels', () => {
  // Seven minutes into a five-minute bucket's second minute: 20 s later is the same minute and the same bucket.
  const t0 = FIXED_NOW + 7 * MINUTE + 3_200;

  it('two loads seconds apart send the same requests', async () => {
    const first = await viewerRequests(t0);
    expect(first.filter((url) => edges(url)).length).toBeGreaterThan(QUERIES.length);
    expect(await viewerRequests(t0 + 20_000)).toEqual(first);
  });

  it('asks for series in whole buckets, the last, incomplete one included', async () => {
    const urls = await viewerRequests(t0);
    const series = urls.filter(isSeries);
    expect(series.length).toBeGreaterThan(0);
    for (const url of series) {
      const interval = new URL(url, 'https://sentry.test').searchParams.get('interval')!;
      const [start, end] = edges(url)!;
      expect(start % (/^\d+$/.test(interval) ? Number(interval) * 1000 : parseInterval(interval))).toBe(0);
      // Every series of the range ends with the bucket holding now (the anomaly band's baseline a day earlier).
      if (end > t0 - HOUR) {
        expect([FIXED_NOW + 10 * MINUTE, FIXED_NOW + HOUR]).toContain(end);
      }
    }
    const hourly = urls.filter((url) => /\/(sessions|stats_v2)\//.test(url));
    expect(hourly.map((url) => edges(url)![1])).toEqual(hourly.map(() => FIXED_NOW + HOUR));
  });

  it('a load in the next minute moves the edges of tables and lists by a minute, and no series', async () => {
    const before = await viewerRequests(t0);
    const after = await viewerRequests(t0 + MINUTE);
    expect(after.filter(isSeries)).toEqual(before.filter(isSeries));
    const moved = after.filter((url) => !before.includes(url));
    expect(moved.length).toBeGreaterThan(0);
    for (const url of moved) {
      const [start, end] = edges(url)!;
      expect(before.map(edges)).toContainEqual([start - MINUTE, end - MINUTE]);
    }
  });
});
