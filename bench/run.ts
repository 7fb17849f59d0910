/**
 * `npm run bench`: P1–P7 of docs/PERFORMANCE.md, each measured in this run on loopback against the Sentry fake and
 * printed as a ratio against its target. `-- --json` prints one JSON object, {"P1": {value, target, met, …}, …},
 * on stdout (the human lines go to stderr); `-- --only P1,P3` runs some. Timings live here, never in unit tests.
 */
import { parseArgs } from 'node:util';

import type { Measure } from './measures/measure';
import { p1 } from './measures/p1Requests';
import { p2a, p2b, p2c } from './measures/p2Frames';
import { p3 } from './measures/p3Paging';
import { p4 } from './measures/p4Bundle';
import { p5 } from './measures/p5RateLimit';
import { p6 } from './measures/p6TailRefresh';
import { p7 } from './measures/p7SharedCache';

const MEASURES: Record<string, () => Measure | Promise<Measure>> = {
  P1: p1,
  P2a: p2a,
  P2b: p2b,
  P2c: () => p2c(),
  P3: p3,
  P4: p4,
  P5: p5,
  P6: p6,
  P7: p7,
};

async function run() {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' } } });
  const only = values.only?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !MEASURES[id]);
  if (unknown?.length) {
    throw new Error(`Unknown measure ${unknown.join(', ')}; known: ${Object.keys(MEASURES).join(', ')}`);
  }
  const say = (text: string) => (values.json ? process.stderr : process.stdout).write(text + '\n');
  const results: Record<string, Omit<Measure, 'id' | 'lines'> & { text: string }> = {};
  for (const [id, run] of Object.entries(MEASURES)) {
    if (only && !only.includes(id)) {
      continue;
    }
    const result = await run();
    result.lines.forEach((text, i) =>
      say(`${i ? ' '.repeat(id.length) : id}  ${text}${i ? '' : result.met ? '' : '  ✗ NOT MET'}`)
    );
    const { id: _id, lines, ...rest } = result;
    results[id] = { ...rest, text: lines.join('\n') };
  }
  if (values.json) {
    process.stdout.write(JSON.stringify(results) + '\n');
  }
}

run().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
