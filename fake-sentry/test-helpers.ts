// Shared helpers for the fake's tests (not a test file itself).

import { createFakeSentry, DEMO_TOKEN, FakeSentry, FakeSentryOptions, FakeResponse } from './handlers';

/** Wednesday 2026-05-20 14:37 UTC: the burst (now − 6 h) falls in the working day. */
export const FIXED_NOW = Date.UTC(2026, 4, 20, 14, 37);
export const SEED = 42;
export const BASE_URL = 'https://fake-sentry.test';

export function makeFake(options: FakeSentryOptions = {}): FakeSentry {
  return createFakeSentry({ seed: SEED, now: FIXED_NOW, baseUrl: BASE_URL, ...options });
}

export interface JsonResponse<T = unknown> extends FakeResponse {
  json: T;
}

/** GET with the demo token (or another token; null = no Authorization header). */
export async function get<T = any>(
  fake: FakeSentry,
  url: string,
  token: string | null = DEMO_TOKEN
): Promise<JsonResponse<T>> {
  const response = await fake.handle({
    method: 'GET',
    url,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  let json: unknown = undefined;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { ...response, json: json as T };
}

export const ORG_PATH = '/api/0/organizations/acme';

/** Build a query string with repeated keys (the way Sentry expects multi-valued params). */
export function qs(entries: Array<[string, string | number]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) {
    params.append(key, String(value));
  }
  return params.toString();
}

/** Parse a Link header into its two entries. */
export function parseLink(
  header: string | undefined
): Record<string, { url: string; results: boolean; cursor: string }> {
  const out: Record<string, { url: string; results: boolean; cursor: string }> = {};
  for (const part of (header ?? '').split(', <')) {
    const match = /<?([^>]+)>; rel="(\w+)"; results="(true|false)"; cursor="([^"]+)"/.exec(part);
    if (match) {
      out[match[2]] = { url: match[1], results: match[3] === 'true', cursor: match[4] };
    }
  }
  return out;
}
