/** What every measure reports, and the statistics the bench uses. */

export interface Measure {
  /** P1…P7, as docs/PERFORMANCE.md names them. */
  id: string;
  value: number;
  target: number;
  /** How the value compares with the target: `≤` the most it may be, `≥` the least. */
  direction: '≤' | '≥';
  met: boolean;
  /** One human line per finding: what was measured and the ratio. */
  lines: string[];
  /** Further figures behind the value (requests, rounds, spreads), kept in the JSON. */
  details?: Record<string, unknown>;
}

export function measure(
  id: string,
  value: number,
  target: number,
  direction: '≤' | '≥',
  lines: string[],
  details?: Record<string, unknown>,
  /** A condition besides the value (e.g. no failed panel); the measure is met only with it. */
  also = true
): Measure {
  const withinTarget = direction === '≤' ? value <= target : value >= target;
  return { id, value, target, direction, met: withinTarget && also, lines, details };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value below which `q` (0..1) of the values lie, interpolating between neighbours. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function milliseconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return milliseconds(start);
}

export function timeSync(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return milliseconds(start);
}

/** The median of `repeat` timings after one warm-up run (the JIT's first pass is not what a user waits for). */
export function medianTime(fn: () => void, repeat = 9): number {
  fn();
  return median(Array.from({ length: repeat }, () => timeSync(fn)));
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
