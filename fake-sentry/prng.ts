// Small deterministic random helpers: the scenario must be identical for the same seed.

export type Rng = () => number;

// Local bindings: global lookups are slow inside vm contexts (e.g. Jest), and these run millions of times.
const { imul, floor, exp, log, sqrt, cos, PI, round, max } = Math;

/** mulberry32: tiny 32-bit PRNG with good enough statistics for demo data. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash, used to derive independent sub-streams from one seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A PRNG stream for one purpose, so adding draws elsewhere does not reshuffle it. */
export function deriveRng(seed: number, label: string): Rng {
  return mulberry32((hashString(label) ^ imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[floor(rng() * items.length)];
}

/** Standard normal deviate (Box-Muller). */
export function normal(rng: Rng): number {
  const u = max(rng(), 1e-12);
  const v = rng();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

/** Log-normal sample with the given median and log-space sigma: realistic latency shapes. */
export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * exp(sigma * normal(rng));
}

/** Poisson sample; normal approximation for large means keeps generation fast. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) {
    return 0;
  }
  if (mean > 60) {
    return max(0, round(mean + sqrt(mean) * normal(rng)));
  }
  const limit = exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

// All 4-digit hex words: an 8-digit chunk is then a single concatenation.
const HEX_WORDS: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));

/** Lowercase hex string of the given length (ids are 16 or 32 digits). */
export function hexString(rng: Rng, length: number): string {
  let out = '';
  for (let produced = 0; produced < length; produced += 8) {
    const value = floor(rng() * 4294967296);
    out += HEX_WORDS[value >>> 16] + HEX_WORDS[value & 0xffff];
  }
  // Flatten the concatenation so ids stay compact in memory.
  return length % 8 === 0 ? out.slice(0) : out.slice(0, length);
}

/** murmur3's 32-bit finalizer: a bijective mix of one word. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const ID_SALTS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

/**
 * A hex id derived from a 64-bit random value (hi, lo): ids are computed on demand instead of
 * being stored for every generated event. The first two words are bijections of hi and lo, so
 * distinct values never collide; `salt` gives independent ids (event, trace, span) per value.
 */
export function hexId(hi: number, lo: number, salt: number, words: number): string {
  const first = mix32(hi ^ ID_SALTS[salt % 4]);
  const second = mix32(lo ^ ID_SALTS[(salt + 1) % 4]);
  let out = HEX_WORDS[first >>> 16] + HEX_WORDS[first & 0xffff];
  if (words > 1) {
    out += HEX_WORDS[second >>> 16] + HEX_WORDS[second & 0xffff];
  }
  let state = first ^ second;
  for (let i = 2; i < words; i++) {
    state = mix32(state + imul(i, 0x9e3779b9) + salt);
    out += HEX_WORDS[state >>> 16] + HEX_WORDS[state & 0xffff];
  }
  return out;
}

/** Sampler over fixed weights (cumulative table + binary search): cheap in hot loops. */
export function weightedSampler<T>(items: readonly T[], weightOf: (item: T) => number): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return (rng) => {
    const target = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return items[lo];
  };
}
