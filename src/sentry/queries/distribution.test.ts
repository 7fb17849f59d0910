/** @jest-environment node */
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../../tests/support/fakeSentryClient';
import { countErrors } from '../../../fake-sentry/scenario';
import { runQuery } from '../run';

const fake = createTestFake();

describe('error distribution against the fake', () => {
  it('counts errors by level, sorted, with shares that add up to one', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'errorDistribution', distributionField: 'level', distributionShare: true },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['level', 'string'],
      ['count', 'number'],
      ['share', 'number'],
    ]);
    const counts = frame.fields[1].values as number[];
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const total = countErrors(fake.scenario, { start: FIXED_NOW - 24 * HOUR, end: FIXED_NOW });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect((frame.fields[2].values as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('lists the top categories and puts the rest in Other', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      { refId: 'A', queryType: 'errorDistribution', distributionField: 'error.type', distributionLimit: 3 },
      lastHours(24 * 7)
    );
    const [frame] = outcome.frames;
    expect(frame.fields[0].values).toHaveLength(4);
    expect(frame.fields[0].values[3]).toBe('Other');
    const total = countErrors(fake.scenario, { start: FIXED_NOW - 24 * 7 * HOUR, end: FIXED_NOW });
    expect((frame.fields[1].values as number[]).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('gives an empty table, not an error, when there are no errors', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'errorDistribution',
        distributionField: 'level',
        distributionQuery: 'message:"nothing like this"',
      },
      lastHours(24)
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].length).toBe(0);
    expect(outcome.frames[0].fields.map((f) => f.name)).toEqual(['level', 'count']);
  });
});
