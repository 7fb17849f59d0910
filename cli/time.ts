/** Grafana-style times for the CLI: ISO-8601, `now`, or `now-<n><unit>` (s, m, h, d, w, M, y). */

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

export function parseTime(text: string, now: Date = new Date()): Date {
  const value = text.trim();
  const relative = /^now(?:([+-])(\d+)([smhdwMy]))?$/.exec(value);
  if (relative) {
    if (!relative[1]) {
      return new Date(now.getTime());
    }
    const sign = relative[1] === '-' ? -1 : 1;
    const amount = Number(relative[2]) * sign;
    const unit = relative[3];
    const date = new Date(now.getTime());
    if (unit === 'M') {
      date.setUTCMonth(date.getUTCMonth() + amount);
    } else if (unit === 'y') {
      date.setUTCFullYear(date.getUTCFullYear() + amount);
    } else {
      date.setTime(date.getTime() + amount * UNIT_MS[unit]);
    }
    return date;
  }
  // Only full ISO-8601 dates: a bare number or a word must not slip through Date.parse.
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) {
      return new Date(ms);
    }
  }
  throw new Error(`Invalid time "${text}": use ISO-8601 (2026-05-01T12:00:00Z), now, or now-6h / now-7d.`);
}
