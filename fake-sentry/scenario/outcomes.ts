// Usage outcomes (stats_v2): accepted events as generated, plus filtered, rate-limited, discarded and invalid ones.

import { deriveRng, poisson, randInt } from '../prng';
import { HOUR } from './content';
import { TRANSACTION_SAMPLE_RATE, trafficFactor } from './traffic-model';
import type { ErrorEvent, OutcomeRow, Project, SessionRow, TransactionEvent } from './types';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, round, min, max, ceil } = Math;

export function buildOutcomes(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  errors: readonly ErrorEvent[],
  transactions: readonly TransactionEvent[],
  sessions: readonly SessionRow[],
  burstStart: number
): OutcomeRow[] {
  const rng = deriveRng(seed, 'outcomes');
  // Counters indexed by hour × project (numeric keys keep this cheap).
  const hours = ceil((dataEnd - historyStart) / HOUR);
  const projectIndex = new Map(projects.map((p, i) => [p, i]));
  const key = (project: Project, ts: number) =>
    floor((ts - historyStart) / HOUR) * projects.length + projectIndex.get(project)!;
  const countBy = (items: ReadonlyArray<{ ts: number; project: Project }>) => {
    const counts = new Float64Array(hours * projects.length);
    for (const item of items) {
      if (item.ts >= historyStart) {
        counts[key(item.project, item.ts)]++;
      }
    }
    return counts;
  };
  const errorCounts = countBy(errors);
  const txCounts = countBy(transactions);
  const crashes = new Float64Array(hours * projects.length);
  for (const row of sessions) {
    crashes[key(row.project, row.hour)] += row.crashed;
  }

  const rows: OutcomeRow[] = [];
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const factor = trafficFactor(hour + HOUR / 2) * ((min(hour + HOUR, dataEnd) - hour) / HOUR);
    for (const project of projects) {
      const add = (category: string, outcome: string, reason: string, quantity: number, timesSeen = quantity) => {
        if (quantity > 0) {
          rows.push({ hour, project, category, outcome, reason, quantity, timesSeen });
        }
      };
      const k = key(project, hour);
      const errorsAccepted = errorCounts[k];
      const txAccepted = txCounts[k];
      add('error', 'accepted', 'none', errorsAccepted);
      if (project.platform === 'javascript') {
        add('error', 'filtered', 'browser-extensions', poisson(rng, errorsAccepted * 0.06));
        add('error', 'client_discard', 'before_send', poisson(rng, errorsAccepted * 0.02));
        add('replay', 'accepted', 'none', poisson(rng, 25 * factor));
        add('replay', 'rate_limited', 'usage_exceeded', poisson(rng, 0.3 * factor));
      } else {
        add('error', 'filtered', 'error-message', poisson(rng, 0.15 * factor));
      }
      if (project.slug === 'checkout-api' && hour + HOUR > burstStart) {
        // Spike protection drops part of the burst.
        add('error', 'rate_limited', 'smart_rate_limit', round(max(0, errorsAccepted - 120) * 0.4));
      }
      add('transaction', 'accepted', 'none', txAccepted);
      add('transaction', 'client_discard', 'sample_rate', round(txAccepted * (1 / TRANSACTION_SAMPLE_RATE - 1)));
      add('transaction', 'invalid', 'invalid_transaction', poisson(rng, 0.05 * factor));
      if (project.platform === 'react-native') {
        const crashed = crashes[k];
        add('attachment', 'accepted', 'none', crashed * randInt(rng, 90_000, 240_000), crashed);
      }
      if (project.slug === 'checkout-api' || project.platform === 'react-native') {
        add('profile', 'accepted', 'none', round(txAccepted * 0.3));
      }
    }
  }
  return rows;
}
