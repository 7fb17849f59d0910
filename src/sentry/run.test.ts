/** @jest-environment node */
import { ScriptedTransport, json } from '../../tests/support/scriptedTransport';
import { VirtualClock } from '../../tests/support/virtualClock';
import { SentryClient, SentryClientOptions } from './client';
import { QueryContext, runQuery } from './run';

describe('runQuery and Sentry’s rate limit', () => {
  const start = Date.UTC(2026, 4, 1, 12, 0, 0);
  const query = { refId: 'A', queryType: 'issues' as const, issuesQuery: '', issuesLimit: 5 };
  const range = { from: new Date(start - 3_600_000), to: new Date(start) };

  /** The first request answered 429, Sentry counting only it, in a window of `seconds`; then an answer. */
  function limitedOnce(seconds: number, options: Partial<SentryClientOptions> = {}) {
    const clock = new VirtualClock(start);
    const transport = new ScriptedTransport((_req, call) =>
      call === 1
        ? {
            status: 429,
            headers: {
              'x-sentry-rate-limit-limit': '1',
              'x-sentry-rate-limit-remaining': '0',
              'x-sentry-rate-limit-reset': String(start / 1000 + seconds),
            },
            body: `"You are attempting to use this endpoint too frequently. Limit is 1 requests in ${seconds} seconds"`,
          }
        : json(200, [])
    );
    const client = new SentryClient({ transport, orgSlug: 'acme', scheduler: { clock, random: () => 0 }, ...options });
    return { client, transport };
  }

  it('waits out a 429 within the deadline and says so on the frames, once', async () => {
    const { client, transport } = limitedOnce(3);
    const outcome = await runQuery(client, query, { range });
    expect(outcome.error).toBeUndefined();
    expect(transport.requests).toHaveLength(2);
    expect(outcome.frames[0].meta?.notices?.filter((n) => /rate limit/.test(n.text))).toEqual([
      { severity: 'info', text: "waited 3 s for Sentry's rate limit" },
    ]);
  });

  it('says nothing when it did not wait', async () => {
    const clock = new VirtualClock(start);
    const client = new SentryClient({
      transport: new ScriptedTransport(() => json(200, [])),
      orgSlug: 'acme',
      scheduler: { clock },
    });
    const outcome = await runQuery(client, query, { range });
    expect(outcome.frames[0].meta?.notices ?? []).toEqual([]);
  });

  it.each<[string, Partial<SentryClientOptions>, Partial<QueryContext>]>([
    ['the query context', {}, { rateLimitDeadlineMs: 2000 }],
    ['the client', { rateLimitDeadlineMs: 2000 }, {}],
  ])('fails, naming the wait, past a deadline set by %s', async (_by, options, context) => {
    const { client, transport } = limitedOnce(3, options);
    const outcome = await runQuery(client, query, { range, ...context });
    expect(outcome.error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(outcome.error?.message).toContain(
      'needs a wait of 4 s before the next request, beyond the 2 s a query waits'
    );
    expect(transport.requests).toHaveLength(1);
  });
});
