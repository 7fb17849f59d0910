/**
 * @jest-environment node
 *
 * The corpus stays documented and replayed: every body file has its row (source, licence) in README.md, and a test
 * in this folder that replays it through the parser of its endpoint.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { body, corpusFiles } from './replay';

const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
const tests = readdirSync(__dirname)
  .filter((name) => name.endsWith('.test.ts') && name !== 'corpus.test.ts')
  .map((name) => readFileSync(join(__dirname, name), 'utf8'))
  .join('\n');

/** File names in the first column of README.md's table. */
const listed = readme
  .split('\n')
  .map((line) => /^\| `([^`]+\.json)` \|/.exec(line)?.[1])
  .filter((name): name is string => Boolean(name));

describe('the corpus of genuine Sentry bodies', () => {
  it('holds at least 25 bodies, each valid JSON', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(25);
    for (const name of corpusFiles()) {
      expect(() => body(name)).not.toThrow();
    }
  });

  it('lists every body once in README.md, and nothing that is not there', () => {
    expect([...listed].sort()).toEqual(corpusFiles());
  });

  it.each(corpusFiles())('%s is replayed by a test', (name) => {
    expect(tests).toContain(`'${name}'`);
  });
});
