import type { SentryRequest, SentryResponse, Transport } from '../../src/sentry/transport';

export type Responder = (
  request: SentryRequest,
  call: number,
  signal: AbortSignal
) => Promise<SentryResponse> | SentryResponse;

/** A transport that answers from a function and remembers every request it saw. */
export class ScriptedTransport implements Transport {
  readonly target = 'https://sentry.example.test';
  readonly requests: SentryRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly responder: Responder) {}

  async send(request: SentryRequest, signal: AbortSignal): Promise<SentryResponse> {
    this.requests.push(request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.responder(request, this.requests.length, signal);
    } finally {
      this.inFlight--;
    }
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SentryResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
