/** @jest-environment node */
import { readsTransactions, spanFieldOf, spanSearchOf } from './transactionsOnSpans';

describe('transactions queries on spans', () => {
  it.each([
    ['transaction', 'transaction'],
    ['transaction.duration', 'span.duration'],
    ['http.method', 'transaction.method'],
    ['transaction.status', 'trace.status'],
    ['p95(transaction.duration)', 'p95(span.duration)'],
    ['avg(transaction.duration)', 'avg(span.duration)'],
    ['percentile(transaction.duration, 0.75)', 'p75(span.duration)'],
    ['percentile(transaction.duration, 0.42)', 'percentile(transaction.duration, 0.42)'],
    ['tpm()', 'epm()'],
    ['count()', 'count()'],
    ['failure_rate()', 'failure_rate()'],
    ['apdex()', 'apdex(span.duration,300)'],
    ['apdex(500)', 'apdex(span.duration,500)'],
    ['user_misery()', 'user_misery(span.duration,300)'],
    ['count_miserable(user)', 'user_misery(span.duration,300)'],
    ['count_miserable(user,800)', 'user_misery(span.duration,800)'],
  ])('%s → %s', (field, onSpans) => {
    expect(spanFieldOf(field)).toBe(onSpans);
  });

  it.each([
    ['', 'is_transaction:true'],
    ['transaction:/api/*', 'transaction:/api/* is_transaction:true'],
    ['event.type:transaction transaction.duration:>300', 'is_transaction:true span.duration:>300'],
    ['!http.method:GET', '!transaction.method:GET is_transaction:true'],
    ['level:error OR transaction:/a', '(level:error OR transaction:/a) is_transaction:true'],
  ])('search %j → %j', (search, onSpans) => {
    expect(spanSearchOf(search)).toBe(onSpans);
  });

  it('tells a discover query that reads transactions from one that reads errors', () => {
    expect(readsTransactions('event.type:transaction', ['title'])).toBe(true);
    expect(readsTransactions('', ['transaction', 'p95(transaction.duration)'])).toBe(true);
    expect(readsTransactions('', ['title', 'count()'])).toBe(false);
    expect(readsTransactions('event.type:error', ['title', 'count_unique(user)'])).toBe(false);
  });
});
