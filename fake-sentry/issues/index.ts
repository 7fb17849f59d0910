// Issue search, counting and serialization for /issues/ and /issues/{id}/events/.

export { findIssue, ISSUE_SORTS, searchIssues } from './search';
export type { IssueQueryContext, IssueSearchResult } from './search';
export {
  GROUP_STATS_PERIODS,
  ISSUE_COLLAPSES,
  ISSUE_EXPANDS,
  serializeIssue,
  serializeIssueEvent,
  validateIssueParams,
} from './serialize';
export type { SerializeOptions } from './serialize';
