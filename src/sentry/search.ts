/**
 * Building pieces of Sentry search syntax from values that may contain spaces, quotes, commas, brackets or
 * operators, so a value can never change the meaning of the search it is put into.
 */

/** Characters that end or alter a bare value in Sentry's search grammar. */
const NEEDS_QUOTES = /[\s"(),[\]:!<>=*\\]|^$/;

/** One value, quoted and escaped when it needs it. `*` is quoted too, so it matches literally. */
export function searchValue(value: string): string {
  if (!NEEDS_QUOTES.test(value) && !/^(AND|OR)$/i.test(value)) {
    return value;
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
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

/** Joins conditions with AND semantics; a user's search is wrapped so its own OR cannot leak out. */
export function joinSearch(...parts: Array<string | undefined>): string {
  const present = parts.map((p) => (p ?? '').trim()).filter((p) => p !== '');
  if (present.length <= 1) {
    return present[0] ?? '';
  }
  return present.map((p) => (/\bOR\b/.test(p) ? `(${p})` : p)).join(' ');
}
