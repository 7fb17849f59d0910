/** Releases and their deploys for the range and project filter, as tables (annotations reuse these reads). */
import type { DataFrame } from '@grafana/data';
import type { SentryDeploy, SentryRelease } from '../api';
import { choiceProblem, collectErrors, limitProblem } from '../checks';
import { METADATA_TTL_MS, SentryClient } from '../client';
import { TimeRange, paths, scopes, sentryTime } from '../endpoints';
import { snapRange } from '../snap';
import { makeFrame, toEpochMs, toNumber } from '../frames';
import { MAX_ROW_BUDGET } from '../limits';
import { releaseLink } from '../links';
import type { SentryQueryBase } from '../query';
import type { QueryTypeModule } from '../queryType';
import { QueryContext, describeRequest } from './context';

export type ReleasesMode = 'releases' | 'deploys';

export interface ReleasesQuery extends SentryQueryBase<'releases'> {
  releasesMode?: ReleasesMode;
  /** Substring of the version, or Sentry's release search (release:…, release.version:>1.2). */
  releasesQuery?: string;
  releasesLimit?: number;
}

export type ReleasesErrorField = 'releasesLimit' | 'releasesMode';

export const RELEASES_MODES: ReleasesMode[] = ['releases', 'deploys'];
export const MAX_RELEASES_LIMIT = MAX_ROW_BUDGET;

export const releasesQueryType: QueryTypeModule<ReleasesQuery, ReleasesErrorField> = {
  defaults: () => ({ releasesMode: RELEASES_MODES[0] }),
  fields: { releasesQuery: 'search', releasesLimit: 'number' },
  validate: (query) =>
    collectErrors({
      releasesLimit: limitProblem(query.releasesLimit, MAX_RELEASES_LIMIT, 'Limit'),
      releasesMode: choiceProblem(query.releasesMode, RELEASES_MODES, 'mode', RELEASES_MODES.join(' or ')),
    }),
  displayText: (query) =>
    `${query.releasesMode === 'deploys' ? 'Deploys' : 'Releases'}${query.releasesQuery ? ` matching ${query.releasesQuery}` : ''}`,
  run: runReleasesQuery,
};

export const DEFAULT_RELEASES_LIMIT = 100;
/** Releases created this long before the range can still be released or deployed inside it. */
const RELEASE_LOOKBACK_MS = 30 * 24 * 3600 * 1000;

export interface ReleaseFilter {
  projectIds?: string[];
  environments?: string[];
  search?: string;
}

/**
 * Releases relevant to a range: Sentry filters on creation date, so the read starts a lookback earlier
 * and keeps releases finalised or last deployed inside the range. With `wanted`, reading stops at the first page
 * that brings more than that many of them (the caller shows `wanted` and only needs to know there are more).
 */
export async function listReleases(
  client: SentryClient,
  filter: ReleaseFilter,
  range: TimeRange,
  signal?: AbortSignal,
  rowBudget?: number,
  wanted?: number
) {
  const window = snapRange(range);
  const params = releaseParams(filter, { from: new Date(window.from.getTime() - RELEASE_LOOKBACK_MS), to: window.to });
  const path = paths.releases(client.orgSlug);
  const from = window.from.getTime();
  const to = window.to.getTime();
  const inRange = (t: number | null) => t !== null && t >= from && t <= to;
  const relevant = (r: SentryRelease) =>
    inRange(toEpochMs(r.dateReleased ?? r.dateCreated)) || inRange(toEpochMs(r.lastDeploy?.dateFinished ?? null));
  const { rows, truncated } = await client.getAllPages<SentryRelease>(path, params, {
    signal,
    rowBudget,
    requiredScope: scopes.project,
    enough: wanted === undefined ? undefined : (read) => read.filter(relevant).length > wanted,
  });
  return { releases: rows.filter(relevant), truncated, executed: describeRequest(path, params) };
}

/** `range` is snapped already (the lookback keeps it on whole minutes). */
function releaseParams(filter: ReleaseFilter, range: TimeRange): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ['sort', 'date'],
    ['start', sentryTime(range.from)],
    ['end', sentryTime(range.to)],
  ];
  const ids = (filter.projectIds ?? []).filter((p) => p.trim() !== '');
  for (const id of ids.length ? ids : ['-1']) {
    params.push(['project', id]);
  }
  for (const env of filter.environments ?? []) {
    params.push(['environment', env]);
  }
  if (filter.search?.trim()) {
    params.push(['query', filter.search]);
  }
  return params;
}

/** Deploy lists change only when a release is deployed: a dashboard's refreshes within this share one read. */
const DEPLOYS_TTL_MS = METADATA_TTL_MS;
/** Deploys read per release: Sentry lists them newest first, and a release seldom has more than a page. */
const DEPLOYS_PER_RELEASE = 1000;

export interface DeployRow {
  release: SentryRelease;
  deploy: SentryDeploy;
}

/** Deploys of the given releases (one request per release that has any, cached), newest first, within the range. */
export async function listDeploys(
  client: SentryClient,
  releases: SentryRelease[],
  filter: ReleaseFilter,
  range: TimeRange,
  signal?: AbortSignal
): Promise<DeployRow[]> {
  return readDeploys(client, withDeploys(releases), filter, range, signal);
}

/**
 * The newest `limit` deploys of the range, reading the deploy lists of at most `limit` releases: those deployed last
 * (by Sentry's lastDeploy, each release's newest deploy). `complete` says whether the releases left unread could
 * still hold a deploy newer than the last one kept.
 */
export async function newestDeploys(
  client: SentryClient,
  releases: SentryRelease[],
  filter: ReleaseFilter,
  range: TimeRange,
  limit: number,
  signal?: AbortSignal
): Promise<{ deploys: DeployRow[]; complete: boolean; unread: number }> {
  const candidates = withDeploys(releases);
  const byLastDeploy = candidates
    .map((release, index) => ({ release, index, last: lastDeployedAt(release) }))
    .sort((a, b) => b.last - a.last || a.index - b.index);
  const read = new Set(byLastDeploy.slice(0, limit).map((c) => c.release));
  // In Sentry's order, as before, so that deploys finished at the same time keep their order.
  const chosen = candidates.filter((r) => read.has(r));
  const deploys = (await readDeploys(client, chosen, filter, range, signal)).slice(0, limit);
  const next = byLastDeploy[read.size];
  const lastKept = deploys.length === limit ? finishedAt(deploys[limit - 1]) : -Infinity;
  return { deploys, complete: !next || lastKept > next.last, unread: candidates.length - read.size };
}

function withDeploys(releases: SentryRelease[]): SentryRelease[] {
  return releases.filter((r) => (toNumber(r.deployCount) ?? 0) > 0);
}

/** When the release's newest deploy finished; unknown reads as newest, so that its list is read first. */
function lastDeployedAt(release: SentryRelease): number {
  return toEpochMs(release.lastDeploy?.dateFinished ?? null) ?? Infinity;
}

function finishedAt(row: DeployRow): number {
  return toEpochMs(row.deploy.dateFinished) ?? 0;
}

async function readDeploys(
  client: SentryClient,
  releases: SentryRelease[],
  filter: ReleaseFilter,
  range: TimeRange,
  signal?: AbortSignal
): Promise<DeployRow[]> {
  const projectParams: Array<[string, string]> = (filter.projectIds?.length ? filter.projectIds : ['-1']).map((id) => [
    'project',
    id,
  ]);
  const lists = await Promise.all(
    releases.map(async (release) => {
      const { rows } = await client.getAllPages<SentryDeploy>(
        paths.releaseDeploys(client.orgSlug, release.version),
        projectParams,
        {
          signal,
          requiredScope: scopes.project,
          rowBudget: DEPLOYS_PER_RELEASE,
          cacheTtlMs: DEPLOYS_TTL_MS,
        }
      );
      return rows.map((deploy) => ({ release, deploy }));
    })
  );
  const envs = new Set(filter.environments ?? []);
  const window = snapRange(range);
  const from = window.from.getTime();
  const to = window.to.getTime();
  return lists
    .flat()
    .filter(({ deploy }) => envs.size === 0 || envs.has(deploy.environment))
    .filter(({ deploy }) => {
      const start = toEpochMs(deploy.dateStarted ?? deploy.dateFinished);
      const end = toEpochMs(deploy.dateFinished) ?? start;
      return start !== null && end !== null && end >= from && start <= to;
    })
    .sort((a, b) => finishedAt(b) - finishedAt(a));
}

export async function runReleasesQuery(
  client: SentryClient,
  query: ReleasesQuery,
  context: QueryContext
): Promise<DataFrame[]> {
  const filter = { projectIds: query.projectIds, environments: query.environments, search: query.releasesQuery };
  const limit = Math.min(
    query.releasesLimit && query.releasesLimit > 0 ? query.releasesLimit : DEFAULT_RELEASES_LIMIT,
    client.rowBudget
  );
  const deploysMode = query.releasesMode === 'deploys';
  const { releases, truncated, executed } = await listReleases(
    client,
    filter,
    context.range,
    context.signal,
    client.rowBudget,
    // Deploys may come from any release of the range; the releases table shows the first `limit`.
    deploysMode ? undefined : limit
  );
  const links = releaseLink({ sentryUrl: client.target, org: client.orgSlug });
  const meta = { executedQueryString: executed, preferredVisualisationType: 'table' as const, custom: { truncated } };
  if (deploysMode) {
    const { deploys, complete, unread } = await newestDeploys(
      client,
      releases,
      filter,
      context.range,
      limit,
      context.signal
    );
    return [
      makeFrame({
        name: 'Deploys',
        refId: query.refId,
        meta: complete
          ? meta
          : {
              ...meta,
              custom: { truncated: true },
              notices: [
                {
                  severity: 'info',
                  text: `Deploys were read for the ${limit === 1 ? 'release' : `${limit} releases`} deployed last (the limit); ${unread} older release${unread === 1 ? '' : 's'} may hold more deploys in the range. Raise the limit to read them.`,
                },
              ],
            },
        fields: [
          {
            name: 'version',
            type: 'string',
            values: deploys.map((d) => d.release.version),
            config: { displayName: 'Release', links },
          },
          {
            name: 'environment',
            type: 'string',
            values: deploys.map((d) => d.deploy.environment),
            config: { displayName: 'Environment' },
          },
          {
            name: 'dateStarted',
            type: 'time',
            values: deploys.map((d) => toEpochMs(d.deploy.dateStarted)),
            config: { displayName: 'Started' },
          },
          {
            name: 'dateFinished',
            type: 'time',
            values: deploys.map((d) => toEpochMs(d.deploy.dateFinished)),
            config: { displayName: 'Finished' },
          },
          {
            name: 'name',
            type: 'string',
            values: deploys.map((d) => d.deploy.name ?? null),
            config: { displayName: 'Name' },
          },
          {
            name: 'url',
            type: 'string',
            values: deploys.map((d) => d.deploy.url ?? null),
            config: { displayName: 'URL' },
          },
        ],
      }),
    ];
  }
  const shown = releases.slice(0, limit);
  return [
    makeFrame({
      name: 'Releases',
      refId: query.refId,
      meta: { ...meta, custom: { truncated: truncated || releases.length > shown.length } },
      fields: [
        {
          name: 'version',
          type: 'string',
          values: shown.map((r) => r.version),
          config: { displayName: 'Version', links },
        },
        {
          name: 'shortVersion',
          type: 'string',
          values: shown.map((r) => r.versionInfo?.description ?? r.shortVersion ?? r.version),
          config: { displayName: 'Short version' },
        },
        {
          name: 'projects',
          type: 'string',
          values: shown.map((r) => (r.projects ?? []).map((p) => p.slug).join(', ')),
          config: { displayName: 'Projects' },
        },
        {
          name: 'dateCreated',
          type: 'time',
          values: shown.map((r) => toEpochMs(r.dateCreated)),
          config: { displayName: 'Created' },
        },
        {
          name: 'dateReleased',
          type: 'time',
          values: shown.map((r) => toEpochMs(r.dateReleased)),
          config: { displayName: 'Released' },
        },
        {
          name: 'newGroups',
          type: 'number',
          values: shown.map((r) => toNumber(r.newGroups)),
          config: { displayName: 'New issues', decimals: 0 },
        },
        {
          name: 'deployCount',
          type: 'number',
          values: shown.map((r) => toNumber(r.deployCount)),
          config: { displayName: 'Deploys', decimals: 0 },
        },
        {
          name: 'lastDeployEnvironment',
          type: 'string',
          values: shown.map((r) => r.lastDeploy?.environment ?? null),
          config: { displayName: 'Last deployed to' },
        },
        {
          name: 'commitCount',
          type: 'number',
          values: shown.map((r) => toNumber(r.commitCount)),
          config: { displayName: 'Commits', decimals: 0 },
        },
      ],
    }),
  ];
}
