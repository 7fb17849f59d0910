/** @jest-environment node */
import { PLUGIN_ID } from '../../tests/support/plugin';
import { DEFAULT_EVENT_FIELDS } from './datasets';
import { migrateQuery } from './migrate';
import type { QueryType, SentryQuery } from './query';
import {
  QUERY_SCHEMA_VERSION,
  QUERY_TYPES,
  defaultQueryFor,
  isValid,
  queryDisplayText,
  validateQuery,
} from './registry';
import { changeQueryType } from './queryEditing';

function query(type: QueryType, patch: Record<string, unknown> = {}): SentryQuery {
  return { ...defaultQueryFor(type, 'A'), ...patch } as SentryQuery;
}

describe('validateQuery', () => {
  it('rejects an unknown query type and names the known ones', () => {
    const errors = validateQuery({ refId: 'A', queryType: 'logs' } as never);
    expect(errors).toEqual({ queryType: expect.stringMatching(/^Unknown query type "logs": pick one of issues, /) });
  });

  it('judges older shapes as the runner reads them', () => {
    // No type: the official plugin's new panel, run as issues.
    expect(validateQuery(migrateQuery({ refId: 'A' }))).toEqual({});
    // The official plugin's metrics type becomes session health.
    expect(isValid(migrateQuery({ refId: 'A', queryType: 'metrics', metricsField: 'session.crash_free_rate' }))).toBe(
      true
    );
    // Limits saved as text.
    expect(validateQuery(query('issues', { issuesLimit: '0' }))).toHaveProperty('issuesLimit');
  });

  describe('limits', () => {
    it.each([
      ['issues', 'issuesLimit', 100000, 'Limit'],
      ['events', 'eventsLimit', 100000, 'Limit'],
      ['spans', 'eventsLimit', 100000, 'Limit'],
      ['eventsStats', 'eventsStatsLimit', 50, 'Top N'],
      ['spansStats', 'eventsStatsLimit', 50, 'Top N'],
      ['errorDistribution', 'distributionLimit', 100, 'Limit'],
      ['releases', 'releasesLimit', 100000, 'Limit'],
      ['spikeExplainer', 'spikeLimit', 100, 'Limit'],
      ['requestLookup', 'lookupLimit', 100000, 'Limit'],
    ] as const)('%s.%s is a whole number from 1 to %d', (type, key, max, what) => {
      expect(validateQuery(query(type, { [key]: 1 }))).toEqual({});
      expect(validateQuery(query(type, { [key]: max }))).toEqual({});
      expect(validateQuery(query(type, { [key]: undefined }))).toEqual({});
      expect(validateQuery(query(type, { [key]: max + 1 }))).toEqual({
        [key]: `${what} can be at most ${max}, not ${max + 1}.`,
      });
      expect(validateQuery(query(type, { [key]: 0 }))).toEqual({
        [key]: `${what} must be a whole number from 1 to ${max}, not 0.`,
      });
      expect(validateQuery(query(type, { [key]: -3 }))).toHaveProperty(key);
      expect(validateQuery(query(type, { [key]: 2.5 }))).toHaveProperty(key);
    });

    it('bounds the performance limit by mode: rows in a table, top N in a chart', () => {
      expect(validateQuery(query('performance', { performanceLimit: 500 }))).toEqual({});
      expect(validateQuery(query('performance', { performanceMode: 'timeseries', performanceLimit: 500 }))).toEqual({
        performanceLimit: 'Top N can be at most 50, not 500.',
      });
      expect(validateQuery(query('performance', { performanceLimit: 0 }))).toHaveProperty('performanceLimit');
    });

    it('wants a positive whole apdex threshold in milliseconds', () => {
      expect(validateQuery(query('performance', { apdexThreshold: 300 }))).toEqual({});
      expect(validateQuery(query('performance', { apdexThreshold: -1 }))).toEqual({
        apdexThreshold: 'The apdex threshold (ms) must be a whole number from 1 to 600000, not -1.',
      });
    });
  });

  describe('events and spans tables', () => {
    it('wants the sort field among the fields', () => {
      expect(validateQuery(query('events', { eventsFields: ['title'], eventsSort: 'count()' }))).toEqual({
        eventsSort: 'Sort by count() needs count() among the fields: add it or pick another sort field.',
      });
      expect(validateQuery(query('spans', { eventsFields: ['span.op', 'count()'], eventsSort: 'count()' }))).toEqual(
        {}
      );
    });

    it('checks the sort against the dataset’s default fields when none are chosen', () => {
      expect(
        validateQuery(query('events', { eventsFields: undefined, dataset: 'errors', eventsSort: 'title' }))
      ).toEqual({});
      expect(
        validateQuery(query('events', { eventsFields: undefined, dataset: 'transactions', eventsSort: 'title' }))
      ).toHaveProperty('eventsSort');
    });

    it('allows at most 20 fields', () => {
      const fields = Array.from({ length: 21 }, (_, i) => `tags[t${i}]`);
      expect(validateQuery(query('events', { eventsFields: fields, eventsSort: undefined }))).toEqual({
        eventsFields: 'Sentry allows at most 20 fields per query; remove 1.',
      });
    });

    it('knows the datasets and sort directions', () => {
      expect(validateQuery(query('events', { dataset: 'logs' }))).toHaveProperty('dataset');
      expect(validateQuery(query('events', { eventsSortDirection: 'up' }))).toHaveProperty('eventsSortDirection');
    });
  });

  describe('required lists', () => {
    it('event frequency and spans time series need a y-axis', () => {
      const message = 'Pick at least one y-axis, e.g. count().';
      expect(validateQuery(query('eventsStats', { eventsStatsYAxis: [] }))).toEqual({ eventsStatsYAxis: message });
      expect(validateQuery(query('spansStats', { eventsStatsYAxis: [' '] }))).toEqual({ eventsStatsYAxis: message });
      // Left out, the runner charts count().
      expect(validateQuery(query('eventsStats', { eventsStatsYAxis: undefined }))).toEqual({});
    });

    it('performance needs a known metric', () => {
      expect(validateQuery(query('performance', { performanceMetrics: [] }))).toEqual({
        performanceMetrics: 'Pick at least one metric, e.g. tpm or p95.',
      });
      expect(validateQuery(query('performance', { performanceMetrics: ['p90'] }))).toEqual({
        performanceMetrics: expect.stringMatching(/^Unknown metric "p90"/),
      });
    });

    it('sessions need a field', () => {
      expect(validateQuery(query('sessions', { sessionsFields: [] }))).toEqual({
        sessionsFields: 'Pick at least one field, e.g. crash_free_rate(session).',
      });
    });

    it('org stats need a category unless grouped by category', () => {
      const message = 'Pick at least one category, or group by category: Sentry needs one of the two.';
      expect(validateQuery(query('statsV2', { statsGroupBy: ['outcome'] }))).toEqual({ statsCategory: message });
      expect(validateQuery(query('statsV2', { statsGroupBy: ['outcome'], statsCategory: ['error'] }))).toEqual({});
      // No group-by means Sentry's category + outcome.
      expect(validateQuery(query('statsV2', { statsGroupBy: [] }))).toEqual({});
    });
  });

  describe('intervals', () => {
    it.each(['30s', '5m', '1h', '1d', '$interval', '${interval}', '${interval:text}', '[[interval]]', '', ' '])(
      'accepts "%s"',
      (interval) => {
        expect(validateQuery(query('sessions', { sessionsInterval: interval }))).toEqual({});
        expect(validateQuery(query('statsV2', { statsInterval: interval }))).toEqual({});
      }
    );

    it.each(['5 minutes', '1.5h', 'h', '10y', '$'])('refuses "%s"', (interval) => {
      expect(validateQuery(query('sessions', { sessionsInterval: interval }))).toEqual({
        sessionsInterval: `Interval "${interval}" is not a number and a unit: use e.g. 30s, 5m, 1h or 1d, a $variable, or leave it empty.`,
      });
      expect(validateQuery(query('statsV2', { statsInterval: interval }))).toHaveProperty('statsInterval');
    });

    it('refuses a zero interval', () => {
      expect(validateQuery(query('statsV2', { statsInterval: '0m' }))).toEqual({
        statsInterval: 'Interval "0m" must be longer than zero.',
      });
    });
  });

  it('checks the remaining enumerations', () => {
    expect(validateQuery(query('issues', { issuesSort: 'oldest' }))).toHaveProperty('issuesSort');
    expect(validateQuery(query('releases', { releasesMode: 'commits' }))).toHaveProperty('releasesMode');
    expect(validateQuery(query('errorDistribution', { distributionField: 'count()' }))).toEqual({
      distributionField: 'Count errors by a field or tag, not a function ("count()").',
    });
  });
});

describe('correlation queries', () => {
  it('spike explainer: known baselines, a minimum of 0 or more', () => {
    expect(validateQuery(query('spikeExplainer', { spikeBaseline: 'previousWeek', spikeMinEvents: 0 }))).toEqual({});
    expect(validateQuery(query('spikeExplainer', { spikeBaseline: 'lastYear' }))).toEqual({
      spikeBaseline: 'Unknown baseline "lastYear": use previous, previousDay, previousWeek.',
    });
    expect(validateQuery(query('spikeExplainer', { spikeMinEvents: -1 }))).toEqual({
      spikeMinEvents: 'Min events must be a whole number, 0 or more, not -1.',
    });
    expect(validateQuery(query('spikeExplainer', { spikeMinEvents: '1.5' }))).toHaveProperty('spikeMinEvents');
  });

  it('request lookup: no ids is valid (an empty table), at most 100, a known kind and a searchable tag', () => {
    expect(validateQuery(query('requestLookup', { lookupIds: [] }))).toEqual({});
    expect(validateQuery(query('requestLookup', { lookupIds: ['x" OR level:fatal'], lookupKind: 'trace' }))).toEqual(
      {}
    );
    expect(
      validateQuery(query('requestLookup', { lookupIds: Array.from({ length: 101 }, (_, i) => `r${i}`) }))
    ).toEqual({ lookupIds: 'Look up at most 100 ids at once, not 101.' });
    expect(validateQuery(query('requestLookup', { lookupKind: 'span' }))).toEqual({
      lookupKind: 'Unknown id kind "span": use auto, request, trace.',
    });
    expect(validateQuery(query('requestLookup', { requestIdTag: 'x-request-id' }))).toEqual({});
    expect(validateQuery(query('requestLookup', { requestIdTag: '$tag' }))).toEqual({});
    expect(validateQuery(query('requestLookup', { requestIdTag: 'request id' }))).toHaveProperty('requestIdTag');
  });

  it.each(['eventsStats', 'spansStats'] as const)(
    '%s anomaly band: one series, and sensible settings while it is on',
    (type) => {
      const band = { anomalyBand: true };
      expect(
        validateQuery(query(type, { ...band, anomalyBaseline: 'previousWeek', anomalyK: 2.5, anomalyWindow: 12 }))
      ).toEqual({});
      expect(validateQuery(query(type, { ...band, eventsStatsGroups: ['release', 'project'] }))).toEqual({
        anomalyBand:
          'The anomaly band needs a single series: remove the group-by (release, project) or turn the band off.',
      });
      expect(validateQuery(query(type, { ...band, eventsStatsYAxis: ['count()', 'p95(span.duration)'] }))).toEqual({
        anomalyBand:
          'The anomaly band works on one y-axis: keep one of count(), p95(span.duration) or turn the band off.',
      });
      expect(
        validateQuery(query(type, { ...band, anomalyK: 0, anomalyWindow: 1.5, anomalyBaseline: 'lastYear' }))
      ).toEqual({
        anomalyK: 'The band width k must be a number above 0 and at most 100, not 0.',
        anomalyWindow: 'The window must be a whole number of buckets from 1 to 100, not 1.5.',
        anomalyBaseline: 'Unknown baseline "lastYear": use previousDay or previousWeek.',
      });
      // Off, the band's settings and the grouping do not matter.
      expect(validateQuery(query(type, { anomalyK: 0, eventsStatsGroups: ['release'] }))).toEqual({});
    }
  );
});

describe('isValid', () => {
  it('is true exactly when there are no messages', () => {
    expect(isValid(query('issues'))).toBe(true);
    expect(isValid(query('issues', { issuesLimit: 0 }))).toBe(false);
  });
});

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

describe('queryDisplayText', () => {
  it.each([
    [
      { refId: 'A', queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq' },
      'Issues: is:unresolved, by freq',
    ],
    [
      {
        refId: 'A',
        queryType: 'eventsStats',
        dataset: 'errors',
        eventsStatsYAxis: ['count()'],
        eventsStatsGroups: ['project'],
        eventsStatsLimit: 3,
        environments: ['production'],
      },
      'Event frequency (errors): count() by project (top 3) (env production)',
    ],
    [{ refId: 'A', queryType: 'errorDistribution' }, 'Errors by error.type'],
    [
      { refId: 'A', queryType: 'events', eventsFields: ['id', 'title'], eventsQuery: 'level:error', projectIds: ['1'] },
      'Events (errors): id, title where level:error (projects 1)',
    ],
    [{ refId: 'A', queryType: 'releases', releasesMode: 'deploys' }, 'Deploys'],
    [{ refId: 'A', queryType: 'sessions', sessionsGroupBy: ['release'] }, 'Sessions: crash-free rates by release'],
    [
      { refId: 'A', queryType: 'eventsStats', dataset: 'errors', anomalyBand: true, anomalyBaseline: 'previousWeek' },
      'Event frequency (errors): count(), anomaly band vs previous week',
    ],
    [{ refId: 'A', queryType: 'spikeExplainer' }, 'Spike explainer: is:unresolved vs the window before'],
    [
      { refId: 'A', queryType: 'spikeExplainer', spikeQuery: '', spikeBaseline: 'previousDay', projectIds: ['1'] },
      'Spike explainer: all issues vs the day before (projects 1)',
    ],
    [
      { refId: 'A', queryType: 'requestLookup', lookupIds: ['req-1', '$trace'], lookupKind: 'auto' },
      'Request / trace lookup: req-1, $trace',
    ],
    [{ refId: 'A', queryType: 'requestLookup', lookupKind: 'trace' }, 'Request / trace lookup: trace ids no ids'],
  ])('%j → %s', (query, text) => {
    expect(queryDisplayText(query as never)).toBe(text);
  });
});
