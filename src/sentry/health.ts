/**
 * The connection check behind "Save & test" and `cli check`: the org details call proves URL, token, org
 * slug and org:read at once; /api/0/ names the token's scopes; the project list gives the count users expect.
 */
import { METADATA_TTL_MS, SentryClient } from './client';
import { REQUIRED_SCOPES } from './constants';
import { paths, scopes } from './endpoints';
import { SentryError, asSentence, toSentryError } from './errors';
import type { ApiIndex, SentryOrganization, SentryProject } from './api';

export interface HealthResult {
  ok: boolean;
  message: string;
  /** Machine-readable reason, for the CLI and tests. */
  code: 'ok' | 'not-sentry' | 'unreachable' | 'auth' | 'missing-scope' | 'org-not-found' | 'wrong-region' | 'error';
  details?: {
    organization?: { slug: string; name: string; id: string };
    projects?: number;
    scopes?: string[];
    missingScopes?: string[];
    regionUrl?: string;
    configuredUrl?: string;
  };
}

/** The advice the unreachable message ends with; the transport's own message may end with the first half of it. */
const REACH_ADVICE = "Check the Sentry URL and that Grafana's server can reach it.";
const URL_ADVICE = / ?Check the Sentry URL\.$/;

const SCOPE_ADVICE =
  'Create an internal integration token (Settings › Developer Settings › Custom Integrations) or a personal token ' +
  'with Read access to Organization, Project and Issue & Event (org:read, project:read, event:read). ' +
  'Organization tokens (sntrys_…) only carry org:ci and cannot read this data.';

/** Sentry's SaaS control host: it answers for every region, so a region mismatch there is only advice. */
const CONTROL_HOSTS = new Set(['sentry.io', 'www.sentry.io']);

export async function checkConnection(
  client: SentryClient,
  configuredUrl: string,
  signal?: AbortSignal
): Promise<HealthResult> {
  const org = client.orgSlug;
  const where = configuredUrl || client.target;
  if (!org) {
    return { ok: false, code: 'error', message: 'Set the organization slug in the data source settings.' };
  }

  let organization: SentryOrganization;
  try {
    ({ data: organization } = await client.getJson<SentryOrganization>(paths.organization(org), [['detailed', '0']], {
      signal,
      requiredScope: scopes.org,
    }));
  } catch (error) {
    return await explainFailure(client, toSentryError(error), org, where, signal);
  }
  if (!organization || typeof organization !== 'object' || typeof organization.slug !== 'string') {
    return {
      ok: false,
      code: 'not-sentry',
      message: `${where} answered the organization request with something that is not a Sentry organization. Check the Sentry URL.`,
    };
  }

  const regionUrl = organization.links?.regionUrl;
  // Sentry answers for an organization on its region's host, on its own customer domain (acme.sentry.io) and on the
  // control host; any other host that holds it is another region.
  const knownPlace =
    !regionUrl ||
    sameLocation(regionUrl, where) ||
    sameLocation(organization.links?.organizationUrl, where) ||
    isControlHost(where);
  // Elsewhere may still be right: a cache or proxy in front of Sentry, or a self-hosted Sentry reached by an
  // internal name, answer for the org but are never the URL Sentry names. Only a host that refuses the org's data
  // is another region.
  if (!knownPlace && !(await servesData(client, org, signal))) {
    return {
      ok: false,
      code: 'wrong-region',
      message: `Organization "${organization.slug}" lives in another Sentry region: set the Sentry URL to ${regionUrl} (now ${where}).`,
      details: { regionUrl, configuredUrl: where },
    };
  }

  const tokenScopes = await readScopes(client, signal);
  const missing = tokenScopes ? REQUIRED_SCOPES.filter((s) => !hasScope(tokenScopes, s)) : [];
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'missing-scope',
      message: `Connected to ${organization.name}, but the token ${lacking(missing, tokenScopes)}`,
      details: { organization: orgSummary(organization), scopes: tokenScopes, missingScopes: missing },
    };
  }

  let projects: SentryProject[];
  try {
    ({ rows: projects } = await client.getAllPages<SentryProject>(paths.projects(org), [], {
      signal,
      cacheTtlMs: METADATA_TTL_MS,
      rowBudget: 100_000,
      requiredScope: scopes.org,
    }));
  } catch (error) {
    const e = toSentryError(error);
    return {
      ok: false,
      code: 'error',
      message: `Connected to ${organization.name}, but listing projects failed: ${e.message}`,
    };
  }

  const regionNote = knownPlace
    ? regionUrl && !sameLocation(regionUrl, where)
      ? ` Its data lives in ${regionUrl}; using that URL saves a hop.`
      : ''
    : ` Sentry names its URL ${regionUrl}; ${where} answers for it (a cache, proxy or internal name in front of Sentry).`;
  return {
    ok: true,
    code: 'ok',
    message: `Connected to ${organization.name} (${organization.slug}) at ${where}: ${projects.length} project${projects.length === 1 ? '' : 's'} visible.${regionNote}`,
    details: {
      organization: orgSummary(organization),
      projects: projects.length,
      scopes: tokenScopes,
      regionUrl,
      configuredUrl: where,
    },
  };
}

async function explainFailure(
  client: SentryClient,
  error: SentryError,
  org: string,
  where: string,
  signal?: AbortSignal
): Promise<HealthResult> {
  switch (error.kind) {
    case 'not-sentry':
    case 'invalid-response':
      return {
        ok: false,
        code: 'not-sentry',
        message:
          `${where} did not answer like Sentry's API (${error.message}) ` +
          'Use the root of your Sentry: https://sentry.io, https://us.sentry.io, https://de.sentry.io or https://sentry.example.com for self-hosted.',
      };
    case 'unreachable':
    case 'timeout': {
      // One full stop, and the URL and the advice once each.
      const reason = asSentence(error.message.replace(URL_ADVICE, ''));
      return {
        ok: false,
        code: 'unreachable',
        message: `${reason.includes(where) ? reason : `No answer from ${where}: ${reason}`} ${REACH_ADVICE}`,
      };
    }
    case 'auth':
      return {
        ok: false,
        code: 'auth',
        message: `Sentry rejected the auth token${error.detail ? ` (${error.detail})` : ''}: it is wrong, expired or revoked. Paste a valid token and save again.`,
      };
    case 'permission': {
      const tokenScopes = await readScopes(client, signal);
      if (tokenScopes && !hasScope(tokenScopes, 'org:read')) {
        const missing = REQUIRED_SCOPES.filter((s) => !hasScope(tokenScopes, s));
        return {
          ok: false,
          code: 'missing-scope',
          message: `The token ${lacking(missing, tokenScopes)}`,
          details: { scopes: tokenScopes, missingScopes: missing },
        };
      }
      return {
        ok: false,
        code: 'missing-scope',
        message: `The token may not read organization "${org}" (403). Check that it belongs to this organization and has org:read. ${SCOPE_ADVICE}`,
      };
    }
    case 'not-found':
      return {
        ok: false,
        code: 'org-not-found',
        message: `Organization "${org}" was not found at ${where} (404). Check the slug: it is the part after /organizations/ in Sentry's URLs, or before .sentry.io.`,
      };
    default:
      return { ok: false, code: 'error', message: error.message };
  }
}

/** "lacks the scopes …": every required scope the token misses, what it has, and how to get a token that reads. */
function lacking(missing: readonly string[], tokenScopes: string[] | undefined): string {
  const scopesWord = missing.length > 1 ? 'scopes' : 'scope';
  return `lacks the ${scopesWord} ${missing.join(', ')} (it has: ${tokenScopes?.join(', ') || 'none'}). ${SCOPE_ADVICE}`;
}

/** The token's scopes from /api/0/, or undefined when Sentry does not say. */
async function readScopes(client: SentryClient, signal?: AbortSignal): Promise<string[] | undefined> {
  try {
    const { data } = await client.getJson<ApiIndex>(paths.apiRoot(), [], { signal });
    const list = data?.auth?.scopes;
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Write and admin scopes include read. */
function hasScope(granted: string[], wanted: string): boolean {
  const [resource] = wanted.split(':');
  return granted.some((s) => s === wanted || s === `${resource}:write` || s === `${resource}:admin`);
}

function orgSummary(org: SentryOrganization) {
  return { slug: org.slug, name: org.name, id: String(org.id) };
}

/** Same origin and same path (a Sentry under a path prefix is another Sentry than the one at the root). */
/** Whether the URL answers a data read for the org: another region's host refuses it (404). */
async function servesData(client: SentryClient, org: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await client.getJson(
      paths.issues(org),
      [
        ['limit', '1'],
        ['statsPeriod', '1h'],
      ],
      { signal }
    );
    return true;
  } catch (error) {
    // Anything but "not here" (a scope, a timeout) is for the checks that follow to explain.
    return toSentryError(error).kind !== 'not-found';
  }
}

function sameLocation(a: string | undefined, b: string): boolean {
  if (!a) {
    return false;
  }
  const trim = (path: string) => path.replace(/\/+$/, '');
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && trim(x.pathname) === trim(y.pathname);
  } catch {
    return trim(a) === trim(b);
  }
}

function isControlHost(url: string): boolean {
  try {
    return CONTROL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
