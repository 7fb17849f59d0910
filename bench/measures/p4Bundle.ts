/**
 * P4: bytes a dashboard viewer downloads for the plugin: `dist/module.js` gzipped at level 9, target ≤ 38,000 B.
 * Chunks loaded later (editors) are listed beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { measure, Measure } from './measure';

const DIST = path.resolve(__dirname, '../../dist');
const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function p4(): Measure {
  const moduleFile = path.join(DIST, 'module.js');
  if (!existsSync(moduleFile)) {
    return measure('P4', Number.NaN, 38_000, '≤', ['P4 dist/module.js missing: run npm run build first'], {}, false);
  }
  const raw = readFileSync(moduleFile).length;
  const gzip = gzipBytes(moduleFile);
  const chunks = readdirSync(DIST)
    .filter((name) => name.endsWith('.js') && name !== 'module.js')
    .map((name) => ({ name, gzip: gzipBytes(path.join(DIST, name)) }));
  const later = chunks.length
    ? `; loaded when needed: ${chunks.map((c) => `${c.name} ${c.gzip.toLocaleString('en')} B`).join(', ')}`
    : '';
  return measure(
    'P4',
    gzip,
    38_000,
    '≤',
    [
      `dist/module.js: ${raw.toLocaleString('en')} B, gzip -9 ${gzip.toLocaleString('en')} B (target ≤ 38,000 B)${later}`,
    ],
    { rawBytes: raw, chunks }
  );
}
