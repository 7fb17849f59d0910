/**
 * Transactions queries on the spans dataset. Sentry has deprecated the `transactions` and `discover` datasets; its own
 * pages read transactions as spans with `is_transaction` and translate the old columns and functions (the column and
 * function names below follow Sentry's own translation of transaction queries to spans).
 */
import { joinSearch } from './search';

/** Transaction columns and their names on spans. */
const SPAN_COLUMNS: Record<string, string> = {
  'transaction.duration': 'span.duration',
  'http.method': 'transaction.method',
  title: 'transaction',
  url: 'request.url',
  'http.url': 'request.url',
  'transaction.status': 'trace.status',
  'geo.city': 'user.geo.city',
  'geo.country_code': 'user.geo.country_code',
  'geo.region': 'user.geo.region',
  'geo.subdivision': 'user.geo.subdivision',
  'geo.subregion': 'user.geo.subregion',
  'timestamp.to_day': 'timestamp',
  'timestamp.to_hour': 'timestamp',
};

const PERCENTILES: Record<string, string> = {
  '0.5': 'p50',
  '0.75': 'p75',
  '0.9': 'p90',
  '0.95': 'p95',
  '0.99': 'p99',
  '1': 'p100',
};

/** The apdex and misery threshold when the transactions query left it to the project (Sentry uses 300 ms). */
export const DEFAULT_SPANS_APDEX_MS = 300;

/** Selects transactions among spans. */
export const IS_TRANSACTION = 'is_transaction:true';

/** A column or function of a transactions query as the spans dataset names it. */
export function spanFieldOf(field: string): string {
  const fn = /^(\w+)\((.*)\)$/.exec(field.trim());
  if (!fn) {
    return SPAN_COLUMNS[field] ?? field;
  }
  const [, name, rawArgs] = fn;
  const args = rawArgs === '' ? [] : rawArgs.split(',').map((a) => a.trim());
  switch (name) {
    case 'tpm':
      return 'epm()';
    case 'tps':
      return 'eps()';
    case 'apdex':
    case 'user_misery':
      return `${name}(span.duration,${args[0] ?? DEFAULT_SPANS_APDEX_MS})`;
    case 'count_miserable':
      // Spans have no count of miserable users; user misery is the score built from the same threshold.
      return `user_misery(span.duration,${args[1] ?? DEFAULT_SPANS_APDEX_MS})`;
    case 'percentile': {
      const short = PERCENTILES[String(Number(args[1]))];
      return short ? `${short}(${SPAN_COLUMNS[args[0]] ?? args[0]})` : field;
    }
    default:
      return `${name}(${args.map((a) => SPAN_COLUMNS[a] ?? a).join(',')})`;
  }
}

/** A transactions search on spans: renamed keys, event.type:transaction as is_transaction, and only transactions. */
export function spanSearchOf(search: string): string {
  const renamed = search
    .replace(/(^|[\s(])event\.type:transaction(?=$|[\s)])/g, `$1${IS_TRANSACTION}`)
    .replace(/(^|[\s(!])([\w.]+):/g, (whole, before: string, key: string) =>
      SPAN_COLUMNS[key] ? `${before}${SPAN_COLUMNS[key]}:` : whole
    );
  if (renamed.includes(IS_TRANSACTION)) {
    return renamed.trim();
  }
  return joinSearch(renamed, IS_TRANSACTION);
}

/** Functions and columns that only transactions have: a discover query using them reads transactions. */
const TRANSACTION_ONLY =
  /transaction\.duration|^(tpm|tps|epm|eps|apdex|user_misery|count_miserable|failure_rate|failure_count|p\d+|percentile)\(/;

/** A discover query that reads transactions (by its search or its columns), not errors. */
export function readsTransactions(search: string, fields: readonly string[]): boolean {
  return /(^|[\s(])event\.type:transaction(?=$|[\s)])/.test(search) || fields.some((f) => TRANSACTION_ONLY.test(f));
}
