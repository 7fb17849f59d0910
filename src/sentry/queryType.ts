/**
 * What a query type is: everything about one `queryType` in one object, so a type is found end to end in its
 * module under ./queries (and its editor). The registry (./registry.ts) picks the module; nothing else switches
 * on the type.
 */
import type { DataFrame } from '@grafana/data';
import type { FieldErrors } from './checks';
import type { SentryClient } from './client';
import type { EventsDataset } from './datasets';
import type { QueryContext } from './queries/context';
import type { SentryQueryBase } from './query';

/**
 * How a saved field is read from older dashboards and how dashboard variables are applied to it:
 * - search: Sentry search text; variable values become Sentry search values (quoted, lists as [a, b]).
 * - list: names or ids; a lone saved value becomes a list, and each variable value one entry.
 * - choices: fixed choices; a lone saved value becomes a list; variables are not applied.
 * - text: plain text with variables (sort fields, intervals, tag keys).
 * - number: numeric text from older dashboards becomes a number, empty text the default; other text is kept
 *   for validation to report.
 * - flag: a switch; the text "true" or "false" from older dashboards becomes the boolean, anything else is kept for
 *   validation to report.
 */
export type FieldKind = 'search' | 'list' | 'choices' | 'text' | 'number' | 'flag';

/** A saved query before migration: any JSON object. */
export type LooseQuery = Record<string, unknown> & { refId?: string };

/** The fields a type adds to the base query. */
type OwnFields<Q> = Omit<Q, keyof SentryQueryBase<string>>;

export interface QueryTypeModule<Q extends SentryQueryBase<string>, K extends string = string> {
  /** What a new query of this type holds: valid and runnable as it is. */
  defaults(): OwnFields<Q>;
  /** The type's fields that migration and interpolation treat specially (see FieldKind). */
  fields: { [P in keyof OwnFields<Q>]?: FieldKind };
  /** The search field that ad hoc filters are added to; types without one ignore ad hoc filters. */
  adHocSearchField?: keyof OwnFields<Q> & string;
  /** `queryType` values of older shapes this type reads, each with the upgrade of its fields. */
  legacyTypes?: Record<string, (query: LooseQuery) => void>;
  /** False when Sentry cannot filter this type by environment (the editor then offers no environments). */
  filtersEnvironments?: boolean;
  /** The Sentry dataset the query reads, for the types that read one. */
  dataset?(query: Q): EventsDataset;
  /** What is wrong with a (migrated) query, by field; empty when it can run. */
  validate(query: Q): FieldErrors<K>;
  /** One line for query history and Explore; the registry adds the project/environment scope. */
  displayText(query: Q): string;
  /** Reads Sentry for a valid query; failures throw SentryError. */
  run(client: SentryClient, query: Q, context: QueryContext): Promise<DataFrame[]>;
}
