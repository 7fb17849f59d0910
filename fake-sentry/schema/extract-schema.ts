// Extract the part of Sentry's public OpenAPI schema that the fake serves:
//   npx tsx fake-sentry/schema/extract-schema.ts <path/to/openapi-derefed.json>
// Writes fake-sentry/schema/sentry-openapi-subset.json (committed; tests read only the subset).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Path keys of sentry-api.md §11 (events-stats is not in the public schema). */
export const SUBSET_PATHS = [
  '/api/0/organizations/',
  '/api/0/organizations/{organization_id_or_slug}/',
  '/api/0/organizations/{organization_id_or_slug}/issues/',
  '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/',
  '/api/0/organizations/{organization_id_or_slug}/events/',
  '/api/0/organizations/{organization_id_or_slug}/events-timeseries/',
  '/api/0/organizations/{organization_id_or_slug}/sessions/',
  '/api/0/organizations/{organization_id_or_slug}/stats_v2/',
  '/api/0/organizations/{organization_id_or_slug}/projects/',
  '/api/0/organizations/{organization_id_or_slug}/teams/',
  '/api/0/organizations/{organization_id_or_slug}/environments/',
  '/api/0/organizations/{organization_id_or_slug}/tags/',
  '/api/0/organizations/{organization_id_or_slug}/releases/',
  '/api/0/organizations/{organization_id_or_slug}/releases/{version}/deploys/',
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/environments/',
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/tags/{key}/values/',
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/releases/',
  '/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}/projects/',
];

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

interface Operation {
  operationId?: string;
  security?: unknown;
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  openapi: string;
  info: unknown;
  servers?: unknown;
  paths: Record<string, { get?: Operation }>;
}

export function extractSubset(document: OpenApiDocument): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const key of SUBSET_PATHS) {
    const operation = document.paths[key]?.get;
    const schema = operation?.responses?.['200']?.content?.['application/json']?.schema;
    if (!operation || !schema) {
      throw new Error(`schema has no GET 200 JSON response for ${key}`);
    }
    paths[key] = {
      get: {
        operationId: operation.operationId,
        security: operation.security,
        // Descriptions and examples are dropped to keep the subset small.
        parameters: (operation.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required ?? false,
          schema: p.schema,
        })),
        responses: { '200': { content: { 'application/json': { schema } } } },
      },
    };
  }
  return {
    openapi: document.openapi,
    info: document.info,
    servers: document.servers,
    'x-source': {
      repository: 'https://github.com/getsentry/sentry-api-schema',
      file: 'openapi-derefed.json',
      commit: 'a589a26c3b29bfc342a47baa963b7970961f958e',
      date: '2026-08-16',
      packageVersion: '0.272.0',
      license: 'FSL-1.1-Apache-2.0 (repository LICENSE.md); info.license says Apache 2.0',
      note: 'Subset: GET 200 JSON response schemas and trimmed parameters of the paths the fake serves.',
    },
    paths,
  };
}

async function main(): Promise<void> {
  const input = process.argv[2];
  if (!input) {
    console.error('usage: npx tsx fake-sentry/schema/extract-schema.ts <openapi-derefed.json>');
    process.exit(2);
  }
  const document = JSON.parse(readFileSync(input, 'utf8')) as OpenApiDocument;
  const output = path.join(__dirname, 'sentry-openapi-subset.json');
  // Format with the project's Prettier settings so `prettier --check` stays clean.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(output)) ?? {};
  writeFileSync(output, await prettier.format(JSON.stringify(extractSubset(document)), { ...options, parser: 'json' }));
  console.log(`wrote ${output}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
