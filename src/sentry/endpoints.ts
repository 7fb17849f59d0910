/** Sentry REST paths and shared parameters. Every path ends with a slash, as Sentry's routes do. */
import { SentryError } from './errors';
import { MINUTE_MS, snapRange } from './snap';

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

/** Route text as written in Sentry's URLs: words and slashes, never a value. */
const ROUTE_TEXT = /^[a-z0-9_/-]*$/;

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

/**
 * The one way the core builds an API path, read as Sentry writes its routes: the literal text is the route under
 * `/api/0/`, each `${value}` one encoded segment, e.g. api`organizations/${org(slug)}/issues/`.
 */
export function api(route: TemplateStringsArray, ...values: PathValue[]): string {
  let path = '/api/0/';
  route.forEach((text, i) => {
    if (!ROUTE_TEXT.test(text)) {
      throw new Error(`"${text}" is not route text; pass values as PathValue`);
    }
    path += text + (i < values.length ? pathSegment(values[i]) : '');
  });
  return path;
}

export const paths = {
  apiRoot: () => api``,
  organizations: () => api`organizations/`,
  organization: (o: string) => api`organizations/${org(o)}/`,
  projects: (o: string) => api`organizations/${org(o)}/projects/`,
  teams: (o: string) => api`organizations/${org(o)}/teams/`,
  teamProjects: (o: string, t: string) => api`teams/${org(o)}/${team(t)}/projects/`,
  environments: (o: string) => api`organizations/${org(o)}/environments/`,
  projectEnvironments: (o: string, p: string) => api`projects/${org(o)}/${project(p)}/environments/`,
  issues: (o: string) => api`organizations/${org(o)}/issues/`,
  issueEvents: (o: string, id: string) => api`organizations/${org(o)}/issues/${issue(id)}/events/`,
  events: (o: string) => api`organizations/${org(o)}/events/`,
  eventsStats: (o: string) => api`organizations/${org(o)}/events-stats/`,
  eventsTimeseries: (o: string) => api`organizations/${org(o)}/events-timeseries/`,
  sessions: (o: string) => api`organizations/${org(o)}/sessions/`,
  statsV2: (o: string) => api`organizations/${org(o)}/stats_v2/`,
  tags: (o: string) => api`organizations/${org(o)}/tags/`,
  projectTagValues: (o: string, p: string, key: string) =>
    api`projects/${org(o)}/${project(p)}/tags/${tagKey(key)}/values/`,
  releases: (o: string) => api`organizations/${org(o)}/releases/`,
  releaseDeploys: (o: string, version: string) => api`organizations/${org(o)}/releases/${release(version)}/deploys/`,
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

/**
 * `start` and `end` snapped outward to `grainMs` (./snap.ts): one minute for tables and lists, the bucket size for
 * series, so that requests for the same panel within one grain are the same request.
 */
export function timeParams(range: TimeRange, grainMs: number = MINUTE_MS): Array<[string, string]> {
  const snapped = snapRange(range, grainMs);
  return [
    ['start', sentryTime(snapped.from)],
    ['end', sentryTime(snapped.to)],
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
