// Request parameter parsing shared by the endpoints: time range, projects, environments.

import { ApiError, badRequest, forbidden, notFound } from './errors';
import { parseAbsoluteDate } from './search';
import { DAY, Project, Scenario } from './scenario';

/** Default window when no range is given (Sentry's MAX_STATS_PERIOD). */
export const DEFAULT_PERIOD_MS = 90 * DAY;

const PERIOD_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Sentry's statsPeriod syntax `^(\d+)([hdmsw]?)$`; no unit = seconds. Returns ms or null. */
export function parseStatsPeriod(value: string): number | null {
  const match = /^(\d+)([hdmsw]?)$/.exec(value);
  if (!match) {
    return null;
  }
  return Number(match[1]) * PERIOD_UNITS[match[2] || 's'];
}

export interface TimeRange {
  start: number;
  end: number;
}

export interface TimeRangeOptions {
  /** Without any range parameter return null instead of the 90-day default (releases, issue events). */
  optional?: boolean;
  /** Events endpoints prefix range errors with "Invalid date range: ". */
  wrapPrefix?: string;
}

function parseDateParam(value: string, prefix: string): number {
  const parsed = parseAbsoluteDate(value);
  if (parsed === null) {
    throw badRequest(`${prefix}${value} is not a valid ISO8601 date query`);
  }
  return parsed;
}

/** get_date_range_from_params: statsPeriod beats start/end; naive ISO = UTC; epoch seconds accepted. */
export function parseTimeRange(params: URLSearchParams, now: number, options: TimeRangeOptions = {}): TimeRange | null {
  const prefix = options.wrapPrefix ?? '';
  const statsPeriod = params.get('statsPeriod') ?? params.get('timeframe');
  if (statsPeriod) {
    const ms = parseStatsPeriod(statsPeriod);
    if (ms === null) {
      throw badRequest(`${prefix}Invalid statsPeriod: '${statsPeriod}'`);
    }
    return { start: now - ms, end: now };
  }
  const periodStart = params.get('statsPeriodStart') ?? params.get('timeframeStart');
  const periodEnd = params.get('statsPeriodEnd') ?? params.get('timeframeEnd');
  if (periodStart || periodEnd) {
    const startMs = periodStart ? parseStatsPeriod(periodStart) : null;
    const endMs = periodEnd ? parseStatsPeriod(periodEnd) : null;
    if (startMs === null || endMs === null) {
      throw badRequest(`${prefix}statsPeriodStart and statsPeriodEnd are both required`);
    }
    return checkOrder({ start: now - startMs, end: now - endMs }, prefix);
  }
  const start = params.get('start');
  const end = params.get('end');
  if (start || end) {
    if (!start || !end) {
      throw badRequest(`${prefix}start and end are both required`);
    }
    return checkOrder({ start: parseDateParam(start, prefix), end: parseDateParam(end, prefix) }, prefix);
  }
  if (options.optional) {
    return null;
  }
  return { start: now - DEFAULT_PERIOD_MS, end: now };
}

function checkOrder(range: TimeRange, prefix: string): TimeRange {
  if (range.start >= range.end) {
    throw badRequest(`${prefix}start must be before end`);
  }
  return range;
}

export type ProjectScope = 'member' | 'all';

/**
 * Resolve the `project` parameter (repeated numeric ids, -1 = all accessible).
 * Omitted → `whenOmitted` ('member' = the caller's team projects, as most endpoints do).
 */
export function resolveProjects(
  scenario: Scenario,
  params: URLSearchParams,
  memberProjects: readonly Project[],
  whenOmitted: ProjectScope = 'member'
): Project[] {
  const raw = params.getAll('project').filter((value) => value !== '');
  if (raw.length === 0) {
    return whenOmitted === 'all' ? [...scenario.projects] : [...memberProjects];
  }
  const ids: number[] = [];
  for (const value of raw) {
    if (!/^-?\d+$/.test(value.trim())) {
      throw badRequest('Invalid project parameter. Values must be numbers.');
    }
    ids.push(Number(value));
  }
  if (ids.includes(-1)) {
    return [...scenario.projects];
  }
  const projects: Project[] = [];
  for (const id of ids) {
    const project = scenario.projects.find((p) => Number(p.id) === id);
    if (!project) {
      // Unknown or inaccessible ids are a permission problem, not a 404.
      throw forbidden();
    }
    if (!projects.includes(project)) {
      projects.push(project);
    }
  }
  return projects;
}

/** Repeated `environment` names; any unknown name → 404. Empty list = no filter. */
export function resolveEnvironments(scenario: Pick<Scenario, 'environments'>, params: URLSearchParams): string[] {
  const names = params.getAll('environment').filter((name) => name !== '');
  for (const name of names) {
    if (!scenario.environments.some((env) => env.name === name)) {
      throw notFound();
    }
  }
  return names;
}

/** Integer parameter or the default; throws the given message when not an integer. */
export function intParam(params: URLSearchParams, name: string, fallback: number, message: string): number {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return fallback;
  }
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new ApiError(400, message);
  }
  return Number(raw);
}

export function isTruthy(value: string | null): boolean {
  return value !== null && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

/** ISO-8601 with microseconds and Z, like Sentry's serializers ("2024-05-01T08:12:44.123000Z"). */
export function isoMicro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** ISO-8601 without fractions ("2024-05-01T08:12:44Z"). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Discover's date format ("2024-05-02T10:01:02+00:00"). */
export function isoDiscover(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
