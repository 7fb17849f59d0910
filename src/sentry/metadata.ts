/** Look-ups for editors and variables: projects, environments, teams, tags. Cached per data source for a minute. */
import { METADATA_TTL_MS, SentryClient } from './client';
import { paths, scopes } from './endpoints';
import { SentryError } from './errors';
import type { SentryEnvironment, SentryProject, SentryTagKey, SentryTagValue, SentryTeam } from './api';

const ALL = 100_000;

export async function listProjects(client: SentryClient, signal?: AbortSignal): Promise<SentryProject[]> {
  const { rows } = await client.getAllPages<SentryProject>(paths.projects(client.orgSlug), [], {
    signal,
    cacheTtlMs: METADATA_TTL_MS,
    rowBudget: ALL,
    requiredScope: scopes.org,
  });
  return rows;
}

export async function listTeams(client: SentryClient, signal?: AbortSignal): Promise<SentryTeam[]> {
  const { rows } = await client.getAllPages<SentryTeam>(paths.teams(client.orgSlug), [['detailed', '0']], {
    signal,
    cacheTtlMs: METADATA_TTL_MS,
    rowBudget: ALL,
    requiredScope: scopes.org,
  });
  return rows;
}

export async function listTeamProjects(
  client: SentryClient,
  team: string,
  signal?: AbortSignal
): Promise<SentryProject[]> {
  const { rows } = await client.getAllPages<SentryProject>(paths.teamProjects(client.orgSlug, team), [], {
    signal,
    cacheTtlMs: METADATA_TTL_MS,
    rowBudget: ALL,
    requiredScope: scopes.project,
  });
  return rows;
}

/** Environment names: the org's, or those of the given projects (by id or slug). */
export async function listEnvironments(
  client: SentryClient,
  projects: string[] = [],
  signal?: AbortSignal
): Promise<string[]> {
  if (projects.length === 0) {
    const { data } = await client.getJson<SentryEnvironment[]>(paths.environments(client.orgSlug), [], {
      signal,
      cacheTtlMs: METADATA_TTL_MS,
      requiredScope: scopes.org,
    });
    return sortedUnique(data.map((e) => e.name));
  }
  const all = await listProjects(client, signal);
  const wanted = new Set(projects);
  const chosen = all.filter((p) => wanted.has(String(p.id)) || wanted.has(p.slug));
  return sortedUnique(chosen.flatMap((p) => p.environments ?? []));
}

export async function listTagKeys(client: SentryClient, signal?: AbortSignal): Promise<SentryTagKey[]> {
  const { data } = await client.getJson<SentryTagKey[]>(paths.tags(client.orgSlug), [], {
    signal,
    cacheTtlMs: METADATA_TTL_MS,
    requiredScope: scopes.org,
  });
  return [...data].sort((a, b) => a.key.localeCompare(b.key));
}

/** Values of a tag across the given projects (all projects when none are given). */
export async function listTagValues(
  client: SentryClient,
  key: string,
  projects: string[] = [],
  signal?: AbortSignal
): Promise<string[]> {
  const all = await listProjects(client, signal);
  const wanted = new Set(projects);
  const chosen = projects.length ? all.filter((p) => wanted.has(String(p.id)) || wanted.has(p.slug)) : all;
  const lists = await Promise.all(
    chosen.map(async (p) => {
      try {
        const { rows } = await client.getAllPages<SentryTagValue>(
          paths.projectTagValues(client.orgSlug, p.slug, key),
          [],
          {
            signal,
            cacheTtlMs: METADATA_TTL_MS,
            rowBudget: 1000,
            requiredScope: scopes.project,
          }
        );
        return rows.map((v) => v.value ?? v.name ?? '');
      } catch (error) {
        // A project that never saw the tag answers 404; the others still have values.
        if (error instanceof SentryError && error.kind === 'not-found') {
          return [];
        }
        throw error;
      }
    })
  );
  return sortedUnique(lists.flat().filter((v) => v !== ''));
}

/** Numeric ids for project references that may be slugs (variables, hand-written queries); Sentry takes ids only. */
export async function resolveProjectIds(client: SentryClient, refs: string[], signal?: AbortSignal): Promise<string[]> {
  if (refs.every((r) => /^-?\d+$/.test(r))) {
    return refs;
  }
  const bySlug = new Map((await listProjects(client, signal)).map((p) => [p.slug, String(p.id)]));
  return refs.map((ref) => {
    if (/^-?\d+$/.test(ref)) {
      return ref;
    }
    const id = bySlug.get(ref);
    if (!id) {
      throw new SentryError(
        'query',
        `No project "${ref}" in organization ${client.orgSlug} (or the token cannot see it).`
      );
    }
    return id;
  });
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}
