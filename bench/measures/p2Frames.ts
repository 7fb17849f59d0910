/**
 * P2: what building frames costs against `JSON.parse` of the same bodies. a: 10,000 issues; b: 10 series ×
 * 10,000 points (both the frame alone, target ≤ 0.3); c: a whole events query of 100,000 rows over 1,000 pages
 * end to end (paging through the scheduler, parsing, frame) ÷ parsing the same pages, target ≤ 3.5. Every
 * timing is the median of several runs after a warm-up.
 */
import type { SentryEventsMeta, SentryIssue } from '../../src/sentry/api';
import { SentryClient } from '../../src/sentry/client';
import { issuesFrame } from '../../src/sentry/queries/issues';
import { seriesFrames, seriesFromEventsTimeseries } from '../../src/sentry/queries/series';
import { runSavedQuery } from '../../src/sentry/run';
import { measure, Measure, median, medianTime, round, timeAsync } from './measure';

function issuesBody(): string {
  const issues: SentryIssue[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: String(6_100_000_000 + i),
    shortId: `CHECKOUT-${i}`,
    title: `TypeError: thing ${i} is undefined`,
    culprit: 'handler(src/routes/cart.ts)',
    level: 'error',
    status: 'unresolved',
    substatus: 'ongoing',
    priority: 'high',
    permalink: `https://sentry.io/organizations/acme/issues/${i}/`,
    count: String(i * 3),
    userCount: i,
    firstSeen: '2026-05-01T08:12:44.123000Z',
    lastSeen: '2026-05-02T10:01:02Z',
    project: { id: '1', name: 'checkout-api', slug: 'checkout-api', platform: 'node' },
    assignedTo: null,
    lifetime: { count: String(i * 7), userCount: i * 2 },
  }));
  return JSON.stringify(issues);
}

function seriesBody(): string {
  return JSON.stringify({
    timeSeries: Array.from({ length: 10 }, (_, s) => ({
      yAxis: 'count()',
      values: Array.from({ length: 10_000 }, (_, i) => ({
        timestamp: 1_700_000_000_000 + i * 60_000,
        value: (i * s) % 97,
        incomplete: false,
      })),
      groupBy: [{ key: 'transaction', value: `/api/${s}` }],
      meta: { valueType: 'integer', valueUnit: null, interval: 60_000, order: s, isOther: false },
    })),
    meta: { dataset: 'errors', start: 0, end: 0 },
  });
}

export function p2a(): Measure {
  const body = issuesBody();
  const parse = medianTime(() => JSON.parse(body));
  const parsed = JSON.parse(body) as SentryIssue[];
  const build = medianTime(() =>
    issuesFrame(parsed, 'A', { links: [], executed: '', truncated: false, pages: 100, limit: 10_000 })
  );
  const ratio = build / parse;
  return measure('P2a', round(ratio), 0.3, '≤', [
    `10,000 issues: frame ${build.toFixed(1)} ms ÷ JSON.parse ${parse.toFixed(1)} ms → ratio ${ratio.toFixed(2)} (target ≤ 0.3)`,
  ]);
}

export function p2b(): Measure {
  const body = seriesBody();
  const parse = medianTime(() => JSON.parse(body));
  const parsed = JSON.parse(body);
  const build = medianTime(() =>
    seriesFrames(seriesFromEventsTimeseries(parsed, ['count()'], ['transaction']), {
      refId: 'A',
      meta: {},
      multipleYAxes: false,
    })
  );
  const ratio = build / parse;
  return measure('P2b', round(ratio), 0.3, '≤', [
    `10 series × 10,000 points: frames ${build.toFixed(1)} ms ÷ JSON.parse ${parse.toFixed(1)} ms → ratio ${ratio.toFixed(2)} (target ≤ 0.3)`,
  ]);
}

const EVENT_FIELDS = ['id', 'timestamp', 'title', 'project', 'count()'];
const EVENT_META: SentryEventsMeta = {
  fields: { id: 'string', timestamp: 'date', title: 'string', project: 'string', 'count()': 'integer' },
  units: {},
};

function eventPages(): string[] {
  return Array.from({ length: 1000 }, (_, page) =>
    JSON.stringify({
      data: Array.from({ length: 100 }, (_, i) => ({
        id: `${page}-${i}`,
        timestamp: new Date(1_700_000_000_000 + (page * 100 + i) * 1000).toISOString(),
        title: `TypeError: thing ${i}`,
        project: 'checkout-api',
        'count()': i,
      })),
      meta: EVENT_META,
    })
  );
}

/** Serves the pages in memory, with Sentry's cursor links, so only the plugin's own work is timed. */
function pagesTransport(pages: string[]) {
  return {
    target: 'https://sentry.bench',
    async send(request: { params?: Array<[string, string]> }) {
      const cursor = request.params?.find(([key]) => key === 'cursor')?.[1];
      const page = cursor ? Number(cursor.split(':')[1]) / 100 : 0;
      const next = page + 1 < pages.length;
      const link = `<x>; rel="next"; results="${next}"; cursor="0:${(page + 1) * 100}:0"`;
      return { status: 200, headers: { link }, body: pages[page] };
    },
  };
}

export async function p2c(runs = 7): Promise<Measure> {
  const pages = eventPages();
  const parse = medianTime(() => pages.forEach((body) => JSON.parse(body)), runs);
  const transport = pagesTransport(pages);
  const query = {
    refId: 'A',
    queryType: 'events' as const,
    dataset: 'errors' as const,
    eventsFields: EVENT_FIELDS,
    eventsLimit: 100_000,
  };
  const context = { range: { from: new Date(0), to: new Date() } };
  const wholeQuery = async () => {
    const client = new SentryClient({ transport, orgSlug: 'acme', rowBudget: 100_000 });
    const outcome = await runSavedQuery(client, query, context);
    if (outcome.error || outcome.frames[0]?.length !== 100_000) {
      throw new Error(`P2c: the events query did not read 100,000 rows (${outcome.error?.message ?? 'short'})`);
    }
  };
  await wholeQuery();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await timeAsync(wholeQuery));
  }
  const whole = median(times);
  const ratio = whole / parse;
  return measure(
    'P2c',
    round(ratio),
    3.5,
    '≤',
    [
      `100,000 event rows in 1,000 pages, end to end (paging through the scheduler, parse, frame): events query ${whole.toFixed(0)} ms ÷ JSON.parse of the pages ${parse.toFixed(0)} ms → ratio ${ratio.toFixed(2)} (target ≤ 3.5; median of ${runs}, runs ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms)`,
    ],
    { queryMs: round(whole, 1), parseMs: round(parse, 1), runs }
  );
}
