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
  ])('%j → %s', (query, text) => {
    expect(queryDisplayText(query as never)).toBe(text);
  });
});
