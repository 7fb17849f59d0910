/**
 * A compact, exact record of what a saved query gave: the frames' shape in words and a digest of everything in them
 * (names, meta, field config, labels, values). tests/fixtures/saved-queries.expected.json holds these records as
 * the version before the query-type modules produced them, so a change in any frame shows.
 */
import { createHash } from 'node:crypto';

export interface PlainFrame {
  name?: string;
  refId?: string;
  meta?: unknown;
  fields: Array<{ name: string; type: string; config?: unknown; labels?: unknown; values: unknown[] }>;
}

export interface FramesSummary {
  shape: string[];
  digest: string;
}

/** A DataFrame as plain JSON values (links, units and labels included). */
export function plainFrame(frame: PlainFrame): PlainFrame {
  return JSON.parse(
    JSON.stringify({
      name: frame.name,
      refId: frame.refId,
      meta: frame.meta,
      fields: frame.fields.map((f) => ({
        name: f.name,
        type: f.type,
        config: f.config,
        labels: f.labels,
        values: [...f.values],
      })),
    })
  );
}

export function summarizeFrames(frames: PlainFrame[]): FramesSummary {
  const plain = frames.map(plainFrame);
  return {
    shape: plain.map((f) => `${f.name}: ${f.fields.map((x) => `${x.name}(${x.type}×${x.values.length})`).join(' ')}`),
    digest: createHash('sha256').update(JSON.stringify(plain)).digest('hex').slice(0, 16),
  };
}
