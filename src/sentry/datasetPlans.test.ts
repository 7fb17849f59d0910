/** @jest-environment node */
import { json, ScriptedTransport } from '../../tests/support/scriptedTransport';
import { SentryClient } from './client';
import { datasetPlans, refusesDataset, runOnDatasets } from './datasetPlans';
import { SentryError } from './errors';

describe('datasetPlans', () => {
  const datasets = (saved: Parameters<typeof datasetPlans>[0], search = '', fields: string[] = []) =>
    datasetPlans(saved, search, fields).map((p) => p.dataset);

  it('runs current datasets as saved, and deprecated ones on their replacement first', () => {
    expect(datasets('errors')).toEqual(['errors']);
    expect(datasets('spans')).toEqual(['spans', 'spansIndexed']);
    expect(datasets('transactions')).toEqual(['spans', 'transactions']);
    expect(datasets('discover', 'level:error', ['title'])).toEqual(['errors', 'discover']);
    expect(datasets('discover', 'event.type:transaction')).toEqual(['spans', 'discover']);
  });

  it('names the replacement and why in executedQueryString', () => {
    expect(datasetPlans('transactions', '', [])[0].note).toBe(
      'spans (the query names transactions, which Sentry has deprecated)'
    );
    expect(datasetPlans('errors', '', [])[0].note).toBeUndefined();
  });
});

describe('runOnDatasets', () => {
  it('falls back to the next dataset the server takes and remembers the refusal', async () => {
    const transport = new ScriptedTransport((request) => {
      const dataset = new Map(request.params ?? []).get('dataset');
      return dataset === 'spans'
        ? json(400, { detail: 'dataset must be one of: discover, errors, transactions' })
        : json(200, { data: [] });
    });
    const client = new SentryClient({ transport, orgSlug: 'acme' });
    const plans = datasetPlans('transactions', '', ['p95(transaction.duration)']);
    const read = (plan: (typeof plans)[number]) =>
      client.getJson('/api/0/organizations/acme/events/', [['dataset', plan.dataset]]).then(() => plan.dataset);
    expect(await runOnDatasets(client, plans, read)).toBe('transactions');
    expect(await runOnDatasets(client, plans, read)).toBe('transactions');
    expect(transport.requests.map((r) => new Map(r.params ?? []).get('dataset'))).toEqual([
      'spans',
      'transactions',
      'transactions',
    ]);
  });
});

describe('refusesDataset', () => {
  const bad = (message: string) => new SentryError('bad-request', message, 400);
  it('takes Sentry’s unknown-dataset answers, not other 400s', () => {
    expect(
      refusesDataset(bad('Sentry rejected the query (400): dataset must be one of: errors, spans'), 'discover')
    ).toBe(true);
    expect(refusesDataset(bad('Invalid dataset: spans'), 'spans')).toBe(true);
    expect(refusesDataset(bad('Unknown function count_miserable'), 'spans')).toBe(false);
    expect(refusesDataset(new SentryError('server', 'dataset must be one of: errors', 500), 'spans')).toBe(false);
  });
});
