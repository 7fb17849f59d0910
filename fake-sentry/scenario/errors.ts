// Error events: Poisson counts per hour × project × environment spread over the active issues, then the burst.

import { deriveRng, hexString, poisson, randInt, Rng, weightedSampler } from '../prng';
import { BURST_RELEASE, EnvName, HOUR, MINUTE } from './content';
import type { IssueDraft } from './issues';
import { addPlatformTags } from './platform-tags';
import { ErrorEventRecord, randomWord } from './records';
import { burstErrorsPerHour, trafficFactor } from './traffic-model';
import type { ErrorEvent, EventUser, Project, Scenario } from './types';
import { USER_POOLS } from './users';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, min, max } = Math;

export interface ErrorGeneration {
  seed: number;
  now: number;
  historyStart: number;
  dataEnd: number;
  projects: Project[];
  /** Every issue, the burst's included; each draft's eventCount grows as its events are made. */
  drafts: IssueDraft[];
  burstDraft: IssueDraft;
  /** The burst's timing and the releases (its staging deploy starts the staging share). */
  shell: Pick<Scenario, 'burst' | 'releases'>;
  releaseLookup: (projectSlug: string, env: string, t: number) => string;
  userAt: (index: number) => EventUser;
}

/** Error events of every issue, sorted by time. */
export function buildErrors(generation: ErrorGeneration): ErrorEvent[] {
  const { seed, now, historyStart, dataEnd, projects, drafts, burstDraft, shell, releaseLookup, userAt } = generation;
  const burstStart = shell.burst.start;
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
  const burstRelease = shell.releases.find((r) => r.version === BURST_RELEASE)!;
  const stagingDeploy = burstRelease.deploys.find((d) => d.environment === 'staging')!;
  makeError(burstDraft, burstStart + 7_000, 'production');
  for (let slot = stagingDeploy.dateFinished; slot < dataEnd; slot += 5 * MINUTE) {
    const slotEnd = min(slot + 5 * MINUTE, dataEnd);
    const share = (slotEnd - slot) / HOUR;
    for (const env of ['production', 'staging'] as const) {
      const rate = burstErrorsPerHour(shell, 'checkout-api', env, slot + (slotEnd - slot) / 2);
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
  return errors;
}

function pickDraftEnv(draft: IssueDraft): EnvName {
  return draft.envs.has('production') ? 'production' : [...draft.envs][0];
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
