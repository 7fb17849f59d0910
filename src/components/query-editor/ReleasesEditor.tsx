import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { RELEASES_MODES, ReleasesErrorField, ReleasesMode, ReleasesQuery } from '../../sentry';
import { NumberField, RadioField, SubEditorProps, TextField } from './common';
import { ReleasesSelectors } from './ReleasesEditor.selectors';

const selectors = ReleasesSelectors;
const MODE_OPTIONS: Array<{ value: ReleasesMode; label: string }> = RELEASES_MODES.map((mode) => ({
  value: mode,
  label: selectors.Mode.options[mode],
}));

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
        value={query.releasesMode ?? RELEASES_MODES[0]}
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
