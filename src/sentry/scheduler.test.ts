/** @jest-environment node */
import { createTestFake, inProcessTransport } from '../../tests/support/fakeSentryClient';
import { Responder, ScriptedTransport, json, tick } from '../../tests/support/scriptedTransport';
import { VirtualClock } from '../../tests/support/virtualClock';
import { SentryError } from './errors';
import { RateLimitWait } from './rateBudget';
import { RequestScheduler, SchedulerOptions, endpointKey } from './scheduler';
import { SentryResponse, TransportError } from './transport';

const ISSUES = '/api/0/organizations/acme/issues/';

function setup(responder: Responder, options: Partial<SchedulerOptions> = {}) {
  const clock = new VirtualClock();
  const transport = new ScriptedTransport(responder);
  const scheduler = new RequestScheduler(transport, { clock, random: () => 0.5, backoffBaseMs: 100, ...options });
  return { clock, transport, scheduler };
}

/** A responder whose answers the test releases by hand. */
function gate() {
  const pending: Array<(r: SentryResponse) => void> = [];
  const responder: Responder = () => new Promise<SentryResponse>((resolve) => pending.push(resolve));
  return { pending, responder };
}

describe('RequestScheduler', () => {
  it('never has more requests in flight than the concurrency cap', async () => {
    const { transport, scheduler } = setup(
      async () => {
        await tick();
        return json(200, []);
      },
      { maxConcurrent: 3 }
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => scheduler.execute({ path: ISSUES, params: [['cursor', String(i)]] }))
    );
    expect(results).toHaveLength(20);
    expect(transport.requests).toHaveLength(20);
    expect(transport.maxInFlight).toBe(3);
  });

  it('retries a 429 whose body is a JSON string and succeeds', async () => {
    const { transport, scheduler } = setup((_req, call) =>
      call <= 2
        ? {
            status: 429,
            headers: {},
            body: '"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"',
          }
        : json(200, [{ id: '1' }])
    );
    const response = await scheduler.execute({ path: ISSUES });
    expect(JSON.parse(response.body)).toEqual([{ id: '1' }]);
    expect(transport.requests).toHaveLength(3);
    expect(scheduler.stats).toMatchObject({ retries: 2, rateLimited: 2, sent: 3 });
  });

  it('gives up on a lasting 429 with Sentry’s own words, after the bounded number of retries', async () => {
    const { transport, scheduler, clock } = setup(
      () => ({ status: 429, headers: {}, body: '"Limit is 40 requests in 1 seconds"' }),
      { maxRetries: 3, backoffMaxMs: 1000 }
    );
    const failure = scheduler.execute({ path: ISSUES });
    await expect(failure).rejects.toMatchObject({ kind: 'rate-limited' });
    await expect(failure).rejects.toThrow('Limit is 40 requests in 1 seconds');
    expect(transport.requests).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(1000);
  });

  it('backs off exponentially on 5xx, with a cap', async () => {
    const { clock, scheduler } = setup(() => json(503, { detail: 'unavailable' }), {
      maxRetries: 6,
      backoffBaseMs: 100,
      backoffMaxMs: 1600,
      random: () => 0,
    });
    await expect(scheduler.execute({ path: ISSUES })).rejects.toMatchObject({ kind: 'server', status: 503 });
    // Equal jitter with random 0: half of min(cap, base·2^n).
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 800, 800]);
  });

  it('does not retry a 400', async () => {
    const { transport, scheduler } = setup(() => json(400, { detail: 'Parse error at ‘level:’' }));
    await expect(scheduler.execute({ path: ISSUES })).rejects.toMatchObject({ kind: 'bad-request' });
    expect(transport.requests).toHaveLength(1);
  });

  it('retries network failures and then succeeds', async () => {
    const { transport, scheduler } = setup((_r, call) => {
      if (call === 1) {
        throw new TransportError('network', 'socket hang up');
      }
      return json(200, { ok: true });
    });
    await expect(scheduler.execute({ path: ISSUES })).resolves.toMatchObject({ status: 200 });
    expect(transport.requests).toHaveLength(2);
  });

  it('waits for the rate-limit window to reset when Sentry says none are left', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 4, 1, 12, 0, 0, 200));
    const resetSeconds = Math.floor(clock.time / 1000) + 2;
    const sentAt: number[] = [];
    const transport = new ScriptedTransport(() => {
      sentAt.push(clock.now());
      return json(200, [], {
        'x-sentry-rate-limit-limit': '1',
        'x-sentry-rate-limit-remaining': '0',
        'x-sentry-rate-limit-reset': String(resetSeconds),
      });
    });
    const scheduler = new RequestScheduler(transport, { clock, random: () => 0 });
    await scheduler.execute({ path: ISSUES, params: [['cursor', 'a']] });
    await scheduler.execute({ path: ISSUES, params: [['cursor', 'b']] });
    expect(sentAt[1]).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(scheduler.stats.paced).toBe(1);
    // Another endpoint has its own window and is not held back.
    await scheduler.execute({ path: '/api/0/organizations/acme/projects/' });
    expect(scheduler.stats.paced).toBe(1);
  });

  it('lowers concurrency to the endpoint’s ConcurrentLimit header', async () => {
    const { pending, responder } = gate();
    const { transport, scheduler } = setup(responder, { maxConcurrent: 5 });
    const first = scheduler.execute({ path: ISSUES, params: [['n', '0']] });
    await tick();
    pending.shift()!(json(200, [], { 'x-sentry-rate-limit-concurrentlimit': '2' }));
    await first;
    const rest = Array.from({ length: 6 }, (_, i) =>
      scheduler.execute({ path: ISSUES, params: [['n', String(i + 1)]] })
    );
    await tick();
    expect(transport.inFlight).toBe(2);
    while (pending.length) {
      pending.shift()!(json(200, []));
      await tick();
      await tick();
    }
    await Promise.all(rest);
    expect(transport.maxInFlight).toBe(2);
  });

  it('shares one request between identical GETs in flight', async () => {
    const { pending, responder } = gate();
    const { transport, scheduler } = setup(responder);
    const a = scheduler.execute({
      path: ISSUES,
      params: [
        ['project', '1'],
        ['query', 'x'],
      ],
    });
    const b = scheduler.execute({
      path: ISSUES,
      params: [
        ['query', 'x'],
        ['project', '1'],
      ],
    });
    const c = scheduler.execute({
      path: ISSUES,
      params: [
        ['project', '2'],
        ['query', 'x'],
      ],
    });
    await tick();
    expect(transport.requests).toHaveLength(2);
    pending.forEach((resolve, i) => resolve(json(200, [i])));
    expect((await a).body).toBe((await b).body);
    expect((await c).body).not.toBe((await a).body);
    expect(scheduler.stats.coalesced).toBe(1);
  });

  it('keeps repeated keys in order when coalescing: project=1&project=2 differs from project=2&project=1 only by order', async () => {
    const { transport, scheduler } = setup(() => json(200, []));
    await scheduler.execute(
      {
        path: ISSUES,
        params: [
          ['field', 'a'],
          ['field', 'b'],
        ],
      },
      { cacheTtlMs: 1000 }
    );
    await scheduler.execute(
      {
        path: ISSUES,
        params: [
          ['field', 'b'],
          ['field', 'a'],
        ],
      },
      { cacheTtlMs: 1000 }
    );
    // Field order is column order in Sentry's answer, so these are different requests.
    expect(transport.requests).toHaveLength(2);
  });

  it('caches metadata for its TTL only', async () => {
    const { clock, transport, scheduler } = setup((_r, call) => json(200, [call]));
    const path = '/api/0/organizations/acme/projects/';
    const first = await scheduler.execute({ path }, { cacheTtlMs: 60_000 });
    const second = await scheduler.execute({ path }, { cacheTtlMs: 60_000 });
    expect(second.body).toBe(first.body);
    expect(transport.requests).toHaveLength(1);
    clock.time += 60_001;
    const third = await scheduler.execute({ path }, { cacheTtlMs: 60_000 });
    expect(third.body).not.toBe(first.body);
    // Without a TTL nothing is cached.
    await scheduler.execute({ path });
    expect(transport.requests).toHaveLength(3);
  });

  it('does not cache failures', async () => {
    const { transport, scheduler } = setup((_r, call) => (call === 1 ? json(404, { detail: 'nope' }) : json(200, [])));
    const path = '/api/0/organizations/acme/projects/';
    await expect(scheduler.execute({ path }, { cacheTtlMs: 60_000 })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(scheduler.execute({ path }, { cacheTtlMs: 60_000 })).resolves.toMatchObject({ status: 200 });
    expect(transport.requests).toHaveLength(2);
  });

  it('cancels the HTTP request when its only caller goes away', async () => {
    let seenSignal: AbortSignal | undefined;
    const { scheduler } = setup(
      (_r, _c, signal) =>
        new Promise<SentryResponse>((_resolve, reject) => {
          seenSignal = signal;
          signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'cancelled')));
        })
    );
    const controller = new AbortController();
    const pending = scheduler.execute({ path: ISSUES }, { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seenSignal?.aborted).toBe(true);
  });

  it('a caller arriving just after the last one left gets a fresh request, not the cancelled one (panel re-run)', async () => {
    const { transport, scheduler } = setup(
      (_r, call, signal) =>
        new Promise<SentryResponse>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'cancelled')));
          if (call > 1) {
            resolve(json(200, [call]));
          }
        })
    );
    const first = new AbortController();
    const abandoned = scheduler.execute({ path: ISSUES }, { signal: first.signal });
    await tick();
    // Grafana unsubscribes the old run and starts the new one in the same task.
    first.abort();
    const rerun = scheduler.execute({ path: ISSUES });
    await expect(abandoned).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(rerun).resolves.toMatchObject({ status: 200 });
    expect(transport.requests).toHaveLength(2);
    // The first flight settling late must not evict the second from the coalescing map.
    const again = scheduler.execute({ path: ISSUES });
    await expect(again).resolves.toMatchObject({ status: 200 });
  });

  it('keeps a shared request alive while another caller still waits', async () => {
    const { pending, responder } = gate();
    let aborted = false;
    const { scheduler } = setup((req, call, signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return responder(req, call, signal);
    });
    const leaving = new AbortController();
    const a = scheduler.execute({ path: ISSUES }, { signal: leaving.signal });
    const b = scheduler.execute({ path: ISSUES });
    await tick();
    leaving.abort();
    await expect(a).rejects.toMatchObject({ kind: 'cancelled' });
    pending[0](json(200, ['still here']));
    await expect(b).resolves.toMatchObject({ body: '["still here"]' });
    expect(aborted).toBe(false);
  });

  it('stops waiting in the queue when cancelled, without sending', async () => {
    const { pending, responder } = gate();
    const { transport, scheduler } = setup(responder, { maxConcurrent: 1 });
    const first = scheduler.execute({ path: ISSUES, params: [['n', '1']] });
    const controller = new AbortController();
    const queued = scheduler.execute({ path: ISSUES, params: [['n', '2']] }, { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(queued).rejects.toMatchObject({ kind: 'cancelled' });
    pending[0](json(200, []));
    await first;
    expect(transport.requests).toHaveLength(1);
  });

  it('times a request out', async () => {
    const { scheduler } = setup(
      (_r, _c, signal) =>
        new Promise<SentryResponse>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'aborted')))
        ),
      { timeoutMs: 20 }
    );
    const error = await scheduler.execute({ path: ISSUES }).catch((e) => e);
    expect(error).toBeInstanceOf(SentryError);
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain(ISSUES);
  });
});

describe('RequestScheduler: one abort signal per request', () => {
  it('hands the transport the same signal for a request and its retries, and no other', async () => {
    const seen: AbortSignal[] = [];
    const { scheduler } = setup((_r, call, signal) => {
      seen.push(signal);
      return json(call === 1 ? 503 : 200, []);
    });
    const controller = new AbortController();
    await scheduler.execute({ path: ISSUES }, { signal: controller.signal });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[0]).not.toBe(controller.signal);
  });

  it('makes one AbortController per request, none per attempt or caller', async () => {
    const callers = Array.from({ length: 10 }, () => new AbortController());
    const Native = globalThis.AbortController;
    let made = 0;
    globalThis.AbortController = class extends Native {
      constructor() {
        super();
        made++;
      }
    };
    try {
      const { scheduler } = setup((_r, call) => json(call % 2 === 1 ? 503 : 200, []));
      for (let i = 0; i < callers.length; i++) {
        await scheduler.execute({ path: ISSUES, params: [['n', String(i)]] }, { signal: callers[i].signal });
      }
    } finally {
      globalThis.AbortController = Native;
    }
    expect(made).toBe(10);
  });

  it('aborts the request’s signal when it times out', async () => {
    let seen: AbortSignal | undefined;
    const { scheduler } = setup(
      (_r, _c, signal) =>
        new Promise<SentryResponse>((_resolve, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(new TransportError('cancelled', 'aborted')));
        }),
      { timeoutMs: 20 }
    );
    await expect(scheduler.execute({ path: ISSUES })).rejects.toMatchObject({ kind: 'timeout' });
    expect(seen?.aborted).toBe(true);
  });

  it('gives a caller without a signal the shared answer', async () => {
    const { pending, responder } = gate();
    const { transport, scheduler } = setup(responder);
    const a = scheduler.execute({ path: ISSUES });
    const b = scheduler.execute({ path: ISSUES });
    await tick();
    pending[0](json(200, ['one']));
    expect((await a).body).toBe('["one"]');
    expect(await b).toBe(await a);
    expect(transport.requests).toHaveLength(1);
  });
});

describe('RequestScheduler and Sentry’s rate limit', () => {
  const SECOND = Date.UTC(2026, 4, 1, 12, 0, 0);
  const limited = (remaining: number, extra: Record<string, string> = {}) => ({
    'x-sentry-rate-limit-limit': '10',
    'x-sentry-rate-limit-remaining': String(remaining),
    'x-sentry-rate-limit-reset': String(SECOND / 1000 + 1),
    ...extra,
  });
  const tooFrequent = (limit: number, seconds: number) =>
    `"You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${seconds} seconds"`;

  /** Three requests one after the other, Remaining as `remainingAfter(call)` says; when each was sent. */
  async function sendTimes(remainingAfter: (call: number) => number) {
    const clock = new VirtualClock(SECOND);
    const sentAt: number[] = [];
    const transport = new ScriptedTransport((_req, call) => {
      sentAt.push(clock.now());
      return json(200, [], limited(remainingAfter(call)));
    });
    const scheduler = new RequestScheduler(transport, { clock, random: () => 0.5 });
    for (const cursor of ['a', 'b', 'c']) {
      await scheduler.execute({ path: ISSUES, params: [['cursor', cursor]] });
    }
    return sentAt.map((t) => t - SECOND);
  }

  it('spreads what is left of the window when Remaining falls faster than its own requests explain', async () => {
    // Others spend two for each of ours: 7, 4, 1 left.
    const shared = await sendTimes((call) => 10 - 3 * call);
    expect(shared[0]).toBe(0);
    expect(shared[1]).toBeGreaterThan(shared[0]);
    // Less left, wider apart.
    expect(shared[2] - shared[1]).toBeGreaterThan(shared[1] - shared[0]);
    // Alone (one fewer per request of ours), nothing holds them back.
    expect(await sendTimes((call) => 10 - call)).toEqual([0, 0, 0]);
  });

  it('on a rolling window waits for its oldest request to leave the window, not the reset: no 429', async () => {
    const clock = new VirtualClock(SECOND + 600);
    const fake = createTestFake({
      clock: () => clock.now(),
      modes: { rateLimit: { limit: 3, windowMs: 1000, concurrent: 5 } },
    });
    const sentAt: number[] = [];
    const transport = inProcessTransport(fake);
    const scheduler = new RequestScheduler(
      {
        target: transport.target,
        send: (request, signal) => (sentAt.push(clock.now()), transport.send(request, signal)),
      },
      { clock, random: () => 0 }
    );
    for (const query of ['a', 'b', 'c', 'd']) {
      await scheduler.execute({ path: ISSUES, params: [['query', query]] });
    }
    // The reset header said SECOND + 1000; the three requests of +600 count until +1600.
    expect(sentAt.map((t) => t - SECOND)).toEqual([600, 600, 600, expect.any(Number)]);
    expect(sentAt[3] - sentAt[0]).toBeGreaterThanOrEqual(1000);
    expect(fake.requestLog.map((e) => e.status)).toEqual([200, 200, 200, 200]);
  });

  it('waits out a lasting 429 that carries Sentry’s headers past the retry count, within the deadline', async () => {
    const { transport, scheduler } = setup(
      (_req, call) =>
        call <= 6 ? { status: 429, headers: limited(0), body: tooFrequent(10, 1) } : json(200, [{ id: '1' }]),
      { maxRetries: 2 }
    );
    const wait = new RateLimitWait(Date.UTC(2026, 4, 1, 12, 0, 0), 60_000);
    await expect(scheduler.execute({ path: ISSUES }, { rateLimit: wait })).resolves.toMatchObject({ status: 200 });
    expect(transport.requests).toHaveLength(7);
    // Each retry waited for the window: about a second each.
    expect(wait.waitedMs).toBeGreaterThanOrEqual(6 * 1000);
    expect(wait.notice()).toMatch(/^waited \d+ s for Sentry's rate limit$/);
  });

  it('retries a 429 of the concurrency limit (room left in the window) after a short backoff', async () => {
    const { transport, scheduler, clock } = setup((_req, call) =>
      call === 1
        ? {
            status: 429,
            headers: limited(9),
            body: '"You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is 25"',
          }
        : json(200, [])
    );
    await expect(scheduler.execute({ path: ISSUES })).resolves.toMatchObject({ status: 200 });
    expect(transport.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeLessThan(1000);
  });

  it('fails at once, naming the wait, when Sentry’s limit needs longer than the query may wait', async () => {
    // Only this request counted: the window, not other clients, is what must pass.
    const alone = { 'x-sentry-rate-limit-limit': '1', 'x-sentry-rate-limit-reset': String(SECOND / 1000 + 75) };
    const { transport, scheduler } = setup(() => ({
      status: 429,
      headers: limited(0, alone),
      body: tooFrequent(1, 90),
    }));
    const wait = new RateLimitWait(Date.UTC(2026, 4, 1, 12, 0, 0), 60_000);
    const error = await scheduler.execute({ path: ISSUES }, { rateLimit: wait }).catch((e) => e);
    expect(error).toBeInstanceOf(SentryError);
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toBe(
      `Sentry's rate limit on ${ISSUES} needs a wait of 91 s before the next request, beyond the 60 s a query ` +
        'waits for it (60 s left). Sentry said: You are attempting to use this endpoint too frequently. ' +
        'Limit is 1 requests in 90 seconds. Try again later or refresh less often.'
    );
    expect(transport.requests).toHaveLength(1);
    // A longer deadline waits it out.
    const patient = new RateLimitWait(Date.UTC(2026, 4, 1, 12, 0, 0), 120_000);
    const { scheduler: second } = setup((_req, call) =>
      call === 1 ? { status: 429, headers: limited(0, alone), body: tooFrequent(1, 90) } : json(200, [])
    );
    await expect(second.execute({ path: ISSUES }, { rateLimit: patient })).resolves.toMatchObject({ status: 200 });
    expect(patient.notice()).toBe("waited 90 s for Sentry's rate limit");
  });

  it('adds a shared request’s wait to every query waiting for it', async () => {
    const { pending, responder } = gate();
    const { scheduler } = setup(responder);
    const first = new RateLimitWait(Date.UTC(2026, 4, 1, 12, 0, 0), 60_000);
    const second = new RateLimitWait(Date.UTC(2026, 4, 1, 12, 0, 0), 60_000);
    const a = scheduler.execute({ path: ISSUES }, { rateLimit: first });
    const b = scheduler.execute({ path: ISSUES }, { rateLimit: second });
    await tick();
    // Sentry counted only this request: no one else to share with, nothing but the window to wait for.
    pending.shift()!({
      status: 429,
      headers: { ...limited(0), 'x-sentry-rate-limit-limit': '1' },
      body: tooFrequent(1, 2),
    });
    await tick();
    await tick();
    pending.shift()!(json(200, []));
    await Promise.all([a, b]);
    expect(first.notice()).toBe("waited 2 s for Sentry's rate limit");
    expect(second.notice()).toBe(first.notice());
  });
});

describe('endpointKey', () => {
  it.each([
    ['/api/0/organizations/acme/issues/', '/api/0/organizations/{org}/issues/'],
    ['/api/0/organizations/acme/issues/123/events/', '/api/0/organizations/{org}/issues/{id}/events/'],
    ['/api/0/organizations/acme/releases/web%401.0/deploys/', '/api/0/organizations/{org}/releases/{id}/deploys/'],
    ['/api/0/projects/acme/checkout/tags/browser/values/', '/api/0/projects/{org}/{id}/tags/{key}/values/'],
    ['/api/0/teams/acme/payments/projects/', '/api/0/teams/{org}/{id}/projects/'],
    ['/api/0/organizations/', '/api/0/organizations/'],
  ])('%s → %s', (path, key) => {
    expect(endpointKey(path)).toBe(key);
  });
});
