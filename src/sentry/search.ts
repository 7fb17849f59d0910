/**
 * Building pieces of Sentry search syntax from values that may contain spaces, quotes, commas, brackets,
 * wildcards or operators, so a value can never change the meaning of the search it is put into.
 *
 * The rules follow Sentry's grammar (src/sentry/api/event_search.py in getsentry/sentry):
 * - a bare value runs to the next space, tab, newline or parenthesis; a quoted value is `"…"`, in which `\"` is
 *   the only escape (a quote); every other backslash stays as written;
 * - after that, in quoted and bare values alike, `*` is a wildcard unless escaped as `\*`; a value is a pattern as
 *   soon as one `*` follows an even number of backslashes, and a backslash escapes nothing but `*`.
 * So a backslash itself cannot be escaped: a value with an odd run of backslashes right before a `*`, or one that
 * needs quotes and ends in a backslash (it would escape the closing quote), cannot be written and is refused.
 */
import { SentryError } from './errors';

/**
 * Characters that end a bare value or give it another meaning: spaces and parentheses end it, a quote opens a
 * quoted value, `,` `[` `]` belong to lists, `!` `<` `>` `=` `:` to operators and filters, and U+F00D marks
 * Sentry's contains/starts-with operators. Empty needs quotes to be a value at all.
 */
const NEEDS_QUOTES = /[\s"(),[\]:!<>=\uF00D]|^$/;

/** `*` after an odd number of backslashes (counting the one added to escape it), which Sentry reads as a wildcard. */
const UNWRITABLE_STAR = /(^|[^\\])\\(\\\\)*\*/;

/** One value, matched exactly: `*` escaped, quoted and `"` escaped when it needs it. */
export function searchValue(value: string): string {
  const quoted = NEEDS_QUOTES.test(value) || /^(AND|OR)$/i.test(value);
  if (UNWRITABLE_STAR.test(value) || (quoted && value.endsWith('\\'))) {
    throw new SentryError(
      'query',
      `The value "${value}" cannot be written in a Sentry search: Sentry reads a backslash before * or before ` +
        'the closing quote as an escape.'
    );
  }
  const escaped = value.replace(/\*/g, '\\*');
  return quoted ? `"${escaped.replace(/"/g, '\\"')}"` : escaped;
}

/** `key:value`, or `key:[a, b]` for several values; empty list → no condition. */
export function searchFilter(key: string, values: string[]): string {
  const list = [...new Set(values)];
  if (list.length === 0) {
    return '';
  }
  if (list.length === 1) {
    return `${key}:${searchValue(list[0])}`;
  }
  return `${key}:[${list.map(searchValue).join(', ')}]`;
}

/**
 * `key:[1, 2]` for a numeric key such as issue.id: Sentry refuses quoted numbers there, so every value must be
 * a whole number (they come from Sentry's own answers; anything else is a broken answer).
 */
export function numericFilter(key: string, values: string[]): string {
  const bad = values.find((v) => !/^\d+$/.test(v));
  if (bad !== undefined) {
    throw new SentryError('invalid-response', `Sentry sent "${bad}" as ${key}, which is not a number.`);
  }
  const list = [...new Set(values)];
  return list.length === 0 ? '' : list.length === 1 ? `${key}:${list[0]}` : `${key}:[${list.join(', ')}]`;
}

/**
 * Joins conditions with AND semantics; a user's search is wrapped so its own OR cannot leak out (Sentry reads
 * `or` in any case as the operator).
 */
export function joinSearch(...parts: Array<string | undefined>): string {
  const present = parts.map((p) => (p ?? '').trim()).filter((p) => p !== '');
  if (present.length <= 1) {
    return present[0] ?? '';
  }
  return present.map((p) => (/\bOR\b/i.test(p) ? `(${p})` : p)).join(' ');
}
