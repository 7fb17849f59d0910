/** Sentry REST paths and shared parameters. Every path ends with a slash, as Sentry's routes do. */
import { SentryError } from './errors';

/** A value placed in a path (a slug, id, key or version), with what it is for the message when it cannot be one. */
export interface PathValue {
  readonly what: string;
  readonly value: string;
}

const valueOf =
  (what: string) =>
  (value: string): PathValue => ({ what, value });
const org = valueOf('organization slug');
const team = valueOf('team slug');
const project = valueOf('project slug');
const issue = valueOf('issue id');
const tagKey = valueOf('tag key');
const release = valueOf('release version');

/** Route words as written in Sentry's URLs; anything else is a value and must come as a PathValue. */
const ROUTE_WORD = /^[a-z0-9_-]+$/;

/**
 * One segment of a value: percent-encoded (`/ ? # %` and the rest), and refused when empty or `.`/`..`, which
 * encoding leaves as they are and a URL parser then resolves into another endpoint.
 */
export function pathSegment({ what, value }: PathValue): string {
  if (value === '' || value === '.' || value === '..') {
    throw new SentryError('query', `The ${what} "${value}" is not a valid path segment.`);
  }
  return encodeURIComponent(value);
}

/** The one way the core builds an API path: `/api/0/` then each part as one segment, with a trailing slash. */
export function apiPath(...parts: Array<string | PathValue>): string {
  const segments = parts.map((part) => {
    if (typeof part !== 'string') {
      return pathSegment(part);
    }
    if (!ROUTE_WORD.test(part)) {
      throw new Error(`"${part}" is not a route word; pass values as PathValue`);
    }
    return part;
  });
  return `/api/0/${segments.map((s) => `${s}/`).join('')}`;
}

export const paths = {
  apiRoot: () => apiPath(),
  organizations: () => apiPath('organizations'),
  organization: (o: string) => apiPath('organizations', org(o)),
  projects: (o: string) => apiPath('organizations', org(o), 'projects'),
  teams: (o: string) => apiPath('organizations', org(o), 'teams'),
  teamProjects: (o: string, t: string) => apiPath('teams', org(o), team(t), 'projects'),
  environments: (o: string) => apiPath('organizations', org(o), 'environments'),
  projectEnvironments: (o: string, p: string) => apiPath('projects', org(o), project(p), 'environments'),
  issues: (o: string) => apiPath('organizations', org(o), 'issues'),
  issueEvents: (o: string, id: string) => apiPath('organizations', org(o), 'issues', issue(id), 'events'),
  events: (o: string) => apiPath('organizations', org(o), 'events'),
  eventsStats: (o: string) => apiPath('organizations', org(o), 'events-stats'),
  eventsTimeseries: (o: string) => apiPath('organizations', org(o), 'events-timeseries'),
  sessions: (o: string) => apiPath('organizations', org(o), 'sessions'),
  statsV2: (o: string) => apiPath('organizations', org(o), 'stats_v2'),
  tags: (o: string) => apiPath('organizations', org(o), 'tags'),
  projectTagValues: (o: string, p: string, key: string) =>
    apiPath('projects', org(o), project(p), 'tags', tagKey(key), 'values'),
  releases: (o: string) => apiPath('organizations', org(o), 'releases'),
  releaseDeploys: (o: string, version: string) =>
    apiPath('organizations', org(o), 'releases', release(version), 'deploys'),
};

/** The scope Sentry wants for each kind of call (named in 403 messages). */
export const scopes = {
  org: 'org:read',
  event: 'event:read',
  project: 'project:read',
  team: 'team:read',
} as const;

export interface TimeRange {
  from: Date;
  to: Date;
}

/** ISO-8601 in UTC with a Z: Sentry reads a zoneless time as UTC, so never send local time. */
export function sentryTime(date: Date): string {
  return date.toISOString();
}

export function timeParams(range: TimeRange): Array<[string, string]> {
  return [
    ['start', sentryTime(range.from)],
    ['end', sentryTime(range.to)],
  ];
}

/**
 * Project ids (numeric, as Sentry requires) and environment names. No projects means every accessible
 * project (`-1`); leaving `project` out would mean only the projects the token's user is a member of.
 */
export function scopeParams(
  projectIds: string[] | undefined,
  environments: string[] | undefined
): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  const ids = (projectIds ?? []).map((p) => p.trim()).filter((p) => p !== '');
  if (ids.length === 0) {
    params.push(['project', '-1']);
  } else {
    for (const id of ids) {
      params.push(['project', id]);
    }
  }
  for (const env of environments ?? []) {
    if (env.trim() !== '') {
      params.push(['environment', env]);
    }
  }
  return params;
}

/** One parameter repeated per value, the way Sentry reads lists (`field=a&field=b`). */
export function repeated(key: string, values: readonly string[] | undefined): Array<[string, string]> {
  return (values ?? []).map((value): [string, string] => [key, value]);
}
