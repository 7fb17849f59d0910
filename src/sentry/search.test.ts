/** @jest-environment node */
import { FilterTerm, isWildcard, matchesValue, parseSearch } from '../../fake-sentry/search';
import { SentryError } from './errors';
import { joinSearch, numericFilter, searchFilter, searchValue } from './search';

/** The one filter `key:<text>` parses to under Sentry's grammar (the fake follows event_search.py). */
function parsedFilter(text: string): FilterTerm {
  const node = parseSearch(`key:${text}`);
  if (node?.type !== 'filter') {
    throw new Error(`key:${text} is not one filter: ${JSON.stringify(node)}`);
  }
  return node;
}

// [value, exact search text]. Sentry's grammar (src/sentry/api/event_search.py): a bare value ends at a space or
// parenthesis; `"…"` escapes only `"`; `*` is a wildcard in both forms unless written `\*`; a backslash escapes
// nothing else, so it is written as is.
const WRITTEN: Array<[string, string]> = [
  ['checkout-api@2.4.1', 'checkout-api@2.4.1'],
  ['*', '\\*'],
  ['a*b', 'a\\*b'],
  ['*.example.com', '\\*.example.com'],
  ['a b*', '"a b\\*"'],
  ['back\\slash', 'back\\slash'],
  ['ends\\', 'ends\\'],
  ['two\\\\*', 'two\\\\\\*'],
  ['"', '"\\""'],
  ['x" OR level:fatal "', '"x\\" OR level:fatal \\""'],
  ['a\\"b', '"a\\\\"b"'],
  ['key:value', '"key:value"'],
  ['(x', '"(x"'],
  ['x)', '"x)"'],
  ['a (b) c', '"a (b) c"'],
  ['OR', '"OR"'],
  ['and', '"and"'],
  ['ORDER', 'ORDER'],
  ['!neg', '"!neg"'],
  ['!=x', '"!=x"'],
  ['>5', '">5"'],
  ['=x', '"=x"'],
  ['a,b', '"a,b"'],
  ['[x]', '"[x]"'],
  ['a]', '"a]"'],
  ['[', '"["'],
  ['tab\there', '"tab\there"'],
  ['line\nbreak', '"line\nbreak"'],
  ['\uF00DContains\uF00Dx', '"\uF00DContains\uF00Dx"'],
  ['тест', 'тест'],
  ['тест 🚀', '"тест 🚀"'],
  ['', '""'],
];

describe('search values', () => {
  it.each(WRITTEN)('writes %j as %j', (value, text) => {
    expect(searchValue(value)).toBe(text);
  });

  it.each(WRITTEN)('%j reads back as exactly itself, never as a pattern or another filter', (value) => {
    const term = parsedFilter(searchValue(value));
    expect(term).toMatchObject({ key: 'key', negated: false, operator: '=', list: null });
    expect(isWildcard(term.value)).toBe(false);
    expect(matchesValue(term.value, value)).toBe(true);
    expect(matchesValue(term.value, `${value}x`)).toBe(false);
    expect(matchesValue(term.value, `x${value}`)).toBe(false);
  });

  it.each([
    ['a\\*', 'a backslash before *'],
    ['\\*x', 'a backslash before *'],
    ['a\\\\\\*', 'three backslashes before *'],
    ['a b\\', 'a quoted value ending in a backslash'],
    ['x,\\', 'a quoted value ending in a backslash'],
  ])('refuses %j (%s): Sentry has no way to write it', (value) => {
    expect(() => searchValue(value)).toThrow(SentryError);
    expect(() => searchValue(value)).toThrow(
      `The value "${value}" cannot be written in a Sentry search: Sentry reads a backslash before * or before the closing quote as an escape.`
    );
  });

  it('leaves plain values bare', () => {
    expect(searchFilter('release', ['1.0'])).toBe('release:1.0');
  });

  it('lists several values with Sentry’s IN syntax, each written as above', () => {
    expect(searchFilter('environment', ['production', 'staging eu', 'production'])).toBe(
      'environment:[production, "staging eu"]'
    );
    expect(searchFilter('request_id', ['*', 'a,b', 'x]', 'q"'])).toBe('request_id:[\\*, "a,b", "x]", "q\\""]');
    expect(parsedFilter(searchFilter('request_id', ['*', 'a,b', 'x]', 'q"']).slice('request_id:'.length)).list).toEqual(
      ['\\*', 'a,b', 'x]', 'q"']
    );
    expect(searchFilter('environment', [])).toBe('');
  });

  it('writes numeric ids bare, as Sentry wants for issue.id, and refuses anything else', () => {
    expect(numericFilter('issue.id', ['12', '7', '12'])).toBe('issue.id:[12, 7]');
    expect(numericFilter('issue.id', ['7'])).toBe('issue.id:7');
    expect(numericFilter('issue.id', [])).toBe('');
    expect(() => numericFilter('issue.id', ['7', '8 OR is:resolved'])).toThrow(
      'Sentry sent "8 OR is:resolved" as issue.id, which is not a number.'
    );
  });

  it('keeps a user OR (any case, as Sentry reads it) from leaking when joined', () => {
    expect(joinSearch('level:error OR level:fatal', 'release:1.0')).toBe('(level:error OR level:fatal) release:1.0');
    expect(joinSearch('level:error or level:fatal', 'release:1.0')).toBe('(level:error or level:fatal) release:1.0');
    expect(joinSearch('', undefined, 'a:b')).toBe('a:b');
  });
});
