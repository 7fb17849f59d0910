// What every endpoint receives and returns, and the helpers they share (pagination, project look-up).

import { TokenInfo } from '../auth';
import { notFound } from '../errors';
import { FakeModes } from '../modes';
import { Cursor, paginate, parseCursor, parsePerPage } from '../pagination';
import { Project, Scenario } from '../scenario';

export interface EndpointContext {
  scenario: Scenario;
  params: URLSearchParams;
  /** Decoded path parameters after the org (project slug, team slug, issue id, version, tag key). */
  pathParams: string[];
  path: string;
  token: TokenInfo;
  now: number;
  baseUrl: string;
  modes: FakeModes;
  method: string;
  body?: string;
}

export interface EndpointResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function linkContext(ctx: EndpointContext) {
  return { baseUrl: ctx.baseUrl, path: ctx.path, params: ctx.params };
}

export function pageOf<T>(
  ctx: EndpointContext,
  items: readonly T[],
  perPage = parsePerPage(ctx.params)
): { items: T[]; headers: Record<string, string> } {
  const cursor: Cursor = parseCursor(ctx.params.get('cursor'));
  return paginate(items, cursor, perPage, linkContext(ctx));
}

export function findProject(ctx: EndpointContext, idOrSlug: string): Project {
  const project = ctx.scenario.projects.find((p) => p.slug === idOrSlug || p.id === idOrSlug);
  if (!project) {
    throw notFound();
  }
  return project;
}
