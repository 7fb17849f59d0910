/**
 * Replays the genuine Sentry bodies of this folder (see README.md) through the plugin's parsers: a client whose
 * transport answers each endpoint with a corpus body, and small helpers to read frames back.
 */
import type { DataFrame, Field } from '@grafana/data';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SentryClient } from '../../src/sentry/client';
import type { QueryContext } from '../../src/sentry/queries/context';
import type { SentryResponse } from '../../src/sentry/transport';
import { ScriptedTransport, json } from '../support/scriptedTransport';

/** Every body file of the corpus. */
export function corpusFiles(): string[] {
  return readdirSync(__dirname)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** A corpus body, parsed afresh (tests may not change each other's copy). */
export function body(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, name), 'utf8'));
}

/** A body with headers or another status than 200. */
export type Answer = SentryResponse | { json: unknown; status?: number; headers?: Record<string, string> };

/**
 * A client for org `acme` whose Sentry answers by path: the first route whose key the request path ends with
 * (e.g. `sessions/`, `releases/4.2.0/deploys/`). Unknown paths answer 404.
 */
export function replayClient(routes: Record<string, Answer | unknown>): {
  client: SentryClient;
  transport: ScriptedTransport;
} {
  const transport = new ScriptedTransport((request) => {
    const key = Object.keys(routes).find((suffix) => request.path.endsWith(`/${suffix}`));
    if (key === undefined) {
      return json(404, { detail: `no corpus body for ${request.path}` });
    }
    const answer = routes[key];
    if (isAnswer(answer)) {
      return 'body' in answer ? answer : json(answer.status ?? 200, answer.json, answer.headers);
    }
    return json(200, answer);
  });
  return { client: new SentryClient({ transport, orgSlug: 'acme' }), transport };
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && ('json' in value || ('status' in value && 'body' in value));
}

/** A range holding every corpus body's dates (2018 to 2026). */
export const WIDE_RANGE: QueryContext = {
  range: { from: new Date('2015-01-01T00:00:00Z'), to: new Date('2030-01-01T00:00:00Z') },
  intervalMs: 3_600_000,
  maxDataPoints: 500,
};

/** A frame's field by name; fails the test when missing. */
export function field(frame: DataFrame, name: string): Field {
  const found = frame.fields.find((f) => f.name === name);
  if (!found) {
    throw new Error(`no field ${name} in ${frame.name}: ${frame.fields.map((f) => f.name).join(', ')}`);
  }
  return found;
}

export function values(frame: DataFrame, name: string): unknown[] {
  return [...field(frame, name).values];
}

/** Every number field holds numbers or null, every time field epoch milliseconds or null, all fields one length. */
export function expectWellTyped(frames: DataFrame[]): void {
  for (const frame of frames) {
    for (const f of frame.fields) {
      expect({ frame: frame.name, field: f.name, length: f.values.length }).toEqual({
        frame: frame.name,
        field: f.name,
        length: frame.length,
      });
      if (f.type === 'number' || f.type === 'time') {
        const wrong = [...f.values].filter((v) => v !== null && (typeof v !== 'number' || !Number.isFinite(v)));
        expect({ frame: frame.name, field: f.name, wrong }).toEqual({ frame: frame.name, field: f.name, wrong: [] });
      }
      if (f.type === 'string') {
        const wrong = [...f.values].filter((v) => v !== null && typeof v !== 'string');
        expect({ frame: frame.name, field: f.name, wrong }).toEqual({ frame: frame.name, field: f.name, wrong: [] });
      }
    }
  }
}
