import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { DEFAULT_SESSIONS_FIELDS, SessionsErrorField, SessionsQuery } from '../../sentry';
import { MultiSelectField, RadioField, SubEditorProps, TextField, WIDTH } from './common';
import { SESSIONS_FIELD_OPTIONS, SESSIONS_GROUP_BY, toOptions } from './options';
import { SessionsSelectors } from './SessionsEditor.selectors';

const selectors = SessionsSelectors;
type Mode = NonNullable<SessionsQuery['sessionsMode']>;

const MODE_OPTIONS: Array<{ value: Mode; label: string }> = [
  { value: 'timeseries', label: selectors.Mode.options.timeseries },
  { value: 'table', label: selectors.Mode.options.table },
];

export function SessionsEditor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<SessionsQuery, SessionsErrorField>) {
  return (
    <>
      <EditorRow>
        <MultiSelectField
          id={`${idPrefix}-sessions-fields`}
          text={selectors.Fields}
          values={query.sessionsFields ?? DEFAULT_SESSIONS_FIELDS}
          options={SESSIONS_FIELD_OPTIONS}
          error={errors.sessionsFields}
          onChange={(sessionsFields) => onChange({ sessionsFields })}
        />
        <MultiSelectField
          id={`${idPrefix}-sessions-group-by`}
          text={selectors.GroupBy}
          values={query.sessionsGroupBy ?? []}
          options={toOptions(SESSIONS_GROUP_BY)}
          width={WIDTH.medium}
          error={errors.sessionsGroupBy}
          onChange={(sessionsGroupBy) => onChange({ sessionsGroupBy })}
        />
        <RadioField
          text={selectors.Mode}
          value={query.sessionsMode ?? 'timeseries'}
          options={MODE_OPTIONS}
          error={errors.sessionsMode}
          onChange={(sessionsMode) => onChange({ sessionsMode })}
        />
      </EditorRow>
      <EditorRow>
        <TextField
          id={`${idPrefix}-sessions-search`}
          text={selectors.Search}
          value={query.sessionsQuery}
          onChange={(sessionsQuery) => onChange({ sessionsQuery })}
          onRun={onRun}
        />
        <TextField
          id={`${idPrefix}-sessions-interval`}
          text={selectors.Interval}
          value={query.sessionsInterval}
          error={errors.sessionsInterval}
          width={WIDTH.short}
          onChange={(sessionsInterval) => onChange({ sessionsInterval })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}
