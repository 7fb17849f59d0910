import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { Components } from '../../selectors';
import type { IssuesQuery } from '../../types';
import { NumberField, SelectField, SubEditorProps, TextField } from './common';
import { ISSUES_SORT_OPTIONS } from './options';

const selectors = Components.QueryEditor.Issues;

export function IssuesEditor({ query, errors, onChange, onRun, idPrefix }: SubEditorProps<IssuesQuery>) {
  return (
    <EditorRow>
      <TextField
        id={`${idPrefix}-issues-search`}
        text={selectors.Search}
        value={query.issuesQuery}
        error={errors.issuesQuery}
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
