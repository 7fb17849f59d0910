/** @jest-environment node */
import type { DataFrame } from '@grafana/data';
import { FIXED_NOW, HOUR, createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { ScriptedTransport, json } from '../../tests/support/scriptedTransport';
import { SentryAnnotationQuery, runAnnotationQuery } from './annotations';
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

describe('every Sentry value in annotation title and text is escaped or read as a number', () => {
  const released = new Date(FIXED_NOW - HOUR).toISOString();
  const A = ' target="_blank" rel="noopener noreferrer">';
  const clientAnswering = (answer: (path: string) => unknown) =>
    new SentryClient({
      transport: new ScriptedTransport((request) => json(200, answer(request.path))),
      orgSlug: 'acme',
    });
  const one = async (client: SentryClient, annotationKind: SentryAnnotationQuery['annotationKind']) => {
    const all = rows(await runAnnotationQuery(client, { refId: 'A', annotationKind }, range));
    expect(all).toHaveLength(1);
    return all[0];
  };

  it('releases: version, description, projects and counts', async () => {
    const release = {
      id: 1,
      version: 'v1<img src=x onerror=alert(1)>',
      versionInfo: { description: '"><svg onload=alert(2)>' },
      dateCreated: released,
      projects: [{ slug: "web'&" }, { slug: { name: '<b>' } }],
      newGroups: '"<script>alert(3)</script>',
      deployCount: '2',
    };
    const row = await one(
      clientAnswering(() => [release]),
      'releases'
    );
    expect(row.title).toBe('Release &quot;&gt;&lt;svg onload=alert(2)&gt;');
    expect(row.text).toBe(
      [
        '<b>v1&lt;img src=x onerror=alert(1)&gt;</b>',
        'Projects: web&#39;&amp;',
        // The count that is not a number is left out; the one sent as text is read as a number.
        '2 deploys',
        `<a href="https://sentry.example.test/organizations/acme/releases/v1%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/"${A}Open release in Sentry</a>`,
      ].join('<br/>')
    );
    expect(row.tags).toEqual(['sentry', 'release', "web'&", release.version]);
  });

  it.each([
    { counts: { newGroups: '1', deployCount: 1 }, shown: ['1 new issue, 1 deploy'] },
    { counts: { newGroups: ' 3 ', deployCount: '0' }, shown: ['3 new issues, 0 deploys'] },
    { counts: { deployCount: { total: 1 } }, shown: ['0 new issues'] },
    { counts: { newGroups: '<script>alert(1)</script>', deployCount: ['<img src=x onerror=alert(2)>'] }, shown: [] },
  ])('release counts $counts read as $shown', async ({ counts, shown }) => {
    const release = { id: 1, version: '1.0', dateCreated: released, projects: [], ...counts };
    const row = await one(
      clientAnswering(() => [release]),
      'releases'
    );
    const [version, ...rest] = row.text.split('<br/>');
    expect(version).toBe('<b>1.0</b>');
    // Between the version and the link.
    expect(rest.slice(0, -1)).toEqual(shown);
  });

  it('deploys: release, description, environment, name and URL', async () => {
    const release = {
      id: 1,
      version: 'v2"<i>',
      versionInfo: { description: "<b>2</b>'" },
      dateCreated: released,
      deployCount: '1',
      projects: [{ slug: 'api' }, { slug: 7 }],
    };
    const deploy = {
      id: '9',
      environment: 'prod"><svg onload=alert(1)>',
      name: '<script>alert(2)</script>',
      url: 'javascript:alert(3)//"<x>',
      dateStarted: new Date(FIXED_NOW - 2 * HOUR).toISOString(),
      dateFinished: released,
    };
    const row = await one(
      clientAnswering((path) => (path.includes('/deploys/') ? [deploy] : [release])),
      'deploys'
    );
    expect(row.title).toBe('Deploy &lt;b&gt;2&lt;/b&gt;&#39; → prod&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(row.text).toBe(
      [
        '<b>v2&quot;&lt;i&gt;</b> to <b>prod&quot;&gt;&lt;svg onload=alert(1)&gt;</b>',
        '&lt;script&gt;alert(2)&lt;/script&gt;',
        'javascript:alert(3)//&quot;&lt;x&gt;',
        `<a href="https://sentry.example.test/organizations/acme/releases/v2%22%3Ci%3E/"${A}Open release in Sentry</a>`,
      ].join('<br/>')
    );
    expect(row.tags).toEqual(['sentry', 'deploy', deploy.environment, release.version, 'api', '7']);
  });

  it('issues: short id, title, culprit, level, count and project', async () => {
    const issue = {
      id: '42',
      shortId: 'X-1"<b>',
      title: "<img src=x onerror=alert(1)> & 'q'",
      culprit: '<script>alert(2)</script>',
      level: '"><svg onload=alert(3)>',
      count: '<script>alert(4)</script>',
      firstSeen: released,
      project: { id: '1', slug: 'p&<i>' },
    };
    const row = await one(
      clientAnswering(() => [issue]),
      'newIssues'
    );
    expect(row.title).toBe('New issue X-1&quot;&lt;b&gt;');
    expect(row.text).toBe(
      [
        '<b>&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;</b>',
        '&lt;script&gt;alert(2)&lt;/script&gt;',
        '&quot;&gt;&lt;svg onload=alert(3)&gt; · p&amp;&lt;i&gt;',
        `<a href="https://sentry.example.test/organizations/acme/issues/42/"${A}Open issue in Sentry</a>`,
      ].join('<br/>')
    );
    expect(row.tags).toEqual(['sentry', 'new-issue', 'p&<i>', issue.level]);
  });

  it('issues: an event count sent as text is read as a number', async () => {
    const issue = { id: '1', title: 't', count: '1', level: 'error', firstSeen: released, project: { slug: 'p' } };
    const row = await one(
      clientAnswering(() => [issue]),
      'newIssues'
    );
    expect(row.text.split('<br/>')[1]).toBe('error · 1 event · p');
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
      if (annotationKind === 'releases') {
        // The fake sends counts as text: those above zero read as numbers.
        expect(rows(frame).some((row) => /\b[1-9]\d* deploys?\b/.test(row.text))).toBe(true);
      }
    }
  );
});
