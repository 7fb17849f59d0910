// Reads a Compose file as Docker Compose does at the YAML level: its merge tags `!override` (replace what
// `extends` or an earlier file gives) and `!reset` (clear it) are accepted and kept on the parsed nodes.

import { readFileSync } from 'node:fs';
import { Document, parseDocument } from 'yaml';

export type ComposeTag = '!override' | '!reset';

const COMPOSE_TAGS = (['!override', '!reset'] as const).flatMap((tag) => [
  { tag, collection: 'seq' as const },
  { tag, collection: 'map' as const },
  { tag, resolve: (value: string) => value },
]);

export interface ComposeFile<T> {
  model: T;
  /** The merge tag written on the value at `path` (e.g. ['services', 'grafana', 'ports']), if any. */
  tagAt(path: string[]): ComposeTag | undefined;
}

export function readComposeFile<T>(file: string): ComposeFile<T> {
  const doc: Document = parseDocument(readFileSync(file, 'utf8'), { customTags: COMPOSE_TAGS });
  if (doc.errors.length > 0) {
    throw new Error(`${file}: ${doc.errors[0].message}`);
  }
  return {
    model: doc.toJS() as T,
    tagAt: (path) => {
      const node = doc.getIn(path, true) as { tag?: string } | undefined;
      return node?.tag === '!override' || node?.tag === '!reset' ? node.tag : undefined;
    },
  };
}
