// Spans derived from transactions: the root span plus at most two child spans per transaction op.

import { deriveRng, hexString } from '../prng';
import type { SpanRecord, TransactionEvent } from './types';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { round, max } = Math;

// Child spans per transaction op (at most two, to keep the derived dataset small).
const CHILD_SPANS: Record<string, Array<{ op: string; description: string; share: number }>> = {
  'http.server': [
    { op: 'db', description: 'SELECT * FROM orders WHERE customer_id = $1', share: 0.35 },
    { op: 'http.client', description: 'POST https://pricing.internal.acme.example/quote', share: 0.3 },
  ],
  pageload: [
    { op: 'resource.script', description: 'https://cdn.acme.example/static/js/main.js', share: 0.3 },
    { op: 'http.client', description: 'GET https://api.acme.example/api/products', share: 0.25 },
  ],
  navigation: [{ op: 'http.client', description: 'GET https://api.acme.example/api/cart', share: 0.5 }],
  'queue.task.celery': [
    { op: 'db', description: 'UPDATE ledger_entries SET state = %s WHERE id = %s', share: 0.3 },
    { op: 'http.client', description: 'POST https://api.stripe.com/v1/payment_intents', share: 0.5 },
  ],
  'ui.load': [{ op: 'http.client', description: 'GET https://api.acme.example/api/products', share: 0.4 }],
  'app.start.cold': [{ op: 'app.start.cold', description: 'Cold Start', share: 0.8 }],
};

export function deriveSpans(seed: number, transactions: readonly TransactionEvent[]): SpanRecord[] {
  const rng = deriveRng(seed, 'spans');
  const spans: SpanRecord[] = [];
  for (const tx of transactions) {
    let childTotal = 0;
    for (const child of CHILD_SPANS[tx.op] ?? []) {
      const duration = round(tx.duration * child.share * (0.5 + rng()) * 1000) / 1000;
      childTotal += duration;
      spans.push({
        kind: 'span',
        tx,
        ts: tx.ts,
        spanId: hexString(rng, 16),
        parentSpanId: tx.spanId,
        op: child.op,
        description: child.description,
        duration,
        selfTime: duration,
        status: 'ok',
        isTransaction: false,
      });
    }
    spans.push({
      kind: 'span',
      tx,
      ts: tx.ts,
      spanId: tx.spanId,
      parentSpanId: null,
      op: tx.op,
      description: tx.transaction,
      duration: tx.duration,
      selfTime: max(0, round((tx.duration - childTotal) * 1000) / 1000),
      status: tx.status,
      isTransaction: true,
    });
  }
  // Transactions are already time-sorted, so spans are too.
  return spans;
}
