/**
 * QueryEditor with the real Combobox/MultiCombobox: the type picker, the project and environment pickers,
 * look-up failures, and when queries run. The sub-editors' fields are covered in query-editor/*.test.tsx.
 */
import { screen, waitFor, within } from '@testing-library/react';

import { PLUGIN_ID } from '../../tests/support/plugin';
import {
  pick,
  renderQueryEditor,
  setupComboboxDom,
  stubDataSource,
  typeAndBlur,
} from '../../tests/support/queryEditorHarness';
import { defaultQueryFor, QUERY_TYPES, QUERY_SCHEMA_VERSION } from '../sentry/registry';
import { Components } from '../selectors';
import { IssuesSelectors } from './query-editor/IssuesEditor.selectors';
import { SessionsSelectors } from './query-editor/SessionsEditor.selectors';
import type { IssuesQuery } from '../sentry/queries/issues';
import type { SentryQuery } from '../sentry/query';

const selectors = Components.QueryEditor;

setupComboboxDom();

const issues = (extra: Partial<IssuesQuery> = {}): SentryQuery => ({
  ...defaultQueryFor('issues', 'A'),
  projectIds: [],
  environments: [],
  ...extra,
});

describe('QueryEditor', () => {
  describe('query type', () => {
    it('lists every type with its description and switches to the picked type’s default, then runs', async () => {
      const { user, saved, onChange, onRunQuery } = await renderQueryEditor(issues());
      await user.click(screen.getByTestId(selectors.QueryType.testId));
      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.textContent)).toEqual(
        QUERY_TYPES.map(
          (type) => `${selectors.QueryType.types[type].label}${selectors.QueryType.types[type].description}`
        )
      );
      await user.click(options[7]); // Session health
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(saved()).toEqual({
        refId: 'A',
        queryType: 'sessions',
        schemaVersion: QUERY_SCHEMA_VERSION,
        sessionsFields: ['crash_free_rate(session)', 'crash_free_rate(user)'],
        sessionsMode: 'timeseries',
        projectIds: [],
        environments: [],
      });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.getByTestId(SessionsSelectors.Fields.testId)).toBeInTheDocument();
    });

    it('keeps refId, hide, datasource, projects and environments and drops the old type’s fields', async () => {
      const datasource = { type: PLUGIN_ID, uid: 'sentry' };
      const { user, saved } = await renderQueryEditor({
        ...issues({ issuesQuery: 'level:fatal', issuesLimit: 20 }),
        refId: 'B',
        hide: false,
        datasource,
        projectIds: ['11', '$project'],
        environments: ['production'],
      });
      await pick(user, selectors.QueryType.testId, 'Org stats');
      expect(saved()).toEqual({
        ...defaultQueryFor('statsV2', 'B'),
        hide: false,
        datasource,
        projectIds: ['11', '$project'],
        environments: ['production'],
      });
      // Org stats are organization-wide: no environments picker.
      expect(screen.queryByTestId(selectors.Environments.testId)).not.toBeInTheDocument();

      await pick(user, selectors.QueryType.testId, 'Events');
      expect(saved()).toMatchObject({ refId: 'B', queryType: 'events', projectIds: ['11', '$project'] });
      expect(saved()).not.toHaveProperty('statsGroupBy');
      expect(screen.getByTestId(selectors.Environments.testId)).toBeInTheDocument();
    });

    it('edits a typeless query as issues', async () => {
      await renderQueryEditor({ refId: 'A' } as SentryQuery);
      expect(screen.getByTestId(IssuesSelectors.Search.testId)).toBeInTheDocument();
    });

    it('shows the official plugin’s metrics query in the session health editor', async () => {
      await renderQueryEditor({ refId: 'A', queryType: 'metrics', metricsField: 'session.crash_free_rate' } as never);
      expect(screen.getByTestId(SessionsSelectors.Fields.testId)).toBeInTheDocument();
    });

    it('flags an unknown type on the picker and renders no sub-editor', async () => {
      await renderQueryEditor({ refId: 'A', queryType: 'logs' } as never);
      expect(screen.getByText(/Unknown query type "logs"/)).toBeInTheDocument();
      expect(screen.queryByTestId(IssuesSelectors.Search.testId)).not.toBeInTheDocument();
    });
  });

  describe('projects and environments', () => {
    it('offers projects by slug with their numeric id as value, plus dashboard variables', async () => {
      const { user, saved, onRunQuery, datasource } = await renderQueryEditor(issues());
      await user.click(screen.getByTestId(selectors.Projects.testId));
      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.textContent)).toEqual([
        'webWeb Frontend',
        'api',
        `$env${selectors.variableDescription}`,
        `$project${selectors.variableDescription}`,
      ]);
      await user.click(options[0]);
      expect(saved()).toMatchObject({ queryType: 'issues', projectIds: ['11'] });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      // The environments follow the selected projects.
      await waitFor(() => expect(datasource.getEnvironments).toHaveBeenLastCalledWith(['11']));
    });

    it('offers the selected projects’ environments plus variables, and saves a picked one', async () => {
      const { user, saved, datasource } = await renderQueryEditor(issues({ projectIds: ['12'] }));
      await waitFor(() => expect(datasource.getEnvironments).toHaveBeenCalledWith(['12']));
      await user.click(screen.getByTestId(selectors.Environments.testId));
      const options = await screen.findAllByRole('option');
      expect(options.map((o) => o.textContent)).toEqual([
        'production',
        `$env${selectors.variableDescription}`,
        `$project${selectors.variableDescription}`,
      ]);
      await user.click(options[1]);
      expect(saved()).toMatchObject({ projectIds: ['12'], environments: ['$env'] });
    });

    it('shows look-up failures inline and keeps the editor usable', async () => {
      const datasource = stubDataSource({
        getProjects: jest.fn(() => Promise.reject(new Error('403 Forbidden: project:read missing'))),
        getEnvironments: jest.fn(() => Promise.reject({ status: 502, data: { message: 'Bad gateway' } })),
      });
      const { user, saved } = await renderQueryEditor(issues(), datasource);
      const alerts = await screen.findAllByRole('alert');
      expect(alerts.map((a) => a.textContent)).toEqual([
        `${selectors.Projects.loadError}: 403 Forbidden: project:read missing`,
        `${selectors.Environments.loadError}: Bad gateway`,
      ]);
      await typeAndBlur(user, IssuesSelectors.Search.testId, 'is:unresolved level:error');
      expect(saved()).toMatchObject({ issuesQuery: 'is:unresolved level:error' });
    });
  });

  describe('running', () => {
    it('saves and runs typed search text only when the field is left', async () => {
      const { user, onChange, onRunQuery, saved } = await renderQueryEditor(issues({ issuesQuery: '' }));
      const search = screen.getByTestId(IssuesSelectors.Search.testId);
      await user.type(search, 'level:error is:unresolved');
      expect(onChange).not.toHaveBeenCalled();
      expect(onRunQuery).not.toHaveBeenCalled();
      await user.tab();
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(saved()).toEqual({ ...issues(), issuesQuery: 'level:error is:unresolved' });
      // Leaving it again without a change does nothing.
      await user.click(search);
      await user.tab();
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('runs on Shift+Enter, also when the text is unchanged, and not again on the following blur', async () => {
      const { user, onChange, onRunQuery, saved } = await renderQueryEditor(issues());
      const search = screen.getByTestId(IssuesSelectors.Search.testId);
      await user.click(search);
      await user.keyboard('{Shift>}{Enter}{/Shift}');
      expect(onChange).not.toHaveBeenCalled();
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      await user.type(search, ' level:fatal');
      await user.keyboard('{Shift>}{Enter}{/Shift}');
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(saved()).toMatchObject({ issuesQuery: 'is:unresolved level:fatal' });
      expect(onRunQuery).toHaveBeenCalledTimes(2);
      await user.tab();
      expect(onChange).toHaveBeenCalledTimes(1);
      expect(onRunQuery).toHaveBeenCalledTimes(2);
    });

    it('saves an out-of-range number with an inline error and does not run it', async () => {
      const { user, onRunQuery, saved } = await renderQueryEditor(issues());
      await typeAndBlur(user, IssuesSelectors.Limit.testId, '0');
      expect(saved()).toMatchObject({ issuesLimit: 0 });
      expect(onRunQuery).not.toHaveBeenCalled();
      expect(screen.getByText('Limit must be a whole number from 1 to 100000, not 0.')).toBeInTheDocument();

      // Other changes are saved but not run while the query is invalid.
      await typeAndBlur(user, IssuesSelectors.Search.testId, 'level:error');
      expect(saved()).toMatchObject({ issuesQuery: 'level:error', issuesLimit: 0 });
      expect(onRunQuery).not.toHaveBeenCalled();

      await typeAndBlur(user, IssuesSelectors.Limit.testId, '250');
      expect(saved()).toMatchObject({ issuesLimit: 250 });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(screen.queryByText(/Limit must be/)).not.toBeInTheDocument();
    });

    it('keeps text that is not a number in the field with a message, saving nothing', async () => {
      const { user, onChange, onRunQuery } = await renderQueryEditor(issues({ issuesLimit: 50 }));
      await typeAndBlur(user, IssuesSelectors.Limit.testId, 'lots');
      expect(onChange).not.toHaveBeenCalled();
      expect(onRunQuery).not.toHaveBeenCalled();
      expect(screen.getByTestId(IssuesSelectors.Limit.testId)).toHaveValue('lots');
      expect(screen.getByText(/"lots" is not a number/)).toBeInTheDocument();
    });

    it('clears a limit back to the default when the field is emptied', async () => {
      const { user, saved, onRunQuery } = await renderQueryEditor(issues({ issuesLimit: 50 }));
      await typeAndBlur(user, IssuesSelectors.Limit.testId, '');
      expect(saved()).not.toHaveProperty('issuesLimit');
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('labels fields for assistive technology', async () => {
      await renderQueryEditor(issues());
      const search = screen.getByLabelText(IssuesSelectors.Search.label);
      expect(search).toBe(screen.getByTestId(IssuesSelectors.Search.testId));
      expect(within(document.body).getByLabelText(selectors.Projects.label)).toBe(
        screen.getByTestId(selectors.Projects.testId)
      );
    });
  });
});
