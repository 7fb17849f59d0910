/** Values for template variables: projects, environments, teams, releases, tag keys and tag values. */
import type { DataQuery } from '@grafana/schema';
import { SentryClient } from './client';
import { TimeRange } from './endpoints';
import { SentryError } from './errors';
import {
  listEnvironments,
  listProjects,
  listTagKeys,
  listTagValues,
  listTeamProjects,
  listTeams,
  resolveProjectIds,
} from './metadata';
import { listReleases } from './queries/releases';

export const VARIABLE_KINDS = ['projects', 'environments', 'teams', 'releases', 'tagKeys', 'tagValues'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** A template variable's definition, saved in the dashboard. */
export interface SentryVariableQuery extends DataQuery {
  kind: VariableKind;
  /** projects: what the variable's value holds (text is always the slug). */
  projectValue?: 'id' | 'slug';
  /** projects: only this team's projects. environments, releases, tagValues: only these projects (ids, slugs or variables). */
  team?: string;
  projectIds?: string[];
  /** releases: only releases deployed to / seen in these environments. */
  environments?: string[];
  /** tagValues: the tag. */
  tagKey?: string;
  /** releases: substring of the version. */
  search?: string;
}

/** The filters each kind of variable reads; the editor offers these and no others. */
export const VARIABLE_KIND_FILTERS: Record<VariableKind, ReadonlyArray<keyof VariableDefinition>> = {
  projects: ['team', 'projectValue'],
  environments: ['projectIds'],
  teams: [],
  releases: ['projectIds', 'environments', 'search'],
  tagKeys: [],
  tagValues: ['projectIds', 'tagKey'],
};

/** What the core needs of a variable's definition. */
export type VariableDefinition = Omit<SentryVariableQuery, keyof DataQuery>;

export interface VariableOption {
  text: string;
  value: string;
}

/** Releases of the last 90 days when the dashboard gives no range. */
const DEFAULT_RELEASE_WINDOW_MS = 90 * 24 * 3600 * 1000;

export async function runVariableQuery(
  client: SentryClient,
  query: VariableDefinition,
  range?: TimeRange,
  signal?: AbortSignal
): Promise<VariableOption[]> {
  switch (query.kind) {
    case 'projects': {
      const projects = query.team
        ? await listTeamProjects(client, query.team, signal)
        : await listProjects(client, signal);
      return projects
        .map((p) => ({ text: p.slug, value: query.projectValue === 'slug' ? p.slug : String(p.id) }))
        .sort((a, b) => a.text.localeCompare(b.text));
    }
    case 'environments':
      return same(await listEnvironments(client, query.projectIds ?? [], signal));
    case 'teams':
      return (await listTeams(client, signal))
        .map((t) => ({ text: t.slug, value: t.slug }))
        .sort((a, b) => a.text.localeCompare(b.text));
    case 'releases': {
      const window = range ?? { from: new Date(Date.now() - DEFAULT_RELEASE_WINDOW_MS), to: new Date() };
      const projectIds = await resolveProjectIds(client, query.projectIds ?? [], signal);
      const { releases } = await listReleases(
        client,
        { projectIds, environments: query.environments, search: query.search },
        window,
        signal
      );
      // Newest first, as Sentry lists them; text is the short form users recognise.
      return releases.map((r) => ({
        text: r.versionInfo?.description ? `${r.versionInfo.description} (${r.version})` : r.version,
        value: r.version,
      }));
    }
    case 'tagKeys':
      return (await listTagKeys(client, signal)).map((t) => ({ text: t.name ?? t.key, value: t.key }));
    case 'tagValues':
      if (!query.tagKey?.trim()) {
        throw new SentryError('query', 'Pick the tag whose values the variable lists.');
      }
      return same(await listTagValues(client, query.tagKey.trim(), query.projectIds ?? [], signal));
    default:
      throw new SentryError('query', `Unknown variable kind "${String((query as { kind?: unknown }).kind)}".`);
  }
}

function same(values: string[]): VariableOption[] {
  return values.map((v) => ({ text: v, value: v }));
}
