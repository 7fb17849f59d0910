/** @jest-environment node */
import { migrateQuery, migrateVariableQuery } from './migrate';
import { QUERY_SCHEMA_VERSION } from './registry';

describe('migrateQuery', () => {
  it('gives a typeless query (the official plugin’s new panel) the issues type', () => {
    expect(migrateQuery({ refId: 'A' })).toMatchObject({
      refId: 'A',
      queryType: 'issues',
      schemaVersion: QUERY_SCHEMA_VERSION,
    });
  });

  it('turns the official plugin’s session metrics into a Sessions API query', () => {
    const migrated = migrateQuery({
      refId: 'A',
      queryType: 'metrics',
      metricsField: 'session.crash_free_user_rate',
      metricsGroupBy: 'release',
      metricsQuery: 'environment:production',
      metricsSort: 'x',
      metricsLimit: 5,
    });
    expect(migrated).toEqual({
      refId: 'A',
      queryType: 'sessions',
      sessionsFields: ['crash_free_rate(user)'],
      sessionsGroupBy: ['release'],
      sessionsQuery: 'environment:production',
      sessionsMode: 'timeseries',
      projectIds: [],
      environments: [],
      schemaVersion: QUERY_SCHEMA_VERSION,
    });
  });

  it('keeps an official-plugin events query as it was: Sentry’s default dataset, descending sort as its editor showed', () => {
    const migrated = migrateQuery({
      refId: 'A',
      queryType: 'events',
      eventsSort: 'count()',
      eventsFields: ['title', 'count()'],
    });
    // No dataset means Sentry's default (discover) and no direction means descending, in this plugin too.
    expect(migrated).not.toHaveProperty('dataset');
    expect(migrated).not.toHaveProperty('eventsSortDirection');
    expect(migrated).toMatchObject({ eventsFields: ['title', 'count()'], schemaVersion: QUERY_SCHEMA_VERSION });
  });

  it('normalises ids and lists: numbers to strings, single values to lists, numeric strings to numbers', () => {
    const migrated = migrateQuery({
      refId: 'A',
      queryType: 'statsV2',
      projectIds: [1, '2', null],
      statsFields: 'sum(quantity)',
      statsCategory: 'error',
    });
    expect(migrated).toMatchObject({
      projectIds: ['1', '2'],
      statsFields: ['sum(quantity)'],
      statsCategory: ['error'],
    });
    const issues = migrateQuery({ refId: 'A', queryType: 'issues', issuesLimit: '50' });
    expect((issues as unknown as { issuesLimit: number }).issuesLimit).toBe(50);
  });

  it("reads only the query's own type's fields: another type's keys are left as saved", () => {
    const migrated = migrateQuery({ refId: 'A', queryType: 'statsV2', issuesLimit: '50', eventsFields: 'title' });
    expect(migrated).toMatchObject({ issuesLimit: '50', eventsFields: 'title' });
  });

  it('normalises the correlation keys: one id to a list, numbers typed as text to numbers', () => {
    expect(
      migrateQuery({ refId: 'A', queryType: 'requestLookup', lookupIds: 'req-1', lookupLimit: '20' })
    ).toMatchObject({ lookupIds: ['req-1'], lookupLimit: 20 });
    expect(
      migrateQuery({ refId: 'A', queryType: 'spikeExplainer', spikeLimit: '5', spikeMinEvents: '0' })
    ).toMatchObject({ spikeLimit: 5, spikeMinEvents: 0 });
    expect(
      migrateQuery({ refId: 'A', queryType: 'eventsStats', anomalyBand: true, anomalyK: '2.5', anomalyWindow: '' })
    ).toMatchObject({ anomalyK: 2.5, anomalyWindow: undefined });
  });

  it('reads switches saved as the text "true" or "false" as switches, and keeps other values for validation', () => {
    expect(
      migrateQuery({ refId: 'A', queryType: 'eventsStats', anomalyBand: 'false', eventsStatsOther: 'true' })
    ).toMatchObject({ anomalyBand: false, eventsStatsOther: true });
    expect(migrateQuery({ refId: 'A', queryType: 'errorDistribution', distributionShare: 'yes' })).toMatchObject({
      distributionShare: 'yes',
    });
  });

  it('reads lone values of fixed-choice lists as lists of one', () => {
    expect(
      migrateQuery({ refId: 'A', queryType: 'sessions', sessionsFields: 'sum(session)', sessionsGroupBy: 'release' })
    ).toMatchObject({ sessionsFields: ['sum(session)'], sessionsGroupBy: ['release'] });
    expect(migrateQuery({ refId: 'A', queryType: 'performance', performanceMetrics: 'p95' })).toMatchObject({
      performanceMetrics: ['p95'],
    });
  });

  it('is idempotent', () => {
    const once = migrateQuery({ refId: 'A', queryType: 'metrics', metricsField: 'session.all' });
    expect(migrateQuery(once)).toEqual(once);
  });

  it('survives garbage', () => {
    expect(migrateQuery(null)).toMatchObject({ queryType: 'issues' });
    expect(migrateQuery('x')).toMatchObject({ queryType: 'issues' });
  });
});

describe('migrateVariableQuery', () => {
  it('lists projects when the definition names no kind', () => {
    expect(migrateVariableQuery({})).toMatchObject({ kind: 'projects' });
    expect(migrateVariableQuery({ kind: '' })).toMatchObject({ kind: 'projects' });
  });

  it('keeps an unknown kind, for validation to name, rather than listing projects instead', () => {
    expect(migrateVariableQuery({ kind: 'incidents' })).toMatchObject({ kind: 'incidents' });
    expect(migrateVariableQuery({ type: 'issues' })).toMatchObject({ kind: 'issues' });
  });

  it("prefers a known kind to the official plugin's type", () => {
    expect(migrateVariableQuery({ kind: 'teams', type: 'projects' })).toMatchObject({ kind: 'teams' });
    expect(migrateVariableQuery({ kind: 'bogus', type: 'environments' })).toMatchObject({ kind: 'environments' });
  });
});
