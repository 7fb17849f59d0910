/** @jest-environment node */
import type { TemplateSrv } from '@grafana/runtime';
import { applyAdHocFilters, formatSearchValue, interpolateList, interpolateQuery } from './interpolate';
import type { SentryQuery } from './query';
import { templateSrvWith } from '../../tests/support/templateSrv';
import { FilterTerm, isWildcard, matchesValue, parseSearch } from '../../fake-sentry/search';

/** Grafana's replace over these dashboard variables (the CLI's and the test host's TemplateSrv stand-in). */
function fakeReplace(variables: Record<string, string | string[]>): TemplateSrv['replace'] {
  const templateSrv = templateSrvWith(variables);
  return templateSrv.replace.bind(templateSrv);
}

const HOSTILE = [
  'x" OR level:fatal "',
  'a, b',
  'prod eu',
  '!release:1.0',
  'key:[a,b]',
  '*',
  'wild*card',
  'OR',
  '(x',
  'back\\slash',
  'тест 🚀',
];

describe('search interpolation', () => {
  it('quotes a single hostile value so it stays one literal value', () => {
    const replace = fakeReplace({ release: 'x" OR level:fatal "' });
    const query = interpolateQuery(replace, {
      refId: 'A',
      queryType: 'issues',
      issuesQuery: 'release:$release is:unresolved',
    });
    expect((query as { issuesQuery: string }).issuesQuery).toBe('release:"x\\" OR level:fatal \\"" is:unresolved');
  });

  it('turns several values into Sentry’s list syntax, each quoted as needed', () => {
    const replace = fakeReplace({ env: ['production', 'prod eu', 'a, b'] });
    const query = interpolateQuery(replace, {
      refId: 'A',
      queryType: 'eventsStats',
      eventsStatsQuery: 'environment:${env}',
    });
    expect((query as { eventsStatsQuery: string }).eventsStatsQuery).toBe(
      'environment:[production, "prod eu", "a, b"]'
    );
  });

  it.each(HOSTILE)('a value %j cannot add a condition, operator, list or wildcard', (value) => {
    const formatted = formatSearchValue(value);
    // Either a bare token with no syntax characters and every `*` escaped, or one quoted string with every quote
    // escaped; and Sentry's grammar (the fake's parser) reads it back as one filter on exactly this value.
    if (!formatted.startsWith('"')) {
      expect(formatted).toMatch(/^(?:[^\s"(),[\]:!<>=*]|(?<=\\)\*)+$/);
      expect(formatted).not.toMatch(/^(AND|OR)$/i);
    } else {
      expect(formatted.endsWith('"')).toBe(true);
      const inner = formatted.slice(1, -1);
      expect(inner.replace(/\\"/g, '')).not.toContain('"');
    }
    const parsed = parseSearch(`key:${formatted}`);
    expect(parsed).toMatchObject({ type: 'filter', key: 'key', negated: false, operator: '=', list: null });
    expect(isWildcard((parsed as FilterTerm).value)).toBe(false);
    expect(matchesValue((parsed as FilterTerm).value, value)).toBe(true);
    expect(matchesValue((parsed as FilterTerm).value, `${value}.`)).toBe(false);
  });
});

describe('list interpolation', () => {
  it('gives one entry per value, even when values contain commas', () => {
    const replace = fakeReplace({ project: ['4501234', '4501235'], env: ['prod, eu', 'staging'] });
    expect(interpolateList(replace, ['$project', '99'])).toEqual(['4501234', '4501235', '99']);
    expect(interpolateList(replace, ['${env}'])).toEqual(['prod, eu', 'staging']);
  });

  it('interpolates every list and text key of a query', () => {
    const replace = fakeReplace({
      group: ['transaction', 'release'],
      metric: 'p95(transaction.duration)',
      project: 'checkout-api',
    });
    const query = interpolateQuery(replace, {
      refId: 'A',
      queryType: 'eventsStats',
      projectIds: ['$project'],
      eventsStatsGroups: ['$group'],
      eventsStatsYAxis: ['$metric'],
      eventsStatsSort: '-$metric',
    } as SentryQuery);
    expect(query).toMatchObject({
      projectIds: ['checkout-api'],
      eventsStatsGroups: ['transaction', 'release'],
      eventsStatsYAxis: ['p95(transaction.duration)'],
      eventsStatsSort: '-p95(transaction.duration)',
    });
  });
});

describe('ad hoc filters', () => {
  it('become Sentry search terms on the query’s search field, values quoted', () => {
    const query = applyAdHocFilters({ refId: 'A', queryType: 'issues', issuesQuery: 'is:unresolved OR level:fatal' }, [
      { key: 'browser.name', operator: '=', value: 'Chrome' },
      { key: 'environment', operator: '!=', value: 'staging eu' },
      { key: 'release', operator: '=|', value: '', values: ['1.0', '2.0 beta'] },
    ]);
    expect((query as { issuesQuery: string }).issuesQuery).toBe(
      '(is:unresolved OR level:fatal) browser.name:Chrome !environment:"staging eu" release:[1.0, "2.0 beta"]'
    );
  });

  it('skip keys that are not tag names and operators Sentry has no syntax for', () => {
    const query = applyAdHocFilters({ refId: 'A', queryType: 'events', eventsQuery: '' }, [
      { key: 'a b" OR x', operator: '=', value: 'v' },
      { key: 'level', operator: '=~', value: '.*' },
      { key: 'level', operator: '=', value: 'x" OR level:fatal' },
    ]);
    expect((query as { eventsQuery: string }).eventsQuery).toBe('level:"x\\" OR level:fatal"');
  });

  it('match a value with * or a backslash as exactly that value', () => {
    const query = applyAdHocFilters({ refId: 'A', queryType: 'events', eventsQuery: '' }, [
      { key: 'transaction', operator: '=', value: '/api/*' },
      { key: 'path', operator: '!=', value: 'temp\\' },
      { key: 'release', operator: '=|', value: '', values: ['1.*', 'a b'] },
    ]);
    expect((query as { eventsQuery: string }).eventsQuery).toBe(
      'transaction:/api/\\* !path:temp\\ release:[1.\\*, "a b"]'
    );
  });

  it('leave query types without a search alone', () => {
    const query = { refId: 'A', queryType: 'statsV2' } as const;
    expect(applyAdHocFilters(query, [{ key: 'level', operator: '=', value: 'error' }])).toBe(query);
  });
});
