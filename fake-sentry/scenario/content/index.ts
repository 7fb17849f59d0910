// Static demo content: organization, projects, teams, releases, issue title templates and devices.
// Everything time-related is relative to the scenario's anchor `now` so tests can rely on it.

export { BROWSERS, DESKTOP_OS, MOBILE_DEVICES } from './devices';
export type { IssueTemplate } from './issue-template';
export { DEMO_USER, ENVIRONMENTS, ORG, ORG_MEMBERS, TEAMS } from './org';
export type { EnvName, TeamSpec, UserInfo } from './org';
export { PROJECTS } from './projects';
export type { ProjectSpec, TransactionSpec } from './projects';
export { randomIssueTemplate } from './random-issue';
export {
  BURST_DECAY_MS,
  BURST_PEAK_MS,
  BURST_PEAK_PER_HOUR,
  BURST_RELEASE,
  BURST_STAGING_PER_HOUR,
  BURST_TAIL_PER_HOUR,
  BURST_TITLE,
  PRODUCTION_DEPLOY_AFTER_MS,
  RELEASE_PLAN,
  STAGING_DEPLOY_AFTER_MS,
} from './releases';
export type { ReleasePlan } from './releases';
export { DAY, HOUR, MINUTE } from './time';
