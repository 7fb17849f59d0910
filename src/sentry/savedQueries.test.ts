/**
 * @jest-environment node
 *
 * Saved queries, template variables and annotations as dashboards hold them (the provisioned dashboards, the
 * official plugin's shapes, earlier versions' shapes, invalid ones) give what they gave before the query types
 * became modules: tests/fixtures/saved-queries.expected.json records the frames (shape and digest), errors,
 * validation messages and history text of that version, run the way the data source runs them (upgrade, dashboard
 * variables, run) against the fake at a fixed time.
 */
import expected from '../../tests/fixtures/saved-queries.expected.json';
import { fixtures, savedQueryRunner } from '../../tests/support/savedQueries';

const run = savedQueryRunner();

const byName = <T extends { from: string }>(list: T[]) => new Map(list.map((item) => [item.from, item]));

describe('saved queries give what they gave before', () => {
  const before = byName(expected.queries);
  it.each(fixtures.queries.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const was = before.get(from)!;
    const { outcome, errors, displayText } = await run.query(saved);
    expect(outcome).toEqual({ error: was.error, frames: was.frames });
    expect(errors).toEqual(was.errors);
    expect(displayText).toBe(was.displayText);
  });

  it('covers every fixture', () => {
    expect(fixtures.queries.map((f) => f.from)).toEqual(expected.queries.map((q) => q.from));
  });
});

describe('template variables list what they listed before', () => {
  const before = byName(expected.templateVariables);
  it.each(fixtures.templateVariables.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const result = await run.variable(saved);
    const { from: _from, changes: _changes, ...was } = before.get(from) as { from: string; changes?: string[] };
    expect(result).toEqual(was);
  });
});

describe('annotations mark what they marked before', () => {
  const before = byName(expected.annotations);
  it.each(fixtures.annotations.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const result = await run.annotation(saved);
    const { from: _from, changes: _changes, ...was } = before.get(from) as { from: string; changes?: string[] };
    expect(result).toEqual(was);
  });
});
