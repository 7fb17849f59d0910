// Datasets the events endpoints accept, and which of them the fake serves with data.

import { badRequest } from '../errors';

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
/** Datasets with data in the fake; the others are valid but empty. */
export type ServedDataset = 'discover' | 'errors' | 'transactions' | 'spans' | 'empty';

export function resolveDataset(raw: string | null): { name: string; served: ServedDataset } {
  const name = raw ?? 'discover';
  if (!KNOWN_DATASETS.includes(name)) {
    throw badRequest(`dataset must be one of: ${KNOWN_DATASETS.join(', ')}`);
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
