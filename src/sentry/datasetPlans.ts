/**
 * Which dataset a query really runs on. Sentry has deprecated `discover` (replaced by `errors`) and `transactions`
 * (replaced by `spans` with `is_transaction`), and will remove them; older self-hosted Sentry has no `spans`. A saved
 * query keeps its dataset; it runs on the current replacement first and on the saved dataset where the server
 * refuses the replacement, learnt once per data source.
 */
import type { SentryClient } from './client';
import { REPLACED_DATASETS, ServedDataset } from './datasets';
import { SentryError } from './errors';
import { readsTransactions, spanFieldOf, spanSearchOf } from './transactionsOnSpans';

export interface DatasetPlan {
  dataset: ServedDataset;
  /** A field (column or function) of the saved query on this dataset. */
  field: (field: string) => string;
  /** The saved search on this dataset. */
  search: (search: string) => string;
  /** Why it runs on another dataset than the saved one, for executedQueryString. */
  note?: string;
}

const asSaved = (dataset: ServedDataset): DatasetPlan => ({ dataset, field: (f) => f, search: (s) => s });
const onSpans = (saved: ServedDataset): DatasetPlan => ({
  dataset: REPLACED_DATASETS.transactions,
  field: spanFieldOf,
  search: spanSearchOf,
  note: `spans (the query names ${saved}, which Sentry has deprecated)`,
});
const onIndexedSpans: DatasetPlan = {
  dataset: 'spansIndexed',
  field: (f) => f,
  search: (s) => s,
  note: 'spansIndexed (this Sentry predates the spans dataset)',
};
const onErrors: DatasetPlan = {
  dataset: REPLACED_DATASETS.discover,
  field: (f) => f,
  search: (s) => s,
  note: 'errors (the query names discover, which Sentry has deprecated)',
};

/** The datasets a query saved on a dataset runs on, preferred first, where that is not just the saved one. */
const PLANS: Partial<Record<ServedDataset, (search: string, fields: readonly string[]) => DatasetPlan[]>> = {
  transactions: () => [onSpans('transactions'), asSaved('transactions')],
  discover: (search, fields) => [
    readsTransactions(search, fields) ? onSpans('discover') : onErrors,
    asSaved('discover'),
  ],
  spans: () => [asSaved(REPLACED_DATASETS.transactions), onIndexedSpans],
};

/** The datasets a query saved on `saved` runs on, preferred first. */
export function datasetPlans(saved: ServedDataset, search: string, fields: readonly string[]): DatasetPlan[] {
  return PLANS[saved]?.(search, fields) ?? [asSaved(saved)];
}

/** Runs on the first plan the server takes; a dataset it refuses is skipped from then on. */
export function runOnDatasets<T>(
  client: SentryClient,
  plans: readonly DatasetPlan[],
  attempt: (plan: DatasetPlan) => Promise<T>
): Promise<T> {
  const [first, ...rest] = plans;
  if (rest.length === 0) {
    return attempt(first);
  }
  return client.capabilities.use(
    `dataset:${first.dataset}`,
    () => attempt(first),
    () => runOnDatasets(client, rest, attempt),
    (error) => refusesDataset(error, first.dataset)
  );
}

/** Sentry's 400 for a dataset it does not have (older self-hosted) or no longer serves. */
export function refusesDataset(error: unknown, dataset: ServedDataset): boolean {
  if (!(error instanceof SentryError) || error.status !== 400 || !/\bdataset\b/i.test(error.message)) {
    return false;
  }
  return (
    new RegExp(`\\b${dataset}\\b`).test(error.message) ||
    /must be one of|unknown|invalid|not (a )?(valid|supported)|unsupported|deprecated|removed|retired/i.test(
      error.message
    )
  );
}

/** The executedQueryString line naming the dataset a query ran on, when it is not the saved one. */
export function datasetLine(plan: DatasetPlan): string[] {
  return plan.note ? [`dataset: ${plan.note}`] : [];
}
