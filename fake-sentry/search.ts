// Subset of Sentry's search syntax (used by issues, events, events-stats, sessions and releases):
// `key:value`, `!key:value`, `key:[a,b]`, `has:key`, quoted values, wildcards `*`,
// comparisons `>`, `<`, `>=`, `<=` on numbers, durations (`500ms`) and dates (`-24h`),
// free text, implicit AND, explicit `AND`/`OR` with parentheses.
// Escapes as in Sentry's src/sentry/api/event_search.py: inside `"…"` only `\"` is an escape (a quote), other
// backslashes stay; then `*` is a wildcard unless written `\*` (quoted or not), and only a wildcard value reads
// `\x` as a literal x. A term's `value`/`list` hold the value after unquoting (Sentry's raw value).

import { ApiError } from './errors';

export type Operator = '=' | '>' | '<' | '>=' | '<=';

export interface FilterTerm {
  type: 'filter';
  key: string;
  negated: boolean;
  operator: Operator;
  /** Raw value (quotes removed); for lists, the items. */
  value: string;
  list: string[] | null;
}

export interface HasTerm {
  type: 'has';
  key: string;
  negated: boolean;
}

export interface TextTerm {
  type: 'text';
  value: string;
}

export interface BooleanNode {
  type: 'and' | 'or';
  children: SearchNode[];
}

export type SearchTerm = FilterTerm | HasTerm | TextTerm;
export type SearchNode = SearchTerm | BooleanNode;

function isBoolean(node: SearchNode): node is BooleanNode {
  return node.type === 'and' || node.type === 'or';
}

type Token =
  { kind: 'lparen' | 'rparen' | 'and' | 'or'; pos: number } | { kind: 'term'; term: SearchNode; pos: number };

const KEY_PATTERN = /^(!?)([A-Za-z_][\w.\-]*(?:\[[^\]]*\])?(?:\([^)]*\))?):/;

function parseError(query: string, pos: number, prefix = ''): ApiError {
  // Sentry reports a 1-based column and 5 characters on either side of it.
  const column = pos + 1;
  const context = query.slice(Math.max(0, column - 5), column) + query.slice(column, column + 5);
  return new ApiError(
    400,
    `${prefix}Parse error at '${context}' (column ${column}). This is commonly caused by unmatched parentheses. Enclose any text in double quotes.`
  );
}

function readQuoted(query: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start + 1; i < query.length; i++) {
    const ch = query[i];
    if (ch === '\\' && query[i + 1] === '"') {
      value += '"';
      i++;
    } else if (ch === '"') {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  return null;
}

function readBare(query: string, start: number): { value: string; end: number } {
  let end = start;
  while (end < query.length && !/\s/.test(query[end]) && query[end] !== ')') {
    end++;
  }
  return { value: query.slice(start, end).replace(/\\"/g, '"'), end };
}

/** `[a, "b c", d]` from `start` (at `[`): items quoted or bare (to the next `,` or `]`); null when not a list. */
function readList(query: string, start: number): { items: string[]; end: number } | null {
  const items: string[] = [];
  let i = start + 1;
  for (;;) {
    while (query[i] === ' ') {
      i++;
    }
    if (query[i] === '"') {
      const quoted = readQuoted(query, i);
      if (!quoted) {
        return null;
      }
      items.push(quoted.value);
      i = quoted.end;
    } else {
      let end = i;
      while (end < query.length && query[end] !== ',' && query[end] !== ']') {
        end++;
      }
      const item = query.slice(i, end).trim().replace(/\\"/g, '"');
      if (item !== '') {
        items.push(item);
      }
      i = end;
    }
    while (query[i] === ' ') {
      i++;
    }
    if (query[i] === ']') {
      return { items, end: i + 1 };
    }
    if (query[i] !== ',') {
      return null;
    }
    i++;
  }
}

function tokenize(query: string, errorPrefix: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(') {
      tokens.push({ kind: 'lparen', pos: i });
      i++;
      continue;
    }
    if (ch === ')') {
      tokens.push({ kind: 'rparen', pos: i });
      i++;
      continue;
    }
    const rest = query.slice(i);
    const boolMatch = /^(AND|OR)(?=[\s()]|$)/.exec(rest);
    if (boolMatch) {
      tokens.push({ kind: boolMatch[1] === 'AND' ? 'and' : 'or', pos: i });
      i += boolMatch[1].length;
      continue;
    }
    const keyMatch = KEY_PATTERN.exec(rest);
    if (keyMatch) {
      const negated = keyMatch[1] === '!';
      const key = keyMatch[2];
      let j = i + keyMatch[0].length;
      let operator: Operator = '=';
      const opMatch = /^(>=|<=|>|<|=)/.exec(query.slice(j));
      if (opMatch) {
        operator = opMatch[1] as Operator;
        j += opMatch[1].length;
      }
      let value: string;
      let list: string[] | null = null;
      const listed = query[j] === '[' ? readList(query, j) : null;
      if (query[j] === '"') {
        const quoted = readQuoted(query, j);
        if (!quoted) {
          throw parseError(query, j, errorPrefix);
        }
        value = quoted.value;
        j = quoted.end;
      } else if (listed) {
        list = listed.items;
        value = query.slice(j, listed.end);
        j = listed.end;
      } else {
        const bare = readBare(query, j);
        value = bare.value;
        j = bare.end;
      }
      if (key === 'has') {
        tokens.push({ kind: 'term', term: { type: 'has', key: value, negated }, pos: i });
      } else {
        tokens.push({ kind: 'term', term: { type: 'filter', key, negated, operator, value, list }, pos: i });
      }
      i = j;
      continue;
    }
    if (ch === '"') {
      const quoted = readQuoted(query, i);
      if (!quoted) {
        throw parseError(query, i, errorPrefix);
      }
      tokens.push({ kind: 'term', term: { type: 'text', value: quoted.value }, pos: i });
      i = quoted.end;
      continue;
    }
    const bare = readBare(query, i);
    tokens.push({ kind: 'term', term: { type: 'text', value: bare.value }, pos: i });
    i = bare.end;
  }
  return tokens;
}

/**
 * Parse a search query. Returns null for an empty query.
 * `errorPrefix` lets issue search prepend "Error parsing search query: " like Sentry does.
 */
export function parseSearch(query: string, errorPrefix = ''): SearchNode | null {
  const tokens = tokenize(query, errorPrefix);
  let index = 0;

  const parseOr = (): SearchNode | null => {
    const parts: SearchNode[] = [];
    let current = parseAnd();
    if (current) {
      parts.push(current);
    }
    while (index < tokens.length && tokens[index].kind === 'or') {
      index++;
      current = parseAnd();
      if (current) {
        parts.push(current);
      }
    }
    if (parts.length === 0) {
      return null;
    }
    return parts.length === 1 ? parts[0] : { type: 'or', children: parts };
  };

  const parseAnd = (): SearchNode | null => {
    const parts: SearchNode[] = [];
    while (index < tokens.length) {
      const token = tokens[index];
      if (token.kind === 'rparen' || token.kind === 'or') {
        break;
      }
      if (token.kind === 'and') {
        index++;
        continue;
      }
      if (token.kind === 'lparen') {
        index++;
        const inner = parseOr();
        if (index >= tokens.length || tokens[index].kind !== 'rparen') {
          throw parseError(query, token.pos, errorPrefix);
        }
        index++;
        if (inner) {
          parts.push(inner);
        }
        continue;
      }
      if (token.kind === 'term') {
        parts.push(token.term);
      }
      index++;
    }
    if (parts.length === 0) {
      return null;
    }
    return parts.length === 1 ? parts[0] : { type: 'and', children: parts };
  };

  const root = parseOr();
  if (index < tokens.length) {
    // Only an unmatched ")" stops the parser early.
    throw parseError(query, tokens[index].pos, errorPrefix);
  }
  return root;
}

/** All filter terms in a tree (for callers that pull out special keys such as `release:` or `is:`). */
export function collectTerms(node: SearchNode | null): SearchTerm[] {
  if (!node) {
    return [];
  }
  return isBoolean(node) ? node.children.flatMap(collectTerms) : [node];
}

export type ValueType = 'string' | 'number' | 'duration' | 'date' | 'boolean';

export interface FieldResolver<Row> {
  type: ValueType;
  get(row: Row): unknown;
}

export interface CompileOptions<Row> {
  /** Resolve a key to a typed getter; null = unknown key. */
  resolve(key: string): FieldResolver<Row> | null;
  /** Text free-text terms are matched against (case-insensitive). */
  text(row: Row): string;
  /** Custom predicate for special keys (e.g. `is:`); return undefined to fall through. */
  special?(term: FilterTerm): ((row: Row) => boolean) | undefined;
  /** Reference time for relative dates like `-24h`. */
  now: number;
  /** Keys to skip (handled elsewhere, e.g. aggregate conditions): the term counts as "true". */
  skip?(key: string): boolean;
  /** Treat free-text terms as "true" (the aggregate pass of a Discover query). */
  skipText?: boolean;
  /** Message for an unknown key; default: treat it as an (absent) tag. */
  unknownKey?(key: string): ApiError | undefined;
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  w: 604_800_000,
};

/** Parse `500ms`, `1.5s`, `2m`; bare numbers are milliseconds. */
export function parseDuration(value: string): number | null {
  const match = /^(-?\d+(?:\.\d+)?)(ms|s|min|m|hr|h|day|d|w)?$/.exec(value.trim());
  if (!match) {
    return null;
  }
  return Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms'];
}

/** Parse numbers with Sentry's suffixes (`1k`, `2.5m`, `1b`) and percentages. */
export function parseNumber(value: string): number | null {
  const match = /^(-?\d+(?:\.\d+)?)([kmb%]?)$/i.exec(value.trim());
  if (!match) {
    return null;
  }
  const multipliers: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, '%': 0.01 };
  return Number(match[1]) * multipliers[match[2].toLowerCase()];
}

/** Parse an absolute date: ISO with or without offset (naive = UTC), or epoch seconds. */
export function parseAbsoluteDate(value: string): number | null {
  if (/^\d{9,11}(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) {
    return null;
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const normalized = value.length === 10 ? `${value}T00:00:00Z` : hasZone ? value : `${value}Z`;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}

function wildcardRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Sentry's WILDCARD_CHARS: a `*` after an even number of backslashes (none included) makes a value a pattern. */
export function isWildcard(raw: string): boolean {
  return /(?<!\\)(\\\\)*\*/.test(raw);
}

/** Sentry's translate_escape_sequences, for a value that is not a pattern: `\*` is a `*`, other backslashes stay. */
export function literalValue(raw: string): string {
  return raw.replace(/\\([\s\S])/g, (escape, next: string) => (next === '*' ? '*' : escape));
}

/** Sentry's translate_wildcard: `*` matches anything, `\x` is a literal x. */
export function valuePattern(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\' && i + 1 < raw.length) {
      source += raw[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else {
      source += raw[i] === '*' ? '.*' : raw[i].replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

/** What a string filter's raw value asks for: the value itself, or the pattern it makes. Build once, test per row. */
export function valueMatcher(raw: string): (text: string) => boolean {
  if (isWildcard(raw)) {
    const pattern = valuePattern(raw);
    return (text) => pattern.test(text);
  }
  const literal = literalValue(raw);
  return (text) => text === literal;
}

export function matchesValue(raw: string, text: string): boolean {
  return valueMatcher(raw)(text);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function compare(actual: number, operator: Operator, expected: number): boolean {
  switch (operator) {
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return actual === expected;
  }
}

function invalidValue(term: FilterTerm, kind: string): ApiError {
  return new ApiError(400, `Invalid ${kind} value for ${term.key}: "${term.value}"`);
}

function compileFilter<Row>(term: FilterTerm, options: CompileOptions<Row>): (row: Row) => boolean {
  const special = options.special?.(term);
  if (special) {
    return term.negated ? (row) => !special(row) : special;
  }
  const resolver = options.resolve(term.key);
  if (!resolver) {
    const error = options.unknownKey?.(term.key);
    if (error) {
      throw error;
    }
    // Unknown keys are tags nobody set: only negations match.
    return () => term.negated;
  }
  let predicate: (row: Row) => boolean;
  const values = term.list ?? [term.value];
  switch (resolver.type) {
    case 'number':
    case 'duration': {
      const parse = resolver.type === 'duration' ? parseDuration : parseNumber;
      const expected = values.map((v) => {
        const parsed = parse(v);
        if (parsed === null) {
          throw invalidValue(term, resolver.type);
        }
        return parsed;
      });
      predicate = (row) => {
        const actual = resolver.get(row);
        return typeof actual === 'number' && expected.some((e) => compare(actual, term.operator, e));
      };
      break;
    }
    case 'date': {
      const relative = /^([+-])(\d+)([smhdw])$/.exec(term.value);
      if (relative) {
        const span = Number(relative[2]) * DURATION_UNITS[relative[3]];
        const boundary = options.now - span;
        // `-24h` = within the last 24 h, `+24h` = older than 24 h.
        predicate =
          relative[1] === '-'
            ? (row) => Number(resolver.get(row)) >= boundary
            : (row) => Number(resolver.get(row)) <= boundary;
        break;
      }
      const at = parseAbsoluteDate(term.value);
      if (at === null) {
        throw invalidValue(term, 'date');
      }
      if (term.operator === '=' && term.value.length === 10) {
        predicate = (row) => {
          const ts = Number(resolver.get(row));
          return ts >= at && ts < at + 86_400_000;
        };
      } else {
        predicate = (row) => compare(Number(resolver.get(row)), term.operator, at);
      }
      break;
    }
    case 'boolean': {
      const expected = ['true', '1', 'yes'].includes(term.value.toLowerCase());
      predicate = (row) => Boolean(resolver.get(row)) === expected;
      break;
    }
    default: {
      if (term.operator !== '=') {
        const expected = term.value;
        predicate = (row) => {
          const actual = resolver.get(row);
          if (isEmpty(actual)) {
            return false;
          }
          const text = String(actual);
          return term.operator === '>'
            ? text > expected
            : term.operator === '<'
              ? text < expected
              : term.operator === '>='
                ? text >= expected
                : text <= expected;
        };
        break;
      }
      const matchers = values.map(valueMatcher);
      predicate = (row) => {
        const actual = resolver.get(row);
        // An empty value (`key:""`) matches rows where the field is not set.
        if (isEmpty(actual)) {
          return values.some((v) => v === '');
        }
        const text = String(actual);
        return matchers.some((m) => m(text));
      };
    }
  }
  return term.negated ? (row) => !predicate(row) : predicate;
}

/** Compile a parsed search into a row predicate. */
export function compileSearch<Row>(node: SearchNode | null, options: CompileOptions<Row>): (row: Row) => boolean {
  if (!node) {
    return () => true;
  }
  switch (node.type) {
    case 'and': {
      const parts = node.children.map((child) => compileSearch(child, options));
      return (row) => parts.every((part) => part(row));
    }
    case 'or': {
      const parts = node.children.map((child) => compileSearch(child, options));
      return (row) => parts.some((part) => part(row));
    }
    case 'text': {
      if (options.skipText) {
        return () => true;
      }
      const needle = node.value.toLowerCase();
      if (needle.includes('*')) {
        const regex = new RegExp(wildcardRegex(needle).source.slice(1, -1));
        return (row) => regex.test(options.text(row).toLowerCase());
      }
      return (row) => options.text(row).toLowerCase().includes(needle);
    }
    case 'has': {
      if (options.skip?.(node.key)) {
        return () => true;
      }
      const resolver = options.resolve(node.key);
      const present = (row: Row) => (resolver ? !isEmpty(resolver.get(row)) : false);
      return node.negated ? (row) => !present(row) : present;
    }
    default:
      if (options.skip?.(node.key)) {
        return () => true;
      }
      return compileFilter(node, options);
  }
}
