// Builds the scenario: releases, issues and their error events, transactions, sessions and outcomes, each from
// its own random stream derived from the seed (so one builder's draws do not shift another's).

import {
  BURST_PEAK_MS,
  BURST_PEAK_PER_HOUR,
  BURST_RELEASE,
  BURST_TITLE,
  DAY,
  ENVIRONMENTS,
  HOUR,
  MINUTE,
  ORG,
  PROJECTS,
  TEAMS,
} from './content';
import { buildErrors } from './errors';
import { buildBurstIssue, buildIssueDrafts, finalizeIssues } from './issues';
import { makeReleaseLookup } from './lookups';
import { buildOutcomes } from './outcomes';
import { buildReleases } from './releases';
import { buildSessions } from './sessions';
import { deriveSpans } from './spans';
import { buildTransactions } from './transactions';
import type { Project, Scenario, ScenarioOptions, SpanRecord } from './types';
import { createUserDirectory, USER_POOLS } from './users';

// Local bindings, as in the builders: global look-ups are slow inside vm contexts (Jest).
const { floor, max } = Math;

export const DEFAULT_SEED = 20240501;
/** Days of generated event history before `now`. */
export const HISTORY_DAYS = 14;

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

  const userAt = createUserDirectory();

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
  const errors = buildErrors({
    seed,
    now,
    historyStart,
    dataEnd,
    projects,
    drafts,
    burstDraft,
    shell: scenarioShell,
    releaseLookup,
    userAt,
  });
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
