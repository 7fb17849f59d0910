/**
 * The editors against the Sentry fake in hostile mode (script payloads in project names, environment names and
 * tag labels), through the real data source and Grafana's real Combobox: every Sentry string shows as text and
 * is saved as it is.
 */
import React, { useState } from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';

import { fakeBackendSrv } from '../../tests/support/fakeBackendSrv';
import { templateSrvWith } from '../../tests/support/templateSrv';
import { createTestFake } from '../../tests/support/fakeSentryClient';
import { injectedMarkup } from '../../tests/support/injectedMarkup';
import { instanceSettings } from '../../tests/support/instanceSettings';
import { renderQueryEditor, setupComboboxDom } from '../../tests/support/queryEditorHarness';
import { HOSTILE_STAGING, HOSTILE_TAG, HOSTILE_TAG_LABEL } from '../../fake-sentry/hostile';
import { SentryDataSource } from '../datasource';
import { defaultQueryFor } from '../sentry/registry';
import { Components } from '../selectors';
import { EventsStatsSelectors } from './query-editor/EventsStatsEditor.selectors';
import type { SentryAnnotationQuery } from '../sentry/annotations';
import type { SentryQuery } from '../sentry/query';
import type { SentryVariableQuery } from '../sentry/variables';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';
import { VariableQueryEditor } from './VariableQueryEditor';

setupComboboxDom();

const fake = createTestFake({ modes: { hostile: true } });
const templateSrv = templateSrvWith();
const PAYLOAD = /window\.__lensXss=1/;
const editor = Components.QueryEditor;

function datasource(): SentryDataSource {
  return new SentryDataSource(instanceSettings(), fakeBackendSrv(fake), templateSrv);
}

/** Opens a Combobox by test id; its options once Sentry's look-up has answered. */
async function openOptions(user: UserEvent, testId: string): Promise<HTMLElement[]> {
  await user.click(screen.getByTestId(testId));
  return screen.findAllByRole('option');
}

/** The open menu's option whose label or description is exactly `text`. */
function optionShowing(options: HTMLElement[], text: string): HTMLElement {
  const match = options.find((o) => within(o).queryAllByText(text, { exact: true }).length > 0);
  if (!match) {
    throw new Error(`No option shows "${text}" among: ${options.map((o) => o.textContent).join(' | ')}`);
  }
  return match;
}

function expectNothingInjected() {
  expect(injectedMarkup(document.body)).toEqual([]);
  expect(window.__lensXss).toBeUndefined();
}

describe('query editor', () => {
  it('lists hostile project names as text beside their slugs', async () => {
    const { user } = await renderQueryEditor(defaultQueryFor('issues', 'A'), datasource() as never);
    const options = await openOptions(user, editor.Projects.testId);
    const projects = fake.scenario.projects;
    expect(projects.every((p) => PAYLOAD.test(p.name))).toBe(true);
    for (const project of projects) {
      const option = optionShowing(options, project.name);
      expect(within(option).getByText(project.slug, { exact: true })).toBeInTheDocument();
    }
    expectNothingInjected();
  });

  it('shows the hostile environment as text and saves it as it is', async () => {
    const { user, saved } = await renderQueryEditor(defaultQueryFor('issues', 'A'), datasource() as never);
    const options = await openOptions(user, editor.Environments.testId);
    await user.click(optionShowing(options, HOSTILE_STAGING));
    await user.keyboard('{Escape}');
    expect(saved()?.environments).toEqual([HOSTILE_STAGING]);
    // The chosen value, outside the menu.
    expect(screen.getAllByText(HOSTILE_STAGING, { exact: true }).length).toBeGreaterThan(0);
    expectNothingInjected();
  });

  it('shows a hostile tag label as the group-by option’s description', async () => {
    const { user } = await renderQueryEditor(defaultQueryFor('eventsStats', 'A'), datasource() as never);
    const options = await openOptions(user, EventsStatsSelectors.GroupBy.testId);
    const option = optionShowing(options, HOSTILE_TAG_LABEL);
    expect(within(option).getByText(`tags[${HOSTILE_TAG}]`, { exact: true })).toBeInTheDocument();
    expectNothingInjected();
  });
});

describe('variable editor', () => {
  async function renderVariableEditor(initial: Partial<SentryVariableQuery>) {
    const ds = datasource();
    function Host() {
      const [query, setQuery] = useState({ refId: 'V', ...initial } as SentryVariableQuery);
      return <VariableQueryEditor query={query} datasource={ds} onChange={setQuery} onRunQuery={() => undefined} />;
    }
    await act(async () => {
      render(<Host />);
    });
    return userEvent.setup({ delay: null });
  }

  it('tag values: the tag picker shows the hostile label as text', async () => {
    const user = await renderVariableEditor({ kind: 'tagValues' });
    const option = optionShowing(await openOptions(user, Components.VariableEditor.TagKey.testId), HOSTILE_TAG_LABEL);
    expect(within(option).getByText(HOSTILE_TAG, { exact: true })).toBeInTheDocument();
    expectNothingInjected();
  });

  it('releases: the environment picker shows the hostile name as text', async () => {
    const user = await renderVariableEditor({ kind: 'releases' });
    optionShowing(await openOptions(user, Components.VariableEditor.Environments.testId), HOSTILE_STAGING);
    expectNothingInjected();
  });
});

describe('annotation editor', () => {
  it('project and environment pickers show hostile names as text', async () => {
    const ds = datasource();
    function Host() {
      const [query, setQuery] = useState<Partial<SentryAnnotationQuery>>({ refId: 'Anno', annotationKind: 'deploys' });
      return (
        <AnnotationQueryEditor
          query={query as unknown as SentryQuery}
          datasource={ds}
          onChange={(next) => setQuery(next as unknown as SentryAnnotationQuery)}
          onRunQuery={() => undefined}
        />
      );
    }
    await act(async () => {
      render(<Host />);
    });
    const user = userEvent.setup({ delay: null });
    const projects = await openOptions(user, editor.Projects.testId);
    for (const project of fake.scenario.projects) {
      optionShowing(projects, project.name);
    }
    await user.keyboard('{Escape}');
    optionShowing(await openOptions(user, editor.Environments.testId), HOSTILE_STAGING);
    expectNothingInjected();
  });
});
