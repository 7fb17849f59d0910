/** @jest-environment node */
import {
  HOUR,
  createTestFake,
  fakeClient,
  interceptedClient,
  lastHours,
} from '../../../tests/support/fakeSentryClient';
import { json } from '../../../tests/support/scriptedTransport';
import { SentryClient } from '../client';
import { SESSIONS_INTERVALS } from '../interval';
import { runQuery } from '../run';

const fake = createTestFake();

describe('session health against the fake', () => {
  it('charts crash-free rates per release as 0–1 fractions, the bad release lowest', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'sessions',
        sessionsFields: ['crash_free_rate(session)'],
        sessionsGroupBy: ['release'],
        projectIds: ['checkout-api'],
      },
      { ...lastHours(12), intervalMs: HOUR }
    );
    expect(outcome.error).toBeUndefined();
    const frames = outcome.frames;
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame.fields[0].type).toBe('time');
      expect(frame.fields[1].config.unit).toBe('percentunit');
      for (const v of frame.fields[1].values as Array<number | null>) {
        expect(v === null || (v >= 0 && v <= 1)).toBe(true);
      }
    }
    const mean = (values: Array<number | null>) => {
      const present = values.filter((v): v is number => v !== null);
      return present.reduce((a, b) => a + b, 0) / present.length;
    };
    const byRelease = new Map(
      frames.map((f) => [f.fields[1].labels?.release, mean(f.fields[1].values as Array<number | null>)])
    );
    const bad = byRelease.get(fake.scenario.burst.release)!;
    for (const [release, rate] of byRelease) {
      if (release !== fake.scenario.burst.release) {
        expect(bad).toBeLessThan(rate);
      }
    }
    expect(frames[0].meta?.executedQueryString).toContain('interval: 1h');
  });

  it('gives a totals table with project slugs, not ids', async () => {
    const outcome = await runQuery(
      fakeClient(fake),
      {
        refId: 'A',
        queryType: 'sessions',
        sessionsMode: 'table',
        sessionsFields: ['sum(session)', 'crash_free_rate(user)'],
        sessionsGroupBy: ['project'],
      },
      lastHours(24)
    );
    const [frame] = outcome.frames;
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['project', 'string'],
      ['sum(session)', 'number'],
      ['crash_free_rate(user)', 'number'],
    ]);
    expect(new Set(frame.fields[0].values)).toEqual(new Set(fake.scenario.projects.map((p) => p.slug)));
  });

  it('explains a range too long for the Sessions API', async () => {
    const outcome = await runQuery(fakeClient(fake), { refId: 'A', queryType: 'sessions' }, lastHours(24 * 1100));
    expect(outcome.error?.message).toContain('at most 1000 buckets');
  });
});

describe('bucket sizes the server accepts', () => {
  /** The fake behind a server that takes nothing under an hour on sessions, as older self-hosted Sentry. */
  function hourOnly() {
    const intervals: string[] = [];
    const client = interceptedClient(fake, (request) => {
      if (!request.path.endsWith('/sessions/')) {
        return undefined;
      }
      const interval = new Map(request.params ?? []).get('interval') ?? '';
      intervals.push(interval);
      return /^\d+[hd]$/.test(interval)
        ? undefined
        : json(400, { detail: 'The interval has to be a multiple of the minimum interval of one hour.' });
    });
    return { client, intervals };
  }
  const sessions = { refId: 'A', queryType: 'sessions' as const, sessionsFields: ['sum(session)' as const] };

  it('asks for an hour at least over longer ranges, whatever Grafana’s interval', async () => {
    const { client, intervals } = hourOnly();
    const outcome = await runQuery(client, sessions, { ...lastHours(24), intervalMs: 5 * 60_000 });
    expect(outcome.error).toBeUndefined();
    expect(intervals).toEqual(['1h']);
  });

  it('tries finer buckets on a short range, takes the floor the refusal names, and remembers it', async () => {
    const { client, intervals } = hourOnly();
    const first = await runQuery(client, sessions, { ...lastHours(3), intervalMs: 5 * 60_000 });
    expect(first.error).toBeUndefined();
    expect(intervals).toEqual(['5m', '1h']);
    expect(first.frames[0].meta?.executedQueryString).toContain('interval: 1h');
    expect(client.capabilities.intervalFloorMs(SESSIONS_INTERVALS)).toBe(HOUR);
    await runQuery(client, sessions, { ...lastHours(2), intervalMs: 60_000 });
    expect(intervals).toEqual(['5m', '1h', '1h']);
  });

  it('says so when the interval asked for is finer than the server takes', async () => {
    const { client } = hourOnly();
    const outcome = await runQuery(client, { ...sessions, sessionsInterval: '10m' }, { ...lastHours(24) });
    expect(outcome.frames[0].meta?.executedQueryString).toContain(
      "interval: 1h (asked for 10m; Sentry's smallest bucket for this range is 1h)"
    );
  });

  it('passes other refusals on as they are', async () => {
    const client = new SentryClient({
      orgSlug: 'acme',
      transport: {
        target: 'https://sentry.fake.test',
        send: async () => json(400, { detail: 'Invalid query: unknown field foo' }),
      },
    });
    const outcome = await runQuery(client, sessions, { ...lastHours(24) });
    expect(outcome.error?.message).toContain('unknown field foo');
    expect(client.stats.sent).toBe(1);
  });
});
