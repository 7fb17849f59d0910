/** Sentry's event datasets, and what an events query reads from each when the user picks no columns. */

/** Datasets a query can read; `discover` is Sentry's default when none is sent (errors + transactions). */
export type EventsDataset = 'errors' | 'transactions' | 'spans' | 'discover';

export const DATASETS: EventsDataset[] = ['errors', 'transactions', 'spans', 'discover'];

/** A dataset a request may go to: a saved one, or `spansIndexed`, the spans of Sentry versions before `spans`. */
export type ServedDataset = EventsDataset | 'spansIndexed';

/**
 * The dataset of a saved events or event-frequency query that names none: errors. Sentry's own default is discover
 * (errors and transactions), which it has deprecated.
 */
export const DEFAULT_DATASET: EventsDataset = 'errors';

/** Datasets Sentry has deprecated and will remove, and what replaces each (2026: getsentry/cli#1368). */
export const REPLACED_DATASETS = { discover: 'errors', transactions: 'spans' } as const satisfies Partial<
  Record<EventsDataset, EventsDataset>
>;

/** Saved queries on these run on their replacements. */
export const DEPRECATED_DATASETS = Object.keys(REPLACED_DATASETS) as EventsDataset[];

export const DEFAULT_EVENT_FIELDS: Record<EventsDataset, string[]> = {
  errors: ['id', 'timestamp', 'title', 'level', 'project', 'release', 'environment'],
  transactions: ['id', 'timestamp', 'transaction', 'transaction.duration', 'transaction.status', 'project'],
  spans: ['id', 'timestamp', 'span.op', 'span.description', 'span.duration', 'transaction', 'project', 'trace'],
  discover: ['id', 'timestamp', 'title', 'event.type', 'project'],
};

export function datasetProblem(dataset: EventsDataset | undefined): string | undefined {
  return dataset === undefined || DATASETS.includes(dataset)
    ? undefined
    : `Unknown dataset "${dataset}": use one of ${DATASETS.join(', ')}.`;
}

/** The span (EAP) datasets: their own functions, attributes and bucket sizes. */
export function isSpanDataset(dataset: ServedDataset): boolean {
  return dataset === 'spans' || dataset === 'spansIndexed';
}

/** Event tags (Sentry's tag keys and values) filter and group this dataset; span attributes are not among them. */
export function hasEventTags(dataset: ServedDataset): boolean {
  return !isSpanDataset(dataset);
}

/** Rows of this dataset are events with a page of their own in Sentry (spans open through their trace). */
export function hasEventPages(dataset: ServedDataset): boolean {
  return !isSpanDataset(dataset);
}
