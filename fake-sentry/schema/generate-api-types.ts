// Generate TypeScript types of Sentry's responses from the committed OpenAPI subset:
//   npm run generate:api-types
// Writes src/sentry/api/sentry-api.generated.ts (committed). Offline: the subset is dereferenced and self-contained.
// Names, narrowings and the shapes Sentry's schema lacks are hand-written beside it (src/sentry/api/index.ts,
// src/sentry/api/unpublished.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import openapiTS, { astToString, OpenAPI3 } from 'openapi-typescript';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA = 'fake-sentry/schema/sentry-openapi-subset.json';
export const OUTPUT = 'src/sentry/api/sentry-api.generated.ts';

function header(generatorVersion: string): string {
  return [
    '/**',
    ' * GENERATED FILE: do not edit.',
    ' *',
    ` * Source: ${SCHEMA} (an extract of Sentry's public OpenAPI schema; see fake-sentry/schema/SOURCE.md).`,
    ` * Command: npm run generate:api-types (openapi-typescript ${generatorVersion}, fake-sentry/schema/generate-api-types.ts).`,
    ' * Use the names in ./index.ts, which also say where Sentry differs from this schema.',
    ' */',
    '',
    '',
  ].join('\n');
}

export async function generateApiTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(path.join(ROOT, SCHEMA), 'utf8')) as OpenAPI3;
  const { version } = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', 'openapi-typescript', 'package.json'), 'utf8')
  ) as { version: string };
  const source = header(version) + astToString(await openapiTS(schema));
  // Format with the project's Prettier settings so `prettier --check` stays clean.
  const prettier = await import('prettier');
  const output = path.join(ROOT, OUTPUT);
  const options = (await prettier.resolveConfig(output)) ?? {};
  return prettier.format(source, { ...options, parser: 'typescript' });
}

async function main(): Promise<void> {
  writeFileSync(path.join(ROOT, OUTPUT), await generateApiTypes());
  console.log(`wrote ${OUTPUT}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
