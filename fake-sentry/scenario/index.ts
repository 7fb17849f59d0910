// Deterministic demo data for the fake Sentry: one org, four projects, releases with deploys,
// ~320 issues with their error events, sampled transactions, release-health sessions and
// usage outcomes over the last 14 days, including an error burst after a bad release.
//
// Same (seed, now) → identical scenario. Release and burst times are fixed offsets from `now`
// (independent of the seed) so other tests can rely on them.
//
// The public entry point: content/ holds the static tables, types.ts the data model, traffic-model.ts the
// expected rates, lookups.ts queries over generated data, build.ts and its builders generate it.

export * from './content';
export { buildScenario, DEFAULT_SEED, defaultNow, HISTORY_DAYS } from './build';
export { countErrors, errorRatePerHour, errorsPerHour, releaseAt, sliceByTime } from './lookups';
export type { CountFilter } from './lookups';
export {
  burstErrorsPerHour,
  burstShape,
  expectedErrorsPerHour,
  expectedFailureRate,
  expectedLatency,
  expectedRequestsPerMinute,
  isEnvName,
  TRANSACTION_SAMPLE_RATE,
  trafficFactor,
} from './traffic-model';
export { eventTag, eventTags } from './types';
export type {
  AssignedTo,
  BurstInfo,
  Deploy,
  ErrorEvent,
  EventUser,
  Issue,
  IssueStatus,
  OutcomeRow,
  Project,
  Release,
  Scenario,
  ScenarioEvent,
  ScenarioOptions,
  SessionRow,
  SpanRecord,
  TransactionEvent,
} from './types';
