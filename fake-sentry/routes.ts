// The fake Sentry's API routes: each path pattern with the scopes it needs, whether it is org-scoped or a data
// endpoint, and its handler per method. handlers.ts routes every request through this table.

import { SCOPES } from './auth';
import * as endpoints from './endpoints';
import { EndpointContext, EndpointResult } from './endpoints';

type Handler = (ctx: EndpointContext) => EndpointResult;

export interface Route {
  name: string;
  pattern: RegExp;
  scopes: readonly string[];
  /** Path parameters after the org segment are passed on; org is always group 1 when present. */
  orgScoped: boolean;
  /** Data endpoints are refused on a region host that does not hold the org (region.serveData=false). */
  data: boolean;
  /** Scopes of the other methods (default: release writes). */
  writeScopes?: readonly string[];
  methods: Partial<Record<string, Handler>>;
}

const ORG = '/api/0/organizations/([^/]+)';

export const ROUTES: Route[] = [
  {
    name: 'organizations',
    pattern: /^\/api\/0\/organizations\/$/,
    scopes: SCOPES.org,
    orgScoped: false,
    data: false,
    methods: { GET: endpoints.listOrganizations },
  },
  {
    name: 'organization',
    pattern: new RegExp(`^${ORG}/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: false,
    methods: { GET: endpoints.getOrganization },
  },
  {
    name: 'projects',
    pattern: new RegExp(`^${ORG}/projects/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listProjects },
  },
  {
    name: 'teams',
    pattern: new RegExp(`^${ORG}/teams/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listTeams },
  },
  {
    name: 'environments',
    pattern: new RegExp(`^${ORG}/environments/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listOrgEnvironments },
  },
  {
    name: 'issues',
    pattern: new RegExp(`^${ORG}/issues/$`),
    scopes: SCOPES.event,
    orgScoped: true,
    data: true,
    writeScopes: SCOPES.eventWrite,
    methods: { GET: endpoints.listIssues, PUT: endpoints.bulkUpdateIssues },
  },
  {
    name: 'issue-events',
    pattern: new RegExp(`^${ORG}/issues/([^/]+)/events/$`),
    scopes: SCOPES.event,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listIssueEvents },
  },
  {
    name: 'events',
    pattern: new RegExp(`^${ORG}/events/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listEvents },
  },
  {
    name: 'events-stats',
    pattern: new RegExp(`^${ORG}/events-stats/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.getEventsStats },
  },
  {
    name: 'events-timeseries',
    pattern: new RegExp(`^${ORG}/events-timeseries/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.getEventsTimeseries },
  },
  {
    name: 'sessions',
    pattern: new RegExp(`^${ORG}/sessions/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.getSessions },
  },
  {
    name: 'stats_v2',
    pattern: new RegExp(`^${ORG}/stats_v2/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.getStatsV2 },
  },
  {
    name: 'tags',
    pattern: new RegExp(`^${ORG}/tags/$`),
    scopes: SCOPES.org,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listOrgTags },
  },
  {
    name: 'releases',
    pattern: new RegExp(`^${ORG}/releases/$`),
    scopes: SCOPES.releases,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listReleases },
  },
  {
    name: 'deploys',
    pattern: new RegExp(`^${ORG}/releases/([^/]+)/deploys/$`),
    scopes: SCOPES.releases,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listDeploys, POST: endpoints.createDeploy },
  },
  {
    name: 'team-projects',
    pattern: /^\/api\/0\/teams\/([^/]+)\/([^/]+)\/projects\/$/,
    scopes: SCOPES.project,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listTeamProjects },
  },
  {
    name: 'project-environments',
    pattern: /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/environments\/$/,
    scopes: SCOPES.project,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listProjectEnvironments },
  },
  {
    name: 'project-tag-values',
    pattern: /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/tags\/([^/]+)\/values\/$/,
    scopes: SCOPES.projectTagValues,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listProjectTagValues },
  },
  {
    name: 'project-releases',
    pattern: /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/releases\/$/,
    scopes: SCOPES.releases,
    orgScoped: true,
    data: true,
    methods: { GET: endpoints.listProjectReleases },
  },
];

/** The path of an org route without further parameters (e.g. `events-timeseries`) for `org`, or null. */
export function orgRoutePath(name: string, org: string): string | null {
  const path = `/api/0/organizations/${org}/${name}/`;
  const route = ROUTES.find((r) => r.name === name);
  return route && route.pattern.test(path) ? path : null;
}

/** Scopes for writes (deploy creation): project:read is not enough. */
export const WRITE_RELEASE_SCOPES = ['project:write', 'project:admin', 'project:releases', 'org:ci'];
