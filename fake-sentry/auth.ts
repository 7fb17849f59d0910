// Tokens known to the fake and the scopes each endpoint needs (Sentry's schema `security` blocks).

import { ApiError } from './errors';
import { DEMO_USER, UserInfo } from './scenario';

/** Personal token of the demo user: org:read, project:read, event:read, team:read, member:read. */
export const DEMO_TOKEN = 'sntryu_lens_demo_token_0000000000000000000000000000000000000000000';
/** Internal-integration token (bare 64 hex, the pre-prefix format) with the plugin's recommended scopes. */
export const INTEGRATION_TOKEN = '5e17a1c0ffee5e17a1c0ffee5e17a1c0ffee5e17a1c0ffee5e17a1c0ffee5e17';
/** Organization token: fixed scope org:ci → 403 on data endpoints, 200 on releases and deploys. */
export const ORG_TOKEN =
  'sntrys_' +
  Buffer.from(
    JSON.stringify({ iat: 1714557600, url: 'http://127.0.0.1:3998', region_url: 'http://127.0.0.1:3998', org: 'acme' })
  ).toString('base64') +
  '_lensOrgTokenSecret000000000000000000000000';
/** Personal token without event:read (issues → 403). */
export const NO_EVENT_READ_TOKEN = 'sntryu_lens_no_event_read_00000000000000000000000000000000000000000';
/** Personal token with org:read + event:read but no project:read (releases/deploys → 403). */
export const NO_PROJECT_READ_TOKEN = 'sntryu_lens_no_project_read_000000000000000000000000000000000000000';
/** Personal token of a user who belongs to no team: requests without `project` see no projects. */
export const NO_MEMBERSHIP_TOKEN = 'sntryu_lens_no_membership_0000000000000000000000000000000000000000';
/** Personal token that may also change issues (event:write): the alert bridge's token for resolving them. */
export const EVENT_WRITE_TOKEN = 'sntryu_lens_event_write_0000000000000000000000000000000000000000000';
/** A token past its expiry date → 401 "Token expired". */
export const EXPIRED_TOKEN = 'sntryu_lens_expired_token_0000000000000000000000000000000000000000';
/** A token whose org enforces SSO → 401 with a structured `detail` object. */
export const SSO_REQUIRED_TOKEN = 'sntryu_lens_sso_required_000000000000000000000000000000000000000000';

export type TokenKind = 'user' | 'integration' | 'org';

export interface TokenInfo {
  kind: TokenKind;
  scopes: string[];
  /** The user behind a personal token; null for integration and org tokens. */
  user: UserInfo | null;
  /** The user is on no team, so "member projects" is empty. */
  teamless?: boolean;
}

const GUEST_USER: UserInfo = { id: '6', name: 'Guest Viewer', email: 'guest@acme.example', username: 'guest' };

const USER_SCOPES = ['org:read', 'project:read', 'event:read', 'team:read', 'member:read'];

export const TOKENS: Readonly<Record<string, TokenInfo>> = {
  [DEMO_TOKEN]: { kind: 'user', scopes: USER_SCOPES, user: DEMO_USER },
  [INTEGRATION_TOKEN]: { kind: 'integration', scopes: ['org:read', 'project:read', 'event:read'], user: null },
  [ORG_TOKEN]: { kind: 'org', scopes: ['org:ci'], user: null },
  [NO_EVENT_READ_TOKEN]: {
    kind: 'user',
    scopes: ['org:read', 'project:read', 'team:read', 'member:read'],
    user: DEMO_USER,
  },
  [NO_PROJECT_READ_TOKEN]: { kind: 'user', scopes: ['org:read', 'event:read'], user: DEMO_USER },
  [EVENT_WRITE_TOKEN]: { kind: 'user', scopes: [...USER_SCOPES, 'event:write'], user: DEMO_USER },
  [NO_MEMBERSHIP_TOKEN]: { kind: 'user', scopes: USER_SCOPES, user: GUEST_USER, teamless: true },
};

export const WWW_AUTHENTICATE = 'xBasic realm="api"';

function unauthorized(detail: string | Record<string, unknown>): ApiError {
  if (typeof detail === 'string') {
    return new ApiError(401, detail, { 'WWW-Authenticate': WWW_AUTHENTICATE });
  }
  return new ApiError(
    401,
    String(detail.message),
    { 'WWW-Authenticate': WWW_AUTHENTICATE },
    {
      body: JSON.stringify({ detail }),
      contentType: 'application/json',
    }
  );
}

/**
 * Authenticate an Authorization header value. Returns null when there is no credential at all
 * (the caller decides: `/api/0/` answers anonymously, everything else 401s).
 */
export function authenticate(header: string | undefined, ssoLoginUrl: string): TokenInfo | null {
  if (!header) {
    return null;
  }
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer') {
    // Other schemes (e.g. Basic API keys) are not modelled: treated as absent credentials.
    return null;
  }
  if (rest.length === 0) {
    throw unauthorized('Invalid token header. No credentials provided.');
  }
  if (rest.length > 1) {
    throw unauthorized('Invalid token header. Token string should not contain spaces.');
  }
  const token = rest[0];
  if (token === EXPIRED_TOKEN) {
    throw unauthorized('Token expired');
  }
  if (token === SSO_REQUIRED_TOKEN) {
    throw unauthorized({ code: 'sso-required', message: 'Must login via SSO', extra: { loginUrl: ssoLoginUrl } });
  }
  const info = TOKENS[token];
  if (!info) {
    throw unauthorized(token.startsWith('sntrys_') ? 'Invalid org token' : 'Invalid token');
  }
  return info;
}

export function missingCredentials(): ApiError {
  return unauthorized('Authentication credentials were not provided.');
}

/** Scope sets per endpoint family (any one scope of the set suffices). */
export const SCOPES = {
  org: ['org:read', 'org:write', 'org:admin'],
  event: ['event:read', 'event:write', 'event:admin'],
  project: ['project:read', 'project:write', 'project:admin'],
  projectTagValues: ['project:read'],
  releases: ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'],
  eventWrite: ['event:write', 'event:admin'],
} as const;

export function hasAnyScope(token: TokenInfo, required: readonly string[]): boolean {
  return required.some((scope) => token.scopes.includes(scope));
}
