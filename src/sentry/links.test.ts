/** @jest-environment node */
import type { ScopedVars } from '@grafana/data';
import { createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { templateSrvWith } from '../../tests/support/templateSrv';
import { defaultQueryFor, QUERY_TYPES } from './registry';
import {
  discoverLink,
  eventLink,
  isSafeSentryLink,
  issueLink,
  releaseHealthLink,
  releaseLink,
  sentryOrigin,
  sentryPages,
  sentryUiUrl,
  traceLink,
  transactionSummaryLink,
} from './links';
import { runQuery } from './run';

describe('sentry links', () => {
  it('encodes path segments and query values, keeps Grafana macros for Grafana', () => {
    expect(
      sentryUiUrl(
        'https://sentry.io/',
        ['organizations', 'a b', 'issues'],
        [
          ['query', 'level:error "x"'],
          ['start', '${__from:date:iso}'],
        ]
      )
    ).toBe('https://sentry.io/organizations/a%20b/issues/?query=level%3Aerror%20%22x%22&start=${__from:date:iso}');
  });

  it.each(['..', '.', ''])('drops a link with the path segment %j, which a browser would resolve elsewhere', (bad) => {
    expect(sentryUiUrl('https://sentry.io', sentryPages.issue('acme', bad))).toBeUndefined();
    expect(sentryUiUrl('https://sentry.io', sentryPages.release('acme', bad))).toBeUndefined();
    const scope = { sentryUrl: 'https://sentry.io', org: bad };
    expect(issueLink(scope)).toEqual([]);
    expect(eventLink(scope)).toEqual([]);
    expect(releaseLink(scope)).toEqual([]);
    expect(traceLink(scope)).toEqual([]);
    expect(discoverLink(scope, { dataset: 'errors', fields: ['title'] })).toEqual([]);
    // Dots inside a segment are no dot segment.
    expect(sentryUiUrl('https://sentry.io', sentryPages.release('acme', `${bad}.x`))).toBe(
      `https://sentry.io/organizations/acme/releases/${bad}.x/`
    );
  });

  it('links an event by its project and id references', () => {
    expect(eventLink({ sentryUrl: 'https://sentry.io', org: 'a b' })[0].url).toBe(
      'https://sentry.io/organizations/a%20b/discover/${__data.fields.project:percentencode}:${__value.raw:percentencode}/'
    );
  });

  it('refuses anything but http(s)', () => {
    expect(sentryOrigin('javascript:alert(1)')).toBeUndefined();
    expect(sentryUiUrl('javascript:alert(1)//', ['x'])).toBeUndefined();
    expect(issueLink({ sentryUrl: 'data:text/html,<script>', org: 'acme' })).toEqual([]);
  });

  it('only accepts links to the configured host', () => {
    expect(isSafeSentryLink('https://sentry.io/organizations/acme/issues/1/', 'https://sentry.io')).toBe(true);
    expect(isSafeSentryLink('https://sentry.io.evil.example/organizations/', 'https://sentry.io')).toBe(false);
    expect(isSafeSentryLink('https://acme.sentry.io/issues/1/', 'https://sentry.io')).toBe(false);
    expect(isSafeSentryLink('javascript:alert(1)', 'https://sentry.io')).toBe(false);
  });

  it('links an issue and a release with the panel range and the query scope', () => {
    expect(
      issueLink({ sentryUrl: 'https://de.sentry.io', org: 'acme', projectIds: ['1'], environments: ['prod eu'] })[0].url
    ).toBe(
      'https://de.sentry.io/organizations/acme/issues/${__data.fields.id:percentencode}/?project=1&environment=prod%20eu&start=${__from:date:iso}&end=${__to:date:iso}'
    );
    expect(releaseLink({ sentryUrl: 'https://de.sentry.io', org: 'acme' })[0].url).toBe(
      'https://de.sentry.io/organizations/acme/releases/${__data.fields.version:percentencode}/'
    );
  });
});

describe('every frame of every query type', () => {
  const fake = createTestFake({ baseUrl: 'https://sentry.example.com' });
  const SCOPE = { sentryUrl: 'https://sentry.example.com', org: 'acme', projectIds: ['1'] };

  it.each(QUERY_TYPES)('%s: links go to the configured Sentry host only', async (type) => {
    const outcome = await runQuery(fakeClient(fake), defaultQueryFor(type, 'A'), lastHours(24));
    expect(outcome.error).toBeUndefined();
    const urls = outcome.frames.flatMap((f) =>
      f.fields.flatMap((field) => (field.config.links ?? []).map((l) => l.url))
    );
    for (const url of urls) {
      expect(isSafeSentryLink(url, 'https://sentry.example.com')).toBe(true);
    }
  });

  /** A link as Grafana opens it: every row, series and value variable filled with `value` (uriencode unless told). */
  function filled(url: string, value: string): URL {
    const anyName = new Proxy({}, { get: () => value });
    const scopedVars: ScopedVars = {
      __data: { text: '', value: { fields: anyName } },
      __value: { text: '', value: { raw: value } },
      __field: { text: '', value: { labels: anyName } },
    };
    return new URL(templateSrvWith().replace(url, scopedVars, 'uriencode'));
  }
  const shape = (url: URL) => ({
    origin: url.origin,
    segments: url.pathname.split('/').length,
    params: [...url.searchParams.keys()],
    hash: url.hash,
  });

  it.each(QUERY_TYPES)('%s: a Sentry value Grafana fills in stays one path segment or one parameter', async (type) => {
    const outcome = await runQuery(fakeClient(fake), defaultQueryFor(type, 'A'), lastHours(24));
    const urls = outcome.frames.flatMap((f) =>
      f.fields.flatMap((field) => (field.config.links ?? []).map((l) => l.url))
    );
    for (const url of urls.filter((u) => /\$\{__(data|value|field)\b/.test(u))) {
      const hostile = filled(url, '../../settings/?x=1&y=2#top %2F');
      expect({ url, ...shape(hostile) }).toEqual({ url, ...shape(filled(url, 'x')) });
      expect(hostile.href).toContain('..%2F..%2Fsettings%2F%3Fx%3D1%26y%3D2%23top%20%252F');
    }
  });

  it.each([
    ['issue', issueLink(SCOPE)],
    ['event', eventLink(SCOPE)],
    ['trace', traceLink(SCOPE)],
    ['release', releaseLink(SCOPE)],
    ['release health', releaseHealthLink(SCOPE, true)],
    ['transaction summary', transactionSummaryLink(SCOPE)],
  ])('%s link: a Sentry value Grafana fills in is encoded whole', (_name, [link]) => {
    const hostile = filled(link.url, '../../settings/?x=1&y=2#top %2F');
    expect(shape(hostile)).toEqual(shape(filled(link.url, 'x')));
    expect(hostile.href).toContain('..%2F..%2Fsettings%2F%3Fx%3D1%26y%3D2%23top%20%252F');
  });

  it('every query type carries links', async () => {
    for (const type of QUERY_TYPES) {
      const outcome = await runQuery(fakeClient(fake), defaultQueryFor(type, 'A'), lastHours(24));
      const count = outcome.frames.flatMap((f) => f.fields.flatMap((field) => field.config.links ?? [])).length;
      expect({ type, linked: count > 0 }).toEqual({ type, linked: true });
    }
  });
});
