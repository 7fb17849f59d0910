/** @jest-environment node */

import { HOSTILE_STAGING, HOSTILE_TAG, HOSTILE_TAG_VALUES, XSS_MARKUP, XSS_URL } from './hostile';
import { modesFromEnv } from './modes';
import { buildScenario } from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs, SEED } from './test-helpers';

const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });
const PAYLOAD = /window\.__lensXss=1/;

async function json(fake: ReturnType<typeof makeFake>, url: string): Promise<any> {
  const response = await get(fake, url);
  expect(response.status).toBe(200);
  return response.json;
}

describe('hostile mode', () => {
  test('is off by default, switches on and off, and is read from FAKE_SENTRY_MODE', async () => {
    const fake = makeFake({ scenario });
    const names = async () => (await json(fake, `${ORG_PATH}/projects/`)).map((p: any) => p.name);
    const slugs = ['checkout-api', 'mobile-app', 'payments-worker', 'web-frontend'];
    expect(await names()).toEqual(slugs);
    fake.setMode({ hostile: true });
    const hostile = await names();
    expect(hostile).toEqual([
      `checkout ${XSS_MARKUP.img}`,
      `mobile ${XSS_MARKUP.img}`,
      `payments ${XSS_MARKUP.script}`,
      `web ${XSS_MARKUP.svg}`,
    ]);
    expect(fake.scenario.projects.map((p) => p.name)).toContain(hostile[0]);
    fake.setMode({ hostile: false });
    expect(await names()).toEqual(slugs);
    expect(fake.scenario).toBe(scenario);
    expect(modesFromEnv({ FAKE_SENTRY_MODE: 'hostile' })).toEqual({ hostile: true });
  });

  test('changes the text only: same issues, counts, releases and deploy times as the demo', async () => {
    const demo = makeFake({ scenario });
    const hostile = makeFake({ modes: { hostile: true } });
    const issues = `${ORG_PATH}/issues/?${qs([
      ['statsPeriod', '14d'],
      ['project', -1],
      ['limit', 100],
    ])}`;
    const pick = (list: any[]) => list.map((i) => [i.id, i.shortId, i.count, i.userCount, i.firstSeen, i.project.slug]);
    const [demoIssues, hostileIssues] = [await json(demo, issues), await json(hostile, issues)];
    expect(pick(hostileIssues)).toEqual(pick(demoIssues));
    expect(hostileIssues.every((i: any) => PAYLOAD.test(i.title) && PAYLOAD.test(i.culprit))).toBe(true);

    const releases = `${ORG_PATH}/releases/?project=-1&per_page=100`;
    const [demoReleases, hostileReleases] = [await json(demo, releases), await json(hostile, releases)];
    expect(hostileReleases.map((r: any) => [r.id, r.dateCreated, r.lastDeploy?.dateFinished])).toEqual(
      demoReleases.map((r: any) => [r.id, r.dateCreated, r.lastDeploy?.dateFinished])
    );
    hostileReleases.forEach((r: any, i: number) => {
      expect(r.version.startsWith(demoReleases[i].version)).toBe(true);
      expect(r.version).toMatch(PAYLOAD);
    });
    expect(hostileReleases.filter((r: any) => r.lastDeploy).map((r: any) => r.lastDeploy.url)).toContain(XSS_URL);
  });

  test('sends release counts as text: the digits of a count above zero, a payload for a zero', async () => {
    const demo = makeFake({ scenario });
    const hostile = makeFake({ modes: { hostile: true } });
    const releases = `${ORG_PATH}/releases/?project=-1&per_page=100`;
    const [demoReleases, hostileReleases] = [await json(demo, releases), await json(hostile, releases)];
    const asText = (n: number, payload: string) => (n > 0 ? String(n) : payload);
    const counts = (r: any) => [r.newGroups, r.deployCount, r.projects.map((p: any) => p.newGroups)];
    expect(hostileReleases.map(counts)).toEqual(
      demoReleases.map((r: any) => [
        asText(r.newGroups, XSS_MARKUP.script),
        asText(r.deployCount, XSS_MARKUP.img),
        r.projects.map((p: any) => asText(p.newGroups, XSS_MARKUP.svg)),
      ])
    );
    // Both kinds are served: counts to read as numbers, and payloads where a number belongs.
    const served = hostileReleases.flatMap((r: any) => [r.newGroups, r.deployCount]);
    expect(served).toEqual(expect.arrayContaining([XSS_MARKUP.script, XSS_MARKUP.img]));
    expect(served.some((c: string) => /^[1-9]\d*$/.test(c))).toBe(true);
  });

  test('the renamed environment filters like staging did', async () => {
    const demo = makeFake({ scenario });
    const hostile = makeFake({ modes: { hostile: true } });
    const count = async (fake: typeof demo, environment: string) =>
      (
        await json(
          fake,
          `${ORG_PATH}/events/?${qs([
            ['statsPeriod', '24h'],
            ['field', 'count()'],
            ['environment', environment],
          ])}`
        )
      ).data[0]['count()'];
    const staging = await count(demo, 'staging');
    expect(staging).toBeGreaterThan(0);
    expect(await count(hostile, HOSTILE_STAGING)).toBe(staging);
    expect((await get(hostile, `${ORG_PATH}/events/?field=count()&environment=staging`)).status).toBe(404);
  });

  test('stays within what Sentry accepts: slugs, tag keys, version and environment characters', async () => {
    const hostile = makeFake({ modes: { hostile: true } });
    const { scenario: s } = hostile;
    expect(s.projects.map((p) => p.slug)).toEqual(scenario.projects.map((p) => p.slug));
    // Sentry refuses `/`, backslashes and line breaks in versions and environment names.
    for (const name of [...s.releases.map((r) => r.version), ...s.environments.map((e) => e.name)]) {
      expect(name).not.toMatch(/[/\\\r\n\t\f]/);
    }
    expect(HOSTILE_STAGING.length).toBeLessThanOrEqual(64);
    expect(s.projects.every((p) => p.name.length <= 50)).toBe(true);
    // Tag keys are [a-zA-Z0-9_.:-]{1,32}; the values carry the payloads (at most 200 characters).
    expect(HOSTILE_TAG).toMatch(/^[a-zA-Z0-9_.:-]{1,32}$/);
    const values = await json(hostile, `/api/0/projects/acme/web-frontend/tags/${HOSTILE_TAG}/values/`);
    expect(values.map((v: any) => v.value).sort()).toEqual([...HOSTILE_TAG_VALUES].sort());
  });
});
