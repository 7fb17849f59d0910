import type { SentryQuery } from './types';

/** One line per query for query history and Explore: the type and what it asks for. */
export function queryDisplayText(query: SentryQuery): string {
  const scope = [
    query.projectIds?.length ? `projects ${query.projectIds.join(', ')}` : '',
    query.environments?.length ? `env ${query.environments.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const suffix = scope ? ` (${scope})` : '';
  switch (query.queryType) {
    case 'issues':
      return `Issues: ${query.issuesQuery || 'all'}${query.issuesSort ? `, by ${query.issuesSort}` : ''}${suffix}`;
    case 'eventsStats':
    case 'spansStats': {
      const axes = (query.eventsStatsYAxis?.length ? query.eventsStatsYAxis : ['count()']).join(', ');
      const groups = query.eventsStatsGroups?.length
        ? ` by ${query.eventsStatsGroups.join(', ')} (top ${query.eventsStatsLimit ?? 5})`
        : '';
      const label = query.queryType === 'spansStats' ? 'Spans' : `Event frequency (${query.dataset ?? 'discover'})`;
      return `${label}: ${axes}${groups}${query.eventsStatsQuery ? ` where ${query.eventsStatsQuery}` : ''}${suffix}`;
    }
    case 'errorDistribution':
      return `Errors by ${query.distributionField || 'error.type'}${query.distributionQuery ? ` where ${query.distributionQuery}` : ''}${suffix}`;
    case 'events':
    case 'spans': {
      const label = query.queryType === 'spans' ? 'Spans' : `Events (${query.dataset ?? 'discover'})`;
      const fields = query.eventsFields?.length ? query.eventsFields.join(', ') : 'default fields';
      return `${label}: ${fields}${query.eventsQuery ? ` where ${query.eventsQuery}` : ''}${suffix}`;
    }
    case 'performance':
      return `Performance ${query.performanceMode === 'timeseries' ? 'series' : 'table'}: ${(query.performanceMetrics ?? []).join(', ') || 'default metrics'}${suffix}`;
    case 'sessions':
      return `Sessions: ${(query.sessionsFields ?? []).join(', ') || 'crash-free rates'}${query.sessionsGroupBy?.length ? ` by ${query.sessionsGroupBy.join(', ')}` : ''}${suffix}`;
    case 'statsV2':
      return `Org stats: ${(query.statsFields ?? ['sum(quantity)']).join(', ')} by ${(query.statsGroupBy ?? ['category', 'outcome']).join(', ')}${suffix}`;
    case 'releases':
      return `${query.releasesMode === 'deploys' ? 'Deploys' : 'Releases'}${query.releasesQuery ? ` matching ${query.releasesQuery}` : ''}${suffix}`;
    default:
      return JSON.stringify(query);
  }
}
