// Release health (/sessions/) and usage outcomes (/stats_v2/) over the scenario's hourly rows.

import type { ApiSessions, ApiSessionsGroup, ApiStatsV2 } from '../src/sentry/api';
import { badRequest } from './errors';
import { IntervalRule, minuteRangeProblem } from './flavours';
import { parseStatsPeriod } from './params';
import { collectTerms, isWildcard, literalValue, parseSearch } from './search';
import { DAY, HOUR, OutcomeRow, Project, Scenario, SessionRow } from './scenario';

/** MAX_POINTS of get_constrained_date_range. */
export const MAX_SESSION_BUCKETS = 1000;
export const MAX_SESSION_GROUPS = 5000;

export interface ConstrainedRange {
  start: number;
  end: number;
  interval: number;
  intervals: number[];
}

/**
 * get_constrained_date_range: interval a multiple of the minimum resolution, ≤ 1 day, dividing a
 * day; the range aligned outward to whole intervals; at most 1000 buckets (and, on older servers,
 * sub-hour intervals only for short, recent ranges).
 */
export function constrainedRange(
  rawInterval: string | null,
  range: { start: number; end: number },
  now: number,
  minimum: IntervalRule
): ConstrainedRange {
  const interval = parseStatsPeriod(rawInterval ?? '1h') ?? HOUR;
  if (interval % minimum.ms !== 0 || interval < minimum.ms) {
    throw badRequest(`The interval has to be a multiple of the minimum interval of ${minimum.label}.`);
  }
  if (interval > DAY) {
    throw badRequest('The interval has to be less than one day.');
  }
  if (DAY % interval !== 0) {
    throw badRequest('The interval should divide one day without a remainder.');
  }
  const restricted = minuteRangeProblem(minimum, interval, range, now);
  if (restricted) {
    throw badRequest(restricted);
  }
  const start = Math.floor(Math.min(range.start, now) / interval) * interval;
  const end = Math.ceil(range.end / interval) * interval;
  if ((end - start) / interval > MAX_SESSION_BUCKETS) {
    throw badRequest(
      'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.'
    );
  }
  const intervals: number[] = [];
  for (let t = start; t < end; t += interval) {
    intervals.push(t);
  }
  return { start, end, interval, intervals };
}

/**
 * Spread hourly rows over buckets: a row contributes the share of its hour that overlaps each
 * bucket (sub-hour intervals get fractional shares, rounded at the end).
 */
function overlapShares(hour: number, buckets: ConstrainedRange): Array<{ index: number; share: number }> {
  const out: Array<{ index: number; share: number }> = [];
  const firstIndex = Math.max(0, Math.floor((hour - buckets.start) / buckets.interval));
  for (let index = firstIndex; index < buckets.intervals.length; index++) {
    const bucketStart = buckets.intervals[index];
    if (bucketStart >= hour + HOUR) {
      break;
    }
    const overlap = Math.min(hour + HOUR, bucketStart + buckets.interval) - Math.max(hour, bucketStart);
    if (overlap > 0) {
      out.push({ index, share: overlap / HOUR });
    }
  }
  return out;
}

/** Distinct users of a set of index ranges in a pool (ranges may wrap around the pool end). */
function unionSize(ranges: Array<[number, number]>, poolSize: number): number {
  const flat: Array<[number, number]> = [];
  for (const [start, length] of ranges) {
    if (length <= 0) {
      continue;
    }
    const end = start + Math.min(length, poolSize);
    if (end <= poolSize) {
      flat.push([start, end]);
    } else {
      flat.push([start, poolSize], [0, end - poolSize]);
    }
  }
  flat.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = -1;
  let currentEnd = -1;
  for (const [start, end] of flat) {
    if (start > currentEnd) {
      total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else {
      currentEnd = Math.max(currentEnd, end);
    }
  }
  return total + (currentEnd - currentStart);
}

const SESSION_FIELDS = [
  'sum(session)',
  'count_unique(user)',
  'avg(session.duration)',
  'p50(session.duration)',
  'p75(session.duration)',
  'p90(session.duration)',
  'p95(session.duration)',
  'p99(session.duration)',
  'max(session.duration)',
  'crash_rate(session)',
  'crash_rate(user)',
  'crash_free_rate(session)',
  'crash_free_rate(user)',
  'anr_rate()',
  'foreground_anr_rate()',
];
const SESSION_GROUP_BY = ['project', 'release', 'environment', 'session.status'];
const SESSION_STATUSES = ['healthy', 'errored', 'crashed', 'abnormal'] as const;
type SessionStatus = (typeof SESSION_STATUSES)[number];

function isRateField(field: string): boolean {
  return field.includes('crash') || field.includes('anr_rate');
}

export interface SessionsInput {
  scenario: Scenario;
  params: URLSearchParams;
  projects: Project[];
  environments: string[];
  range: { start: number; end: number };
  now: number;
  /** The flavour's interval rule (flavours.ts). */
  minimumInterval: IntervalRule;
}

interface SessionGroup {
  by: Record<string, string | number>;
  rows: SessionRow[];
  status: SessionStatus | null;
}

/** GET /sessions/ (sentry-api.md §2.6). */
export function sessionsResponse(input: SessionsInput): { body: ApiSessions; groups: number } {
  const { params } = input;
  const fields = params.getAll('field').filter((f) => f !== '');
  if (fields.length === 0) {
    throw badRequest('Request is missing a "field"');
  }
  for (const field of fields) {
    if (!SESSION_FIELDS.includes(field)) {
      throw badRequest(`Invalid field: "${field}"`);
    }
  }
  const groupBy = params.getAll('groupBy').filter((g) => g !== '');
  for (const key of groupBy) {
    if (!SESSION_GROUP_BY.includes(key)) {
      throw badRequest(`Invalid groupBy: "${key}"`);
    }
  }
  if (groupBy.includes('session.status')) {
    const rateField = fields.find(isRateField);
    if (rateField) {
      throw badRequest(`Cannot group field ${rateField} by session.status`);
    }
  }
  const query = params.get('query') ?? '';
  const filters = parseSessionQuery(query, fields);
  const orderBy = params.get('orderBy');
  if (orderBy && !fields.includes(orderBy.replace(/^-/, ''))) {
    throw badRequest("'orderBy' must be one of the provided 'fields'");
  }
  if (input.projects.length === 0) {
    throw badRequest('No projects available');
  }
  const buckets = constrainedRange(params.get('interval'), input.range, input.now, input.minimumInterval);

  const projectIds = new Set(input.projects.map((p) => p.id));
  const envs = new Set<string>(
    input.environments.length ? input.environments : input.scenario.environments.map((env) => env.name)
  );
  const rows = input.scenario.sessions.filter(
    (row) =>
      projectIds.has(row.project.id) &&
      envs.has(row.environment) &&
      row.hour + HOUR > buckets.start &&
      row.hour < buckets.end &&
      row.hour <= input.now &&
      filters.every((filter) => filter(row))
  );

  // Group rows by the non-status keys; session.status fans each group out by status.
  const rowGroups = new Map<string, SessionGroup>();
  const plainKeys = groupBy.filter((key) => key !== 'session.status');
  for (const row of rows) {
    const by: Record<string, string | number> = {};
    for (const key of plainKeys) {
      by[key] = key === 'project' ? Number(row.project.id) : key === 'release' ? row.release : row.environment;
    }
    const id = JSON.stringify(by);
    const group = rowGroups.get(id) ?? { by, rows: [], status: null };
    group.rows.push(row);
    rowGroups.set(id, group);
  }
  let groups: SessionGroup[] = [...rowGroups.values()];
  if (groupBy.length === 0 && groups.length === 0) {
    groups = [{ by: {}, rows: [], status: null }];
  }
  if (groupBy.includes('session.status')) {
    groups = groups.flatMap((group) =>
      SESSION_STATUSES.map((status) => ({ by: { ...group.by, 'session.status': status }, rows: group.rows, status }))
    );
  }

  const includeTotals = params.get('includeTotals') !== '0';
  const includeSeries = params.get('includeSeries') !== '0';
  const result = groups.map((group): ApiSessionsGroup => {
    const totals: Record<string, number | null> = {};
    const series: Record<string, Array<number | null>> = {};
    for (const field of fields) {
      totals[field] = sessionValue(field, group.rows, group.status, input.scenario);
      if (includeSeries) {
        series[field] = bucketSeries(field, group.rows, group.status, buckets, input.scenario);
      }
    }
    // The group keys were checked against SESSION_GROUP_BY above.
    return { by: group.by as ApiSessionsGroup['by'], totals: includeTotals ? totals : {}, series };
  });
  if (orderBy) {
    const desc = orderBy.startsWith('-');
    const field = orderBy.replace(/^-/, '');
    result.sort((a, b) => {
      const x = a.totals[field] ?? -Infinity;
      const y = b.totals[field] ?? -Infinity;
      return desc ? y - x : x - y;
    });
  } else {
    result.sort((a, b) => JSON.stringify(a.by).localeCompare(JSON.stringify(b.by)));
  }
  return {
    body: {
      start: isoSecondsZ(buckets.start),
      end: isoSecondsZ(buckets.end),
      intervals: buckets.intervals.map(isoSecondsZ),
      groups: result,
      query,
    },
    groups: result.length,
  };
}

function isoSecondsZ(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseSessionQuery(query: string, fields: string[]): Array<(row: SessionRow) => boolean> {
  const node = parseSearch(query);
  const filters: Array<(row: SessionRow) => boolean> = [];
  for (const term of collectTerms(node)) {
    if (term.type !== 'filter') {
      throw badRequest(`Invalid search query: ${query}`);
    }
    const raw = term.list ?? [term.value];
    if (raw.some(isWildcard)) {
      throw badRequest('Invalid condition: wildcard search is not supported');
    }
    const values = raw.map(literalValue);
    let predicate: (row: SessionRow) => boolean;
    switch (term.key) {
      case 'release':
        predicate = (row) => values.includes(row.release);
        break;
      case 'environment':
        predicate = (row) => values.includes(row.environment);
        break;
      case 'project':
      case 'project.id':
        predicate = (row) => values.includes(row.project.id) || values.includes(row.project.slug);
        break;
      case 'session.status': {
        const rateField = fields.find(isRateField);
        if (rateField) {
          throw badRequest(`Cannot filter field ${rateField} by session.status`);
        }
        // Status filters narrow which statuses count; applied via the rows' status counts below.
        predicate = () => true;
        break;
      }
      default:
        throw badRequest(`Invalid query field: ${term.key}`);
    }
    filters.push(term.negated ? (row) => !predicate(row) : predicate);
  }
  return filters;
}

function statusCount(row: SessionRow, status: SessionStatus | null): number {
  if (status === null) {
    return row.healthy + row.errored + row.crashed + row.abnormal;
  }
  return row[status];
}

function statusUsers(row: SessionRow, status: SessionStatus | null): [number, number] {
  // Users are laid out as [crashed | errored | abnormal | healthy] inside the row's range.
  const healthyUsers = row.users - row.crashedUsers - row.erroredUsers - row.abnormalUsers;
  switch (status) {
    case 'crashed':
      return [row.userStart, row.crashedUsers];
    case 'errored':
      return [row.userStart + row.crashedUsers, row.erroredUsers];
    case 'abnormal':
      return [row.userStart + row.crashedUsers + row.erroredUsers, row.abnormalUsers];
    case 'healthy':
      return [row.userStart + row.crashedUsers + row.erroredUsers + row.abnormalUsers, healthyUsers];
    default:
      return [row.userStart, row.users];
  }
}

function distinctUsers(rows: readonly SessionRow[], status: SessionStatus | null, scenario: Scenario): number {
  let total = 0;
  const byProject = new Map<Project, Array<[number, number]>>();
  for (const row of rows) {
    const list = byProject.get(row.project) ?? [];
    list.push(statusUsers(row, status));
    byProject.set(row.project, list);
  }
  for (const [project, ranges] of byProject) {
    total += unionSize(ranges, scenario.userPool(project).size);
  }
  return total;
}

function sessionValue(
  field: string,
  rows: readonly SessionRow[],
  status: SessionStatus | null,
  scenario: Scenario
): number | null {
  switch (field) {
    case 'sum(session)':
      return rows.reduce((sum, row) => sum + statusCount(row, status), 0);
    case 'count_unique(user)':
      return distinctUsers(rows, status, scenario);
    case 'crash_rate(session)':
    case 'crash_free_rate(session)': {
      const total = rows.reduce((sum, row) => sum + statusCount(row, null), 0);
      if (total === 0) {
        return null;
      }
      const crashed = rows.reduce((sum, row) => sum + row.crashed, 0);
      const rate = crashed / total;
      return round(field.startsWith('crash_rate') ? rate : 1 - rate);
    }
    case 'crash_rate(user)':
    case 'crash_free_rate(user)': {
      const users = distinctUsers(rows, null, scenario);
      if (users === 0) {
        return null;
      }
      const rate = Math.min(1, distinctUsers(rows, 'crashed', scenario) / users);
      return round(field.startsWith('crash_rate') ? rate : 1 - rate);
    }
    default:
      // session.duration is no longer recorded; ANR rates apply to Android only.
      return null;
  }
}

function bucketSeries(
  field: string,
  rows: readonly SessionRow[],
  status: SessionStatus | null,
  buckets: ConstrainedRange,
  scenario: Scenario
): Array<number | null> {
  const perBucket: SessionRow[][] = buckets.intervals.map(() => []);
  const shares: number[][] = buckets.intervals.map(() => []);
  for (const row of rows) {
    for (const { index, share } of overlapShares(row.hour, buckets)) {
      perBucket[index].push(row);
      shares[index].push(share);
    }
  }
  return perBucket.map((bucketRows, index) => {
    if (field === 'sum(session)') {
      return Math.round(bucketRows.reduce((sum, row, i) => sum + statusCount(row, status) * shares[index][i], 0));
    }
    if (field === 'count_unique(user)') {
      const scale = bucketRows.length ? Math.min(1, buckets.interval / HOUR) : 0;
      return Math.round(distinctUsers(bucketRows, status, scenario) * scale);
    }
    return sessionValue(field, bucketRows, status, scenario);
  });
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// stats_v2

const STATS_FIELDS = ['sum(quantity)', 'sum(times_seen)'];
const STATS_GROUP_BY = ['outcome', 'category', 'reason', 'project'];
const STATS_CATEGORIES = [
  'error',
  'default',
  'security',
  'transaction',
  'transaction_indexed',
  'span',
  'attachment',
  'replay',
  'profile',
  'profile_duration',
  'profile_duration_ui',
  'profile_chunk',
  'profile_chunk_ui',
  'monitor',
  'log_item',
  'log_byte',
];
const STATS_OUTCOMES = [
  'accepted',
  'filtered',
  'rate_limited',
  'invalid',
  'abuse',
  'client_discard',
  'cardinality_limited',
];

export interface StatsV2Input {
  /** The flavour's interval rule (flavours.ts). */
  minimumInterval: IntervalRule;
  scenario: Scenario;
  params: URLSearchParams;
  /** Null = org-wide (no project filter and no project grouping). */
  projects: Project[] | null;
  range: { start: number; end: number };
  now: number;
}

/** GET /stats_v2/ (sentry-api.md §2.7). */
export function statsV2Response(input: StatsV2Input): ApiStatsV2 {
  const { params } = input;
  const fields = params.getAll('field').filter((f) => f !== '');
  if (fields.length === 0) {
    throw badRequest('Request is missing a "field"');
  }
  for (const field of fields) {
    if (!STATS_FIELDS.includes(field)) {
      throw badRequest(`Invalid field: "${field}"`);
    }
  }
  const groupBy = params.getAll('groupBy').filter((g) => g !== '');
  for (const key of groupBy) {
    if (!STATS_GROUP_BY.includes(key)) {
      throw badRequest(`Invalid groupBy: "${key}"`);
    }
  }
  const categories = params.getAll('category').filter((c) => c !== '');
  if (categories.length === 0 && !groupBy.includes('category')) {
    throw badRequest('Query must have category as groupby or filter');
  }
  for (const category of categories) {
    if (!STATS_CATEGORIES.includes(category)) {
      throw badRequest(`Invalid category: "${category}"`);
    }
  }
  if (categories.includes('attachment') && categories.length > 1) {
    throw badRequest('if filtering by attachment no other category may be present');
  }
  const outcomes = params.getAll('outcome').filter((o) => o !== '');
  for (const outcome of outcomes) {
    if (!STATS_OUTCOMES.includes(outcome)) {
      throw badRequest(`Invalid outcome: "${outcome}"`);
    }
  }
  const reasons = params.getAll('reason').filter((r) => r !== '');
  if (input.projects !== null && input.projects.length === 0) {
    throw badRequest('No projects available');
  }
  const buckets = constrainedRange(params.get('interval'), input.range, input.now, input.minimumInterval);

  // The error category also covers default and security events.
  const categorySet = new Set(categories.flatMap((c) => (c === 'error' ? ['error', 'default', 'security'] : [c])));
  const projectIds = input.projects ? new Set(input.projects.map((p) => p.id)) : null;
  const rows = input.scenario.outcomes.filter(
    (row) =>
      row.hour + HOUR > buckets.start &&
      row.hour < buckets.end &&
      row.hour <= input.now &&
      (!projectIds || projectIds.has(row.project.id)) &&
      (categorySet.size === 0 || categorySet.has(row.category)) &&
      (outcomes.length === 0 || outcomes.includes(row.outcome)) &&
      (reasons.length === 0 || reasons.includes(row.reason))
  );

  const groups = new Map<string, { by: Record<string, string | number>; rows: OutcomeRow[] }>();
  for (const row of rows) {
    const by: Record<string, string | number> = {};
    for (const key of groupBy) {
      by[key] =
        key === 'project'
          ? Number(row.project.id)
          : key === 'category'
            ? row.category
            : key === 'outcome'
              ? row.outcome
              : row.reason;
    }
    const id = JSON.stringify(by);
    const group = groups.get(id) ?? { by, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const valueOf = (field: string, row: OutcomeRow) => (field === 'sum(quantity)' ? row.quantity : row.timesSeen);
  const byProject = groupBy.includes('project');
  const resultGroups = [...groups.values()]
    .sort((a, b) => JSON.stringify(a.by).localeCompare(JSON.stringify(b.by)))
    .map((group) => {
      const totals: Record<string, number> = {};
      const series: Record<string, number[]> = {};
      for (const field of fields) {
        totals[field] = group.rows.reduce((sum, row) => sum + valueOf(field, row), 0);
        if (!byProject) {
          const values = buckets.intervals.map(() => 0);
          for (const row of group.rows) {
            for (const { index, share } of overlapShares(row.hour, buckets)) {
              values[index] += valueOf(field, row) * share;
            }
          }
          series[field] = values.map(Math.round);
        }
      }
      // Grouping by project returns totals only (no intervals, no series).
      return byProject ? { by: group.by, totals } : { by: group.by, totals, series };
    });
  const body: Partial<ApiStatsV2> = { start: isoSecondsZ(buckets.start), end: isoSecondsZ(buckets.end) };
  if (!byProject) {
    body.intervals = buckets.intervals.map(isoSecondsZ);
  }
  body.groups = resultGroups;
  return body as ApiStatsV2;
}
