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
      const band = query.anomalyBand
        ? `, anomaly band vs ${query.anomalyBaseline === 'previousWeek' ? 'previous week' : 'previous day'}`
        : '';
      return `${label}: ${axes}${groups}${query.eventsStatsQuery ? ` where ${query.eventsStatsQuery}` : ''}${band}${suffix}`;
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
    case 'spikeExplainer': {
      const baseline = {
        previous: 'the window before',
        previousDay: 'the day before',
        previousWeek: 'the week before',
      }[query.spikeBaseline ?? 'previous'];
      return `Spike explainer: ${(query.spikeQuery ?? 'is:unresolved') || 'all issues'} vs ${baseline ?? query.spikeBaseline}${suffix}`;
    }
    case 'requestLookup': {
      const kind = query.lookupKind === 'request' ? 'request ids ' : query.lookupKind === 'trace' ? 'trace ids ' : '';
      return `Request / trace lookup: ${kind}${query.lookupIds?.length ? query.lookupIds.join(', ') : 'no ids'}${suffix}`;
    }
    default:
      return JSON.stringify(query);
  }
}
