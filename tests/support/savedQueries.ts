/**
 * Runs saved queries, variables and annotations the way the data source does (upgrade, dashboard variables, run)
 * against the fake at its fixed time, and sums up what each gave (tests/fixtures/saved-queries.*.json).
 */
import fixtures from '../fixtures/saved-queries.json';
import { runAnnotationQuery } from '../../src/sentry/annotations';
import { interpolateAnnotationQuery, interpolateQuery, interpolateVariableQuery } from '../../src/sentry/interpolate';
import { migrateAnnotationQuery, migrateQuery, migrateVariableQuery } from '../../src/sentry/migrate';
import { queryDisplayText, validateQuery } from '../../src/sentry/registry';
import { runQuery } from '../../src/sentry/run';
import { runVariableQuery } from '../../src/sentry/variables';
import { FIXED_NOW, HOUR, createTestFake, fakeClient } from './fakeSentryClient';
import { summarizeFrames } from './outcomeSummary';
import { templateSrvWith } from './templateSrv';

export { fixtures };

export function savedQueryRunner() {
  const fake = createTestFake();
  const templateSrv = templateSrvWith(fixtures.variables);
  const replace = templateSrv.replace.bind(templateSrv);
  const range = { from: new Date(FIXED_NOW - 24 * HOUR), to: new Date(FIXED_NOW) };
  return {
    async query(saved: unknown) {
      const query = migrateQuery(saved);
      const outcome = await runQuery(fakeClient(fake), interpolateQuery(replace, query), {
        range,
        intervalMs: 60_000,
        maxDataPoints: 500,
      });
      return {
        query,
        outcome: { error: outcome.error?.message, frames: summarizeFrames(outcome.frames) },
        errors: validateQuery(query),
        displayText: queryDisplayText(query),
      };
    },
    async variable(saved: unknown) {
      const definition = interpolateVariableQuery(replace, migrateVariableQuery(saved));
      return runVariableQuery(fakeClient(fake), definition, range).then(
        (options) => ({ options }),
        (error: Error) => ({ error: error.message })
      );
    },
    async annotation(saved: unknown) {
      const query = interpolateAnnotationQuery(replace, migrateAnnotationQuery(saved));
      return runAnnotationQuery(fakeClient(fake), query, range).then(
        (frame) => ({ frames: summarizeFrames([frame]) }),
        (error: Error) => ({ error: error.message })
      );
    },
  };
}
