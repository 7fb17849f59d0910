// JSON shapes of organizations, projects, teams, environments, releases and deploys, typed by Sentry's schema.

import type { ApiDeploy, ApiOrganization, ApiProject, ApiRelease, ApiTeam, ApiTeamProject } from '../src/sentry/api';
import { TokenInfo } from './auth';
import { isoMicro, isoSeconds } from './params';
import { Deploy, ErrorEvent, HOUR, Project, Release, Scenario, SessionRow, sliceByTime, TeamSpec } from './scenario';

const AVATAR = { avatarType: 'letter_avatar', avatarUuid: null, avatarUrl: null };

export const ORG_FEATURES = [
  'discover-basic',
  'discover-query',
  'global-views',
  'performance-view',
  'releases',
  'session-replay',
  'dashboards-basic',
  'dashboards-edit',
  'incidents',
];

export interface OrgLinks {
  organizationUrl: string;
  regionUrl: string;
}

export function serializeOrganization(
  scenario: Scenario,
  token: TokenInfo,
  links: OrgLinks,
  features: string[]
): ApiOrganization {
  return {
    id: scenario.org.id,
    slug: scenario.org.slug,
    status: { id: 'active', name: 'active' },
    name: scenario.org.name,
    dateCreated: scenario.org.dateCreated,
    isEarlyAdopter: false,
    require2FA: false,
    avatar: AVATAR,
    links,
    hasAuthProvider: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: false,
    allowSuperuserAccess: false,
    features,
    access: token.scopes,
    onboardingTasks: [],
  };
}

/** Projects whose team the token's user belongs to (integration/org tokens: all projects). */
export function memberProjects(scenario: Scenario, token: TokenInfo): Project[] {
  if (!token.user) {
    return [...scenario.projects];
  }
  if (token.teamless) {
    return [];
  }
  const memberTeams = scenario.teams.filter((t) => t.isMember).map((t) => t.slug);
  return scenario.projects.filter((p) => p.teams.some((t) => memberTeams.includes(t.slug)));
}

function projectAccess(token: TokenInfo): string[] {
  return token.scopes.filter(
    (s) => s.startsWith('project:') || s.startsWith('event:') || s.startsWith('team:') || s.startsWith('member:')
  );
}

function teamRef(team: TeamSpec) {
  return { id: team.id, name: team.name, slug: team.slug };
}

function projectEnvironments(scenario: Scenario, project: Project): string[] {
  // Hidden environments are not listed (development is hidden in the demo org).
  return scenario.environments
    .filter(
      (env) => !env.isHidden && (project.errorsPerHour[env.name] > 0 || project.transactionsPerHour[env.name] > 0)
    )
    .map((env) => env.name);
}

function latestRelease(scenario: Scenario, project: Project, now: number): Release | null {
  return (
    scenario.releases
      .filter((r) => r.project === project && r.dateCreated <= now)
      .sort((a, b) => b.dateCreated - a.dateCreated)[0] ?? null
  );
}

function latestDeploys(scenario: Scenario, project: Project, now: number): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const deploys = scenario.releases
    .filter((r) => r.project === project)
    .flatMap((r) => r.deploys)
    .filter((d) => d.dateFinished <= now)
    .sort((a, b) => a.dateFinished - b.dateFinished);
  for (const deploy of deploys) {
    out[deploy.environment] = { version: deploy.version, dateFinished: isoMicro(deploy.dateFinished) };
  }
  return out;
}

/** Project as returned by the projects list and team projects (sentry-api.md §2.8). */
export function serializeProject(
  scenario: Scenario,
  project: Project,
  token: TokenInfo,
  now: number,
  collapse: string[] = []
): ApiProject {
  const isMember = token.user !== null && !token.teamless && project.teams.some((t) => t.isMember);
  const release = latestRelease(scenario, project, now);
  const out: ApiProject = {
    id: project.id,
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dateCreated: project.dateCreated,
    isBookmarked: false,
    isMember,
    features: ['alert-filters', 'minidump', 'releases', 'servicehooks', 'similarity-indexing'],
    firstEvent: project.firstEvent,
    firstTransactionEvent: true,
    access: projectAccess(token),
    hasAccess: true,
    hasFeedbacks: false,
    hasFlags: false,
    hasMinifiedStackTrace: project.platform === 'javascript',
    hasMonitors: project.platform === 'python',
    hasNewFeedbacks: false,
    hasProfiles: project.slug === 'checkout-api' || project.platform === 'react-native',
    hasReplays: project.platform === 'javascript',
    hasSessions: true,
    hasInsightsHttp: true,
    hasInsightsDb: project.platform !== 'javascript',
    hasInsightsAssets: project.platform === 'javascript',
    hasInsightsAppStart: project.platform === 'react-native',
    hasInsightsScreenLoad: project.platform === 'react-native',
    hasInsightsVitals: project.platform === 'javascript',
    hasInsightsCaches: false,
    hasInsightsQueues: project.platform === 'python',
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    hasLogs: false,
    hasTraceMetrics: false,
    team: project.teams.length ? teamRef(project.teams[0]) : null,
    teams: project.teams.map(teamRef),
    platforms: [project.platform],
    hasUserReports: false,
    environments: projectEnvironments(scenario, project),
    latestRelease: release ? { version: release.version } : null,
  };
  if (!collapse.includes('latestDeploys')) {
    out.latestDeploys = latestDeploys(scenario, project, now);
  }
  return out;
}

/** Project summary nested in teams (`detailed` team list). */
function serializeTeamProject(scenario: Scenario, project: Project, token: TokenInfo, now: number): ApiTeamProject {
  const {
    team: _team,
    teams: _teams,
    environments: _envs,
    latestRelease: _latest,
    latestDeploys: _deploys,
    ...rest
  } = serializeProject(scenario, project, token, now);
  return { ...rest, isInternal: false, isPublic: false, avatar: AVATAR, color: '#3f70bf', status: 'active' };
}

export function serializeTeam(
  scenario: Scenario,
  team: TeamSpec,
  token: TokenInfo,
  now: number,
  detailed: boolean
): ApiTeam {
  const isMember = token.user !== null && !token.teamless && team.isMember;
  const out: ApiTeam = {
    id: team.id,
    slug: team.slug,
    name: team.name,
    dateCreated: team.dateCreated,
    isMember,
    teamRole: isMember ? 'contributor' : null,
    flags: { 'idp:provisioned': false },
    access: token.scopes,
    hasAccess: true,
    isPending: false,
    memberCount: team.memberCount,
    avatar: AVATAR,
    externalTeams: [],
  };
  if (detailed) {
    out.projects = scenario.projects
      .filter((p) => team.projects.includes(p.slug))
      .map((p) => serializeTeamProject(scenario, p, token, now));
  }
  return out;
}

function versionInfo(release: Release): NonNullable<ApiRelease['versionInfo']> {
  return {
    package: release.packageName,
    version: {
      raw: release.versionRaw,
      major: release.major,
      minor: release.minor,
      patch: release.patch,
      pre: release.pre,
      buildCode: release.buildCode,
      components: 3,
    },
    description: release.buildCode
      ? `${release.major}.${release.minor}.${release.patch} (${release.buildCode})`
      : release.versionRaw,
    buildHash: null,
  };
}

export function serializeDeploy(deploy: Deploy): ApiDeploy {
  return {
    id: deploy.id,
    environment: deploy.environment,
    dateStarted: deploy.dateStarted === null ? null : isoSeconds(deploy.dateStarted),
    dateFinished: isoSeconds(deploy.dateFinished),
    name: deploy.name,
    url: deploy.url,
  };
}

export interface ReleaseContext {
  scenario: Scenario;
  now: number;
  /** Release events indexed by version (errors and transactions up to now). */
  eventRange: EventRanges;
  health: boolean;
  healthStatsPeriod: string;
  summaryStatsPeriodMs: number;
}

type EventRanges = ReadonlyMap<string, { readonly first: number; readonly last: number }>;

/** The last answer per scenario, keyed by how many events were visible: every releases request asks again. */
const lastRanges = new WeakMap<Scenario, { errors: number; transactions: number; ranges: EventRanges }>();

/** First/last event time per release (visible events only). */
export function releaseEventRanges(scenario: Scenario, now: number): EventRanges {
  const errors = sliceByTime(scenario.errors, -Infinity, now + 1);
  const transactions = sliceByTime(scenario.transactions, -Infinity, now + 1);
  const cached = lastRanges.get(scenario);
  if (cached && cached.errors === errors.length && cached.transactions === transactions.length) {
    return cached.ranges;
  }
  const ranges = new Map<string, { first: number; last: number }>();
  const visit = (events: ReadonlyArray<{ ts: number; release: string }>) => {
    for (const event of events) {
      const range = ranges.get(event.release);
      if (!range) {
        ranges.set(event.release, { first: event.ts, last: event.ts });
      } else {
        range.first = Math.min(range.first, event.ts);
        range.last = Math.max(range.last, event.ts);
      }
    }
  };
  visit(errors);
  visit(transactions);
  lastRanges.set(scenario, { errors: errors.length, transactions: transactions.length, ranges });
  return ranges;
}

function visibleDeploys(release: Release, now: number): Deploy[] {
  return release.deploys.filter((d) => d.dateFinished <= now);
}

type ReleaseProject = ApiRelease['projects'][number];

function healthData(release: Release, ctx: ReleaseContext): NonNullable<ReleaseProject['healthData']> {
  const rows = ctx.scenario.sessions.filter((row) => row.project === release.project && row.hour <= ctx.now);
  const sum = (list: SessionRow[]) =>
    list.reduce((acc, row) => acc + row.healthy + row.errored + row.crashed + row.abnormal, 0);
  const inSummary = rows.filter((row) => row.hour >= ctx.now - ctx.summaryStatsPeriodMs);
  const last24h = rows.filter((row) => row.hour >= ctx.now - 24 * HOUR);
  const mine = inSummary.filter((row) => row.release === release.version);
  const mine24 = last24h.filter((row) => row.release === release.version);
  const totalSessions = sum(mine);
  const crashed = mine.reduce((acc, row) => acc + row.crashed, 0);
  const errored = mine.reduce((acc, row) => acc + row.errored, 0);
  const users = mine.reduce((acc, row) => acc + row.users, 0);
  const crashedUsers = mine.reduce((acc, row) => acc + row.crashedUsers, 0);
  const projectSessions24 = sum(last24h);
  const buckets = ctx.healthStatsPeriod === '14d' ? 14 : 24;
  const bucketMs = ctx.healthStatsPeriod === '14d' ? 24 * HOUR : HOUR;
  const first = Math.floor(ctx.now / bucketMs) * bucketMs - (buckets - 1) * bucketMs;
  const stats = new Array<number>(buckets).fill(0);
  for (const row of rows) {
    const index = Math.floor((row.hour - first) / bucketMs);
    if (row.release === release.version && index >= 0 && index < buckets) {
      stats[index] += row.healthy + row.errored + row.crashed + row.abnormal;
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    durationP50: null,
    durationP90: null,
    crashFreeUsers: users ? round(100 - (crashedUsers / users) * 100) : null,
    crashFreeSessions: totalSessions ? round(100 - (crashed / totalSessions) * 100) : null,
    totalUsers: users,
    totalUsers24h: mine24.reduce((acc, row) => acc + row.users, 0),
    totalProjectUsers24h: last24h.reduce((acc, row) => acc + row.users, 0),
    totalSessions,
    totalSessions24h: sum(mine24),
    totalProjectSessions24h: projectSessions24,
    adoption: projectSessions24 ? round((sum(mine24) / projectSessions24) * 100) : null,
    sessionsAdoption: projectSessions24 ? round((sum(mine24) / projectSessions24) * 100) : null,
    sessionsCrashed: crashed,
    sessionsErrored: errored,
    hasHealthData: totalSessions > 0,
    stats: { [ctx.healthStatsPeriod]: stats.map((value, i) => [(first + i * bucketMs) / 1000, value]) },
  };
}

function newGroups(scenario: Scenario, release: Release, now: number): number {
  return scenario.issues.filter((issue) => issue.firstRelease === release.version && issue.firstSeen <= now).length;
}

/** Release object (sentry-api.md §2.13): numeric ids, nullable dateReleased/lastDeploy. */
export function serializeRelease(release: Release, ctx: ReleaseContext): ApiRelease {
  const deploys = visibleDeploys(release, ctx.now);
  const lastDeploy = [...deploys].sort((a, b) => b.dateFinished - a.dateFinished)[0];
  const range = ctx.eventRange.get(release.version);
  const groups = newGroups(ctx.scenario, release, ctx.now);
  const dateReleased = release.dateReleased !== null && release.dateReleased <= ctx.now ? release.dateReleased : null;
  const project: ReleaseProject = {
    id: Number(release.project.id),
    slug: release.project.slug,
    name: release.project.name,
    platform: release.project.platform,
    platforms: [release.project.platform],
    newGroups: groups,
    hasHealthData: ctx.scenario.sessions.some((row) => row.release === release.version && row.hour <= ctx.now),
  };
  if (ctx.health) {
    project.healthData = healthData(release, ctx);
  }
  return {
    id: release.id,
    version: release.version,
    shortVersion: release.version,
    status: release.status,
    versionInfo: versionInfo(release),
    ref: release.ref,
    url: null,
    dateCreated: isoMicro(release.dateCreated),
    dateReleased: dateReleased === null ? null : isoMicro(dateReleased),
    dateStarted: null,
    data: {},
    newGroups: groups,
    owner: null,
    commitCount: release.commitCount,
    lastCommit: null,
    deployCount: deploys.length,
    lastDeploy: lastDeploy ? serializeDeploy(lastDeploy) : null,
    authors: release.authors,
    projects: [project],
    firstEvent: range ? isoSeconds(range.first) : null,
    lastEvent: range ? isoSeconds(range.last) : null,
    currentProjectMeta: {},
    userAgent: 'sentry-cli/2.31.0',
  };
}

/** Environments a release was seen in (deploys or events). */
export function releaseEnvironments(scenario: Scenario, release: Release, now: number): Set<string> {
  const envs = new Set<string>(visibleDeploys(release, now).map((d) => d.environment));
  const scan = (events: ReadonlyArray<{ release: string; environment: string; ts: number }>) => {
    for (const event of events) {
      if (event.release === release.version && event.ts <= now) {
        envs.add(event.environment);
      }
    }
  };
  scan(scenario.errors as readonly ErrorEvent[]);
  return envs;
}
