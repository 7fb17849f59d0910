// Traffic model: expected rates as pure functions of time (a Prometheus exporter can follow the same curves).

import {
  BURST_DECAY_MS,
  BURST_PEAK_MS,
  BURST_PEAK_PER_HOUR,
  BURST_RELEASE,
  BURST_STAGING_PER_HOUR,
  BURST_TAIL_PER_HOUR,
  EnvName,
  MINUTE,
  PROJECTS,
} from './content';
import type { BurstInfo, Scenario } from './types';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { min, exp, sin, PI } = Math;

/** Stored transactions are a 10 % sample of the modelled traffic (client_discard/sample_rate covers the rest). */
export const TRANSACTION_SAMPLE_RATE = 0.1;

/** Daily cycle: peak ~15:00 UTC, trough ~03:00 UTC, weekends at 75 %. */
export function trafficFactor(t: number): number {
  const date = new Date(t);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.75 : 1;
  return (1 + 0.55 * sin((2 * PI * (hour - 9)) / 24)) * weekend;
}

/** 1 during the burst peak, then exponential decay; 0 before the bad deploy. */
export function burstShape(burstStart: number, t: number): number {
  const tau = t - burstStart;
  if (tau < 0) {
    return 0;
  }
  if (tau < BURST_PEAK_MS) {
    // Ramp up over the first ten minutes after the deploy.
    return min(1, tau / (10 * MINUTE) + 0.1);
  }
  return exp(-(tau - BURST_PEAK_MS) / BURST_DECAY_MS);
}

/** Modelled error events per hour of the burst issue (0 outside checkout-api production/staging). */
export function burstErrorsPerHour(
  scenario: Pick<Scenario, 'burst' | 'releases'>,
  projectSlug: string,
  env: string,
  t: number
): number {
  if (projectSlug !== scenario.burst.project) {
    return 0;
  }
  if (env === 'production') {
    return t < scenario.burst.start
      ? 0
      : BURST_PEAK_PER_HOUR * burstShape(scenario.burst.start, t) + BURST_TAIL_PER_HOUR;
  }
  if (env === 'staging') {
    const release = scenario.releases.find((r) => r.version === BURST_RELEASE);
    const stagingDeploy = release?.deploys.find((d) => d.environment === 'staging');
    return stagingDeploy && t >= stagingDeploy.dateFinished ? BURST_STAGING_PER_HOUR : 0;
  }
  return 0;
}

/** Modelled error events per hour for a project/environment at time t (baseline + burst). */
export function expectedErrorsPerHour(
  scenario: Pick<Scenario, 'burst' | 'releases'>,
  projectSlug: string,
  env: string,
  t: number
): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug);
  if (!spec || !isEnvName(env)) {
    return 0;
  }
  return spec.errorsPerHour[env] * trafficFactor(t) + burstErrorsPerHour(scenario, projectSlug, env, t);
}

/** Modelled requests (all transactions, before sampling) per minute. */
export function expectedRequestsPerMinute(projectSlug: string, env: string, t: number): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug);
  if (!spec || !isEnvName(env)) {
    return 0;
  }
  return (spec.transactionsPerHour[env] * trafficFactor(t)) / TRANSACTION_SAMPLE_RATE / 60;
}

/** Modelled failure probability of one transaction name at time t (the burst hits POST /api/checkout). */
export function expectedFailureRate(
  scenario: Pick<Scenario, 'burst'>,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): number {
  const spec = PROJECTS.find((p) => p.slug === projectSlug)?.transactions.find((tx) => tx.name === transaction);
  if (!spec) {
    return 0;
  }
  return min(0.95, spec.failureRate + burstFailureBoost(scenario.burst, projectSlug, env, transaction, t));
}

/** Latency model of one transaction: log-normal median (ms) and sigma, slowed down during the burst. */
export function expectedLatency(
  scenario: Pick<Scenario, 'burst'>,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): { medianMs: number; sigma: number } | undefined {
  const spec = PROJECTS.find((p) => p.slug === projectSlug)?.transactions.find((tx) => tx.name === transaction);
  if (!spec) {
    return undefined;
  }
  return {
    medianMs: spec.medianMs * burstSlowdown(scenario.burst, projectSlug, env, transaction, t),
    sigma: spec.sigma,
  };
}

function isBurstTransaction(burst: BurstInfo, projectSlug: string, env: string, transaction: string): boolean {
  return projectSlug === burst.project && env === 'production' && transaction === 'POST /api/checkout';
}

/** Extra failure probability of the burst's transaction (0 elsewhere). */
export function burstFailureBoost(
  burst: BurstInfo,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): number {
  return isBurstTransaction(burst, projectSlug, env, transaction) ? 0.35 * burstShape(burst.start, t) : 0;
}

/** Latency factor of the burst's transaction (1 elsewhere). */
export function burstSlowdown(
  burst: BurstInfo,
  projectSlug: string,
  env: string,
  transaction: string,
  t: number
): number {
  return isBurstTransaction(burst, projectSlug, env, transaction) ? 1 + 0.8 * burstShape(burst.start, t) : 1;
}

export function isEnvName(value: string): value is EnvName {
  return value === 'production' || value === 'staging' || value === 'development';
}
