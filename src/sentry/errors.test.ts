/** @jest-environment node */
import { asSentence, errorFromResponse, extractDetail, parseBody } from './errors';
import type { SentryResponse } from './transport';

const res = (status: number, body: string, headers: Record<string, string> = {}): SentryResponse => ({
  status,
  headers,
  body,
});

describe('errorFromResponse', () => {
  it('reports a 410 as a retired endpoint, with the replacement Sentry names', () => {
    const e = errorFromResponse(
      res(410, '{"message": "This API no longer exists."}', {
        'x-sentry-deprecation-date': '2026-01-15T00:00:00+00:00',
        'x-sentry-replacement-endpoint': '/api/0/organizations/acme/events-timeseries/',
      })
    );
    expect(e.kind).toBe('gone');
    expect(e.status).toBe(410);
    expect(e.message).toBe(
      'Sentry has retired this endpoint (410: This API no longer exists.). ' +
        'Sentry names /api/0/organizations/acme/events-timeseries/ as its replacement.'
    );
    expect(errorFromResponse(res(410, '')).message).toBe('Sentry has retired this endpoint (410).');
  });

  it('reports a redirect that reached the core (one the browser did not follow) as a redirect, with its target', () => {
    const e = errorFromResponse(res(302, '<html>Moved</html>', { location: 'https://elsewhere.example/' }), {
      target: 'https://sentry.example.com',
    });
    expect(e.kind).toBe('redirected');
    expect(e.message).toBe(
      'Sentry at https://sentry.example.com answered with a redirect (302 to https://elsewhere.example/) where data ' +
        'was expected, and it is not followed. Check the Sentry URL and any proxy in front of Sentry.'
    );
    expect(errorFromResponse(res(303, '')).message).toContain('a redirect (303)');
  });

  it('uses a string detail', () => {
    const e = errorFromResponse(res(400, '{"detail": "Invalid per_page value. Cannot exceed 100."}'));
    expect(e.kind).toBe('bad-request');
    expect(e.message).toBe('Sentry rejected the query (400): Invalid per_page value. Cannot exceed 100.');
  });

  it('reads a structured detail object (SSO, 2FA) without printing [object Object]', () => {
    const body = JSON.stringify({
      detail: { code: 'sso-required', message: 'Must login via SSO', extra: { loginUrl: 'x' } },
    });
    const e = errorFromResponse(res(401, body));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('Must login via SSO (sso-required)');
    expect(e.message).not.toContain('[object Object]');
  });

  it('treats Grafana’s proxy 400 "Authentication to data source failed" as a rejected token', () => {
    const e = errorFromResponse(res(400, 'Authentication to data source failed'));
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/rejected the auth token/);
  });

  it('names the scope a 403 needs', () => {
    const e = errorFromResponse(res(403, '{"detail":"You do not have permission to perform this action."}'), {
      requiredScope: 'event:read',
    });
    expect(e.kind).toBe('permission');
    expect(e.message).toContain('You do not have permission to perform this action.');
    expect(e.message).toContain('event:read');
  });

  it('reads a 429 body that is a bare JSON string', () => {
    const e = errorFromResponse(
      res(429, '"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"')
    );
    expect(e.kind).toBe('rate-limited');
    expect(e.message).toContain('Limit is 40 requests in 1 seconds');
  });

  it('recognises an HTML page whatever its status', () => {
    for (const status of [200, 404, 502]) {
      const e = errorFromResponse(
        res(status, '<!DOCTYPE html><html><title>Login | Sentry</title></html>', { 'content-type': 'text/html' }),
        {
          target: 'https://sentry.example.com/foo',
        }
      );
      expect(e.kind).toBe('not-sentry');
      expect(e.message).toContain('https://sentry.example.com/foo');
      expect(e.message).toContain('HTML page');
    }
  });

  it('reports truncated JSON as such', () => {
    const e = errorFromResponse(res(500, '{"detail": "Internal Err', { 'content-type': 'application/json' }));
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toContain('could not be parsed');
    expect(e.message).toContain('{"detail": "Internal Err');
  });

  it('keeps Sentry’s error id on a 500', () => {
    const e = errorFromResponse(res(500, '{"detail":"Internal Error","errorId":"abc123"}'));
    expect(e.kind).toBe('server');
    expect(e.message).toBe('Sentry server error (500: Internal Error (Sentry error id abc123)).');
  });

  it('explains empty 502 and 504 from Grafana’s proxy', () => {
    expect(errorFromResponse(res(502, ''), { target: 'https://sentry.io' })).toMatchObject({ kind: 'unreachable' });
    expect(errorFromResponse(res(504, ''))).toMatchObject({ kind: 'timeout' });
  });

  it('explains a 404 with an empty body as a missing feature', () => {
    expect(errorFromResponse(res(404, '')).message).toContain('feature may not be enabled');
  });

  it('joins serializer validation errors', () => {
    expect(extractDetail(parseBody(res(400, '{"query": ["Invalid query."], "sort": ["Bad sort"]}')))).toBe(
      'query: Invalid query.; sort: Bad sort'
    );
  });

  it('never yields a bare status or [object Object]', () => {
    const bodies = ['', '{}', '[]', '{"detail": {}}', '{"detail": {"foo": 1}}', 'null', '42', 'plain words'];
    for (const body of bodies) {
      for (const status of [400, 401, 403, 404, 418, 500]) {
        const e = errorFromResponse(res(status, body));
        expect(e.message).not.toContain('[object Object]');
        expect(e.message.length).toBeGreaterThan(25);
        expect(e.message).not.toMatch(/^\d+$/);
      }
    }
  });
});

describe('parseBody', () => {
  it('reads Sentry’s 429, a JSON string sent as text/html, as text and not as a page', () => {
    const body = parseBody(
      res(429, '"Limit is 40 requests in 1 seconds"', { 'content-type': 'text/html; charset=utf-8' })
    );
    expect(body).toMatchObject({ isHtml: false, json: 'Limit is 40 requests in 1 seconds' });
  });
});

describe('asSentence', () => {
  it('ends a reason with one full stop, so advice can follow it', () => {
    expect(asSentence('fetch failed (ECONNREFUSED)')).toBe('fetch failed (ECONNREFUSED).');
    expect(asSentence('Check the Sentry URL.')).toBe('Check the Sentry URL.');
    expect(asSentence('Really?')).toBe('Really?');
  });
});
