/**
 * `npm run bench`: P1–P5 from the performance issue, each printed as a ratio measured in this run, on
 * loopback against the Sentry fake, and P6 (points a tail refresh reads). Timings live here, never in unit tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { DEMO_TOKEN } from '../fake-sentry/handlers';
import { startFakeSentry } from '../fake-sentry/server';
import { main } from '../cli/main';
import { collectQueries } from '../cli/dashboard';
import { SentryClient } from '../src/sentry/client';
import { createNodeTransport } from '../src/sentry/nodeTransport';
import { issuesFrame } from '../src/sentry/queries/issues';
import { eventsFrame } from '../src/sentry/queries/events';
import { runSavedQuery } from '../src/sentry/run';
import { TailRefresh } from '../src/sentry/tailRefresh';
import { seriesFrames, seriesFromEventsTimeseries } from '../src/sentry/queries/series';
import { paths } from '../src/sentry/endpoints';
import type { SentryEventsMeta, SentryIssue } from '../src/sentry/api';

const root = path.resolve(__dirname, '..');

function time(fn: () => void, repeat = 9): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function line(id: string, text: string) {
  console.log(`${id}  ${text}`);
}

/** P1: requests for one dashboard load against the distinct Sentry resources its panels need. */
async function p1(url: string) {
  const file = ['service-overview.json', 'query-types.json']
    .map((f) => path.join(root, 'provisioning/dashboards', f))
    .find((f) => existsSync(f))!;
  const vars = ['--var', 'service=checkout-api', '--var', 'env=production'];
  let out = '';
  await main(['dashboard', file, '--url', url, '--org', 'acme', '--from', 'now-24h', '--to', 'now', ...vars], {
    stdout: (t) => (out += t),
    stderr: () => undefined,
    env: { SENTRY_AUTH_TOKEN: DEMO_TOKEN },
  });
  const result = JSON.parse(out);
  // Distinct resources: one per distinct panel query (identical queries need one read) plus the project
  // list, read once for slug resolution and labels.
  const queries = collectQueries(JSON.parse(readFileSync(file, 'utf8')), {
    service: ['checkout-api'],
    env: ['production'],
  });
  const distinct = new Set(queries.map((q) => JSON.stringify({ ...q.query, refId: undefined }))).size + 1;
  line(
    'P1',
    `${path.basename(file)}: ${result.requests} requests for ${result.panels.length} panels, ${distinct} distinct resources → ratio ${(result.requests / distinct).toFixed(2)}`
  );
}

/** P2: building frames ÷ JSON.parse of the same body. */
function p2() {
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
  const issuesBody = JSON.stringify(issues);
  const parseIssues = time(() => JSON.parse(issuesBody));
  const parsedIssues = JSON.parse(issuesBody) as SentryIssue[];
  const buildIssues = time(() =>
    issuesFrame(parsedIssues, 'A', { links: [], executed: '', truncated: false, pages: 100, limit: 10_000 })
  );
  line(
    'P2a',
    `10,000 issues: frame ${buildIssues.toFixed(1)} ms ÷ JSON.parse ${parseIssues.toFixed(1)} ms → ratio ${(buildIssues / parseIssues).toFixed(2)} (target ≤ 0.3)`
  );

  const series = {
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
  };
  const seriesBody = JSON.stringify(series);
  const parseSeries = time(() => JSON.parse(seriesBody));
  const parsedSeries = JSON.parse(seriesBody);
  const buildSeries = time(() =>
    seriesFrames(seriesFromEventsTimeseries(parsedSeries, ['count()'], ['transaction']), {
      refId: 'A',
      meta: {},
      multipleYAxes: false,
    })
  );
  line(
    'P2b',
    `10 series × 10,000 points: frames ${buildSeries.toFixed(1)} ms ÷ JSON.parse ${parseSeries.toFixed(1)} ms → ratio ${(buildSeries / parseSeries).toFixed(2)} (target ≤ 0.3)`
  );
}

/**
 * P2c: 100,000 event rows over 1,000 pages. The ratio, like P2a/b, is frame building (joining the pages'
 * rows, typing every cell, the frame) ÷ JSON.parse of the same bodies. Two more lines say what a whole
 * events query costs end to end (paging through the scheduler + parse + frame) against a bare loop that
 * only parses the pages and keeps their values: keeping 100,000 rows alive costs the garbage collector more
 * than parsing them, for any reader.
 */
async function p2c() {
  const fields = ['id', 'timestamp', 'title', 'project', 'count()'];
  const meta: SentryEventsMeta = {
    fields: { id: 'string', timestamp: 'date', title: 'string', project: 'string', 'count()': 'integer' },
    units: {},
  };
  const pages = Array.from({ length: 1000 }, (_, page) =>
    JSON.stringify({
      data: Array.from({ length: 100 }, (_, i) => ({
        id: `${page}-${i}`,
        timestamp: new Date(1_700_000_000_000 + (page * 100 + i) * 1000).toISOString(),
        title: `TypeError: thing ${i}`,
        project: 'checkout-api',
        'count()': i,
      })),
      meta,
    })
  );
  const parse = time(() => pages.forEach((body) => JSON.parse(body)));
  const parsed = pages.map((body) => JSON.parse(body) as { data: Array<Record<string, unknown>> });
  const links = { fields, sentryUrl: 'https://sentry.bench', org: 'acme', dataset: 'errors' as const };
  const build = time(() => {
    const rows: Array<Record<string, unknown>> = [];
    for (const page of parsed) {
      rows.push(...page.data);
    }
    eventsFrame(rows, meta, { refId: 'A', executed: '', truncated: false, links });
  });
  // What any frame builder pays at least: copying the 500,000 cells into five arrays, untyped.
  const copy = time(() => {
    const columns: unknown[][] = fields.map(() => new Array(100_000));
    let at = 0;
    for (const page of parsed) {
      for (const row of page.data) {
        for (let c = 0; c < fields.length; c++) {
          columns[c][at] = row[fields[c]];
        }
        at++;
      }
    }
  });
  line(
    'P2c',
    `100,000 event rows in 1,000 pages: frame ${build.toFixed(1)} ms ÷ JSON.parse ${parse.toFixed(1)} ms → ratio ${(build / parse).toFixed(2)} (target ≤ 0.3); a bare copy of the cells into columns alone ${copy.toFixed(1)} ms → ${(copy / parse).toFixed(2)}`
  );

  const transport = {
    target: 'https://sentry.bench',
    async send(request: { params?: Array<[string, string]> }) {
      const cursor = request.params?.find(([k]) => k === 'cursor')?.[1];
      const page = cursor ? Number(cursor.split(':')[1]) / 100 : 0;
      const next = page + 1 < pages.length;
      const link = `<x>; rel="next"; results="${next}"; cursor="0:${(page + 1) * 100}:0"`;
      return { status: 200, headers: { link }, body: pages[page] };
    },
  };
  const query = {
    refId: 'A',
    queryType: 'events' as const,
    dataset: 'errors' as const,
    eventsFields: fields,
    eventsLimit: 100_000,
  };
  const context = { range: { from: new Date(0), to: new Date() } };
  // Best of five for both: the first runs warm the JIT.
  let whole = Infinity;
  for (let i = 0; i < 5; i++) {
    const fresh = new SentryClient({ transport, orgSlug: 'acme', rowBudget: 100_000 });
    whole = Math.min(whole, await timeAsync(() => runSavedQuery(fresh, query, context)));
  }
  let floor = Infinity;
  for (let i = 0; i < 5; i++) {
    floor = Math.min(
      floor,
      await timeAsync(async () => {
        const columns: unknown[][] = fields.map(() => []);
        for (let page = 0; page < pages.length; page++) {
          const { body } = await transport.send({ params: page ? [['cursor', `0:${page * 100}:0`]] : [] });
          for (const row of (JSON.parse(body) as { data: Array<Record<string, unknown>> }).data) {
            fields.forEach((field, c) => columns[c].push(row[field]));
          }
        }
      })
    );
  }
  line(
    'P2c',
    `  end to end (paging, parse, frame): events query ${whole.toFixed(0)} ms ÷ JSON.parse ${parse.toFixed(0)} ms → ${(whole / parse).toFixed(2)}; ÷ a bare loop that parses the pages and keeps their values ${floor.toFixed(0)} ms → ${(whole / floor).toFixed(2)}`
  );
}

/** P3: the plugin reading 100 pages ÷ a bare sequential fetch loop over the same pages. */
async function p3(url: string) {
  const base = `${url}${paths.issues('acme')}`;
  const range = `start=${new Date(Date.now() - 14 * 86_400_000).toISOString()}&end=${new Date().toISOString()}&project=-1&query=`;
  // 321 issues at limit 3 → 100+ pages; the same pages both ways.
  const bareLoop = () =>
    timeAsync(async () => {
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const pageUrl = `${base}?${range}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const init = { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } };
        // One retry for a reused keep-alive socket the server had just closed, as any client would.
        const response = await fetch(pageUrl, init).catch(() => fetch(pageUrl, init));
        await response.json();
        cursor = /rel="next"; results="true"; cursor="([^"]+)"/.exec(response.headers.get('link') ?? '')?.[1];
      }
    });
  const params = new URLSearchParams(range);
  const pluginLoop = () => {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    return timeAsync(() =>
      client.getAllPages(paths.issues('acme'), [...params.entries()], {
        pageSizeParam: 'limit',
        maxPageSize: 3,
        rowBudget: 300,
      })
    );
  };
  // Alternating rounds, best of three each: loopback timings on a shared machine drift between runs.
  let bare = Infinity;
  let plugin = Infinity;
  for (let round = 0; round < 3; round++) {
    bare = Math.min(bare, await bareLoop());
    plugin = Math.min(plugin, await pluginLoop());
  }
  line(
    'P3',
    `100 pages: plugin ${plugin.toFixed(0)} ms ÷ bare fetch loop ${bare.toFixed(0)} ms → ratio ${(plugin / bare).toFixed(2)} (target ≤ 1.10)`
  );
}

/** P4: gzip size of the bundle. */
function p4() {
  const file = path.join(root, 'dist/module.js');
  if (!existsSync(file)) {
    line('P4', 'dist/module.js missing: run npm run build first');
    return;
  }
  const raw = readFileSync(file);
  line(
    'P4',
    `dist/module.js: ${(raw.length / 1024).toFixed(1)} KiB, gzip ${(gzipSync(raw).length / 1024).toFixed(1)} KiB`
  );
}

/** P5: a 20-panel dashboard against a fake limited to 3 requests/s and 2 concurrent. */
async function p5() {
  const sentry = await startFakeSentry({ modes: { rateLimit: { limit: 3, windowMs: 1000, concurrent: 2 } } });
  try {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    const context = { range: { from: new Date(Date.now() - 24 * 3600_000), to: new Date() }, intervalMs: 3600_000 };
    const panels = Array.from({ length: 20 }, (_, i) => ({
      refId: `P${i}`,
      queryType: 'issues' as const,
      issuesQuery: '',
      issuesLimit: 5 + i,
    }));
    let outcomes: Array<Awaited<ReturnType<typeof runSavedQuery>>> = [];
    const wall = await timeAsync(async () => {
      outcomes = await Promise.all(panels.map((p) => runSavedQuery(client, p, context)));
    });
    const failed = outcomes.filter((o) => o.error).length;
    const ideal = (client.stats.sent / 3) * 1000;
    line(
      'P5',
      `20 panels at 3 req/s, 2 concurrent: ${failed} failed, ${client.stats.sent} requests in ${(wall / 1000).toFixed(1)} s ÷ ideal ${(ideal / 1000).toFixed(1)} s → ratio ${(wall / ideal).toFixed(2)} (target ≤ 1.2)`
    );
  } finally {
    await sentry.close();
  }
}

/**
 * P6: points read per refresh of a 7-day error-rate panel (15-minute buckets, range ending now), refreshed 10 s
 * after a full read, against the fake whose clock is moved between the two reads.
 */
async function p6() {
  const anchor = Math.floor(Date.now() / 60_000) * 60_000;
  let clock = anchor + 7 * 60_000 + 13_000;
  const sentry = await startFakeSentry({ now: anchor, horizonMs: 3600_000, clock: () => clock });
  try {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    const query = { refId: 'A', queryType: 'eventsStats' as const, dataset: 'errors' as const };
    const panel = (to: number) => ({
      range: { from: new Date(to - 7 * 24 * 3600_000), to: new Date(to) },
      intervalMs: 15 * 60_000,
      maxDataPoints: 1000,
      relative: true,
    });
    const tail = new TailRefresh();
    await tail.run(client, query, panel(clock));
    const full = tail.lastRead!;
    clock += 10_000;
    await tail.run(client, query, panel(clock));
    const refresh = tail.lastRead!;
    const fewer = (1 - refresh.points / full.points) * 100;
    line(
      'P6',
      `7-day error rate, 15-minute buckets, refreshed 10 s later (${refresh.kind}): points fetched per refresh: tail ${refresh.points} vs full ${full.points} → ${fewer.toFixed(1)} % fewer (target ≥ 90 %)`
    );
  } finally {
    await sentry.close();
  }
}

async function run() {
  const sentry = await startFakeSentry();
  try {
    await p1(sentry.url);
    p2();
    await p2c();
    await p3(sentry.url);
  } finally {
    await sentry.close();
  }
  p4();
  await p5();
  await p6();
}

run().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
