/**
 * What a dashboard viewer's browser loads: module.js only. A panel runs its query without fetching any chunk of
 * the plugin; the first editor shown fetches the editors chunk (by webpack's script tag, from the plugin's public
 * path, checked against its integrity hash), once, and every editor then works from it.
 */
import type { Page } from '@playwright/test';

import manifest from '../../src/plugin.json';
import { Components } from '../../src/selectors';
import { expect, openHostPage, readFrames, test, waitForResults } from './fixtures';

const PLUGIN_PATH = `/public/plugins/${manifest.id}/`;

/** Every script the page requests from the plugin's folder, by file name, in order. */
function recordPluginScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith(PLUGIN_PATH) && pathname.endsWith('.js')) {
      scripts.push(pathname.slice(PLUGIN_PATH.length));
    }
  });
  return scripts;
}

test('a dashboard panel loads module.js only; the editors load from their chunk when first shown', async ({ page }) => {
  const scripts = recordPluginScripts(page);

  await openHostPage(page, 'panel', { reload: true, query: { refId: 'A', queryType: 'issues', issuesLimit: 5 } });
  await waitForResults(page);
  const frames = await readFrames(page);
  expect(frames.map((f) => f.rows)).toEqual([5]);
  expect(scripts).toEqual(['module.js']);

  await openHostPage(page, 'query', { query: { refId: 'A', queryType: 'issues' } });
  await expect(page.getByText(Components.QueryEditor.QueryType.label, { exact: true })).toBeVisible();
  expect(scripts).toEqual(['module.js', 'editors.js']);

  // The other editors come from the chunk already loaded.
  await openHostPage(page, 'variable');
  await expect(page.getByTestId(Components.VariableEditor.Kind.testId)).toBeVisible();
  await openHostPage(page, 'annotation');
  await expect(page.getByTestId(Components.AnnotationEditor.Kind.testId)).toBeVisible();
  await openHostPage(page, 'config');
  await expect(page.getByTestId(Components.ConfigEditor.URL.testId)).toBeVisible();
  expect(scripts).toEqual(['module.js', 'editors.js']);
});
