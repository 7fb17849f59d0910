// Datasets the events endpoints accept, and which of them the fake serves with data.

import { badRequest } from '../errors';
import { datasetOptions, Flavour, isSaas } from '../flavours';
import type { Dialect } from './functions';

/** Datasets the server accepts (DATASET_OPTIONS plus the public schema's names). */
export const KNOWN_DATASETS = [
  'discover',
  'errors',
  'issuePlatform',
  'logs',
  'metrics',
  'metricsEnhanced',
  'ourlogs',
  'profileFunctions',
  'profile_functions',
  'profiles',
  'spans',
  'spansIndexed',
  'spansMetrics',
  'tracemetrics',
  'transactions',
  'uptimeChecks',
  'uptime_results',
];

/** Datasets with data in the fake; the others are valid but empty. */
export type ServedDataset = 'discover' | 'errors' | 'transactions' | 'spans' | 'empty';

/**
 * The dataset a request names (default `discover`) and what serves it. A flavour with its own dataset list
 * (flavours.ts) refuses the others with Sentry's message, the list in Sentry's order (get_dataset).
 */
export function resolveDataset(
  raw: string | null,
  flavour: Flavour = 'normal'
): { name: string; served: ServedDataset } {
  const name = raw ?? 'discover';
  const accepted = datasetOptions(flavour) ?? KNOWN_DATASETS;
  if (!accepted.includes(name)) {
    throw badRequest(`dataset must be one of: ${accepted.join(', ')}`);
  }
  switch (name) {
    case 'discover':
    case 'errors':
    case 'transactions':
      return { name, served: name };
    case 'metricsEnhanced':
    case 'metrics':
      // Metrics-backed performance data answers like transactions.
      return { name, served: 'transactions' };
    case 'spans':
    case 'spansIndexed':
    case 'spansMetrics':
      return { name, served: 'spans' };
    default:
      return { name, served: 'empty' };
  }
}

/** The functions and field types of a dataset: the spans dataset has its own (EAP), strict on sentry.io. */
export function datasetDialect(name: string, flavour: Flavour): Dialect {
  if (name !== 'spans') {
    return 'discover';
  }
  return isSaas(flavour) ? 'spans-saas' : 'spans';
}
