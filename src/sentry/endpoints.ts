/** Sentry REST paths and shared parameters. Every path ends with a slash, as Sentry's routes do. */

const seg = encodeURIComponent;

export const paths = {
  apiRoot: () => '/api/0/',
  organizations: () => '/api/0/organizations/',
  organization: (org: string) => `/api/0/organizations/${seg(org)}/`,
  projects: (org: string) => `/api/0/organizations/${seg(org)}/projects/`,
  teams: (org: string) => `/api/0/organizations/${seg(org)}/teams/`,
  teamProjects: (org: string, team: string) => `/api/0/teams/${seg(org)}/${seg(team)}/projects/`,
  environments: (org: string) => `/api/0/organizations/${seg(org)}/environments/`,
  projectEnvironments: (org: string, project: string) => `/api/0/projects/${seg(org)}/${seg(project)}/environments/`,
  issues: (org: string) => `/api/0/organizations/${seg(org)}/issues/`,
  issueEvents: (org: string, issueId: string) => `/api/0/organizations/${seg(org)}/issues/${seg(issueId)}/events/`,
  events: (org: string) => `/api/0/organizations/${seg(org)}/events/`,
  eventsStats: (org: string) => `/api/0/organizations/${seg(org)}/events-stats/`,
  eventsTimeseries: (org: string) => `/api/0/organizations/${seg(org)}/events-timeseries/`,
  sessions: (org: string) => `/api/0/organizations/${seg(org)}/sessions/`,
  statsV2: (org: string) => `/api/0/organizations/${seg(org)}/stats_v2/`,
  tags: (org: string) => `/api/0/organizations/${seg(org)}/tags/`,
  projectTagValues: (org: string, project: string, key: string) =>
    `/api/0/projects/${seg(org)}/${seg(project)}/tags/${seg(key)}/values/`,
  releases: (org: string) => `/api/0/organizations/${seg(org)}/releases/`,
  releaseDeploys: (org: string, version: string) =>
    `/api/0/organizations/${seg(org)}/releases/${seg(version)}/deploys/`,
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
