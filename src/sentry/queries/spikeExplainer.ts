/**
 * Spike explainer: which Sentry issues account for a spike in the selected window. Issues matching the search
 * are ranked by how many more events they had in the window than in a baseline window (the one just before,
 * or the same window a day or a week earlier). Two requests: the window's most frequent issues (one page),
 * then the same issues, by id, in the baseline window.
 */
import type { DataFrame, FieldConfig } from '@grafana/data';
import type { SentryIssue } from '../api';
import { choiceProblem, collectErrors, countProblem, limitProblem } from '../checks';
import { SentryClient } from '../client';
import { TimeRange, paths, scopeParams, scopes, timeParams } from '../endpoints';
import { snapRange } from '../snap';
import { SentryError } from '../errors';
import { FieldSpec, makeFrame, toEpochMs, toNumber } from '../frames';
import { issueLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { joinSearch, numericFilter } from '../search';
import { QueryContext, describeRequest } from './context';

/** Which earlier window the spike explainer compares the selected one with. */
export type SpikeBaseline = 'previous' | 'previousDay' | 'previousWeek';

/** Issues ranked by how much more often they occurred in the selected window than in a baseline window. */
export interface SpikeExplainerQuery extends SentryQueryBase<'spikeExplainer'> {
  /** Sentry issue search the candidates must match. Default "is:unresolved". */
  spikeQuery?: string;
  /** previous: the window of the same length just before; previousDay / previousWeek: the same window shifted back. */
  spikeBaseline?: SpikeBaseline;
  /** Rows to return. Default 10. */
  spikeLimit?: number;
  /** Issues with fewer events than this in the selected window are left out. Default 5. */
  spikeMinEvents?: number;
}

export type SpikeExplainerErrorField = 'spikeBaseline' | 'spikeLimit' | 'spikeMinEvents';

export const DEFAULT_SPIKE_QUERY = 'is:unresolved';
export const DEFAULT_SPIKE_BASELINE: SpikeBaseline = 'previous';
export const DEFAULT_SPIKE_LIMIT = 10;
export const DEFAULT_SPIKE_MIN_EVENTS = 5;
export const MAX_SPIKE_LIMIT = 100;
export const SPIKE_BASELINES: SpikeBaseline[] = ['previous', 'previousDay', 'previousWeek'];
/** Issues compared: the window's most frequent ones, one page of Sentry's issue list. */
export const SPIKE_CANDIDATES = 100;

const DAY_MS = 24 * 3_600_000;
const BASELINE_TEXT: Record<SpikeBaseline, string> = {
  previous: 'the window before',
  previousDay: 'the day before',
  previousWeek: 'the week before',
};
export const spikeExplainerQueryType: QueryTypeModule<SpikeExplainerQuery, SpikeExplainerErrorField> = {
  defaults: () => ({ spikeQuery: DEFAULT_SPIKE_QUERY, spikeBaseline: DEFAULT_SPIKE_BASELINE }),
  fields: { spikeQuery: 'search', spikeLimit: 'number', spikeMinEvents: 'number' },
  adHocSearchField: 'spikeQuery',
  validate: (query) =>
    collectErrors({
      spikeBaseline: choiceProblem(query.spikeBaseline, SPIKE_BASELINES, 'baseline'),
      spikeLimit: limitProblem(query.spikeLimit, MAX_SPIKE_LIMIT, 'Limit'),
      spikeMinEvents: countProblem(query.spikeMinEvents, 'Min events'),
    }),
  displayText: (query) => {
    const baseline = query.spikeBaseline ?? DEFAULT_SPIKE_BASELINE;
    return `Spike explainer: ${(query.spikeQuery ?? DEFAULT_SPIKE_QUERY) || 'all issues'} vs ${BASELINE_TEXT[baseline] ?? baseline}`;
  },
  run: runSpikeExplainerQuery,
};

/** Ratio cells without a baseline (no events before): null, which sorts, shown as "new". */
const NO_BASELINE_MAPPING = [{ type: 'special', options: { match: 'null', result: { text: 'new', index: 0 } } }];

/** The window the selected one is compared with. */
export function spikeBaselineRange(range: TimeRange, baseline: SpikeBaseline): TimeRange {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const shift = baseline === 'previousWeek' ? 7 * DAY_MS : baseline === 'previousDay' ? DAY_MS : to - from;
  return { from: new Date(from - shift), to: new Date(to - shift) };
}

export interface SpikeCandidate {
  issue: SentryIssue;
  windowCount: number;
}

export interface SpikeRow extends SpikeCandidate {
  baselineCount: number;
  increase: number;
  /** window / baseline; null when the baseline had no events. */
  ratio: number | null;
}

/**
 * Issues with at least `minEvents` in the window and more events than in the baseline, by increase; ties by
 * ratio (no baseline first), then by the window's count.
 */
export function rankSpikes(
  candidates: SpikeCandidate[],
  baselineCounts: Map<string, number>,
  minEvents: number,
  limit: number
): SpikeRow[] {
  const ratioKey = (r: SpikeRow) => (r.ratio === null ? Number.POSITIVE_INFINITY : r.ratio);
  return candidates
    .filter((c) => c.windowCount >= minEvents)
    .map((c): SpikeRow => {
      const baselineCount = baselineCounts.get(c.issue.id) ?? 0;
      return {
        ...c,
        baselineCount,
        increase: c.windowCount - baselineCount,
        ratio: baselineCount > 0 ? c.windowCount / baselineCount : null,
      };
    })
    .filter((r) => r.increase > 0)
    .sort(
      (a, b) =>
        b.increase - a.increase ||
        ratioKey(b) - ratioKey(a) ||
        b.windowCount - a.windowCount ||
        a.issue.id.localeCompare(b.issue.id)
    )
    .slice(0, limit);
}

export async function runSpikeExplainerQuery(
  client: SentryClient,
  query: SpikeExplainerQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const search = query.spikeQuery ?? DEFAULT_SPIKE_QUERY;
  const baselineKind = query.spikeBaseline ?? DEFAULT_SPIKE_BASELINE;
  if (!SPIKE_BASELINES.includes(baselineKind)) {
    throw new SentryError('query', `Unknown baseline "${String(baselineKind)}": use ${SPIKE_BASELINES.join(', ')}.`);
  }
  const limit = wholeNumber(query.spikeLimit, DEFAULT_SPIKE_LIMIT, 1, MAX_SPIKE_LIMIT, 'Limit');
  const minEvents = wholeNumber(
    query.spikeMinEvents,
    DEFAULT_SPIKE_MIN_EVENTS,
    0,
    Number.MAX_SAFE_INTEGER,
    'Min events'
  );
  // Both windows on whole minutes (../snap.ts): the same panel asks the same questions within a minute.
  const windowRange = snapRange(context.range);
  const baselineRange = spikeBaselineRange(windowRange, baselineKind);
  const path = paths.issues(client.orgSlug);
  const scope = scopeParams(query.projectIds, query.environments);
  const options = {
    signal: context.signal,
    pageSizeParam: 'limit' as const,
    maxPageSize: SPIKE_CANDIDATES,
    requiredScope: scopes.event,
  };

  // 1. The window's most frequent issues matching the search.
  const windowParams: Array<[string, string]> = [
    ['query', search],
    ...timeParams(windowRange),
    ...scope,
    ['sort', 'freq'],
    ['collapse', 'stats'],
  ];
  const budget = Math.min(SPIKE_CANDIDATES, client.rowBudget);
  const inWindow = await client.getAllPages<SentryIssue>(path, windowParams, { ...options, rowBudget: budget });
  const candidates = inWindow.rows.map((issue) => ({ issue, windowCount: eventCount(issue) }));
  const executed = [
    `window: ${iso(windowRange)}`,
    `baseline (${BASELINE_TEXT[baselineKind]}): ${iso(baselineRange)}`,
    describeRequest(path, [...windowParams, ['limit', String(budget)]]),
  ];

  // 2. Those that can make the list, by id, in the baseline window (with the same search, so counts compare).
  // `issue.id:[a, b]` on the issues endpoint is how Sentry's own web app fetches groups by id.
  const ids = candidates.filter((c) => c.windowCount >= minEvents && c.windowCount > 0).map((c) => c.issue.id);
  const baselineCounts = new Map<string, number>();
  if (ids.length) {
    const baselineParams: Array<[string, string]> = [
      ['query', joinSearch(search, numericFilter('issue.id', ids))],
      ...timeParams(baselineRange),
      ...scope,
      ['sort', 'freq'],
      ['collapse', 'stats'],
    ];
    const earlier = await client.getAllPages<SentryIssue>(path, baselineParams, { ...options, rowBudget: ids.length });
    for (const issue of earlier.rows) {
      baselineCounts.set(issue.id, eventCount(issue));
    }
    // Up to 100 ids would bury the rest of the request: the first three and how many more.
    const more = ids.length - 3;
    const shown = `issue.id:[${ids.slice(0, 3).join(', ')}${more > 0 ? `, +${more} more` : ''}]`;
    executed.push(
      describeRequest(path, [
        ['query', joinSearch(search, shown)],
        ...baselineParams.slice(1),
        ['limit', String(Math.min(ids.length, SPIKE_CANDIDATES))],
      ])
    );
  }

  const rows = rankSpikes(candidates, baselineCounts, minEvents, limit);
  const notices: Array<{ severity: 'info'; text: string }> = [];
  if (inWindow.truncated) {
    const least = Math.min(...candidates.map((c) => c.windowCount));
    notices.push({
      severity: 'info',
      text: `Compared the ${candidates.length} issues with the most events in the window; any other issue rose by at most ${least} events.`,
    });
  }
  return [spikeFrame(rows, query, client, { executed: executed.join('\n'), notices, baseline: baselineKind })];
}

interface FrameInfo {
  executed: string;
  notices: Array<{ severity: 'info'; text: string }>;
  baseline: SpikeBaseline;
}

function spikeFrame(rows: SpikeRow[], query: SpikeExplainerQuery, client: SentryClient, info: FrameInfo): DataFrame {
  const links = issueLink({
    sentryUrl: client.target,
    org: client.orgSlug,
    projectIds: query.projectIds,
    environments: query.environments,
  });
  const col = <T>(pick: (row: SpikeRow) => T) => rows.map(pick);
  const count = (name: string, displayName: string, values: number[]): FieldSpec => ({
    name,
    type: 'number',
    values,
    config: { displayName, decimals: 0 },
  });
  return makeFrame({
    name: 'Spike explainer',
    refId: query.refId,
    meta: {
      preferredVisualisationType: 'table',
      executedQueryString: info.executed,
      notices: info.notices.length ? info.notices : undefined,
      custom: { baseline: info.baseline },
    },
    fields: [
      { name: 'id', type: 'string', values: col((r) => r.issue.id), config: { displayName: 'ID', links } },
      {
        name: 'shortId',
        type: 'string',
        values: col((r) => r.issue.shortId ?? null),
        config: { displayName: 'Short ID', links },
      },
      {
        name: 'title',
        type: 'string',
        values: col((r) => r.issue.title ?? null),
        config: { displayName: 'Title', links },
      },
      {
        name: 'project',
        type: 'string',
        values: col((r) => r.issue.project?.slug ?? null),
        config: { displayName: 'Project' },
      },
      count(
        'windowCount',
        'Events (window)',
        col((r) => r.windowCount)
      ),
      count(
        'baselineCount',
        `Events (${BASELINE_TEXT[info.baseline]})`,
        col((r) => r.baselineCount)
      ),
      count(
        'increase',
        'Increase',
        col((r) => r.increase)
      ),
      {
        name: 'ratio',
        type: 'number',
        values: col((r) => r.ratio),
        config: { displayName: 'Ratio', decimals: 1, unit: 'suffix:×', mappings: NO_BASELINE_MAPPING } as FieldConfig,
      },
      {
        name: 'firstSeen',
        type: 'time',
        values: col((r) => toEpochMs(r.issue.firstSeen)),
        config: { displayName: 'First seen' },
      },
    ],
  });
}

/** Events of an issue in the queried window: those matching the search's event conditions when it has some. */
function eventCount(issue: SentryIssue): number {
  return toNumber(issue.filtered?.count) ?? toNumber(issue.count) ?? 0;
}

function iso(range: TimeRange): string {
  return `${range.from.toISOString()} → ${range.to.toISOString()}`;
}

function wholeNumber(value: unknown, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SentryError('query', `${what} must be a whole number from ${min} to ${max}, not ${String(value)}.`);
  }
  return n;
}
