/**
 * The query editor of the built plugin, for every query type: the type is picked in the real type picker, a
 * field or two is set, the query runs through Grafana's proxy (played by the host) against the Sentry fake, and
 * the frames come back with the right fields and types.
 */
import type { Page } from '@playwright/test';

import { Components } from '../../src/selectors';
import { DistributionSelectors } from '../../src/components/query-editor/DistributionEditor.selectors';
import { EventsSelectors } from '../../src/components/query-editor/EventsEditor.selectors';
import { EventsStatsSelectors } from '../../src/components/query-editor/EventsStatsEditor.selectors';
import { IssuesSelectors } from '../../src/components/query-editor/IssuesEditor.selectors';
import { PerformanceSelectors } from '../../src/components/query-editor/PerformanceEditor.selectors';
import { ReleasesSelectors } from '../../src/components/query-editor/ReleasesEditor.selectors';
import { RequestLookupSelectors } from '../../src/components/query-editor/RequestLookupEditor.selectors';
import { SessionsSelectors } from '../../src/components/query-editor/SessionsEditor.selectors';
import { SpikeExplainerSelectors } from '../../src/components/query-editor/SpikeExplainerEditor.selectors';
import { StatsV2Selectors } from '../../src/components/query-editor/StatsV2Editor.selectors';
import type { QueryType } from '../../src/sentry/query';
import {
  FrameSummary,
  addCustomValue,
  chooseOption,
  chooseRadio,
  expect,
  fieldTypes,
  fillAndCommit,
  openHostPage,
  readErrors,
  readFrames,
  runQuery,
  savedQuery,
  screenshot,
  test,
  waitForResults,
} from './fixtures';

const editor = Components.QueryEditor;

interface Case {
  type: QueryType;
  /** Sets a field or two, the way a user does. */
  edit(page: Page): Promise<void>;
  /** What the saved query holds afterwards. */
  saved: Record<string, unknown>;
  check(frames: FrameSummary[]): void;
}

/** Every frame has at least one row and a field of each given name and type. */
function expectFields(frames: FrameSummary[], expected: Record<string, string>) {
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame.rows, `rows of ${frame.name}`).toBeGreaterThan(0);
    expect(fieldTypes(frame)).toMatchObject(expected);
  }
}

/** The ISO time a time field shows, within the last `days` days. */
function expectRecent(value: string, days = 30) {
  const time = Date.parse(value);
  expect(Number.isNaN(time), `"${value}" is a time`).toBe(false);
  expect(Date.now() - time).toBeLessThan(days * 86_400_000);
}

const CASES: Case[] = [
  {
    type: 'issues',
    async edit(page) {
      // A dashboard variable in the search: the host's $env is "production".
      await fillAndCommit(page, IssuesSelectors.Search.testId, 'is:unresolved environment:$env');
      await fillAndCommit(page, IssuesSelectors.Limit.testId, '20');
      await chooseOption(page, IssuesSelectors.Sort.testId, IssuesSelectors.Sort.options.date);
    },
    saved: { issuesQuery: 'is:unresolved environment:$env', issuesLimit: 20, issuesSort: 'date' },
    check(frames) {
      expectFields(frames, {
        id: 'string',
        shortId: 'string',
        title: 'string',
        count: 'number',
        userCount: 'number',
        firstSeen: 'time',
        lastSeen: 'time',
      });
      expect(frames[0].rows).toBeLessThanOrEqual(20);
      // The request behind the frame: the variable's value went to Sentry.
      expect(decodeURIComponent(frames[0].executed.replace(/\+/g, ' '))).toContain(
        'query=is:unresolved environment:production'
      );
      const lastSeen = frames[0].fields.findIndex((f) => f.name === 'lastSeen');
      expectRecent(frames[0].cells[0][lastSeen]);
    },
  },
  {
    type: 'eventsStats',
    async edit(page) {
      await fillAndCommit(page, EventsStatsSelectors.Search.testId, 'level:error');
      await addCustomValue(page, EventsStatsSelectors.YAxis.testId, 'count_unique(user)');
      // Both chosen aggregates stay visible in the closed picker (not "count() … 1").
      for (const aggregate of ['count()', 'count_unique(user)']) {
        await expect(page.getByRole('button', { name: `Remove ${aggregate}`, exact: true })).toBeVisible();
      }
    },
    saved: { eventsStatsQuery: 'level:error', eventsStatsYAxis: ['count()', 'count_unique(user)'] },
    check(frames) {
      const fields = frames.flatMap((f) => f.fields);
      expect(fields).toContainEqual({ name: 'time', type: 'time' });
      expect(fields).toContainEqual({ name: 'count()', type: 'number' });
      expect(fields).toContainEqual({ name: 'count_unique(user)', type: 'number' });
      expect(frames.every((f) => f.rows > 1)).toBe(true);
    },
  },
  {
    type: 'errorDistribution',
    async edit(page) {
      await fillAndCommit(page, DistributionSelectors.Limit.testId, '5');
      await page.getByTestId(DistributionSelectors.Share.testId).check({ force: true });
    },
    saved: { distributionLimit: 5, distributionShare: true },
    check(frames) {
      expectFields(frames, { 'error.type': 'string', count: 'number', share: 'number' });
      expect(frames[0].rows).toBeLessThanOrEqual(6);
      expect(frames[0].cells.map((row) => row[0])).toContain('TypeError');
    },
  },
  {
    type: 'events',
    async edit(page) {
      await fillAndCommit(page, EventsSelectors.Search.testId, 'level:error');
      await fillAndCommit(page, EventsSelectors.Limit.testId, '10');
    },
    saved: { eventsQuery: 'level:error', eventsLimit: 10 },
    check(frames) {
      expectFields(frames, { id: 'string', timestamp: 'time', title: 'string', project: 'string' });
      expect(frames[0].rows).toBe(10);
      expectRecent(frames[0].cells[0][frames[0].fields.findIndex((f) => f.name === 'timestamp')]);
    },
  },
  {
    type: 'performance',
    async edit(page) {
      await fillAndCommit(page, PerformanceSelectors.Search.testId, 'transaction:"GET /api/*"');
      await fillAndCommit(page, PerformanceSelectors.Limit.testId, '5');
    },
    saved: { performanceQuery: 'transaction:"GET /api/*"', performanceLimit: 5 },
    check(frames) {
      // Transactions are spans with is_transaction on current Sentry (the transactions dataset is deprecated).
      expectFields(frames, { transaction: 'string', 'epm()': 'number', 'p95(span.duration)': 'number' });
      expect(frames[0].rows).toBeLessThanOrEqual(5);
      const transaction = frames[0].fields.findIndex((f) => f.name === 'transaction');
      for (const row of frames[0].cells) {
        expect(row[transaction]).toMatch(/^GET \/api\//);
      }
    },
  },
  {
    type: 'spans',
    async edit(page) {
      await fillAndCommit(page, EventsSelectors.Limit.testId, '10');
    },
    saved: { eventsLimit: 10 },
    check(frames) {
      expectFields(frames, { id: 'string', timestamp: 'time', 'span.op': 'string', 'span.duration': 'number' });
      expect(frames[0].rows).toBe(10);
    },
  },
  {
    type: 'spansStats',
    async edit(page) {
      await addCustomValue(page, EventsStatsSelectors.YAxis.testId, 'p95(span.duration)');
    },
    saved: { eventsStatsYAxis: ['count()', 'p95(span.duration)'] },
    check(frames) {
      const fields = frames.flatMap((f) => f.fields);
      expect(fields).toContainEqual({ name: 'time', type: 'time' });
      expect(fields).toContainEqual({ name: 'p95(span.duration)', type: 'number' });
    },
  },
  {
    type: 'sessions',
    async edit(page) {
      await chooseRadio(page, SessionsSelectors.Mode.testId, SessionsSelectors.Mode.options.table);
    },
    saved: { sessionsMode: 'table' },
    check(frames) {
      expectFields(frames, { 'crash_free_rate(session)': 'number' });
      expect(frames[0].fields.some((f) => f.type === 'time')).toBe(false);
    },
  },
  {
    type: 'statsV2',
    async edit(page) {
      await fillAndCommit(page, StatsV2Selectors.Interval.testId, '1h');
    },
    saved: { statsInterval: '1h' },
    check(frames) {
      expect(frames.length).toBeGreaterThan(1);
      expectFields(frames, { time: 'time', 'sum(quantity)': 'number' });
      expect(frames.map((f) => f.name)).toContain('error, accepted');
    },
  },
  {
    type: 'releases',
    async edit(page) {
      await chooseRadio(page, ReleasesSelectors.Mode.testId, ReleasesSelectors.Mode.options.deploys);
    },
    saved: { releasesMode: 'deploys' },
    check(frames) {
      expectFields(frames, { version: 'string', environment: 'string', dateStarted: 'time', dateFinished: 'time' });
      expect(frames[0].cells.map((row) => row[0])).toContain('checkout-api@2.4.1');
    },
  },
  {
    type: 'spikeExplainer',
    async edit(page) {
      await chooseRadio(
        page,
        SpikeExplainerSelectors.Baseline.testId,
        SpikeExplainerSelectors.Baseline.options.previousDay
      );
      await fillAndCommit(page, SpikeExplainerSelectors.Limit.testId, '5');
    },
    saved: { spikeBaseline: 'previousDay', spikeLimit: 5 },
    check(frames) {
      expectFields(frames, {
        title: 'string',
        windowCount: 'number',
        baselineCount: 'number',
        increase: 'number',
      });
      expect(frames[0].rows).toBeLessThanOrEqual(5);
      // The bad release's TypeError burst explains the spike.
      expect(frames[0].cells[0].join(' ')).toContain('TypeError');
    },
  },
];

test.describe('query editor', () => {
  test('starts with the default query and runs it', async ({ page }, testInfo) => {
    await openHostPage(page, 'query');
    await expect(page.getByTestId(editor.QueryType.testId)).toHaveValue(editor.QueryType.types.issues.label);
    await runQuery(page);
    const frames = await readFrames(page);
    expectFields(frames, { count: 'number', lastSeen: 'time' });
    expect(await readErrors(page)).toEqual([]);
    await screenshot(page, testInfo, 'query-editor-default');
  });

  for (const c of CASES) {
    test(`${c.type}: pick, edit, run`, async ({ page }, testInfo) => {
      await openHostPage(page, 'query');
      const label = editor.QueryType.types[c.type].label;
      await chooseOption(page, editor.QueryType.testId, label);
      await expect(page.getByTestId(editor.QueryType.testId)).toHaveValue(label);
      await expect.poll(() => savedQuery(page)).toMatchObject({ queryType: c.type });
      await c.edit(page);
      await expect.poll(() => savedQuery(page)).toMatchObject({ queryType: c.type, ...c.saved });

      await runQuery(page);
      expect(await readErrors(page)).toEqual([]);
      c.check(await readFrames(page));
      await screenshot(page, testInfo, `query-editor-${c.type}`);
    });
  }

  test('requestLookup: pick, paste a request id, run', async ({ page }, testInfo) => {
    // A request id of a recent error, read through the proxy (from Node: it is test set-up, not the browser).
    const lookup = await page.request.get(
      '/api/datasources/proxy/uid/sentry-lens/sentry/api/0/organizations/acme/events/' +
        '?dataset=errors&field=id&field=request_id&query=has%3Arequest_id&per_page=1&statsPeriod=24h&project=-1'
    );
    expect(lookup.ok()).toBe(true);
    const [event] = ((await lookup.json()) as { data: Array<{ id: string; request_id: string }> }).data;

    await openHostPage(page, 'query');
    const label = editor.QueryType.types.requestLookup.label;
    await chooseOption(page, editor.QueryType.testId, label);
    await fillAndCommit(page, RequestLookupSelectors.Ids.testId, event.request_id);
    await expect
      .poll(() => savedQuery(page))
      .toMatchObject({ queryType: 'requestLookup', lookupIds: [event.request_id] });

    await runQuery(page);
    expect(await readErrors(page)).toEqual([]);
    const frames = await readFrames(page);
    expect(frames.length).toBeGreaterThan(0);
    const all = frames.flatMap((f) => f.cells.map((row) => row.join(' ')));
    expect(all.join('\n')).toContain(event.id);
    await screenshot(page, testInfo, 'query-editor-requestLookup');
  });

  test('an invalid value is refused by the editor and the query does not run', async ({ page }) => {
    await openHostPage(page, 'query');
    await fillAndCommit(page, IssuesSelectors.Limit.testId, '0');
    await expect(page.getByTestId('host-query-editor').getByRole('alert').first()).toBeVisible();
    await page.getByTestId('host-run').click();
    await waitForResults(page);
    await expect(page.getByTestId('host-results')).toHaveAttribute('data-state', 'Skipped');
  });
});
