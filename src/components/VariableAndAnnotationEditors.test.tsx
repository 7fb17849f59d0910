import React, { useState } from 'react';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { choose, select, stubDataSource, typeAndBlur } from '../../tests/support/queryEditorHarness';
import type { SentryDataSource } from '../datasource';
import { Components } from '../selectors';
import type { SentryAnnotationQuery } from '../sentry/annotations';
import type { SentryQuery } from '../sentry/query';
import type { SentryVariableQuery } from '../sentry/variables';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';
import { VariableQueryEditor } from './VariableQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  ...jest.requireActual('../../tests/support/comboboxDouble').comboboxDoubles,
}));

const datasource = stubDataSource({
  getTeams: jest.fn(async () => [{ id: '1', slug: 'payments', name: 'Payments' }]),
});

async function renderVariableEditor(initial: Partial<SentryVariableQuery>) {
  const onChange = jest.fn();
  function Host() {
    const [query, setQuery] = useState(initial as SentryVariableQuery);
    return (
      <VariableQueryEditor
        query={query}
        datasource={datasource as unknown as SentryDataSource}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
        onRunQuery={() => undefined}
      />
    );
  }
  await act(async () => {
    render(<Host />);
  });
  return { onChange, user: userEvent.setup({ delay: null }), saved: () => onChange.mock.lastCall?.[0] };
}

const V = Components.VariableEditor;
const A = Components.AnnotationEditor;

describe('VariableQueryEditor', () => {
  it('defines a projects variable of one team, valued by slug', async () => {
    const { user, saved } = await renderVariableEditor({ refId: 'V', kind: 'projects' });
    await select(user, V.Team.testId, 'payments');
    await choose(user, V.ProjectValue.testId, V.ProjectValue.options.slug);
    expect(saved()).toEqual({ refId: 'V', kind: 'projects', team: 'payments', projectValue: 'slug' });
  });

  it('defines a releases variable for chosen projects and environments with a version filter', async () => {
    const { user, saved } = await renderVariableEditor({ refId: 'V', kind: 'projects' });
    await select(user, V.Kind.testId, V.Kind.options.releases);
    await select(user, V.Projects.testId, 'web');
    await select(user, V.Environments.testId, 'production');
    await typeAndBlur(user, V.Search.testId, '2.4');
    expect(saved()).toMatchObject({
      kind: 'releases',
      projectIds: ['11'],
      environments: ['production'],
      search: '2.4',
    });
  });

  it('defines a tag values variable', async () => {
    const { user, saved } = await renderVariableEditor({ refId: 'V', kind: 'tagValues' });
    await select(user, V.TagKey.testId, 'browser');
    expect(saved()).toMatchObject({ kind: 'tagValues', tagKey: 'browser' });
  });

  it('opens an official-plugin variable as its kind', async () => {
    await renderVariableEditor({ refId: 'V', type: 'teams' } as Partial<SentryVariableQuery>);
    expect((screen.getByTestId(V.Kind.testId) as HTMLSelectElement).value).toBe('teams');
  });

  it('names an unknown kind and the kinds there are, until one is picked', async () => {
    const { user, saved } = await renderVariableEditor({ refId: 'V', kind: 'incidents' as never });
    const message =
      'Unknown variable kind "incidents": use projects, environments, teams, releases, tagKeys, tagValues.';
    expect(screen.getByText(message)).toBeInTheDocument();
    await select(user, V.Kind.testId, V.Kind.options.teams);
    expect(saved()).toMatchObject({ kind: 'teams' });
    expect(screen.queryByText(message)).not.toBeInTheDocument();
  });
});

describe('AnnotationQueryEditor', () => {
  it('names an unknown kind and the kinds there are', async () => {
    await act(async () => {
      render(
        <AnnotationQueryEditor
          query={{ refId: 'Anno', annotationKind: 'incidents' } as unknown as SentryQuery}
          datasource={datasource as unknown as SentryDataSource}
          onChange={() => undefined}
          onRunQuery={() => undefined}
        />
      );
    });
    expect(
      screen.getByText('Unknown annotation kind "incidents": use releases, deploys, newIssues, regressions.')
    ).toBeInTheDocument();
  });

  it('edits kind, projects, environments and search', async () => {
    const onChange = jest.fn();
    function Host() {
      const [query, setQuery] = useState<Partial<SentryAnnotationQuery>>({ refId: 'Anno' });
      return (
        <AnnotationQueryEditor
          query={query as unknown as SentryQuery}
          datasource={datasource as unknown as SentryDataSource}
          onChange={(next) => {
            onChange(next);
            setQuery(next as unknown as SentryAnnotationQuery);
          }}
          onRunQuery={() => undefined}
        />
      );
    }
    await act(async () => {
      render(<Host />);
    });
    const user = userEvent.setup({ delay: null });
    await choose(user, A.Kind.testId, A.Kind.options.deploys);
    await select(user, Components.QueryEditor.Projects.testId, 'api');
    await select(user, Components.QueryEditor.Environments.testId, 'production');
    await typeAndBlur(user, A.Search.testId, 'checkout');
    expect(onChange.mock.lastCall?.[0]).toEqual({
      refId: 'Anno',
      annotationKind: 'deploys',
      projectIds: ['12'],
      environments: ['production'],
      annotationQuery: 'checkout',
    });
  });
});
