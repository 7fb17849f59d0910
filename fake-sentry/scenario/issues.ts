// Issues: a Zipf-like long tail per project from the content's templates, the burst issue, and their ids.

import { deriveRng, pick, randInt, Rng } from '../prng';
import {
  BURST_RELEASE,
  BURST_TITLE,
  DAY,
  EnvName,
  HOUR,
  IssueTemplate,
  ORG_MEMBERS,
  randomIssueTemplate,
} from './content';
import type { AssignedTo, ErrorEvent, Issue, IssueStatus, Project, Release } from './types';
import { USER_POOLS } from './users';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, round, min, max, pow } = Math;

/** An issue while its events are generated: where and when it fires, and how its users spread. */
export interface IssueDraft {
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

export function buildIssueDrafts(
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
  let substatus: Issue['substatus'];
  let statusDetails: Issue['statusDetails'] = {};
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

export function buildBurstIssue(project: Project, burstStart: number, dataEnd: number): IssueDraft {
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

export function finalizeIssues(drafts: IssueDraft[], errors: ErrorEvent[], historyStart: number, now: number): Issue[] {
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
