/**
 * Sentry strings carrying script payloads, in the built plugin in Chromium: the host's `sentry-hostile` data source
 * reads a Sentry fake in hostile mode (fake-sentry/hostile.ts). Table cells, Grafana's table panel component, picker
 * options, variable values, annotation tooltips (release counts included, which that mode sends as text) and the
 * Save & test message show the payloads as text; none runs (each would set window.__lensXss) and none leaves an
 * element in the page.
 */
import type { Page } from '@playwright/test';

import {
  HOSTILE_STAGING,
  HOSTILE_TAG,
  HOSTILE_TAG_LABEL,
  HOSTILE_TAG_VALUES,
  XSS_URL,
} from '../../fake-sentry/hostile';
import { Components } from '../../src/selectors';
import { EventsStatsSelectors } from '../../src/components/query-editor/EventsStatsEditor.selectors';
import {
  HOSTILE_UID,
  chooseOption,
  chooseRadio,
  expect,
  openHostPage,
  readErrors,
  readFrames,
  runQuery,
  savedQuery,
  screenshot,
  test,
} from './fixtures';

const PAYLOAD = 'window.__lensXss=1';
const editor = Components.QueryEditor;
const variable = Components.VariableEditor;

/** What a payload parsed as markup or used as a URL leaves in the page; [] when the page is clean. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    document.querySelectorAll('body *').forEach((element) => {
      const tag = element.tagName.toLowerCase();
      const src = element.getAttribute('src') ?? '';
      // The host's own: its bundle, and the plugin logo from the plugin's folder.
      const own =
        (tag === 'script' && src.startsWith('/host/')) || (tag === 'img' && src.startsWith('public/plugins/'));
      if (!own && ['script', 'img', 'iframe', 'object', 'embed'].includes(tag)) {
        found.push(element.outerHTML.slice(0, 200));
      }
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) {
          found.push(`${tag}[${name}]`);
        }
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) &&
          /^\s*javascript:/i.test(attribute.value)
        ) {
          found.push(`${tag}[${name}=${attribute.value}]`);
        }
      }
    });
    return found;
  });
}

async function expectNothingRan(page: Page): Promise<void> {
  expect(await injected(page)).toEqual([]);
  expect(await page.evaluate(() => (window as { __lensXss?: unknown }).__lensXss)).toBeUndefined();
}

/** Sentry's API through the host's data source proxy, as the plugin reads it. */
async function sentry<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/datasources/proxy/uid/${HOSTILE_UID}/sentry/api/0/${path}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

async function hostileSentryUrl(page: Page): Promise<string> {
  const settings = await (await page.request.get(`/api/datasources/uid/${HOSTILE_UID}`)).json();
  return settings.jsonData.url as string;
}

test.describe('tables', () => {
  const tables: Array<{ name: string; query: object; columns: string[]; from: string }> = [
    {
      name: 'issues',
      query: { queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq', issuesLimit: 10 },
      columns: ['title', 'culprit', 'assignee'],
      from: 'now-24h',
    },
    {
      name: 'events',
      query: {
        queryType: 'events',
        dataset: 'errors',
        eventsFields: ['id', 'timestamp', 'project', 'title', 'release', 'environment', `tags[${HOSTILE_TAG}]`],
        eventsSort: 'timestamp',
        eventsSortDirection: 'desc',
        eventsLimit: 10,
      },
      columns: ['title', 'release', 'environment', `tags[${HOSTILE_TAG}]`],
      from: 'now-24h',
    },
    {
      name: 'releases',
      query: { queryType: 'releases', releasesMode: 'releases', releasesLimit: 10 },
      columns: ['version', 'shortVersion'],
      from: 'now-7d',
    },
    {
      name: 'deploys',
      query: { queryType: 'releases', releasesMode: 'deploys', releasesLimit: 10 },
      columns: ['version', 'environment', 'name', 'url'],
      from: 'now-7d',
    },
  ];

  for (const { name, query, columns, from } of tables) {
    test(`${name}: payloads as text in the cells, in the host's table and in Grafana's`, async ({ page }, testInfo) => {
      await openHostPage(page, 'query', { uid: HOSTILE_UID, query, from, grafanaTable: true });
      await runQuery(page);
      expect(await readErrors(page)).toEqual([]);
      const [frame] = await readFrames(page);
      const shown = columns.flatMap((column) => {
        const index = frame.fields.findIndex((f) => f.name === column);
        expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
        return frame.cells.map((row) => row[index]).filter((text) => text !== '');
      });
      expect(shown.filter((text) => text.includes(PAYLOAD)).length).toBeGreaterThan(0);

      // Grafana's table panel component shows the very same text in its cells.
      const grafana = page.getByTestId('host-grafana-table').first();
      await expect(grafana.getByRole('gridcell').first()).toBeVisible();
      const cells = await grafana.getByRole('gridcell').allTextContents();
      for (const text of shown) {
        expect(cells).toContain(text);
      }
      // Its data links lead to the configured Sentry only.
      const origin = await hostileSentryUrl(page);
      for (const href of await grafana.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        expect(href?.startsWith(`${origin}/`), `${href}`).toBe(true);
      }
      await expectNothingRan(page);
      await screenshot(page, testInfo, `hostile-table-${name}`);
    });
  }
});

test('pickers: project names, the environment and a tag label as option text; the environment saved as it is', async ({
  page,
}, testInfo) => {
  const projects = await sentry<Array<{ slug: string; name: string }>>(page, 'organizations/acme/projects/');
  expect(projects.every((p) => p.name.includes(PAYLOAD))).toBe(true);
  await openHostPage(page, 'query', { uid: HOSTILE_UID });

  const projectsInput = page.getByTestId(editor.Projects.testId);
  await projectsInput.click();
  for (const project of projects) {
    const option = page.getByRole('option').filter({ hasText: project.slug });
    await expect(option.getByText(project.name, { exact: true })).toBeVisible();
  }
  await expectNothingRan(page);
  await screenshot(page, testInfo, 'hostile-projects-picker');
  await projectsInput.press('Escape');

  await chooseOption(page, editor.Environments.testId, HOSTILE_STAGING);
  await expect.poll(() => savedQuery(page)).toMatchObject({ environments: [HOSTILE_STAGING] });
  await expect(page.getByTestId('host-query-editor').getByText(HOSTILE_STAGING, { exact: true })).toBeVisible();
  await runQuery(page);
  expect(await readErrors(page)).toEqual([]);
  expect((await readFrames(page))[0].rows).toBeGreaterThan(0);
  await expectNothingRan(page);

  await chooseOption(page, editor.QueryType.testId, editor.QueryType.types.eventsStats.label);
  const groupBy = page.getByTestId(EventsStatsSelectors.GroupBy.testId);
  await groupBy.click();
  await groupBy.fill(HOSTILE_TAG);
  const tagOption = page.getByRole('option').filter({ hasText: `tags[${HOSTILE_TAG}]` });
  await expect(tagOption.getByText(HOSTILE_TAG_LABEL, { exact: true })).toBeVisible();
  await expectNothingRan(page);
  await screenshot(page, testInfo, 'hostile-tag-picker');
  await groupBy.fill('');
  await groupBy.press('Escape');
});

test('variable editor: environments, releases and tag values as text', async ({ page }, testInfo) => {
  await openHostPage(page, 'variable', { uid: HOSTILE_UID, from: 'now-7d' });
  const values = page.getByTestId('host-variable-value');
  const texts = () => values.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-text') ?? ''));

  await chooseOption(page, variable.Kind.testId, variable.Kind.options.environments);
  await runQuery(page);
  expect(await texts()).toContain(HOSTILE_STAGING);
  await expect(values.getByText(HOSTILE_STAGING, { exact: true }).first()).toBeVisible();

  await chooseOption(page, variable.Kind.testId, variable.Kind.options.releases);
  const environments = page.getByTestId(variable.Environments.testId);
  await environments.click();
  await expect(page.getByRole('option').getByText(HOSTILE_STAGING, { exact: true })).toBeVisible();
  await environments.press('Escape');
  await runQuery(page);
  const releases = await values.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-value') ?? ''));
  expect(releases.length).toBeGreaterThan(0);
  for (const version of releases) {
    expect(version).toContain(PAYLOAD);
    await expect(values.filter({ hasText: version }).first()).toBeVisible();
  }

  await chooseOption(page, variable.Kind.testId, variable.Kind.options.tagValues);
  await chooseOption(page, variable.TagKey.testId, HOSTILE_TAG);
  await expect.poll(() => savedQuery(page)).toMatchObject({ kind: 'tagValues', tagKey: HOSTILE_TAG });
  await runQuery(page);
  expect((await texts()).sort()).toEqual([...HOSTILE_TAG_VALUES].sort());
  for (const value of HOSTILE_TAG_VALUES) {
    await expect(values.getByText(value, { exact: true }).first()).toBeVisible();
  }
  await expectNothingRan(page);
  await screenshot(page, testInfo, 'hostile-variable-editor');
});

test('annotation editor: releases and deploys as Grafana’s tooltip renders them, as text', async ({
  page,
}, testInfo) => {
  const origin = await hostileSentryUrl(page);
  await openHostPage(page, 'annotation', { uid: HOSTILE_UID, from: 'now-7d' });
  const tooltips = page.getByTestId('host-annotation-tooltip');

  await runQuery(page);
  expect(await readErrors(page)).toEqual([]);
  const releases = await tooltips.allTextContents();
  expect(releases.length).toBeGreaterThan(0);
  // Every release annotation names its version, payload included, in readable text.
  expect(releases.every((text) => text.includes(PAYLOAD))).toBe(true);
  // Release counts come as text (a payload stands in for a zero): the numbers read as numbers. (The tooltip's text
  // runs its lines together: "…2 new issues, 1 deployOpen release in Sentry".)
  expect(releases.some((text) => /[1-9]\d* deploys?(?![a-z])/.test(text))).toBe(true);
  await expectNothingRan(page);

  await chooseRadio(page, Components.AnnotationEditor.Kind.testId, Components.AnnotationEditor.Kind.options.deploys);
  await expect.poll(() => savedQuery(page)).toMatchObject({ annotationKind: 'deploys' });
  await runQuery(page);
  const deploys = await tooltips.allTextContents();
  expect(deploys.length).toBeGreaterThan(0);
  expect(deploys.some((text) => text.includes(HOSTILE_STAGING))).toBe(true);
  expect(deploys.some((text) => text.includes(XSS_URL))).toBe(true);
  // Sanitized or not, each annotation reads the same: nothing of it was markup.
  const pairs = await tooltips.evaluateAll((divs) =>
    divs.map((d) => [d.getAttribute('data-sanitized'), d.textContent])
  );
  for (let i = 0; i < pairs.length; i += 2) {
    expect(pairs[i][1]).toBe(pairs[i + 1][1]);
  }
  for (const href of await tooltips.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href?.startsWith(`${origin}/`), `${href}`).toBe(true);
  }

  const environments = page.getByTestId(editor.Environments.testId);
  await environments.click();
  await expect(page.getByRole('option').getByText(HOSTILE_STAGING, { exact: true })).toBeVisible();
  await expectNothingRan(page);
  await screenshot(page, testInfo, 'hostile-annotation-editor');
  await environments.press('Escape');
});

test('Save & test names the organization as Sentry spells it, as text', async ({ page }, testInfo) => {
  const org = await sentry<{ name: string }>(page, 'organizations/acme/');
  expect(org.name).toContain(PAYLOAD);
  await openHostPage(page, 'config', { uid: HOSTILE_UID });
  await page.getByTestId('host-save-test').click();
  const result = page.getByTestId('host-test-result');
  await expect(result).toHaveAttribute('data-status', 'success');
  await expect(result).toContainText(org.name);
  await expectNothingRan(page);
  await screenshot(page, testInfo, 'hostile-config-editor');
});
