// Command-line inputs: durations, instants, and the scenario anchor (from the environment or the running fake).

import { DEFAULT_SEED, defaultNow, MINUTE } from '../../fake-sentry/scenario';

/** `24h`, `90m`, `2d`, `3600s` or a number of seconds; 0 or empty = none. */
export function parseDuration(text: string | undefined): number {
  const raw = (text ?? '').trim();
  if (raw === '' || raw === '0') {
    return 0;
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw);
  if (!match) {
    throw new Error(`not a duration: "${raw}" (use e.g. 24h, 90m, 2d)`);
  }
  const unit = { ms: 1, s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE }[match[2] ?? 's'] ?? 1000;
  return Number(match[1]) * unit;
}

/** ISO-8601 or epoch milliseconds. */
export function parseInstant(text: string): number {
  const ms = /^\d+$/.test(text.trim()) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new Error(`not a time: "${text}" (ISO-8601 or epoch ms)`);
  }
  return ms;
}

/**
 * The scenario anchor and seed, in this order: DEMO_SCENARIO_NOW (+ FAKE_SENTRY_SEED); the running fake's own
 * (GET FAKE_SENTRY_URL/__fake/scenario, retried while the fake starts); else now floored to the minute, which
 * is what a fake started at the same time uses.
 */
export async function resolveAnchor(
  env: Record<string, string | undefined>,
  log: (line: string) => void = () => undefined,
  fetchImpl: typeof fetch = fetch
): Promise<{ now: number; seed: number; source: string }> {
  const envSeed = env.FAKE_SENTRY_SEED ? Number(env.FAKE_SENTRY_SEED) : DEFAULT_SEED;
  if (env.DEMO_SCENARIO_NOW) {
    return { now: parseInstant(env.DEMO_SCENARIO_NOW), seed: envSeed, source: 'DEMO_SCENARIO_NOW' };
  }
  const fakeUrl = env.FAKE_SENTRY_URL?.replace(/\/+$/, '');
  if (fakeUrl) {
    const deadline = Date.now() + parseDuration(env.DEMO_ANCHOR_WAIT ?? '120s');
    for (;;) {
      try {
        const res = await fetchImpl(`${fakeUrl}/__fake/scenario`);
        if (res.ok) {
          const body = (await res.json()) as { now?: string; seed?: number };
          const now = Date.parse(body.now ?? '');
          if (Number.isFinite(now)) {
            return { now, seed: typeof body.seed === 'number' ? body.seed : envSeed, source: fakeUrl };
          }
        }
        log(`${fakeUrl}/__fake/scenario answered ${res.status}`);
      } catch (error) {
        log(`waiting for the Sentry fake at ${fakeUrl}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (Date.now() >= deadline) {
        log('the Sentry fake did not answer: anchoring at this start-up instead');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return { now: defaultNow(), seed: envSeed, source: 'start-up time' };
}
