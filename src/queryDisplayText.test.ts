/** @jest-environment node */
import { queryDisplayText } from './queryDisplayText';

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
      'Events (discover): id, title where level:error (projects 1)',
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
