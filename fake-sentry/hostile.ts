// The `hostile` mode's data: the demo scenario with script payloads in every string Sentry lets users
// control (issue titles and culprits, error values, tag values, release versions, environment, project,
// org, assignee and deploy names, deploy URLs). Ids, slugs, times and counts stay as in the demo, so every
// query works the same; only the text is an attack. A payload that ever runs sets `window.__lensXss`.
// Release counts are the exception (hostileReleaseCounts): they come as text, deliberately outside Sentry's schema.

import type { ApiRelease } from '../src/sentry/api';
import { EnvName, ErrorEvent, Issue, Release, Scenario } from './scenario';

/** Markup that runs `window.__lensXss=1` if a browser ever parses it as HTML. */
export const XSS_MARKUP = {
  img: '<img src=x onerror="window.__lensXss=1">',
  /** Breaks out of a quoted attribute first. */
  svg: '"><svg onload=window.__lensXss=1>',
  script: '<script>window.__lensXss=1</script>',
} as const;

/** A URL that runs script if it ever becomes a link's href. */
export const XSS_URL = 'javascript:window.__lensXss=1';

const MARKUP = [XSS_MARKUP.img, XSS_MARKUP.svg, XSS_MARKUP.script];
/** Release versions and environment names may not contain `/` (Sentry rejects them), so no `</script>`. */
const SLASHLESS = [XSS_MARKUP.img, XSS_MARKUP.svg];

/** The renamed environment (Sentry allows any name without `/` or line breaks, up to 64 characters). */
export const HOSTILE_STAGING = `staging${XSS_MARKUP.svg}`;

/** A custom tag whose values are all payloads, and its label in the tags list. */
export const HOSTILE_TAG = 'lens.note';
export const HOSTILE_TAG_VALUES = [...MARKUP, XSS_URL];
export const HOSTILE_TAG_LABEL = `Note ${XSS_MARKUP.img}`;

/**
 * Rewrites a freshly built scenario in place (it must not be shared with a non-hostile fake: projects and
 * events are rewritten, not copied). Deterministic: same scenario → same strings.
 */
export function makeHostile(scenario: Scenario): Scenario {
  scenario.org = { ...scenario.org, name: `${scenario.org.name} ${XSS_MARKUP.img}` };
  scenario.tagLabels = { ...scenario.tagLabels, [HOSTILE_TAG]: HOSTILE_TAG_LABEL };

  const env = (name: EnvName): EnvName => (name === 'staging' ? (HOSTILE_STAGING as EnvName) : name);
  scenario.environments = scenario.environments.map((e) => ({ ...e, name: env(e.name) }));
  scenario.projects.forEach((project, i) => {
    // Sentry's project form takes at most 50 characters.
    project.name = `${project.slug.split('-')[0]} ${MARKUP[i % MARKUP.length]}`;
    // Rates are looked up by environment name.
    for (const rates of ['errorsPerHour', 'transactionsPerHour', 'sessionsPerHour'] as const) {
      project[rates] = { ...project[rates], [HOSTILE_STAGING]: project[rates].staging };
    }
  });

  const versions = new Map<string, string>();
  scenario.releases.forEach((release: Release, i) => {
    const payload = SLASHLESS[i % SLASHLESS.length];
    versions.set(release.version, `${release.version}${payload}`);
    release.version = versions.get(release.version)!;
    release.versionRaw = `${release.versionRaw}${payload}`;
    for (const deploy of release.deploys) {
      deploy.version = release.version;
      deploy.environment = env(deploy.environment);
      deploy.name = deploy.name === null ? null : `${deploy.name} ${XSS_MARKUP.script}`;
      deploy.url = deploy.url === null ? null : XSS_URL;
    }
  });
  const version = (v: string) => versions.get(v) ?? v;

  scenario.issues.forEach((issue: Issue, i) => {
    const payload = MARKUP[i % MARKUP.length];
    issue.template = { ...issue.template, errorValue: `${issue.template.errorValue} ${payload}` };
    issue.title = issue.template.errorType
      ? `${issue.template.errorType}: ${issue.template.errorValue}`
      : issue.template.errorValue;
    issue.template.title = issue.title;
    issue.culprit = `${issue.culprit} ${MARKUP[(i + 1) % MARKUP.length]}`;
    issue.firstRelease = issue.firstRelease === null ? null : version(issue.firstRelease);
    if (issue.assignedTo?.type === 'user') {
      issue.assignedTo = { ...issue.assignedTo, name: `${issue.assignedTo.name} ${XSS_MARKUP.svg}` };
    }
  });
  scenario.burst = {
    ...scenario.burst,
    release: version(scenario.burst.release),
    title: scenario.issues.find((issue) => issue.id === scenario.burst.issueId)!.title,
  };

  scenario.errors.forEach((e: ErrorEvent, i) => {
    e.environment = env(e.environment);
    e.release = version(e.release);
    e.transaction = e.issue.culprit;
    e.tags = {
      ...e.tags,
      environment: e.environment,
      release: e.release,
      transaction: e.transaction,
      [HOSTILE_TAG]: HOSTILE_TAG_VALUES[i % HOSTILE_TAG_VALUES.length],
    };
  });
  // Transactions share tag objects: rewrite each shared object once.
  const rewritten = new Map<object, Record<string, string>>();
  for (const e of scenario.transactions) {
    e.environment = env(e.environment);
    e.release = version(e.release);
    let tags = rewritten.get(e.tags);
    if (!tags) {
      tags = { ...e.tags, environment: env(e.tags.environment as EnvName), release: version(e.tags.release) };
      rewritten.set(e.tags, tags);
    }
    e.tags = tags;
  }
  for (const row of scenario.sessions) {
    row.environment = env(row.environment);
    row.release = version(row.release);
  }
  return scenario;
}

/**
 * A serialized release with its counts (newGroups, deployCount, each project's newGroups) as text, as a Sentry
 * that sends numbers as strings would: a count above zero as its digits ("2"), a zero as a payload. A count that
 * is not a number is no count, so a payload stands only where the demo has none: the same deploys are listed
 * (only releases with deploys have theirs read), and every count still reads as the demo's number or as none.
 */
export function hostileReleaseCounts(release: ApiRelease): ApiRelease {
  const count = (n: number, payload: string): number => (n > 0 ? String(n) : payload) as unknown as number;
  return {
    ...release,
    newGroups: count(release.newGroups, XSS_MARKUP.script),
    deployCount: count(release.deployCount, XSS_MARKUP.img),
    projects: release.projects.map((p) => ({ ...p, newGroups: count(p.newGroups, XSS_MARKUP.svg) })),
  };
}
