// Look-ups over generated data: time slices, error counts per hour and the release running at a time.

import { ENVIRONMENTS, HOUR, PROJECTS } from './content';
import { expectedRequestsPerMinute } from './traffic-model';
import type { Release, Scenario } from './types';

// Local bindings, as in the builders: global look-ups are slow inside vm contexts (Jest).
const { floor, round } = Math;

function lowerBound<T>(items: readonly T[], ts: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]) < ts) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Items of a time-sorted array with start <= ts < end. */
export function sliceByTime<T extends { ts: number }>(items: readonly T[], start: number, end: number): T[] {
  const byTs = (item: T) => item.ts;
  return items.slice(lowerBound(items, start, byTs), lowerBound(items, end, byTs));
}

export interface CountFilter {
  project?: string;
  environment?: string;
  start: number;
  end: number;
}

/** Number of error events matching the filter (project by slug). */
export function countErrors(scenario: Scenario, filter: CountFilter): number {
  let count = 0;
  for (const event of sliceByTime(scenario.errors, filter.start, filter.end)) {
    if (
      (!filter.project || event.project.slug === filter.project) &&
      (!filter.environment || event.environment === filter.environment)
    ) {
      count++;
    }
  }
  return count;
}

/** Error events per hour bucket (bucket start in ms) for a project/environment. */
export function errorsPerHour(scenario: Scenario, filter: CountFilter): Array<{ start: number; count: number }> {
  const first = floor(filter.start / HOUR) * HOUR;
  const buckets: Array<{ start: number; count: number }> = [];
  for (let t = first; t < filter.end; t += HOUR) {
    buckets.push({ start: t, count: 0 });
  }
  for (const event of sliceByTime(scenario.errors, first, filter.end)) {
    if (
      (!filter.project || event.project.slug === filter.project) &&
      (!filter.environment || event.environment === filter.environment)
    ) {
      buckets[floor((event.ts - first) / HOUR)].count++;
    }
  }
  return buckets;
}

/** Error rate per hour: error events / modelled requests (both for one project/environment). */
export function errorRatePerHour(
  scenario: Scenario,
  filter: CountFilter
): Array<{ start: number; errors: number; requests: number; rate: number }> {
  return errorsPerHour(scenario, filter).map((bucket) => {
    let requests = 0;
    const projects = filter.project ? [filter.project] : PROJECTS.map((p) => p.slug);
    const envs = filter.environment ? [filter.environment] : ENVIRONMENTS.map((e) => e.name);
    for (const project of projects) {
      for (const env of envs) {
        requests += expectedRequestsPerMinute(project, env, bucket.start + HOUR / 2) * 60;
      }
    }
    return {
      start: bucket.start,
      errors: bucket.count,
      requests: round(requests),
      rate: requests > 0 ? bucket.count / requests : 0,
    };
  });
}

/** The release running in an environment at time t (the last deploy finished before t). */
export function releaseAt(scenario: Pick<Scenario, 'releases'>, projectSlug: string, env: string, t: number): string {
  return makeReleaseLookup(scenario.releases)(projectSlug, env, t);
}

/** Precomputed releaseAt for hot loops: per project/env, deploy times sorted for binary search. */
export function makeReleaseLookup(
  releases: readonly Release[]
): (projectSlug: string, env: string, t: number) => string {
  const timelines = new Map<string, Array<{ at: number; version: string }>>();
  const earliest = new Map<string, string>();
  const add = (key: string, at: number, version: string) => {
    const list = timelines.get(key) ?? [];
    list.push({ at, version });
    timelines.set(key, list);
  };
  for (const release of [...releases].sort((a, b) => a.dateCreated - b.dateCreated)) {
    const slug = release.project.slug;
    if (!earliest.has(slug)) {
      earliest.set(slug, release.version);
    }
    // Development runs whatever was built last.
    add(`${slug}|development`, release.dateCreated, release.version);
    for (const deploy of release.deploys) {
      add(`${slug}|${deploy.environment}`, deploy.dateFinished, release.version);
    }
  }
  for (const list of timelines.values()) {
    list.sort((a, b) => a.at - b.at);
  }
  return (projectSlug, env, t) => {
    const list = timelines.get(`${projectSlug}|${env}`) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].at <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 ? list[lo - 1].version : (earliest.get(projectSlug) ?? '');
  };
}
