/** @jest-environment node */

import { ApiError } from './errors';
import { FilterTerm, compileSearch, isWildcard, matchesValue, parseDuration, parseSearch } from './search';

interface Item {
  name: string;
  duration: number;
  ts: number;
  tag?: string;
}

const NOW = Date.UTC(2026, 4, 20, 12);
const items: Item[] = [
  { name: 'GET /api/cart', duration: 40, ts: NOW - 1000, tag: 'a' },
  { name: 'POST /api/checkout', duration: 900, ts: NOW - 2 * 86_400_000 },
  { name: 'GET /api/products', duration: 120, ts: NOW - 3_600_000, tag: 'b c' },
];

function names(query: string): string[] {
  const predicate = compileSearch<Item>(parseSearch(query), {
    resolve: (key) => {
      switch (key) {
        case 'transaction':
          return { type: 'string', get: (i) => i.name };
        case 'transaction.duration':
          return { type: 'duration', get: (i) => i.duration };
        case 'timestamp':
          return { type: 'date', get: (i) => i.ts };
        case 'tag':
          return { type: 'string', get: (i) => i.tag };
        default:
          return null;
      }
    },
    text: (i) => i.name,
    now: NOW,
  });
  return items.filter(predicate).map((i) => i.name);
}

describe('search parser', () => {
  test('key:value, negation, lists, wildcards, quotes', () => {
    expect(names('transaction:"GET /api/cart"')).toEqual(['GET /api/cart']);
    expect(names('!transaction:"GET /api/cart"')).toHaveLength(2);
    expect(names('transaction:["GET /api/cart","GET /api/products"]')).toHaveLength(2);
    expect(names('transaction:GET*')).toEqual(['GET /api/cart', 'GET /api/products']);
    expect(names('tag:"b c"')).toEqual(['GET /api/products']);
  });

  // Sentry's src/sentry/api/event_search.py: quoted_value = '"' ('\\"' / ~r'[^"]')* '"', then `\"` → `"`;
  // WILDCARD_CHARS (a `*` after an even run of backslashes) makes a pattern (translate_wildcard: `\x` is x),
  // anything else is a literal (translate_escape_sequences: only `\*` changes, into `*`).
  test("escapes as Sentry's grammar reads them", () => {
    const raw = (text: string) => (parseSearch(`key:${text}`) as FilterTerm).value;
    expect(raw('"a\\"b"')).toBe('a"b');
    expect(raw('"a\\\\b"')).toBe('a\\\\b');
    expect(raw('"x\\*"')).toBe('x\\*');
    expect(raw('x\\*')).toBe('x\\*');
    expect((parseSearch('key:["a]", b, "c\\"d"]') as FilterTerm).list).toEqual(['a]', 'b', 'c"d']);

    expect(isWildcard('x*')).toBe(true);
    expect(isWildcard('x\\*')).toBe(false);
    expect(isWildcard('x\\\\*')).toBe(true);
    expect(matchesValue('x\\*', 'x*')).toBe(true);
    expect(matchesValue('x\\*', 'xy')).toBe(false);
    expect(matchesValue('x*', 'xy')).toBe(true);
    expect(matchesValue('a\\\\b', 'a\\\\b')).toBe(true);
    expect(matchesValue('a\\\\b', 'a\\b')).toBe(false);
    expect(matchesValue('a\\\\*', 'a\\anything')).toBe(true);
    expect(names('transaction:"GET \\*"')).toEqual([]);
    expect(names('transaction:"GET *"')).toEqual(['GET /api/cart', 'GET /api/products']);
  });

  test('has, comparisons with duration units, relative dates', () => {
    expect(names('has:tag')).toHaveLength(2);
    expect(names('!has:tag')).toEqual(['POST /api/checkout']);
    expect(names('transaction.duration:>0.1s')).toEqual(['POST /api/checkout', 'GET /api/products']);
    expect(names('transaction.duration:<=120ms')).toEqual(['GET /api/cart', 'GET /api/products']);
    expect(names('timestamp:-24h')).toEqual(['GET /api/cart', 'GET /api/products']);
    expect(names('timestamp:+24h')).toEqual(['POST /api/checkout']);
    expect(parseDuration('2m')).toBe(120_000);
  });

  test('free text, AND/OR precedence and parentheses', () => {
    expect(names('checkout')).toEqual(['POST /api/checkout']);
    expect(names('GET products')).toEqual(['GET /api/products']);
    expect(names('transaction:"GET /api/cart" OR transaction.duration:>500')).toEqual([
      'GET /api/cart',
      'POST /api/checkout',
    ]);
    expect(names('has:tag AND (transaction.duration:<50 OR transaction.duration:>100)')).toEqual([
      'GET /api/cart',
      'GET /api/products',
    ]);
    expect(names('')).toHaveLength(3);
  });

  test('unknown keys match nothing (but their negation matches all)', () => {
    expect(names('browser:Chrome')).toEqual([]);
    expect(names('!browser:Chrome')).toHaveLength(3);
  });

  test("parse errors carry Sentry's message with column and context", () => {
    expect(() => parseSearch('a:b) c')).toThrow(ApiError);
    expect(() => parseSearch('a:b) c')).toThrow(
      "Parse error at 'a:b) c' (column 4). This is commonly caused by unmatched parentheses. Enclose any text in double quotes."
    );
    expect(() => parseSearch('(level:error', 'Error parsing search query: ')).toThrow(
      /^Error parsing search query: Parse error at '\(level' \(column 1\)/
    );
    expect(() => names('transaction.duration:>fast')).toThrow(
      'Invalid duration value for transaction.duration: "fast"'
    );
  });
});
