/**
 * Sentry response shapes that are NOT in Sentry's OpenAPI schema, so nothing can generate them: hand-written here,
 * from the contract in sentry-api.md (the section named on each). The fake Sentry builds the same shapes.
 */

// ---- events-stats (sentry-api.md §2.4): experimental, absent from every published schema --------------------

/**
 * One bucket: start in epoch seconds, then its values. The value key is always `count`, whatever the aggregate;
 * null is a missing value, an empty list a zero-filled bucket; `comparisonCount` comes with `comparisonDelta`.
 */
export type EventsStatsBucket = [number, Array<{ count: number | null; comparisonCount?: number | null }>];

/** Column types and units of an events-stats series (keys in Sentry's alias or input form). */
export interface EventsStatsMeta {
  fields?: Record<string, string>;
  units?: Record<string, string | null>;
  isMetricsData?: boolean;
  isMetricsExtractedData?: boolean;
  tips?: Record<string, string>;
  datasetReason?: string;
  dataset?: string;
}

/** A series object: buckets plus the bucket-aligned range; `order` is its rank among y-axes or top groups. */
export interface EventsStatsSeries {
  data: EventsStatsBucket[];
  start?: number;
  end?: number;
  order?: number;
  isMetricsData?: boolean;
  isMetricsExtractedData?: boolean;
  meta?: EventsStatsMeta;
}

/** Several y-axes of one top group (shape D): series keyed by y-axis, and the group's rank as `order`. */
export type EventsStatsGroup = Record<string, EventsStatsSeries | number>;

/**
 * The whole answer, in one of six shapes: a bare series (one y-axis, A and E), series keyed by y-axis (B), by
 * top group (C, F), or by top group then y-axis (D). No accessible project: `{data: []}`.
 */
export type EventsStatsBody = EventsStatsSeries | Record<string, EventsStatsSeries | EventsStatsGroup>;

// ---- GET /api/0/ (sentry-api.md §2.12) -------------------------------------------------------------------

/** The API root: the token's scopes, or `auth: null` without credentials. */
export interface ApiIndex {
  version: string;
  auth: { scopes: string[] } | null;
  user: { id: string; name: string; username: string; email: string; isActive: boolean } | null;
}

// ---- Project tag values (sentry-api.md §2.11) --------------------------------------------------------------

/** What Sentry's tag-value serializer sends beyond the schema's `{name}`. */
export interface TagValueDetails {
  key: string;
  value: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
}
