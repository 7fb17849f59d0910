/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { ScriptedTransport, json } from '../../tests/support/scriptedTransport';
import { runAnnotationQuery } from './annotations';
import { SentryClient } from './client';

const fake = createTestFake();
const { range } = lastHours(24);

function rows(frame: DataFrame) {
  const col = (name: string) => frame.fields.find((f) => f.name === name)!.values;
  return col('time').map((time, i) => ({
    time,
    timeEnd: col('timeEnd')[i],
    title: col('title')[i],
    text: col('text')[i],
    tags: col('tags')[i],
  }));
}

describe('annotations against the fake', () => {
  it('releases: at their release time, with version, counts and a link to the release', async () => {
    const frame = await runAnnotationQuery(
      fakeClient(fake),
      { refId: 'Anno', annotationKind: 'releases', projectIds: ['checkout-api'] },
      range
    );
    const burst = rows(frame).find((r) => r.tags.includes(fake.scenario.burst.release));
    expect(burst).toBeDefined();
    expect(burst!.time).toBe(fake.scenario.burst.start);
    expect(burst!.title).toBe('Release 2.4.1');
    expect(burst!.text).toContain('<b>checkout-api@2.4.1</b>');
    expect(burst!.text).toContain(
      '<a href="https://sentry.fake.test/organizations/acme/releases/checkout-api%402.4.1/"'
    );
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['timeEnd', 'time'],
      ['title', 'string'],
      ['text', 'string'],
      ['tags', 'other'],
    ]);
  });

  it('deploys: regions from start to finish, per environment', async () => {
    const frame = await runAnnotationQuery(
      fakeClient(fake),
      { refId: 'Anno', annotationKind: 'deploys', environments: ['production'] },
      range
    );
    const all = rows(frame);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.tags.includes('production'))).toBe(true);
    const burst = all.find((r) => r.tags.includes(fake.scenario.burst.release))!;
    expect(burst.timeEnd).toBe(fake.scenario.burst.start);
    expect(burst.time).toBeLessThan(burst.timeEnd as number);
    expect(burst.title).toBe('Deploy 2.4.1 → production');
  });

  it('new issues: the burst issue at its first event', async () => {
    const frame = await runAnnotationQuery(fakeClient(fake), { refId: 'Anno', annotationKind: 'newIssues' }, range);
    const burst = rows(frame).find((r) => r.title === `New issue ${fake.scenario.burst.shortId}`);
    expect(burst).toBeDefined();
    const issue = fake.scenario.issues.find((i) => i.id === fake.scenario.burst.issueId)!;
    expect(burst!.time).toBe(issue.firstSeen);
    // It first fired on staging, shortly before the production deploy.
    expect(burst!.time).toBeGreaterThan(fake.scenario.burst.start - HOUR);
    expect(rows(frame).every((r) => r.time >= FIXED_NOW - 24 * HOUR && r.time <= FIXED_NOW)).toBe(true);
  });

  it('regressions: at the time the issue regressed', async () => {
    const frame = await runAnnotationQuery(
      fakeClient(fake),
      { refId: 'Anno', annotationKind: 'regressions' },
      lastHours(24 * 14).range
    );
    expect(rows(frame).length).toBeGreaterThan(0);
    for (const r of rows(frame)) {
      expect(r.title).toMatch(/^Regression /);
      expect(r.tags).toContain('regression');
    }
  });
});

describe('annotation text', () => {
  it('shows Sentry strings as text, never as markup', async () => {
    const issue = {
      id: '1',
      shortId: 'X-1',
      title: '<img src=x onerror=alert(1)> & "quotes"',
      culprit: '<script>alert(2)</script>',
      level: 'error',
      count: '3',
      firstSeen: new Date(FIXED_NOW - HOUR).toISOString(),
      project: { id: '1', slug: 'p<b>' },
    };
    const client = new SentryClient({ transport: new ScriptedTransport(() => json(200, [issue])), orgSlug: 'acme' });
    const frame = await runAnnotationQuery(client, { refId: 'A', annotationKind: 'newIssues' }, range);
    const [row] = rows(frame);
    expect(row.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(row.text).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(row.text).not.toMatch(/<(img|script)/);
    // The only markup is our own: bold, line breaks and a link to the configured host.
    expect(row.text.match(/<[a-z]+/g)).toEqual(expect.arrayContaining(['<b', '<br', '<a']));
    expect(row.text).toContain('href="https://sentry.example.test/organizations/acme/issues/1/"');
  });
});

describe('against the hostile fake (script payloads in Sentry strings)', () => {
  const hostile = createTestFake({ modes: { hostile: true } });
  // The only markup is ours: bold, line breaks, links to the configured host.
  const OURS =
    /<\/?b>|<br\/>|<a href="https:\/\/sentry\.fake\.test\/[^"<>]*" target="_blank" rel="noopener noreferrer">|<\/a>/g;

  it.each(['releases', 'deploys', 'newIssues', 'regressions'] as const)(
    '%s: payloads only as escaped text in title and text',
    async (annotationKind) => {
      const frame = await runAnnotationQuery(
        fakeClient(hostile),
        { refId: 'Anno', annotationKind },
        lastHours(24 * 14).range
      );
      expect(rows(frame).length).toBeGreaterThan(0);
      for (const row of rows(frame)) {
        expect(row.title).not.toMatch(/[<>"]/);
        expect(row.text.replace(OURS, '')).not.toMatch(/[<>"]/);
        expect(`${row.title} ${row.text}`).toContain('window.__lensXss=1');
      }
    }
  );
});
