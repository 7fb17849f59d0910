/** Values for template variables: projects, environments, teams, releases, tag keys and tag values. */
import type { DataQuery } from '@grafana/schema';
import { FieldErrors, choiceProblem, collectErrors } from './checks';
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

/** What a variable's definition may narrow its values by; each kind reads some of these (see VARIABLE_KIND_TYPES). */
export interface VariableFilters {
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

export interface VariableOption {
  text: string;
  value: string;
}

interface VariableKindType {
  /** The filters this kind reads; the editor offers these and no others. */
  filters: ReadonlyArray<keyof VariableFilters>;
  options(
    client: SentryClient,
    filters: VariableFilters,
    range?: TimeRange,
    signal?: AbortSignal
  ): Promise<VariableOption[]>;
}

/** Releases of the last 90 days when the dashboard gives no range. */
const DEFAULT_RELEASE_WINDOW_MS = 90 * 24 * 3600 * 1000;

/** Each kind of variable, in the editor's order; the first is what a definition without a kind lists. */
export const VARIABLE_KIND_TYPES = {
  projects: {
    filters: ['team', 'projectValue'],
    async options(client, query, _range, signal) {
      const projects = query.team
        ? await listTeamProjects(client, query.team, signal)
        : await listProjects(client, signal);
      return projects
        .map((p) => ({ text: p.slug, value: query.projectValue === 'slug' ? p.slug : String(p.id) }))
        .sort((a, b) => a.text.localeCompare(b.text));
    },
  },
  environments: {
    filters: ['projectIds'],
    options: async (client, query, _range, signal) =>
      same(await listEnvironments(client, query.projectIds ?? [], signal)),
  },
  teams: {
    filters: [],
    options: async (client, _query, _range, signal) =>
      (await listTeams(client, signal))
        .map((t) => ({ text: t.slug, value: t.slug }))
        .sort((a, b) => a.text.localeCompare(b.text)),
  },
  releases: {
    filters: ['projectIds', 'environments', 'search'],
    async options(client, query, range, signal) {
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
    },
  },
  tagKeys: {
    filters: [],
    options: async (client, _query, _range, signal) =>
      (await listTagKeys(client, signal)).map((t) => ({ text: t.name ?? t.key, value: t.key })),
  },
  tagValues: {
    filters: ['projectIds', 'tagKey'],
    async options(client, query, _range, signal) {
      if (!query.tagKey?.trim()) {
        throw new SentryError('query', 'Pick the tag whose values the variable lists.');
      }
      return same(await listTagValues(client, query.tagKey.trim(), query.projectIds ?? [], signal));
    },
  },
} satisfies Record<string, VariableKindType>;

export type VariableKind = keyof typeof VARIABLE_KIND_TYPES;
export const VARIABLE_KINDS = Object.keys(VARIABLE_KIND_TYPES) as VariableKind[];

/** A template variable's definition, saved in the dashboard. */
export interface SentryVariableQuery extends DataQuery, VariableFilters {
  kind: VariableKind;
}

/** What the core needs of a variable's definition. */
export type VariableDefinition = Omit<SentryVariableQuery, keyof DataQuery>;

export const PROJECT_VALUES: Array<NonNullable<VariableFilters['projectValue']>> = ['id', 'slug'];

/** What is wrong with a (migrated) definition, by field; the editor shows it and the variable does not run. */
export function validateVariableQuery(query: VariableDefinition): FieldErrors<'kind' | 'projectValue'> {
  return collectErrors({
    kind: choiceProblem(query.kind, VARIABLE_KINDS, 'variable kind', VARIABLE_KINDS.join(', ')),
    projectValue:
      query.kind === 'projects'
        ? choiceProblem(query.projectValue, PROJECT_VALUES, 'project value', PROJECT_VALUES.join(' or '))
        : undefined,
  });
}

export async function runVariableQuery(
  client: SentryClient,
  query: VariableDefinition,
  range?: TimeRange,
  signal?: AbortSignal
): Promise<VariableOption[]> {
  const problems = Object.values(validateVariableQuery(query));
  if (problems.length) {
    throw new SentryError('query', problems.join(' '));
  }
  const kind: VariableKindType = VARIABLE_KIND_TYPES[query.kind];
  return kind.options(client, query, range, signal);
}

function same(values: string[]): VariableOption[] {
  return values.map((v) => ({ text: v, value: v }));
}
