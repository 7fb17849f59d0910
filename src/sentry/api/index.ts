/**
 * Sentry's responses, named. Every shape comes from the types generated from Sentry's OpenAPI schema
 * (./sentry-api.generated.ts, `npm run generate:api-types`); shapes the schema lacks are in ./unpublished.ts.
 *
 * Two families:
 * - `Api*`: what the schema declares, with its known errors corrected (each says why). The fake Sentry builds
 *   these, so a fake response that drifts from the schema fails typecheck.
 * - `Sentry*`: what the core reads. Real Sentry leaves out keys the schema calls required (older and self-hosted
 *   versions, expand/collapse), so only the keys the core cannot do without stay required: its readers must
 *   handle absence.
 */
import type { paths } from './sentry-api.generated';
import type { TagValueDetails } from './unpublished';

export type {
  ApiIndex,
  EventsStatsBody,
  EventsStatsBucket,
  EventsStatsGroup,
  EventsStatsMeta,
  EventsStatsSeries,
  TagValueDetails,
} from './unpublished';

type Org = '/api/0/organizations/{organization_id_or_slug}';
type Project = '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}';

/** The 200 JSON body of GET `P`, as the schema declares it. */
type Get<P extends keyof paths> = paths[P]['get']['responses'][200]['content']['application/json'];
/** One element of a list. */
type Item<T> = T extends ReadonlyArray<infer I> ? I : never;
/** `T` with the keys `K` required and every other key possibly missing. */
type Tolerant<T, K extends keyof T> = Pick<T, K> & Partial<Omit<T, K>>;

// ---- Organization, projects, teams, environments, tags -----------------------------------------------------

/** Also an item of the organizations list. */
export type ApiOrganization = Get<`${Org}/`>;
/** Also an item of a team's projects list. */
export type ApiProject = Item<Get<`${Org}/projects/`>>;
export type ApiTeam = Item<Get<`${Org}/teams/`>>;
/** A project nested in a team of the detailed team list. */
export type ApiTeamProject = Item<NonNullable<ApiTeam['projects']>>;
export type ApiEnvironment = Item<Get<`${Org}/environments/`>>;
export type ApiProjectEnvironment = Item<Get<`${Project}/environments/`>>;
export type ApiTagKey = Item<Get<`${Org}/tags/`>>;
/**
 * Widened: the schema declares a tag value as just `{name}`; Sentry's serializer sends the value, its count and
 * when it was seen too (sentry-api.md §2.11), and the core reads `value`.
 */
export type ApiTagValue = Item<Get<`${Project}/tags/{key}/values/`>> & TagValueDetails;

export type SentryOrganization = Tolerant<ApiOrganization, 'id' | 'slug' | 'name'>;
export type SentryProject = Tolerant<ApiProject, 'id' | 'slug' | 'name'>;
export type SentryTeam = Tolerant<ApiTeam, 'id' | 'slug' | 'name'>;
export type SentryEnvironment = Tolerant<ApiEnvironment, 'name'>;
export type SentryTagKey = Tolerant<ApiTagKey, 'key'>;
export type SentryTagValue = Partial<ApiTagValue>;

// ---- Issues ---------------------------------------------------------------------------------------------

type ListedIssue = Item<Get<`${Org}/issues/`>>;
/** Keys the schema marks required that Sentry sends only with the matching `expand` (sentry-api.md §2.1). */
export type IssueExpandKey =
  'inbox' | 'owners' | 'sessionCount' | 'integrationIssues' | 'sentryAppIssues' | 'latestEventHasAttachments';
/** Counts of an issue: lifetime, or with the search's event-level conditions (`filtered`). */
type IssueCounts = NonNullable<ListedIssue['filtered']>;
/** Expand-only keys that Sentry sets to null for an issue that has none (its group stream serializer). */
type NullableExpandKey = 'inbox' | 'owners' | 'sessionCount';
/**
 * Narrowed: the schema types `lifetime` as an open object; Sentry sends the counts of `filtered` in it, with
 * `stats` null (sentry-api.md §2.1 example), and the core reads them.
 * Widened: the expand-only keys are optional (the narrow exception in fake-sentry/schema.test.ts), and
 * `inbox`, `owners`, `sessionCount` may be null.
 */
export type ApiIssue = Omit<ListedIssue, 'lifetime' | IssueExpandKey> &
  Partial<Pick<ListedIssue, Exclude<IssueExpandKey, NullableExpandKey>>> & {
    [K in NullableExpandKey]?: ListedIssue[K] | null;
  } & { lifetime: IssueLifetime };
type IssueLifetime = Omit<IssueCounts, 'stats'> & { stats?: null };
export type ApiIssueEvent = Item<Get<`${Org}/issues/{issue_id}/events/`>>;

/**
 * Every key but `id` may be missing: `collapse` drops groups of keys, older Sentry versions lack newer ones.
 * `lifetime` keeps its value types but not their presence, which the schema does not promise.
 */
export type SentryIssue = Tolerant<Omit<ApiIssue, 'lifetime'>, 'id'> & { lifetime?: Partial<IssueLifetime> };

// ---- Discover: events table and events-timeseries ---------------------------------------------------------

export type ApiEventsPage = Get<`${Org}/events/`>;
/** A row: keys are the requested field strings exactly (`count()`, `tags[browser]`…). */
export type SentryEventsRow = Item<ApiEventsPage['data']>;
export type SentryEventsMeta = ApiEventsPage['meta'];
export type SentryEventsPage = ApiEventsPage;

export type ApiEventsTimeseries = Get<`${Org}/events-timeseries/`>;
export type ApiTimeSeries = Item<ApiEventsTimeseries['timeSeries']>;
export type ApiTimeSeriesValue = Item<ApiTimeSeries['values']>;
export type ApiTimeSeriesGroupBy = Item<NonNullable<ApiTimeSeries['groupBy']>>;
export type ApiTimeSeriesMeta = ApiTimeSeries['meta'];

// ---- Sessions and stats_v2 --------------------------------------------------------------------------------

export type ApiSessions = Get<`${Org}/sessions/`>;
export type ApiSessionsGroup = Item<ApiSessions['groups']>;
export type SentrySessions = ApiSessions;
export type SentrySessionsGroup = ApiSessionsGroup;

type StatsV2 = Get<`${Org}/stats_v2/`>;
/**
 * Narrowed: the schema types `by`, `totals` and `series` as open objects of unknown values; Sentry sends label
 * values (project ids as numbers) and integer counts per field (sentry-api.md §2.7).
 * Widened: grouped by project, Sentry sends totals only, no `series` (a known schema error, relaxed for that
 * request in fake-sentry/schema.test.ts).
 */
export type ApiStatsV2Group = Omit<Item<StatsV2['groups']>, 'by' | 'totals' | 'series'> & {
  by: Record<string, string | number>;
  totals: Record<string, number>;
  series?: Record<string, number[]>;
};
/** Widened: grouped by project, no `intervals` either (see ApiStatsV2Group). */
export type ApiStatsV2 = Omit<StatsV2, 'intervals' | 'groups'> & { intervals?: string[]; groups: ApiStatsV2Group[] };
export type SentryStatsV2 = ApiStatsV2;
export type SentryStatsV2Group = ApiStatsV2Group;

// ---- Releases and deploys ---------------------------------------------------------------------------------

export type ApiDeploy = Item<Get<`${Org}/releases/{version}/deploys/`>>;
/**
 * Also an item of a project's releases list.
 * Widened: Sentry serializes `lastDeploy` as it serializes the deploys list, where `name` is nullable; the
 * schema's `lastDeploy` says it is not.
 */
export type ApiRelease = Omit<Item<Get<`${Org}/releases/`>>, 'lastDeploy'> & { lastDeploy?: ApiDeploy | null };

/** Only `id` and `version` are certain; the rest depends on the Sentry version and the release's history. */
export type SentryRelease = Tolerant<ApiRelease, 'id' | 'version'>;
export type SentryDeploy = Tolerant<ApiDeploy, 'id' | 'environment'>;
