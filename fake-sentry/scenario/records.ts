// Event records: ids are derived on demand from two random 32-bit words (cheap to generate ~70k events).

import { hexId, Rng } from '../prng';
import type { EnvName } from './content';
import type { ErrorEvent, EventUser, Issue, Project, TransactionEvent } from './types';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor } = Math;

/** One random 32-bit word: half of an event's 64-bit id source. */
export function randomWord(rng: Rng): number {
  return floor(rng() * 4294967296);
}

/** Error event; ids are derived on demand from a 64-bit random value (cheap to generate). */
export class ErrorEventRecord implements ErrorEvent {
  readonly kind = 'error';
  readonly level: string;
  readonly transaction: string;

  constructor(
    readonly ts: number,
    readonly project: Project,
    readonly issue: Issue,
    readonly environment: EnvName,
    readonly release: string,
    readonly user: EventUser | null,
    readonly tags: Readonly<Record<string, string>>,
    readonly handled: boolean,
    readonly requestId: string | null,
    private readonly idHi: number,
    private readonly idLo: number
  ) {
    this.level = issue.level;
    this.transaction = issue.culprit;
  }

  get eventId(): string {
    return hexId(this.idHi, this.idLo, 0, 4);
  }

  get traceId(): string {
    return hexId(this.idHi, this.idLo, 1, 4);
  }
}

/** Transaction event; ids are derived on demand like ErrorEventRecord's. */
export class TransactionEventRecord implements TransactionEvent {
  readonly kind = 'transaction';

  constructor(
    readonly ts: number,
    readonly project: Project,
    readonly environment: EnvName,
    readonly release: string,
    readonly user: EventUser | null,
    readonly tags: Readonly<Record<string, string>>,
    readonly transaction: string,
    readonly op: string,
    readonly duration: number,
    readonly status: string,
    readonly httpMethod: string | null,
    readonly httpStatusCode: string | null,
    private readonly idHi: number,
    private readonly idLo: number
  ) {}

  get eventId(): string {
    return hexId(this.idHi, this.idLo, 0, 4);
  }

  get traceId(): string {
    return hexId(this.idHi, this.idLo, 1, 4);
  }

  get spanId(): string {
    return hexId(this.idHi, this.idLo, 2, 2);
  }
}
