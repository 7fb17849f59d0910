/**
 * The variable editor (ds.variables.editor) and the annotation editor (ds.annotations.QueryEditor) of the
 * built plugin, run the way Grafana runs them.
 */
import { Components } from '../../src/selectors';
import {
  chooseOption,
  chooseRadio,
  expect,
  fieldTypes,
  openHostPage,
  readErrors,
  readFrames,
  runQuery,
  savedQuery,
  screenshot,
  test,
} from './fixtures';

const variable = Components.VariableEditor;
const annotation = Components.AnnotationEditor;

test.describe('variable editor', () => {
  test('projects: slugs as text, numeric ids as values', async ({ page }, testInfo) => {
    await openHostPage(page, 'variable');
    await expect(page.getByTestId(variable.Kind.testId)).toHaveValue(variable.Kind.options.projects);
    await runQuery(page);
    expect(await readErrors(page)).toEqual([]);
    const values = page.getByTestId('host-variable-value');
    await expect(values.filter({ hasText: 'checkout-api' })).toHaveCount(1);
    const checkout = values.filter({ hasText: 'checkout-api' });
    await expect(checkout).toHaveAttribute('data-value', '4501234');

    // Slugs as values.
    await chooseRadio(page, variable.ProjectValue.testId, variable.ProjectValue.options.slug);
    await expect.poll(() => savedQuery(page)).toMatchObject({ kind: 'projects', projectValue: 'slug' });
    await runQuery(page);
    await expect(values.filter({ hasText: 'checkout-api' })).toHaveAttribute('data-value', 'checkout-api');
    await screenshot(page, testInfo, 'variable-editor-projects');
  });

  test('environments and releases of a project', async ({ page }, testInfo) => {
    await openHostPage(page, 'variable');
    await chooseOption(page, variable.Kind.testId, variable.Kind.options.environments);
    await expect.poll(() => savedQuery(page)).toMatchObject({ kind: 'environments' });
    await runQuery(page);
    const texts = await page
      .getByTestId('host-variable-value')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-text')));
    expect(texts).toEqual(expect.arrayContaining(['production', 'staging']));

    await chooseOption(page, variable.Kind.testId, variable.Kind.options.releases);
    await chooseOption(page, variable.Projects.testId, 'checkout-api');
    await expect.poll(() => savedQuery(page)).toMatchObject({ kind: 'releases', projectIds: ['4501234'] });
    await runQuery(page);
    await expect(page.getByTestId('host-variable-value').filter({ hasText: 'checkout-api@2.4.1' })).toHaveCount(1);
    await screenshot(page, testInfo, 'variable-editor-releases');
  });
});

test.describe('annotation editor', () => {
  test('the data source is offered in annotation settings (plugin.json "annotations": true)', async ({ page }) => {
    // Grafana lists annotation data sources with getDataSourceSrv().getList({ annotations: true }), which reads
    // plugin.json's "annotations" flag: without it the plugin's annotation support cannot be chosen at all.
    await openHostPage(page, 'annotation');
    const offered = await page.getByTestId('host-annotation-offered').getAttribute('data-offered');
    expect(offered, 'plugin.json must declare "annotations": true').toBe('true');
  });

  test('deploys: regions with time, timeEnd and title', async ({ page }, testInfo) => {
    await openHostPage(page, 'annotation', { from: 'now-2d', to: 'now' });
    await chooseRadio(page, annotation.Kind.testId, annotation.Kind.options.deploys);
    await expect.poll(() => savedQuery(page)).toMatchObject({ annotationKind: 'deploys' });
    await runQuery(page);
    expect(await readErrors(page)).toEqual([]);
    const frames = await readFrames(page);
    expect(frames).toHaveLength(1);
    expect(fieldTypes(frames[0])).toMatchObject({ time: 'time', timeEnd: 'time', title: 'string' });
    expect(frames[0].rows).toBeGreaterThan(0);
    const title = frames[0].fields.findIndex((f) => f.name === 'title');
    const time = frames[0].fields.findIndex((f) => f.name === 'time');
    const timeEnd = frames[0].fields.findIndex((f) => f.name === 'timeEnd');
    for (const row of frames[0].cells) {
      expect(row[title]).not.toBe('');
      // A deploy without a start time is a point; the others are regions.
      if (row[timeEnd] !== '') {
        expect(Date.parse(row[timeEnd])).toBeGreaterThanOrEqual(Date.parse(row[time]));
      }
    }
    expect(frames[0].cells.map((row) => row[title])).toContain('Deploy 2.4.1 → production');
    await screenshot(page, testInfo, 'annotation-editor-deploys');
  });

  test('releases by default, narrowed by a version search', async ({ page }) => {
    await openHostPage(page, 'annotation', { from: 'now-7d', to: 'now' });
    await expect.poll(() => savedQuery(page)).toMatchObject({ annotationKind: 'releases' });
    const search = page.getByTestId(annotation.Search.testId);
    await search.fill('2.4');
    await search.blur();
    await expect.poll(() => savedQuery(page)).toMatchObject({ annotationQuery: '2.4' });
    await runQuery(page);
    const frames = await readFrames(page);
    expect(fieldTypes(frames[0])).toMatchObject({ time: 'time', title: 'string' });
    const title = frames[0].fields.findIndex((f) => f.name === 'title');
    const titles = frames[0].cells.map((row) => row[title]);
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) {
      expect(t).toContain('2.4');
    }
  });
});
