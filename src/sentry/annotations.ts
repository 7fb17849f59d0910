/**
 * Sentry events for the dashboard timeline: releases, deploys (as regions), new issues and regressions.
 * Returned as a frame with Grafana's annotation fields (time, timeEnd, title, text, tags), so they show
 * on any panel, Prometheus ones included. Strings from Sentry are escaped: Grafana renders annotation
 * title and text as HTML, and nothing from Sentry may become markup. Counts are read as numbers (Sentry may send
 * them as text); one that is not a number is left out. Tags stay unescaped (Grafana shows them as text), but only
 * strings and numbers become tags or project names.
 */
import type { DataFrame } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { FieldErrors, choiceProblem, collectErrors } from './checks';
import { SentryClient } from './client';
import { TimeRange, paths, scopeParams, scopes, timeParams } from './endpoints';
import { snapRange } from './snap';
import { SentryError } from './errors';
import { makeFrame, toEpochMs, toNumber } from './frames';
import { sentryOrigin, sentryPages, sentryUiUrl } from './links';
import { resolveProjectIds } from './metadata';
import { listDeploys, listReleases } from './queries/releases';
import type { SentryIssue } from './api';

/** What an annotation query narrows its events by. */
export interface AnnotationFilters {
  projectIds?: string[];
  environments?: string[];
  /** Issue search for new issues and regressions; version substring for releases and deploys. */
  annotationQuery?: string;
}

type AnnotationReader = (
  client: SentryClient,
  filters: AnnotationFilters,
  range: TimeRange,
  signal?: AbortSignal
) => Promise<AnnotationRow[]>;

/** Each kind of annotation, in the editor's order; the first is what an annotation without a kind shows. */
const ANNOTATION_READERS = {
  releases: releaseAnnotations,
  deploys: deployAnnotations,
  newIssues: (client, filters, range, signal) => issueAnnotations(client, filters, range, false, signal),
  regressions: (client, filters, range, signal) => issueAnnotations(client, filters, range, true, signal),
} satisfies Record<string, AnnotationReader>;

export type AnnotationKind = keyof typeof ANNOTATION_READERS;
export const ANNOTATION_KINDS = Object.keys(ANNOTATION_READERS) as AnnotationKind[];

/** An annotation's query, saved in the dashboard's annotation list. */
export interface SentryAnnotationQuery extends DataQuery, AnnotationFilters {
  annotationKind: AnnotationKind;
}

/** What is wrong with a (migrated) annotation query, by field; the editor shows it and the annotation does not run. */
export function validateAnnotationQuery(
  query: Pick<SentryAnnotationQuery, 'annotationKind'>
): FieldErrors<'annotationKind'> {
  return collectErrors({
    annotationKind: choiceProblem(
      query.annotationKind,
      ANNOTATION_KINDS,
      'annotation kind',
      ANNOTATION_KINDS.join(', ')
    ),
  });
}

export interface AnnotationRow {
  time: number;
  timeEnd?: number;
  /** Safe HTML too: Grafana's tooltip shows the title and the text as one HTML string. */
  title: string;
  /** Safe HTML: escaped Sentry strings plus our own link. */
  text: string;
  tags: string[];
}

const MAX_ANNOTATIONS = 500;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  );
}

/** A link we build to the configured Sentry host; undefined when the URL is not ours. */
function anchor(url: string | undefined, label: string): string {
  return url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>` : '';
}

function lines(...parts: Array<string | undefined | false>): string {
  return parts.filter((p): p is string => Boolean(p)).join('<br/>');
}

/**
 * A count for annotation text, e.g. "3 deploys": a number or numeric text, read as a number; a missing count reads 0.
 * Anything else from Sentry is no count at all, so it is left out (undefined) rather than shown.
 */
function countText(value: unknown, singular: string, plural = `${singular}s`): string | undefined {
  const n = value === undefined || value === null ? 0 : toNumber(value);
  return n === null ? undefined : `${n} ${n === 1 ? singular : plural}`;
}

/** Sentry's strings and numbers (project slugs, tags) as text; anything else (objects, empty values) is dropped. */
function textsOf(...values: unknown[]): string[] {
  return values.flatMap((v) => ((typeof v === 'string' && v !== '') || typeof v === 'number' ? [String(v)] : []));
}

export async function runAnnotationQuery(
  client: SentryClient,
  query: SentryAnnotationQuery,
  range: TimeRange,
  signal?: AbortSignal
): Promise<DataFrame> {
  const problems = Object.values(validateAnnotationQuery(query));
  if (problems.length) {
    throw new SentryError('query', problems.join(' '));
  }
  const read: AnnotationReader = ANNOTATION_READERS[query.annotationKind];
  const projectIds = await resolveProjectIds(client, query.projectIds ?? [], signal);
  // On whole minutes (./snap.ts): a dashboard's panels and viewers ask the same within a minute.
  const rows = await read(client, { ...query, projectIds }, snapRange(range), signal);
  rows.sort((a, b) => a.time - b.time);
  const shown = rows.slice(0, MAX_ANNOTATIONS);
  return makeFrame({
    name: `Sentry ${query.annotationKind}`,
    refId: query.refId,
    fields: [
      { name: 'time', type: 'time', values: shown.map((r) => r.time) },
      { name: 'timeEnd', type: 'time', values: shown.map((r) => r.timeEnd ?? null) },
      { name: 'title', type: 'string', values: shown.map((r) => r.title) },
      { name: 'text', type: 'string', values: shown.map((r) => r.text) },
      { name: 'tags', type: 'other', values: shown.map((r) => r.tags) },
    ],
  });
}

async function releaseAnnotations(client: SentryClient, q: AnnotationFilters, range: TimeRange, signal?: AbortSignal) {
  const { releases } = await listReleases(
    client,
    { projectIds: q.projectIds, environments: q.environments, search: q.annotationQuery },
    range,
    signal
  );
  const from = range.from.getTime();
  const to = range.to.getTime();
  return releases.flatMap((r): AnnotationRow[] => {
    const time = toEpochMs(r.dateReleased ?? r.dateCreated);
    if (time === null || time < from || time > to) {
      return [];
    }
    const short = r.versionInfo?.description ?? r.shortVersion ?? r.version;
    const projects = textsOf(...(r.projects ?? []).map((p) => p.slug));
    return [
      {
        time,
        title: `Release ${escapeHtml(short)}`,
        text: lines(
          `<b>${escapeHtml(r.version)}</b>`,
          projects.length > 0 && `Projects: ${escapeHtml(projects.join(', '))}`,
          [countText(r.newGroups, 'new issue'), countText(r.deployCount, 'deploy')].filter(Boolean).join(', '),
          anchor(sentryUiUrl(client.target, sentryPages.release(client.orgSlug, r.version)), 'Open release in Sentry')
        ),
        tags: textsOf('sentry', 'release', ...projects, r.version),
      },
    ];
  });
}

async function deployAnnotations(client: SentryClient, q: AnnotationFilters, range: TimeRange, signal?: AbortSignal) {
  const filter = { projectIds: q.projectIds, environments: q.environments, search: q.annotationQuery };
  const { releases } = await listReleases(client, filter, range, signal);
  const deploys = await listDeploys(client, releases, filter, range, signal);
  return deploys.flatMap(({ release, deploy }): AnnotationRow[] => {
    const start = toEpochMs(deploy.dateStarted ?? deploy.dateFinished);
    const end = toEpochMs(deploy.dateFinished);
    if (start === null) {
      return [];
    }
    const short = release.versionInfo?.description ?? release.version;
    return [
      {
        time: start,
        timeEnd: end !== null && end > start ? end : undefined,
        title: `Deploy ${escapeHtml(short)} → ${escapeHtml(deploy.environment)}`,
        text: lines(
          `<b>${escapeHtml(release.version)}</b> to <b>${escapeHtml(deploy.environment)}</b>`,
          deploy.name ? escapeHtml(deploy.name) : undefined,
          // The deploy's own URL comes from Sentry (a CI run): shown as text, never as a link.
          deploy.url ? escapeHtml(deploy.url) : undefined,
          anchor(
            sentryUiUrl(client.target, sentryPages.release(client.orgSlug, release.version)),
            'Open release in Sentry'
          )
        ),
        tags: textsOf(
          'sentry',
          'deploy',
          deploy.environment,
          release.version,
          ...(release.projects ?? []).map((p) => p.slug)
        ),
      },
    ];
  });
}

/** Sentry's inbox reason for a regression. */
const INBOX_REGRESSION = 2;

async function issueAnnotations(
  client: SentryClient,
  q: AnnotationFilters,
  range: TimeRange,
  regressions: boolean,
  signal?: AbortSignal
) {
  const search = [regressions ? 'is:regressed' : `firstSeen:>=${range.from.toISOString()}`, q.annotationQuery ?? '']
    .filter((s) => s.trim())
    .join(' ');
  const params: Array<[string, string]> = [
    ['query', search],
    ['sort', regressions ? 'date' : 'new'],
    ...timeParams(range),
    ...scopeParams(q.projectIds, q.environments),
  ];
  if (regressions) {
    params.push(['expand', 'inbox']);
  }
  const { rows } = await client.getAllPages<SentryIssue>(paths.issues(client.orgSlug), params, {
    signal,
    pageSizeParam: 'limit',
    rowBudget: MAX_ANNOTATIONS,
    requiredScope: scopes.event,
  });
  const from = range.from.getTime();
  const to = range.to.getTime();
  return rows.flatMap((issue): AnnotationRow[] => {
    const time = regressions
      ? issue.inbox?.reason === INBOX_REGRESSION
        ? toEpochMs(issue.inbox.date_added)
        : null
      : toEpochMs(issue.firstSeen);
    if (time === null || time < from || time > to) {
      return [];
    }
    const origin = sentryOrigin(client.target);
    return [
      {
        time,
        title: `${regressions ? 'Regression' : 'New issue'} ${escapeHtml(issue.shortId ?? issue.id)}`,
        text: lines(
          `<b>${escapeHtml(issue.title)}</b>`,
          issue.culprit ? escapeHtml(issue.culprit) : undefined,
          [escapeHtml(issue.level ?? 'error'), countText(issue.count, 'event'), escapeHtml(issue.project?.slug ?? '')]
            .filter((part) => part !== undefined)
            .join(' · '),
          origin &&
            anchor(sentryUiUrl(client.target, sentryPages.issue(client.orgSlug, issue.id)), 'Open issue in Sentry')
        ),
        tags: textsOf('sentry', regressions ? 'regression' : 'new-issue', issue.project?.slug, issue.level),
      },
    ];
  });
}
