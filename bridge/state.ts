// The bridge's durable state: one JSON file in BRIDGE_STATE_DIR, replaced atomically (written to a temporary file,
// flushed, then renamed over the old one), so a crash leaves either the old state or the new, never half of one.

import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

import { BridgeState, emptyState } from './types';

export const STATE_FILE = 'state.json';

export class StateStore {
  readonly file: string;
  private current: BridgeState;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, STATE_FILE);
    this.current = StateStore.load(this.file);
  }

  private static load(file: string): BridgeState {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return emptyState();
      }
      throw error;
    }
    // A file that does not parse is not ours to discard silently: the bridge refuses to start.
    const parsed = JSON.parse(raw) as Partial<BridgeState>;
    if (parsed.version !== 1) {
      throw new Error(`${file}: unknown state version ${String(parsed.version)}`);
    }
    return { ...emptyState(), ...parsed, version: 1 };
  }

  get state(): Readonly<BridgeState> {
    return this.current;
  }

  /** Apply a change and persist it before returning. */
  update(change: (state: BridgeState) => void): void {
    const next = structuredClone(this.current);
    change(next);
    this.write(next);
    this.current = next;
  }

  private write(state: BridgeState): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
  }
}
