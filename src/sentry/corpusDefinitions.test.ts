/** @jest-environment node */
// Bad template-variable and annotation definitions, table-driven: each names its exact message, while a good one run
// alongside on the same client still returns data.
import { FIXED_NOW, HOUR, createTestFake, fakeClient } from '../../tests/support/fakeSentryClient';
import { runAnnotationQuery } from './annotations';
import { migrateAnnotationQuery, migrateVariableQuery } from './migrate';
import { runVariableQuery } from './variables';

const fake = createTestFake();
const range = { range: { from: new Date(FIXED_NOW - 24 * HOUR), to: new Date(FIXED_NOW) } };
const demoClient = () => fakeClient(fake);

/** A template variable's or an annotation's saved definition: it fails with the message and lists nothing. */
interface DefinitionCase {
  name: string;
  definition: Record<string, unknown>;
  message: string;
}

const KINDS = 'projects, environments, teams, releases, tagKeys, tagValues';
const VARIABLE_CASES: DefinitionCase[] = [
  {
    name: 'unknown variable kind',
    definition: { kind: 'incidents' },
    message: `Unknown variable kind "incidents": use ${KINDS}.`,
  },
  {
    name: "official plugin's type this plugin does not list",
    definition: { type: 'issues', refId: 'x' },
    message: `Unknown variable kind "issues": use ${KINDS}.`,
  },
  {
    name: 'variable kind in another case',
    definition: { kind: 'Projects' },
    message: `Unknown variable kind "Projects": use ${KINDS}.`,
  },
  {
    name: 'variable kind named like an object property',
    definition: { kind: 'constructor' },
    message: `Unknown variable kind "constructor": use ${KINDS}.`,
  },
  {
    name: 'unknown project value',
    definition: { kind: 'projects', projectValue: 'name' },
    message: 'Unknown project value "name": use id or slug.',
  },
  {
    name: 'tag values without a tag',
    definition: { kind: 'tagValues' },
    message: 'Pick the tag whose values the variable lists.',
  },
];

const ANNOTATION_KINDS_TEXT = 'releases, deploys, newIssues, regressions';
const ANNOTATION_CASES: DefinitionCase[] = [
  {
    name: 'unknown annotation kind',
    definition: { annotationKind: 'incidents' },
    message: `Unknown annotation kind "incidents": use ${ANNOTATION_KINDS_TEXT}.`,
  },
  {
    name: 'annotation kind in another case',
    definition: { annotationKind: 'Deploys' },
    message: `Unknown annotation kind "Deploys": use ${ANNOTATION_KINDS_TEXT}.`,
  },
  {
    name: 'annotation kind named like an object property',
    definition: { annotationKind: 'toString' },
    message: `Unknown annotation kind "toString": use ${ANNOTATION_KINDS_TEXT}.`,
  },
];

describe('bad variable and annotation definitions', () => {
  // As the data source and the CLI run them: upgraded, then run.
  it.each(VARIABLE_CASES)('variable: $name', async ({ definition, message }) => {
    const client = demoClient();
    const [bad, fine] = await Promise.allSettled([
      runVariableQuery(client, migrateVariableQuery(definition), range.range),
      runVariableQuery(client, migrateVariableQuery({ kind: 'projects' }), range.range),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message } });
    expect(fine.status === 'fulfilled' && fine.value.length).toBeGreaterThan(0);
  });

  it.each(ANNOTATION_CASES)('annotation: $name', async ({ definition, message }) => {
    const client = demoClient();
    const [bad, fine] = await Promise.allSettled([
      runAnnotationQuery(client, migrateAnnotationQuery(definition), range.range),
      runAnnotationQuery(client, migrateAnnotationQuery({ annotationKind: 'releases' }), range.range),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message } });
    expect(fine.status === 'fulfilled' && fine.value.length).toBeGreaterThan(0);
  });
});
