import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import type { ReleasesErrorField, ReleasesQuery } from '../../sentry/queries/releases';
import { NumberField, RadioField, SubEditorProps, TextField } from './common';
import { ReleasesSelectors } from './ReleasesEditor.selectors';

const selectors = ReleasesSelectors;
type Mode = NonNullable<ReleasesQuery['releasesMode']>;

const MODE_OPTIONS: Array<{ value: Mode; label: string }> = [
  { value: 'releases', label: selectors.Mode.options.releases },
  { value: 'deploys', label: selectors.Mode.options.deploys },
];

export function ReleasesEditor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<ReleasesQuery, ReleasesErrorField>) {
  return (
    <EditorRow>
      <RadioField
        text={selectors.Mode}
        value={query.releasesMode ?? 'releases'}
        options={MODE_OPTIONS}
        error={errors.releasesMode}
        onChange={(releasesMode) => onChange({ releasesMode })}
      />
      <TextField
        id={`${idPrefix}-releases-search`}
        text={selectors.Search}
        value={query.releasesQuery}
        onChange={(releasesQuery) => onChange({ releasesQuery })}
        onRun={onRun}
      />
      <NumberField
        id={`${idPrefix}-releases-limit`}
        text={selectors.Limit}
        value={query.releasesLimit}
        error={errors.releasesLimit}
        onChange={(releasesLimit) => onChange({ releasesLimit })}
        onRun={onRun}
      />
    </EditorRow>
  );
}
