/** @jest-environment node */
import { PLUGIN_ID } from '../tests/support/plugin';
import { changeQueryType, defaultQueryFor } from './queryDefaults';
import { QUERY_SCHEMA_VERSION } from './sentry/migrate';
import { DEFAULT_EVENT_FIELDS } from './sentry/queries/events';
import { QUERY_TYPES, SentryQuery } from './types';
import { isValid, validateQuery } from './validation';

describe('defaultQueryFor', () => {
  it.each(QUERY_TYPES)('gives %s a valid, versioned query of that type', (type) => {
    const query = defaultQueryFor(type, 'C');
    expect(query).toMatchObject({ refId: 'C', queryType: type, schemaVersion: QUERY_SCHEMA_VERSION });
    expect(validateQuery(query)).toEqual({});
    expect(isValid(query)).toBe(true);
  });

  it('starts each type on something worth seeing', () => {
    expect(defaultQueryFor('issues', 'A')).toMatchObject({ issuesQuery: 'is:unresolved', issuesSort: 'freq' });
    expect(defaultQueryFor('eventsStats', 'A')).toMatchObject({ dataset: 'errors', eventsStatsYAxis: ['count()'] });
    expect(defaultQueryFor('events', 'A')).toMatchObject({
      dataset: 'errors',
      eventsFields: DEFAULT_EVENT_FIELDS.errors,
    });
    expect(defaultQueryFor('performance', 'A')).toMatchObject({ performanceMode: 'table' });
    expect(defaultQueryFor('sessions', 'A')).toMatchObject({
      sessionsFields: ['crash_free_rate(session)', 'crash_free_rate(user)'],
    });
    expect(defaultQueryFor('statsV2', 'A')).toMatchObject({
      statsFields: ['sum(quantity)'],
      statsGroupBy: ['category', 'outcome'],
    });
    expect(defaultQueryFor('releases', 'A')).toMatchObject({ releasesMode: 'releases' });
    expect(defaultQueryFor('spikeExplainer', 'A')).toMatchObject({
      spikeQuery: 'is:unresolved',
      spikeBaseline: 'previous',
    });
    expect(defaultQueryFor('requestLookup', 'A')).toMatchObject({ lookupIds: [], lookupKind: 'auto' });
  });

  it('hands out fresh lists, so editing one query cannot change another’s default', () => {
    const first = defaultQueryFor('events', 'A');
    if (first.queryType === 'events') {
      first.eventsFields?.push('count()');
    }
    expect(defaultQueryFor('events', 'B')).toMatchObject({ eventsFields: DEFAULT_EVENT_FIELDS.errors });
    expect(DEFAULT_EVENT_FIELDS.errors).not.toContain('count()');
  });
});

describe('changeQueryType', () => {
  const from: SentryQuery = {
    refId: 'B',
    key: 'row-key',
    hide: true,
    datasource: { type: PLUGIN_ID, uid: 'sentry' },
    queryType: 'issues',
    issuesQuery: 'level:fatal',
    issuesLimit: 10,
    projectIds: ['11'],
    environments: ['production', '$env'],
    schemaVersion: 1,
  };

  it('keeps identity and scope, and takes everything else from the new type’s default', () => {
    expect(changeQueryType(from, 'releases')).toEqual({
      ...defaultQueryFor('releases', 'B'),
      key: 'row-key',
      hide: true,
      datasource: { type: PLUGIN_ID, uid: 'sentry' },
      projectIds: ['11'],
      environments: ['production', '$env'],
    });
  });

  it('leaves out scope keys the old query did not have', () => {
    expect(changeQueryType({ refId: 'A', queryType: 'issues' }, 'sessions')).toEqual(defaultQueryFor('sessions', 'A'));
  });
});
