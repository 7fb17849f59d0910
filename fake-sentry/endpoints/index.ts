// Endpoint implementations. Each takes the resolved request context and returns a JSON body
// (plus headers); routing, auth, scopes, rate limits and chaos live in handlers.ts.

export type { EndpointContext, EndpointResult } from './context';
export { getEventsStats, getEventsTimeseries, listEvents } from './events';
export { bulkUpdateIssues, listIssueEvents, listIssues } from './issues';
export {
  getIndex,
  getOrganization,
  listOrganizations,
  listOrgEnvironments,
  listProjectEnvironments,
  listProjects,
  listTeamProjects,
  listTeams,
} from './organization';
export { createDeploy, listDeploys, listProjectReleases, listReleases } from './releases';
export { getSessions, getStatsV2 } from './sessions';
export { listOrgTags, listProjectTagValues } from './tags';
