import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import type { IssuesErrorField, IssuesQuery } from '../../sentry/queries/issues';
import { NumberField, SelectField, SubEditorProps, TextField } from './common';
import { ISSUES_SORT_OPTIONS } from './options';
import { IssuesSelectors } from './IssuesEditor.selectors';

const selectors = IssuesSelectors;

export function IssuesEditor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<IssuesQuery, IssuesErrorField>) {
  return (
    <EditorRow>
      <TextField
        id={`${idPrefix}-issues-search`}
        text={selectors.Search}
        value={query.issuesQuery}
        onChange={(issuesQuery) => onChange({ issuesQuery })}
        onRun={onRun}
      />
      <SelectField
        id={`${idPrefix}-issues-sort`}
        text={selectors.Sort}
        value={query.issuesSort}
        options={ISSUES_SORT_OPTIONS}
        error={errors.issuesSort}
        clearable
        onChange={(issuesSort) => onChange({ issuesSort })}
      />
      <NumberField
        id={`${idPrefix}-issues-limit`}
        text={selectors.Limit}
        value={query.issuesLimit}
        error={errors.issuesLimit}
        onChange={(issuesLimit) => onChange({ issuesLimit })}
        onRun={onRun}
      />
    </EditorRow>
  );
}
