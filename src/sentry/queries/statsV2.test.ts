/** @jest-environment node */
import { HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';

const fake = createTestFake();

describe('org stats against the fake', () => {
  it('charts usage by category and outcome with labels, in a stable order', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'statsV2', statsGroupBy: ['category', 'outcome'] },
      { ...lastHours(24), intervalMs: HOUR }
    );
    expect(outcome.error).toBeUndefined();
    const labels = outcome.frames.map((f) => f.fields[1].labels);
    expect(labels).toContainEqual({ category: 'error', outcome: 'accepted' });
    const keys = labels.map((l) => `${l?.category}|${l?.outcome}`);
    expect([...keys].sort()).toEqual(keys);
    const accepted = outcome.frames.find(
      (f) => f.fields[1].labels?.category === 'error' && f.fields[1].labels?.outcome === 'accepted'
    )!;
    expect((accepted.fields[1].values as number[]).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(accepted.fields[0].values).toHaveLength(24);
  });

  it('needs a category unless grouped by category, and says so before asking Sentry', async () => {
    const client = fakeClient(fake);
    const outcome = await runQuery(
      client,
      { refId: 'A', queryType: 'statsV2', statsGroupBy: ['outcome'] },
      lastHours(24)
    );
    expect(outcome.error?.message).toContain('Pick at least one category');
    expect(client.stats.sent).toBe(0);
  });

  it('gives per-project totals as a table with slugs', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'statsV2', statsGroupBy: ['project'], statsCategory: ['error'] },
      lastHours(24)
    );
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => f.name)).toEqual(['project', 'sum(quantity)']);
    expect(frame.fields[0].values).toContain('checkout-api');
  });
});
