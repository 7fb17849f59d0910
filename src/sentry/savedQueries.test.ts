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
import fixtures from '../../tests/fixtures/saved-queries.json';
import { FIXED_NOW, HOUR, createTestFake, fakeClient } from '../../tests/support/fakeSentryClient';
import { summarizeFrames } from '../../tests/support/outcomeSummary';
import { templateSrvWith } from '../../tests/support/templateSrv';
import { runAnnotationQuery } from './annotations';
import { interpolateAnnotationQuery, interpolateQuery, interpolateVariableQuery } from './interpolate';
import { migrateAnnotationQuery, migrateQuery, migrateVariableQuery } from './migrate';
import { queryDisplayText, validateQuery } from './registry';
import { runQuery } from './run';
import { runVariableQuery } from './variables';

const fake = createTestFake();
const templateSrv = templateSrvWith(fixtures.variables);
const replace = templateSrv.replace.bind(templateSrv);
const range = { from: new Date(FIXED_NOW - 24 * HOUR), to: new Date(FIXED_NOW) };

/**
 * History text is now written from the upgraded query: the earlier version showed older shapes as raw JSON, and
 * threw on a list saved as a single value (Grafana's query history then failed).
 */
const HISTORY_TEXT_OF_UPGRADED: Record<string, string> = {
  'official plugin: typeless new panel, limit as text': 'Issues: is:unresolved',
  'official plugin: metrics (release health)': 'Sessions: crash_free_rate(user) by release',
  'official plugin: stats with single values': 'Org stats: sum(quantity) by outcome (projects 4501234)',
  'event frequency: group and top N as text': 'Event frequency (errors): count() by project (top 3)',
  'invalid: unknown type': '{"refId":"E2","queryType":"logs","projectIds":[],"environments":[],"schemaVersion":1}',
};

const byName = <T extends { from: string }>(list: T[]) => new Map(list.map((item) => [item.from, item]));

describe('saved queries give what they gave before', () => {
  const before = byName(expected.queries);
  it.each(fixtures.queries.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const was = before.get(from)!;
    const query = migrateQuery(saved);
    const outcome = await runQuery(fakeClient(fake), interpolateQuery(replace, query), {
      range,
      intervalMs: 60_000,
      maxDataPoints: 500,
    });
    expect({ error: outcome.error?.message, frames: summarizeFrames(outcome.frames) }).toEqual({
      error: was.error,
      frames: was.frames,
    });
    expect(validateQuery(query)).toEqual(was.errors);
    expect(queryDisplayText(query)).toBe(HISTORY_TEXT_OF_UPGRADED[from] ?? was.displayText);
  });

  it('covers every fixture', () => {
    expect(fixtures.queries.map((f) => f.from)).toEqual(expected.queries.map((q) => q.from));
  });
});

describe('template variables list what they listed before', () => {
  const before = byName(expected.templateVariables);
  it.each(fixtures.templateVariables.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const definition = interpolateVariableQuery(replace, migrateVariableQuery(saved));
    const result = await runVariableQuery(fakeClient(fake), definition, range).then(
      (options) => ({ options }),
      (error: Error) => ({ error: error.message })
    );
    const { from: _from, ...was } = before.get(from)!;
    expect(result).toEqual(was);
  });
});

describe('annotations mark what they marked before', () => {
  const before = byName(expected.annotations);
  it.each(fixtures.annotations.map((f) => [f.from, f.query] as const))('%s', async (from, saved) => {
    const query = interpolateAnnotationQuery(replace, migrateAnnotationQuery(saved));
    const result = await runAnnotationQuery(fakeClient(fake), query, range).then(
      (frame) => ({ frames: summarizeFrames([frame]) }),
      (error: Error) => ({ error: error.message })
    );
    const { from: _from, ...was } = before.get(from)!;
    expect(result).toEqual(was);
  });
});
