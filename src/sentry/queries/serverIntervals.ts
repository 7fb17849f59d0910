/**
 * Buckets a server accepts on sessions and stats_v2. Sentry documents one hour as the smallest; servers with minute
 * resolution take finer ones for short ranges, older self-hosted Sentry never does. A refusal names the floor
 * ("…multiple of the minimum interval of one hour."): the request is sent once more at that floor, which is
 * remembered for the data source.
 */
import type { SentryClient } from '../client';
import { SentryError } from '../errors';
import {
  ChosenInterval,
  IntervalRequest,
  IntervalRule,
  chooseInterval,
  formatInterval,
  minimumIntervalIn,
  parseInterval,
  refusesFineBuckets,
} from '../interval';

export interface BucketedResult<T> {
  result: T;
  interval: ChosenInterval;
  /** How the interval reads in executedQueryString, with why it differs from the one asked for. */
  described: string;
}

/**
 * Runs `run` in the bucket size chosen for the request, once more at the floor a refusal names. `fixedMs` (a tail
 * refresh continuing a series read before, in buckets this server took) is used as it is.
 */
export async function withServerIntervals<T>(
  client: SentryClient,
  rule: IntervalRule,
  request: IntervalRequest,
  run: (interval: ChosenInterval) => Promise<T>,
  fixedMs?: number
): Promise<BucketedResult<T>> {
  if (fixedMs) {
    const fixed = { ms: fixedMs, text: formatInterval(fixedMs) };
    return { result: await run(fixed), interval: fixed, described: fixed.text };
  }
  const learnt = client.capabilities.intervalFloorMs(rule);
  const first = chooseInterval(rule, request, learnt);
  try {
    return { result: await run(first), interval: first, described: describeInterval(first, request) };
  } catch (error) {
    const floor = error instanceof SentryError && error.status === 400 ? floorIn(error.message, rule) : undefined;
    if (floor === undefined) {
      throw error;
    }
    if (floor.learnt) {
      client.capabilities.learnIntervalFloor(rule, floor.ms);
    }
    const retry = chooseInterval(rule, request, Math.max(learnt ?? 0, floor.ms));
    if (retry.ms <= first.ms) {
      throw error;
    }
    return { result: await run(retry), interval: retry, described: describeInterval(retry, request) };
  }
}

/** The floor a refusal asks for; `learnt` when it holds for every range (not only this one). */
function floorIn(message: string, rule: IntervalRule): { ms: number; learnt: boolean } | undefined {
  const minimum = minimumIntervalIn(message);
  if (minimum !== undefined) {
    return { ms: minimum, learnt: true };
  }
  return refusesFineBuckets(message) && rule.floorMs ? { ms: rule.floorMs, learnt: false } : undefined;
}

function describeInterval(chosen: ChosenInterval, request: IntervalRequest): string {
  const asked = request.requested ? parseInterval(request.requested) : undefined;
  return asked !== undefined && asked < chosen.ms
    ? `${chosen.text} (asked for ${formatInterval(asked)}; Sentry's smallest bucket for this range is ${chosen.text})`
    : chosen.text;
}
