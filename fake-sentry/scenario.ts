// Deterministic demo data for the fake Sentry: one org, four projects, releases with deploys,
// ~320 issues with their error events, sampled transactions, release-health sessions and
// usage outcomes over the last 14 days, including an error burst after a bad release.
//
// Same (seed, now) → identical scenario. Release and burst times are fixed offsets from `now`
// (independent of the seed) so other tests can rely on them.

import { deriveRng, hexId, hexString, lognormal, pick, poisson, randInt, Rng, weightedSampler } from './prng';
import {
  BROWSERS,
  BURST_DECAY_MS,
  BURST_PEAK_MS,
  BURST_PEAK_PER_HOUR,
  BURST_RELEASE,
  BURST_STAGING_PER_HOUR,
  BURST_TAIL_PER_HOUR,
  BURST_TITLE,
  DAY,
  DESKTOP_OS,
  ENVIRONMENTS,
  EnvName,
  HOUR,
  IssueTemplate,
  MINUTE,
  MOBILE_DEVICES,
  ORG,
  ORG_MEMBERS,
  PRODUCTION_DEPLOY_AFTER_MS,
  PROJECTS,
  ProjectSpec,
  randomIssueTemplate,
  RELEASE_PLAN,
  STAGING_DEPLOY_AFTER_MS,
  TEAMS,
  TeamSpec,
  TransactionSpec,
} from './scenario-content';

export * from './scenario-content';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, round, min, max, pow, exp, ceil, sin, PI } = Math;

export const DEFAULT_SEED = 20240501;
/** Days of generated event history before `now`. */
export const HISTORY_DAYS = 14;
/** Stored transactions are a 10 % sample of the modelled traffic (client_discard/sample_rate covers the rest). */
export const TRANSACTION_SAMPLE_RATE = 0.1;

export interface ScenarioOptions {
  seed?: number;
  /** Anchor time in ms; defaults to Date.now() floored to the minute. */
  now?: number;
  /** Also generate data this far past `now` (a long-running server reveals it as its clock advances). */
  horizonMs?: number;
}

export interface Project extends ProjectSpec {
  name: string;
  teams: TeamSpec[];
}

export interface Deploy {
  id: string;
  version: string;
  projectId: string;
  environment: EnvName;
  dateStarted: number | null;
  dateFinished: number;
  name: string | null;
  url: string | null;
}

export interface Release {
  id: number;
  version: string;
  project: Project;
  packageName: string;
  versionRaw: string;
  major: number;
  minor: number;
  patch: number;
  pre: string | null;
  buildCode: string | null;
  dateCreated: number;
  /** When the release was finalized (its production deploy finished); null if never. */
  dateReleased: number | null;
  status: 'open' | 'archived';
  ref: string;
  commitCount: number;
  authors: Array<{ name: string; email: string }>;
  deploys: Deploy[];
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface AssignedTo {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export interface Issue {
  id: string;
  /** Line of the culprit frame (stable per issue; used for `location` and stack frames). */
  lineNo: number;
  shortId: string;
  project: Project;
  template: IssueTemplate;
  title: string;
  culprit: string;
  type: 'error' | 'default';
  level: IssueTemplate['level'];
  status: IssueStatus;
  substatus: string | null;
  statusDetails: Record<string, unknown>;
  priority: 'high' | 'medium' | 'low' | null;
  priorityLockedAt: number | null;
  assignedTo: AssignedTo | null;
  /** First event ever (may be before the generated history). */
  firstSeen: number;
  firstRelease: string | null;
  resolvedAt: number | null;
  isUnhandled: boolean;
  logger: string | null;
  numComments: number;
  isBookmarked: boolean;
  isSubscribed: boolean;
  hasSeen: boolean;
  annotations: Array<{ displayName: string; url: string }>;
  /** Events and users before the generated history (only lifetime totals see them). */
  preHistoryCount: number;
  preHistoryUsers: number;
  /** This issue's events, sorted by time. */
  events: ErrorEvent[];
  isBurst: boolean;
}

export interface EventUser {
  id: string | null;
  email: string | null;
  username: string | null;
  ip: string;
  /** The `user` tag value (`id:…` or `ip:…`). */
  tag: string;
}

interface EventBase {
  eventId: string;
  /** Event time in ms (for transactions: the end timestamp). */
  ts: number;
  project: Project;
  environment: EnvName;
  release: string;
  user: EventUser | null;
  traceId: string;
  /**
   * Tags except `user` (read it with eventTag/eventTags). Transactions share interned tag objects:
   * treat them as read-only.
   */
  tags: Readonly<Record<string, string>>;
}

/** One tag of an event (the `user` tag comes from the event's user). */
export function eventTag(event: ErrorEvent | TransactionEvent, key: string): string | undefined {
  return key === 'user' ? event.user?.tag : event.tags[key];
}

/** All tags of an event as [key, value] pairs, `user` included. */
export function eventTags(event: ErrorEvent | TransactionEvent): Array<[string, string]> {
  const entries = Object.entries(event.tags);
  if (event.user) {
    entries.push(['user', event.user.tag]);
  }
  return entries;
}

export interface ErrorEvent extends EventBase {
  kind: 'error';
  issue: Issue;
  level: string;
  handled: boolean;
  transaction: string;
  requestId: string | null;
}

export interface TransactionEvent extends EventBase {
  kind: 'transaction';
  transaction: string;
  op: string;
  /** Duration in ms. */
  duration: number;
  status: string;
  httpMethod: string | null;
  httpStatusCode: string | null;
  spanId: string;
}

export type ScenarioEvent = ErrorEvent | TransactionEvent;

/** A span of a transaction (spans dataset); project, user, trace… come from `tx`. */
export interface SpanRecord {
  kind: 'span';
  tx: TransactionEvent;
  ts: number;
  spanId: string;
  parentSpanId: string | null;
  op: string;
  description: string;
  duration: number;
  selfTime: number;
  status: string;
  isTransaction: boolean;
}

/** Release-health sessions started in one hour for one project × release × environment. */
export interface SessionRow {
  hour: number;
  project: Project;
  release: string;
  environment: EnvName;
  healthy: number;
  errored: number;
  crashed: number;
  abnormal: number;
  /** Users are a contiguous index range in the project's user pool (distinct counts = range unions). */
  userStart: number;
  users: number;
  crashedUsers: number;
  erroredUsers: number;
  abnormalUsers: number;
}

/** Usage outcome totals for one hour × project × category × outcome × reason (stats_v2). */
export interface OutcomeRow {
  hour: number;
  project: Project;
  category: string;
  outcome: string;
  reason: string;
  quantity: number;
  timesSeen: number;
}

export interface BurstInfo {
  project: string;
  projectId: string;
  release: string;
  environment: 'production';
  /** Production deploy finished: the burst starts here (now − 6 h). */
  start: number;
  /** End of the ~2 h peak; afterwards the rate decays exponentially. */
  peakEnd: number;
  peakPerHour: number;
  issueId: string;
  shortId: string;
  title: string;
}

export interface Scenario {
  seed: number;
  now: number;
  /** Start of the generated history (hour-aligned, 14 days before now). */
  historyStart: number;
  /** End of generated data (now + horizon). */
  dataEnd: number;
  org: typeof ORG;
  projects: Project[];
  teams: TeamSpec[];
  environments: typeof ENVIRONMENTS;
  /** Labels of tag keys in the tags list, where they differ from the default label. */
  tagLabels?: Record<string, string>;
  releases: Release[];
  issues: Issue[];
  /** Error events sorted by time. */
  errors: ErrorEvent[];
  /** Transaction events sorted by time. */
  transactions: TransactionEvent[];
  sessions: SessionRow[];
  outcomes: OutcomeRow[];
  burst: BurstInfo;
  /** Spans derived from transactions on first use (root span + child spans). */
  spans(): SpanRecord[];
  userPool(project: Project): { offset: number; size: number };
}

// ---------------------------------------------------------------------------------------------
// Traffic model (pure functions of time; a Prometheus exporter can follow the same curves)

/** Daily cycle: peak ~15:00 UTC, trough ~03:00 UTC, weekends at 75 %. */
export function trafficFactor(t: number): number {
  const date = new Date(t);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.75 : 1;
  return (1 + 0.55 * sin((2 * PI * (hour - 9)) / 24)) * weekend;
}

/** 1 during the burst peak, then exponential decay; 0 before the bad deploy. */
export function burstShape(burstStart: number, t: number): number {
  const tau = t - burstStart;
  if (tau < 0) {
    return 0;
  }
  if (tau < BURST_PEAK_MS) {
    // Ramp up over the first ten minutes after the deploy.
    return min(1, tau / (10 * MINUTE) + 0.1);
  }
  return exp(-(tau - BURST_PEAK_MS) / BURST_DECAY_MS);
}

/** Modelled error events per hour of the burst issue (0 outside checkout-api production/staging). */
export function burstErrorsPerHour(
  scenario: Pick<Scenario, 'burst' | 'releases'>,
  projectSlug: string,
  env: string,
  t: number
): number {
  if (projectSlug !== scenario.burst.project) {
    return 0;
  }
  if (env === 'production') {
    return t < scenario.burst.start
      ? 0
      : BURST_PEAK_PER_HOUR * burstShape(scenario.burst.start, t) + BURST_TAIL_PER_HOUR;
  }
  if (env === 'staging') {
    const release = scenario.releases.find((r) => r.version === BURST_RELEASE);
    const stagingDeploy = release?.deploys.find((d) => d.environment === 'staging');
    return stagingDeploy && t >= stagingDeploy.dateFinished ? BURST_STAGING_PER_HOUR : 0;
  }
  return 0;
}

/** Modelled error events per hour for a project/environment at time t (baseline + burst). */
export function expectedErrorsPerHour(
  scenario: Pick<Scenario, 'burst' | 'releases'>,
  projectSlug: string,
  env: string,
  t: number
): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug);
  if (!spec || !isEnvName(env)) {
    return 0;
  }
  return spec.errorsPerHour[env] * trafficFactor(t) + burstErrorsPerHour(scenario, projectSlug, env, t);
}

/** Modelled requests (all transactions, before sampling) per minute. */
export function expectedRequestsPerMinute(projectSlug: string, env: string, t: number): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug);
  if (!spec || !isEnvName(env)) {
    return 0;
  }
  return (spec.transactionsPerHour[env] * trafficFactor(t)) / TRANSACTION_SAMPLE_RATE / 60;
}

/** Modelled failure probability of one transaction name at time t (the burst hits POST /api/checkout). */
export function expectedFailureRate(
  scenario: Pick<Scenario, 'burst'>,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug)?.transactions.find((tx) => tx.name === transaction);
  if (!spec) {
    return 0;
  }
  return min(0.95, spec.failureRate + burstFailureBoost(scenario.burst, projectSlug, env, transaction, t));
}

/** Latency model of one transaction: log-normal median (ms) and sigma, slowed down during the burst. */
export function expectedLatency(
  scenario: Pick<Scenario, 'burst'>,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): { medianMs: number; sigma: number } | undefined {
  const spec = PROJECTS.find((p) => p.slug === projectSlug)?.transactions.find((tx) => tx.name === transaction);
  if (!spec) {
    return undefined;
  }
  return {
    medianMs: spec.medianMs * burstSlowdown(scenario.burst, projectSlug, env, transaction, t),
    sigma: spec.sigma,
  };
}

function isBurstTransaction(burst: BurstInfo, projectSlug: string, env: string, transaction: string): boolean {
  return projectSlug === burst.project && env === 'production' && transaction === 'POST /api/checkout';
}

function burstFailureBoost(burst: BurstInfo, projectSlug: string, env: string, transaction: string, t: number): number {
  return isBurstTransaction(burst, projectSlug, env, transaction) ? 0.35 * burstShape(burst.start, t) : 0;
}

function burstSlowdown(burst: BurstInfo, projectSlug: string, env: string, transaction: string, t: number): number {
  return isBurstTransaction(burst, projectSlug, env, transaction) ? 1 + 0.8 * burstShape(burst.start, t) : 1;
}

export function isEnvName(value: string): value is EnvName {
  return value === 'production' || value === 'staging' || value === 'development';
}

// ---------------------------------------------------------------------------------------------
// Query helpers over generated data

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
function makeReleaseLookup(releases: readonly Release[]): (projectSlug: string, env: string, t: number) => string {
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

// ---------------------------------------------------------------------------------------------
// Builder

const SHORT_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number): string {
  let out = '';
  let rest = value;
  do {
    out = SHORT_ID_ALPHABET[rest % 32] + out;
    rest = floor(rest / 32);
  } while (rest > 0);
  return out;
}

function parseVersion(
  version: string
): Pick<Release, 'packageName' | 'versionRaw' | 'major' | 'minor' | 'patch' | 'pre' | 'buildCode'> {
  const [packageName, raw] = version.split('@');
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([\w.]+))?(?:\+(\w+))?$/.exec(raw);
  if (!match) {
    throw new Error(`bad version in scenario: ${version}`);
  }
  return {
    packageName,
    versionRaw: raw,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    pre: match[4] ?? null,
    buildCode: match[5] ?? null,
  };
}

interface IssueDraft {
  issue: Issue;
  weight: number;
  activeFrom: number;
  activeTo: number;
  envs: Set<EnvName>;
  /** Distinct users grow with this share of the issue's events. */
  userSpread: number;
  userOffset: number;
  eventCount: number;
  mustStartAtActiveFrom: boolean;
}

const USER_POOLS: Record<string, { offset: number; size: number }> = {
  'checkout-api': { offset: 0, size: 6000 },
  'web-frontend': { offset: 0, size: 12000 },
  'payments-worker': { offset: 0, size: 3000 },
  'mobile-app': { offset: 3000, size: 5000 },
};

/** The default anchor: the current time floored to the minute. */
export function defaultNow(): number {
  return floor(Date.now() / MINUTE) * MINUTE;
}

export function buildScenario(options: ScenarioOptions = {}): Scenario {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? defaultNow();
  const dataEnd = now + max(0, options.horizonMs ?? 0);
  const historyStart = floor((now - HISTORY_DAYS * DAY) / HOUR) * HOUR;

  const projects: Project[] = PROJECTS.map((spec) => ({
    ...spec,
    name: spec.slug,
    teams: TEAMS.filter((team) => team.projects.includes(spec.slug)),
  }));
  const projectBySlug = new Map(projects.map((p) => [p.slug, p]));

  const releases = buildReleases(seed, now, projectBySlug);
  const burstRelease = releases.find((r) => r.version === BURST_RELEASE)!;
  const burstStart = burstRelease.deploys.find((d) => d.environment === 'production')!.dateFinished;

  const userCache: EventUser[] = [];
  const userAt = (index: number): EventUser => {
    let user = userCache[index];
    if (!user) {
      const id = String(10000 + index);
      user = {
        id,
        email: `customer${id}@mail.example`,
        username: null,
        ip: `198.51.${(index >> 8) & 255}.${index & 255}`,
        tag: `id:${id}`,
      };
      userCache[index] = user;
    }
    return user;
  };

  const drafts = buildIssueDrafts(seed, now, historyStart, dataEnd, projects, releases);
  const burstDraft = buildBurstIssue(projectBySlug.get('checkout-api')!, burstStart, dataEnd);
  drafts.push(burstDraft);

  const scenarioShell = {
    burst: {
      project: 'checkout-api',
      projectId: burstDraft.issue.project.id,
      release: BURST_RELEASE,
      environment: 'production' as const,
      start: burstStart,
      peakEnd: burstStart + BURST_PEAK_MS,
      peakPerHour: BURST_PEAK_PER_HOUR,
      issueId: '',
      shortId: '',
      title: BURST_TITLE,
    },
    releases,
  };

  const releaseLookup = makeReleaseLookup(releases);
  const errors: ErrorEvent[] = [];
  const errorRng = deriveRng(seed, 'errors');
  const makeError = (draft: IssueDraft, ts: number, env: EnvName) => {
    errors.push(buildErrorEvent(errorRng, draft, ts, env, releaseLookup(draft.issue.project.slug, env, ts), userAt));
    draft.eventCount++;
  };

  // Regular issues: per hour × project × environment, Poisson counts spread over active issues.
  const regular = drafts.filter((d) => !d.issue.isBurst);
  const candidates = new Map<string, IssueDraft[]>();
  for (const draft of regular) {
    for (const env of draft.envs) {
      const key = `${draft.issue.project.slug}|${env}`;
      candidates.set(key, [...(candidates.get(key) ?? []), draft]);
    }
  }
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const hourEnd = min(hour + HOUR, dataEnd);
    const fraction = (hourEnd - hour) / HOUR;
    const factor = trafficFactor(hour + HOUR / 2);
    for (const project of projects) {
      for (const env of ['production', 'staging', 'development'] as const) {
        const count = poisson(errorRng, project.errorsPerHour[env] * factor * fraction);
        if (count === 0) {
          continue;
        }
        const active = (candidates.get(`${project.slug}|${env}`) ?? []).filter(
          (d) => d.activeFrom < hourEnd && d.activeTo > hour
        );
        if (active.length === 0) {
          continue;
        }
        const pickIssue = weightedSampler(active, (d) => d.weight);
        for (let i = 0; i < count; i++) {
          const draft = pickIssue(errorRng);
          const from = max(hour, draft.activeFrom);
          const to = min(hourEnd, draft.activeTo);
          makeError(draft, from + floor(errorRng() * (to - from)), env);
        }
      }
    }
  }

  // Every issue has at least one event in the history; new issues start exactly at firstSeen.
  for (const draft of regular) {
    if (draft.mustStartAtActiveFrom) {
      makeError(draft, draft.activeFrom, pickDraftEnv(draft));
    } else if (draft.eventCount === 0) {
      const from = max(draft.activeFrom, historyStart);
      makeError(draft, from + floor(errorRng() * (min(draft.activeTo, now) - from)), pickDraftEnv(draft));
    }
  }

  // The burst: 5-minute slots so the ramp and decay are visible at fine intervals.
  const stagingDeploy = burstRelease.deploys.find((d) => d.environment === 'staging')!;
  makeError(burstDraft, burstStart + 7_000, 'production');
  for (let slot = stagingDeploy.dateFinished; slot < dataEnd; slot += 5 * MINUTE) {
    const slotEnd = min(slot + 5 * MINUTE, dataEnd);
    const share = (slotEnd - slot) / HOUR;
    for (const env of ['production', 'staging'] as const) {
      const rate = burstErrorsPerHour(scenarioShell, 'checkout-api', env, slot + (slotEnd - slot) / 2);
      const count = poisson(errorRng, rate * share);
      for (let i = 0; i < count; i++) {
        const ts = slot + floor(errorRng() * (slotEnd - slot));
        if (env === 'production' && ts < burstStart + 7_000) {
          continue;
        }
        makeError(burstDraft, ts, env);
      }
    }
  }

  errors.sort((a, b) => a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1));
  const issues = finalizeIssues(drafts, errors, historyStart, now);
  scenarioShell.burst.issueId = burstDraft.issue.id;
  scenarioShell.burst.shortId = burstDraft.issue.shortId;

  const transactions = buildTransactions(seed, historyStart, dataEnd, projects, scenarioShell, releaseLookup, userAt);
  const sessions = buildSessions(seed, historyStart, dataEnd, projects, releases, burstStart);
  const outcomes = buildOutcomes(seed, historyStart, dataEnd, projects, errors, transactions, sessions, burstStart);

  let spanCache: SpanRecord[] | undefined;
  return {
    seed,
    now,
    historyStart,
    dataEnd,
    org: ORG,
    projects,
    teams: [...TEAMS],
    environments: ENVIRONMENTS,
    releases,
    issues,
    errors,
    transactions,
    sessions,
    outcomes,
    burst: scenarioShell.burst,
    spans: () => (spanCache ??= deriveSpans(seed, transactions)),
    userPool: (project) => USER_POOLS[project.slug],
  };
}

function pickDraftEnv(draft: IssueDraft): EnvName {
  return draft.envs.has('production') ? 'production' : [...draft.envs][0];
}

function buildReleases(seed: number, now: number, projectBySlug: Map<string, Project>): Release[] {
  const rng = deriveRng(seed, 'releases');
  const plans = [...RELEASE_PLAN].sort((a, b) => b.createdAgoMs - a.createdAgoMs);
  let deployCounter = 5500;
  let runCounter = 800;
  return plans.map((plan, index) => {
    const project = projectBySlug.get(plan.project)!;
    const created = now - plan.createdAgoMs;
    const deploys: Deploy[] = [];
    const addDeploy = (environment: EnvName, started: number | null, finished: number, bare: boolean) => {
      runCounter += randInt(rng, 1, 9);
      deploys.push({
        id: String(++deployCounter),
        version: plan.version,
        projectId: project.id,
        environment,
        dateStarted: bare ? null : started,
        dateFinished: finished,
        name: bare ? null : `deploy #${runCounter}`,
        url: bare ? null : `https://ci.acme.example/${project.slug}/runs/${runCounter}`,
      });
    };
    let dateReleased: number | null = null;
    if (!plan.unreleased) {
      const stagingFinished =
        plan.stagingFinishedAgoMs !== undefined ? now - plan.stagingFinishedAgoMs : created + STAGING_DEPLOY_AFTER_MS;
      addDeploy('staging', stagingFinished - 4 * MINUTE, stagingFinished, Boolean(plan.bareStagingDeploys));
      const productionFinished =
        plan.productionFinishedAgoMs !== undefined
          ? now - plan.productionFinishedAgoMs
          : created + PRODUCTION_DEPLOY_AFTER_MS;
      const productionStarted =
        plan.productionStartedAgoMs !== undefined ? now - plan.productionStartedAgoMs : productionFinished - 6 * MINUTE;
      addDeploy('production', productionStarted, productionFinished, false);
      if (plan.redeployAfterMs) {
        addDeploy(
          'production',
          productionFinished + plan.redeployAfterMs - 5 * MINUTE,
          productionFinished + plan.redeployAfterMs,
          false
        );
      }
      dateReleased = productionFinished;
    }
    const authorCount = randInt(rng, 1, 3);
    const authors = ORG_MEMBERS.slice(1)
      .slice(index % 3, (index % 3) + authorCount)
      .map((member) => ({ name: member.name, email: member.email }));
    return {
      id: 90200 + index * 7,
      version: plan.version,
      project,
      ...parseVersion(plan.version),
      dateCreated: created,
      dateReleased,
      status: plan.status ?? 'open',
      ref: hexString(rng, 40),
      commitCount: randInt(rng, 2, 40),
      authors,
      deploys,
    };
  });
}

function buildIssueDrafts(
  seed: number,
  now: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  releases: Release[]
): IssueDraft[] {
  const rng = deriveRng(seed, 'issues');
  const drafts: IssueDraft[] = [];
  for (const project of projects) {
    const titles = new Set<string>();
    for (let rank = 1; rank <= project.issueCount; rank++) {
      let template = randomIssueTemplate(project.platform, rng);
      for (let attempt = 0; titles.has(template.title) && attempt < 20; attempt++) {
        template = randomIssueTemplate(project.platform, rng);
      }
      titles.add(template.title);
      // Zipf-like weights: a few heavy hitters, a long tail of rare issues.
      const weight = 1 / pow(rank, 1.15);
      const isNew = rng() < 0.4;
      const firstSeen = isNew
        ? historyStart + floor(rng() * (now - HOUR - historyStart))
        : historyStart - floor(DAY + rng() * 80 * DAY);
      const envs = new Set<EnvName>();
      const envRoll = rng();
      if (envRoll < 0.05) {
        envs.add('staging');
      } else {
        envs.add('production');
        if (envRoll < 0.55) {
          envs.add('staging');
        }
        if (envRoll > 0.92) {
          envs.add('development');
        }
      }
      const issue = newIssue(rng, project, template, firstSeen, now, releases);
      let activeTo = dataEnd + 1;
      if (issue.status === 'resolved') {
        const from = max(firstSeen, historyStart) + 12 * HOUR;
        const to = now - 2 * HOUR;
        if (to > from) {
          issue.resolvedAt = from + floor(rng() * (to - from));
          activeTo = issue.resolvedAt;
        } else {
          issue.status = 'unresolved';
          issue.substatus = 'new';
          issue.statusDetails = {};
        }
      }
      const activeFrom = max(firstSeen, historyStart);
      drafts.push({
        issue,
        weight,
        activeFrom,
        activeTo,
        envs,
        userSpread: 0.2 + rng() * 0.7,
        userOffset: floor(rng() * USER_POOLS[project.slug].size),
        eventCount: 0,
        mustStartAtActiveFrom: isNew,
      });
      if (!isNew) {
        // Older issues carry history from before the generated window into their lifetime totals.
        const daysBefore = min(60, (historyStart - firstSeen) / DAY);
        issue.preHistoryCount = round(project.errorsPerHour.production * 24 * daysBefore * weight * 0.25);
        issue.preHistoryUsers = round(issue.preHistoryCount * 0.4);
      }
    }
  }
  return drafts;
}

function newIssue(
  rng: Rng,
  project: Project,
  template: IssueTemplate,
  firstSeen: number,
  now: number,
  releases: Release[]
): Issue {
  const statusRoll = rng();
  let status: IssueStatus = 'unresolved';
  let substatus: string | null;
  let statusDetails: Record<string, unknown> = {};
  if (statusRoll < 0.14) {
    status = 'resolved';
    substatus = null;
    statusDetails = rng() < 0.3 ? { inNextRelease: true } : {};
  } else if (statusRoll < 0.24) {
    status = 'ignored';
    const kind = rng();
    if (kind < 0.6) {
      substatus = 'archived_until_escalating';
    } else if (kind < 0.85) {
      substatus = 'archived_forever';
    } else {
      substatus = 'archived_until_condition_met';
      statusDetails = { ignoreCount: 500, ignoreWindow: 60 };
    }
  } else if (firstSeen >= now - 7 * DAY) {
    substatus = 'new';
  } else {
    const roll = rng();
    substatus = roll < 0.06 ? 'regressed' : roll < 0.1 ? 'escalating' : 'ongoing';
  }

  let priority: Issue['priority'];
  if (template.level === 'fatal' || (template.level === 'error' && template.isUnhandled)) {
    priority = 'high';
  } else if (template.level === 'error') {
    priority = rng() < 0.2 ? 'high' : 'medium';
  } else {
    priority = rng() < 0.3 ? 'medium' : 'low';
  }
  if (rng() < 0.03) {
    priority = null;
  }

  let assignedTo: AssignedTo | null = null;
  const assignRoll = rng();
  if (assignRoll < 0.18) {
    const member = pick(rng, ORG_MEMBERS);
    assignedTo = { type: 'user', id: member.id, name: member.name, email: member.email };
  } else if (assignRoll < 0.3) {
    const team = project.teams[0];
    assignedTo = { type: 'team', id: team.id, name: team.slug };
  }
  const assignedToDemo = assignedTo?.type === 'user' && assignedTo.id === ORG_MEMBERS[0].id;
  const ticket = rng() < 0.08 ? randInt(rng, 100, 999) : 0;
  const firstRelease = releases
    .filter((r) => r.project === project && r.dateCreated <= firstSeen)
    .sort((a, b) => b.dateCreated - a.dateCreated)[0];

  return {
    id: '',
    lineNo: 0,
    shortId: '',
    project,
    template,
    title: template.title,
    culprit: template.culprit,
    type: template.type,
    level: template.level,
    status,
    substatus,
    statusDetails,
    priority,
    priorityLockedAt: rng() < 0.05 ? firstSeen + DAY : null,
    assignedTo,
    firstSeen,
    firstRelease: firstRelease?.version ?? null,
    resolvedAt: null,
    isUnhandled: template.isUnhandled,
    logger: template.logger,
    numComments: rng() < 0.7 ? 0 : randInt(rng, 1, 6),
    isBookmarked: rng() < 0.04,
    isSubscribed: assignedToDemo || rng() < 0.1,
    hasSeen: rng() < 0.5,
    annotations: ticket
      ? [{ displayName: `ACME-${ticket}`, url: `https://acme.atlassian.net/browse/ACME-${ticket}` }]
      : [],
    preHistoryCount: 0,
    preHistoryUsers: 0,
    events: [],
    isBurst: false,
  };
}

function buildBurstIssue(project: Project, burstStart: number, dataEnd: number): IssueDraft {
  const template: IssueTemplate = {
    type: 'error',
    level: 'error',
    title: BURST_TITLE,
    errorType: 'TypeError',
    errorValue: "Cannot read properties of undefined (reading 'total')",
    culprit: 'POST /api/checkout',
    filename: 'src/services/pricing.ts',
    functionName: 'computeTotals',
    isUnhandled: true,
    logger: null,
  };
  const paymentsTeam = project.teams[0];
  const issue: Issue = {
    id: '',
    lineNo: 0,
    shortId: '',
    project,
    template,
    title: template.title,
    culprit: template.culprit,
    type: 'error',
    level: 'error',
    status: 'unresolved',
    substatus: 'new',
    statusDetails: {},
    priority: 'high',
    priorityLockedAt: null,
    assignedTo: { type: 'team', id: paymentsTeam.id, name: paymentsTeam.slug },
    firstSeen: burstStart + 7_000,
    firstRelease: BURST_RELEASE,
    resolvedAt: null,
    isUnhandled: true,
    logger: null,
    numComments: 2,
    isBookmarked: false,
    isSubscribed: true,
    hasSeen: true,
    annotations: [],
    preHistoryCount: 0,
    preHistoryUsers: 0,
    events: [],
    isBurst: true,
  };
  return {
    issue,
    weight: 0,
    activeFrom: burstStart,
    activeTo: dataEnd + 1,
    envs: new Set<EnvName>(['production', 'staging']),
    userSpread: 0.5,
    userOffset: 1234,
    eventCount: 0,
    mustStartAtActiveFrom: false,
  };
}

function buildErrorEvent(
  rng: Rng,
  draft: IssueDraft,
  ts: number,
  env: EnvName,
  release: string,
  userAt: (index: number) => EventUser
): ErrorEvent {
  const { issue } = draft;
  const project = issue.project;
  const pool = USER_POOLS[project.slug];
  const userIndex =
    pool.offset + ((draft.userOffset + floor(rng() * (1 + draft.eventCount * draft.userSpread))) % pool.size);
  // Browser errors are often anonymous; workers mostly have no user at all.
  let user: EventUser | null = userAt(userIndex);
  if (project.platform === 'javascript' && rng() < 0.25) {
    const ip = `203.0.113.${randInt(rng, 1, 254)}`;
    user = { id: null, email: null, username: null, ip, tag: `ip:${ip}` };
  } else if (project.platform === 'python' && rng() < 0.3) {
    user = null;
  }
  const handled = issue.isUnhandled ? false : rng() < 0.9;
  const tags: Record<string, string> = {
    level: issue.level,
    environment: env,
    release,
    handled: handled ? 'yes' : 'no',
    mechanism: handled ? 'generic' : project.platform === 'javascript' ? 'onerror' : 'onunhandledrejection',
    transaction: issue.culprit,
  };
  let requestId: string | null = null;
  addPlatformTags(rng, project, tags, issue.culprit);
  if (project.platform === 'node') {
    requestId = `${hexString(rng, 8)}-${hexString(rng, 4)}-4${hexString(rng, 3)}-a${hexString(rng, 3)}-${hexString(rng, 12)}`;
    tags.request_id = requestId;
  }
  return new ErrorEventRecord(
    ts,
    project,
    issue,
    env,
    release,
    user,
    tags,
    handled,
    requestId,
    randomWord(rng),
    randomWord(rng)
  );
}

function randomWord(rng: Rng): number {
  return floor(rng() * 4294967296);
}

/** Error event; ids are derived on demand from a 64-bit random value (cheap to generate). */
class ErrorEventRecord implements ErrorEvent {
  readonly kind = 'error';
  readonly level: string;
  readonly transaction: string;

  constructor(
    readonly ts: number,
    readonly project: Project,
    readonly issue: Issue,
    readonly environment: EnvName,
    readonly release: string,
    readonly user: EventUser | null,
    readonly tags: Readonly<Record<string, string>>,
    readonly handled: boolean,
    readonly requestId: string | null,
    private readonly idHi: number,
    private readonly idLo: number
  ) {
    this.level = issue.level;
    this.transaction = issue.culprit;
  }

  get eventId(): string {
    return hexId(this.idHi, this.idLo, 0, 4);
  }

  get traceId(): string {
    return hexId(this.idHi, this.idLo, 1, 4);
  }
}

/** Transaction event; ids are derived on demand like ErrorEventRecord's. */
class TransactionEventRecord implements TransactionEvent {
  readonly kind = 'transaction';

  constructor(
    readonly ts: number,
    readonly project: Project,
    readonly environment: EnvName,
    readonly release: string,
    readonly user: EventUser | null,
    readonly tags: Readonly<Record<string, string>>,
    readonly transaction: string,
    readonly op: string,
    readonly duration: number,
    readonly status: string,
    readonly httpMethod: string | null,
    readonly httpStatusCode: string | null,
    private readonly idHi: number,
    private readonly idLo: number
  ) {}

  get eventId(): string {
    return hexId(this.idHi, this.idLo, 0, 4);
  }

  get traceId(): string {
    return hexId(this.idHi, this.idLo, 1, 4);
  }

  get spanId(): string {
    return hexId(this.idHi, this.idLo, 2, 2);
  }
}

// Tag values are precomputed strings: fewer allocations while generating ~70k events.
const pickBrowser = weightedSampler(
  BROWSERS.map((b) => ({ ...b, label: `${b.name} ${b.version}` })),
  (b) => b.weight
);
const pickDesktopOs = weightedSampler(
  DESKTOP_OS.map((o) => ({ ...o, label: o.version ? `${o.name} ${o.version}` : o.name })),
  (o) => o.weight
);
const pickMobileDevice = weightedSampler(
  MOBILE_DEVICES.map((d) => ({ ...d, label: `${d.os} ${d.osVersion}` })),
  (d) => d.weight
);
const NODE_SERVERS = ['x2k4p', 'm8q1z', 'c7v3n', 'h5t9w'].map((suffix) => `checkout-api-7d9f8b-${suffix}`);
const WORKER_SERVERS = [0, 1, 2, 3, 4, 5].map((n) => `payments-worker-${n}`);
const urlVariantCache = new Map<string, string[]>();

/** A handful of concrete URLs per route (`:slug` / `:id` filled in). */
function urlVariants(platform: string, route: string): string[] {
  const key = `${platform}|${route}`;
  let variants = urlVariantCache.get(key);
  if (!variants) {
    if (platform === 'javascript') {
      variants = ['red-shoes', 'blue-mug', 'oak-desk', 'wool-hat'].map(
        (slug) => `https://shop.acme.example${route.replace(':slug', slug)}`
      );
    } else {
      const path = route.replace(/^(GET|POST) /, '');
      variants = path.includes(':id')
        ? Array.from(
            { length: 40 },
            (_, i) => `https://api.acme.example${path.replace(':id', String(10000 + i * 2131))}`
          )
        : [`https://api.acme.example${path}`];
    }
    urlVariantCache.set(key, variants);
  }
  return variants;
}

function addPlatformTags(rng: Rng, project: Project, tags: Record<string, string>, route: string): void {
  switch (project.platform) {
    case 'javascript': {
      const browser = pickBrowser(rng);
      const os = pickDesktopOs(rng);
      tags.browser = browser.label;
      tags['browser.name'] = browser.name;
      tags.os = os.label;
      tags['os.name'] = os.name;
      tags.url = route ? pick(rng, urlVariants('javascript', route)) : '';
      break;
    }
    case 'react-native': {
      const device = pickMobileDevice(rng);
      tags.os = device.label;
      tags['os.name'] = device.os;
      tags.device = device.device;
      tags['device.family'] = device.family;
      break;
    }
    case 'node':
      tags.runtime = 'node v20.11.1';
      tags['runtime.name'] = 'node';
      tags['os.name'] = 'Linux';
      tags.server_name = pick(rng, NODE_SERVERS);
      tags.url = route ? pick(rng, urlVariants('node', route)) : '';
      break;
    default:
      tags.runtime = 'CPython 3.12.3';
      tags['runtime.name'] = 'CPython';
      tags['os.name'] = 'Linux';
      tags.server_name = pick(rng, WORKER_SERVERS);
      tags.celery_task = route;
  }
}

function finalizeIssues(drafts: IssueDraft[], errors: ErrorEvent[], historyStart: number, now: number): Issue[] {
  for (const event of errors) {
    event.issue.events.push(event);
  }
  const issues = drafts.map((d) => d.issue);
  for (const issue of issues) {
    if (issue.events.length > 0 && issue.firstSeen >= historyStart) {
      issue.firstSeen = issue.events[0].ts;
    }
  }
  // Ids grow with first-seen time, like the database sequences they mimic.
  const ordered = [...issues].sort((a, b) => a.firstSeen - b.firstSeen || a.title.localeCompare(b.title));
  const counters = new Map<string, number>();
  ordered.forEach((issue, index) => {
    issue.id = String(6100000000 + index * 37 + (issue.firstSeen % 29));
    issue.lineNo = (index % 400) + 12;
    const counter = (counters.get(issue.project.slug) ?? 40) + 1 + (index % 3);
    counters.set(issue.project.slug, counter);
    issue.shortId = `${issue.project.slug.toUpperCase()}-${base32(counter)}`;
    if (issue.firstSeen >= now - 7 * 24 * HOUR && issue.status === 'unresolved' && issue.substatus !== 'new') {
      issue.substatus = 'new';
    }
  });
  return ordered;
}

/** Shared tag objects for transactions: many events carry identical tag sets. */
interface TransactionTagPool {
  variants: Map<Project, Array<Record<string, string>>>;
  interned: Map<number, Readonly<Record<string, string>>>;
  /** Small integer per distinct value within a category (release, transaction, env, status). */
  index(category: string, value: string): number;
}

const TAG_VARIANTS = 24;

function buildTransactions(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  shell: Pick<Scenario, 'burst' | 'releases'>,
  releaseLookup: (projectSlug: string, env: string, t: number) => string,
  userAt: (index: number) => EventUser
): TransactionEvent[] {
  const rng = deriveRng(seed, 'transactions');
  const variantRng = deriveRng(seed, 'transaction-tags');
  const out: TransactionEvent[] = [];
  const txSamplers = new Map(projects.map((p) => [p.slug, weightedSampler(p.transactions, (tx) => tx.weight)]));
  const indexes = new Map<string, Map<string, number>>();
  const pool: TransactionTagPool = {
    variants: new Map(),
    interned: new Map(),
    index: (category, value) => {
      let values = indexes.get(category);
      if (!values) {
        values = new Map();
        indexes.set(category, values);
      }
      let index = values.get(value);
      if (index === undefined) {
        index = values.size;
        values.set(value, index);
      }
      return index;
    },
  };
  for (const project of projects) {
    pool.variants.set(
      project,
      Array.from({ length: TAG_VARIANTS }, () => {
        const tags: Record<string, string> = {};
        addPlatformTags(variantRng, project, tags, '');
        return tags;
      })
    );
  }
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const hourEnd = min(hour + HOUR, dataEnd);
    const fraction = (hourEnd - hour) / HOUR;
    const factor = trafficFactor(hour + HOUR / 2);
    for (const project of projects) {
      const users = USER_POOLS[project.slug];
      for (const env of ['production', 'staging'] as const) {
        const count = poisson(rng, project.transactionsPerHour[env] * factor * fraction);
        const pickSpec = txSamplers.get(project.slug)!;
        for (let i = 0; i < count; i++) {
          const spec = pickSpec(rng);
          const ts = hour + floor(rng() * (hourEnd - hour));
          out.push(
            buildTransaction(
              rng,
              project,
              spec,
              env,
              ts,
              releaseLookup(project.slug, env, ts),
              shell,
              users,
              userAt,
              pool
            )
          );
        }
      }
    }
  }
  out.sort((a, b) => a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1));
  return out;
}

const FAILURE_STATUSES = [
  'internal_error',
  'internal_error',
  'internal_error',
  'deadline_exceeded',
  'unavailable',
  'unknown_error',
];
const HTTP_CODE_BY_STATUS: Record<string, string> = {
  ok: '200',
  internal_error: '500',
  deadline_exceeded: '504',
  unavailable: '503',
  unknown_error: '500',
  not_found: '404',
  unauthenticated: '401',
  cancelled: '499',
};

function buildTransaction(
  rng: Rng,
  project: Project,
  spec: TransactionSpec,
  env: EnvName,
  ts: number,
  release: string,
  shell: Pick<Scenario, 'burst'>,
  users: { offset: number; size: number },
  userAt: (index: number) => EventUser,
  tagPool: TransactionTagPool
): TransactionEvent {
  // Same model as expectedLatency/expectedFailureRate, without their look-ups (hot loop).
  const medianMs = spec.medianMs * burstSlowdown(shell.burst, project.slug, env, spec.name, ts);
  const duration = round(lognormal(rng, medianMs, spec.sigma) * 1000) / 1000;
  let status = 'ok';
  const roll = rng();
  if (roll < min(0.95, spec.failureRate + burstFailureBoost(shell.burst, project.slug, env, spec.name, ts))) {
    status = spec.name === 'GET /api/orders/:id' && rng() < 0.6 ? 'not_found' : pick(rng, FAILURE_STATUSES);
  } else if (roll > 0.997) {
    // Not failures in Sentry's failure_rate(): cancelled and unknown.
    status = rng() < 0.5 ? 'cancelled' : 'unknown';
  }
  const user = project.platform === 'python' && rng() < 0.3 ? null : userAt(users.offset + floor(rng() * users.size));
  const httpMethod = spec.httpMethod ?? null;
  const httpStatusCode = spec.op === 'http.server' ? (HTTP_CODE_BY_STATUS[status] ?? '200') : null;
  const variant = floor(rng() * TAG_VARIANTS);
  // A numeric key (no string building in this hot loop).
  const key =
    (((tagPool.index('release', release) * 64 + tagPool.index('transaction', spec.name)) * 4 +
      tagPool.index('env', env)) *
      TAG_VARIANTS +
      variant) *
      16 +
    tagPool.index('status', httpStatusCode ?? '');
  let tags = tagPool.interned.get(key);
  if (!tags) {
    const platformTags = tagPool.variants.get(project)![variant];
    const created: Record<string, string> = { environment: env, release, transaction: spec.name, ...platformTags };
    if (platformTags.url !== undefined) {
      const urls = urlVariants(project.platform, spec.name);
      created.url = urls[variant % urls.length];
    }
    if (project.platform === 'python') {
      created.celery_task = spec.name;
    }
    if (httpMethod) {
      created['http.method'] = httpMethod;
    }
    if (httpStatusCode) {
      created['http.status_code'] = httpStatusCode;
    }
    tags = created;
    tagPool.interned.set(key, tags);
  }
  return new TransactionEventRecord(
    ts,
    project,
    env,
    release,
    user,
    tags,
    spec.name,
    spec.op,
    duration,
    status,
    httpMethod,
    httpStatusCode,
    randomWord(rng),
    randomWord(rng)
  );
}

// Child spans per transaction op (at most two, to keep the derived dataset small).
const CHILD_SPANS: Record<string, Array<{ op: string; description: string; share: number }>> = {
  'http.server': [
    { op: 'db', description: 'SELECT * FROM orders WHERE customer_id = $1', share: 0.35 },
    { op: 'http.client', description: 'POST https://pricing.internal.acme.example/quote', share: 0.3 },
  ],
  pageload: [
    { op: 'resource.script', description: 'https://cdn.acme.example/static/js/main.js', share: 0.3 },
    { op: 'http.client', description: 'GET https://api.acme.example/api/products', share: 0.25 },
  ],
  navigation: [{ op: 'http.client', description: 'GET https://api.acme.example/api/cart', share: 0.5 }],
  'queue.task.celery': [
    { op: 'db', description: 'UPDATE ledger_entries SET state = %s WHERE id = %s', share: 0.3 },
    { op: 'http.client', description: 'POST https://api.stripe.com/v1/payment_intents', share: 0.5 },
  ],
  'ui.load': [{ op: 'http.client', description: 'GET https://api.acme.example/api/products', share: 0.4 }],
  'app.start.cold': [{ op: 'app.start.cold', description: 'Cold Start', share: 0.8 }],
};

function deriveSpans(seed: number, transactions: readonly TransactionEvent[]): SpanRecord[] {
  const rng = deriveRng(seed, 'spans');
  const spans: SpanRecord[] = [];
  for (const tx of transactions) {
    let childTotal = 0;
    for (const child of CHILD_SPANS[tx.op] ?? []) {
      const duration = round(tx.duration * child.share * (0.5 + rng()) * 1000) / 1000;
      childTotal += duration;
      spans.push({
        kind: 'span',
        tx,
        ts: tx.ts,
        spanId: hexString(rng, 16),
        parentSpanId: tx.spanId,
        op: child.op,
        description: child.description,
        duration,
        selfTime: duration,
        status: 'ok',
        isTransaction: false,
      });
    }
    spans.push({
      kind: 'span',
      tx,
      ts: tx.ts,
      spanId: tx.spanId,
      parentSpanId: null,
      op: tx.op,
      description: tx.transaction,
      duration: tx.duration,
      selfTime: max(0, round((tx.duration - childTotal) * 1000) / 1000),
      status: tx.status,
      isTransaction: true,
    });
  }
  // Transactions are already time-sorted, so spans are too.
  return spans;
}

function buildSessions(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  releases: Release[],
  burstStart: number
): SessionRow[] {
  const rng = deriveRng(seed, 'sessions');
  const rows: SessionRow[] = [];
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const hourEnd = min(hour + HOUR, dataEnd);
    const mid = hour + (hourEnd - hour) / 2;
    const factor = trafficFactor(mid) * ((hourEnd - hour) / HOUR);
    for (const project of projects) {
      const pool = USER_POOLS[project.slug];
      for (const env of ['production', 'staging'] as const) {
        const total = poisson(rng, project.sessionsPerHour[env] * factor);
        if (total === 0) {
          continue;
        }
        // Adoption: the newest deployed release takes over with a half-life of adoptionHours.
        const deployed = releases
          .filter((r) => r.project === project)
          .map((r) => ({
            version: r.version,
            at: max(
              -Infinity,
              ...r.deploys.filter((d) => d.environment === env && d.dateFinished <= mid).map((d) => d.dateFinished)
            ),
          }))
          .filter((r) => r.at > -Infinity)
          .sort((a, b) => b.at - a.at);
        if (deployed.length === 0) {
          continue;
        }
        const newest = deployed[0];
        const newShare = deployed.length === 1 ? 1 : 1 - pow(2, -(mid - newest.at) / (project.adoptionHours * HOUR));
        const split: Array<[string, number]> = [[newest.version, round(total * newShare)]];
        if (deployed.length > 1) {
          split.push([deployed[1].version, total - split[0][1]]);
        }
        for (const [version, count] of split) {
          if (count <= 0) {
            continue;
          }
          const bad = version === BURST_RELEASE && env === 'production' ? burstShape(burstStart, mid) : 0;
          const crashed = min(count, poisson(rng, count * (project.crashRate + 0.05 * bad)));
          const errored = min(count - crashed, poisson(rng, count * (project.erroredRate + 0.12 * bad)));
          const abnormal = min(count - crashed - errored, poisson(rng, count * 0.0004));
          const users = max(1, round(count * 0.55));
          const crashedUsers = min(users, round(crashed * 0.95));
          const erroredUsers = min(users - crashedUsers, round(errored * 0.9));
          const abnormalUsers = min(users - crashedUsers - erroredUsers, abnormal);
          rows.push({
            hour,
            project,
            release: version,
            environment: env,
            healthy: count - crashed - errored - abnormal,
            errored,
            crashed,
            abnormal,
            userStart: floor(rng() * pool.size),
            users,
            crashedUsers,
            erroredUsers,
            abnormalUsers,
          });
        }
      }
    }
  }
  return rows;
}

function buildOutcomes(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  errors: readonly ErrorEvent[],
  transactions: readonly TransactionEvent[],
  sessions: readonly SessionRow[],
  burstStart: number
): OutcomeRow[] {
  const rng = deriveRng(seed, 'outcomes');
  // Counters indexed by hour × project (numeric keys keep this cheap).
  const hours = ceil((dataEnd - historyStart) / HOUR);
  const projectIndex = new Map(projects.map((p, i) => [p, i]));
  const key = (project: Project, ts: number) =>
    floor((ts - historyStart) / HOUR) * projects.length + projectIndex.get(project)!;
  const countBy = (items: ReadonlyArray<{ ts: number; project: Project }>) => {
    const counts = new Float64Array(hours * projects.length);
    for (const item of items) {
      if (item.ts >= historyStart) {
        counts[key(item.project, item.ts)]++;
      }
    }
    return counts;
  };
  const errorCounts = countBy(errors);
  const txCounts = countBy(transactions);
  const crashes = new Float64Array(hours * projects.length);
  for (const row of sessions) {
    crashes[key(row.project, row.hour)] += row.crashed;
  }

  const rows: OutcomeRow[] = [];
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const factor = trafficFactor(hour + HOUR / 2) * ((min(hour + HOUR, dataEnd) - hour) / HOUR);
    for (const project of projects) {
      const add = (category: string, outcome: string, reason: string, quantity: number, timesSeen = quantity) => {
        if (quantity > 0) {
          rows.push({ hour, project, category, outcome, reason, quantity, timesSeen });
        }
      };
      const k = key(project, hour);
      const errorsAccepted = errorCounts[k];
      const txAccepted = txCounts[k];
      add('error', 'accepted', 'none', errorsAccepted);
      if (project.platform === 'javascript') {
        add('error', 'filtered', 'browser-extensions', poisson(rng, errorsAccepted * 0.06));
        add('error', 'client_discard', 'before_send', poisson(rng, errorsAccepted * 0.02));
        add('replay', 'accepted', 'none', poisson(rng, 25 * factor));
        add('replay', 'rate_limited', 'usage_exceeded', poisson(rng, 0.3 * factor));
      } else {
        add('error', 'filtered', 'error-message', poisson(rng, 0.15 * factor));
      }
      if (project.slug === 'checkout-api' && hour + HOUR > burstStart) {
        // Spike protection drops part of the burst.
        add('error', 'rate_limited', 'smart_rate_limit', round(max(0, errorsAccepted - 120) * 0.4));
      }
      add('transaction', 'accepted', 'none', txAccepted);
      add('transaction', 'client_discard', 'sample_rate', round(txAccepted * (1 / TRANSACTION_SAMPLE_RATE - 1)));
      add('transaction', 'invalid', 'invalid_transaction', poisson(rng, 0.05 * factor));
      if (project.platform === 'react-native') {
        const crashed = crashes[k];
        add('attachment', 'accepted', 'none', crashed * randInt(rng, 90_000, 240_000), crashed);
      }
      if (project.slug === 'checkout-api' || project.platform === 'react-native') {
        add('profile', 'accepted', 'none', round(txAccepted * 0.3));
      }
    }
  }
  return rows;
}
