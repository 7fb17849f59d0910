import React, { ComponentType, useMemo } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';

import type { SentryDataSource } from '../datasource';
import { isValid, migrateQuery, queryTypeOf, validateQuery } from '../sentry';
import { changeQueryType } from '../sentry/queryEditing';
import type { QueryType, SentryQuery } from '../sentry/query';
import type { SentryConfig } from '../sentry/settings';
import { QueryTypePicker } from './query-editor/QueryTypePicker';
import { QUERY_EDITORS } from './query-editor/registry';
import type { SubEditorProps } from './query-editor/common';
import { EnvironmentsPicker, ProjectsPicker } from './query-editor/ScopePicker';

type Props = QueryEditorProps<SentryDataSource, SentryQuery, SentryConfig>;

/**
 * The query editor: type, projects and environments, then the type's own fields. Choices save and run at once;
 * typed text saves and runs on blur or Shift+Enter. Nothing runs while validateQuery reports a problem.
 */
export function QueryEditor({ query: saved, datasource, onChange, onRunQuery }: Props) {
  // Older shapes (the official plugin's, a typeless query) are edited as the runner reads them.
  const query = useMemo(() => migrateQuery(saved), [saved]);
  const errors = useMemo(() => validateQuery(query), [query]);
  const queryType = queryTypeOf(query);
  // An unknown type has no editor: the picker shows the message and offers the known ones.
  const SubEditor = queryType
    ? (QUERY_EDITORS[query.queryType] as ComponentType<SubEditorProps<SentryQuery, string>>)
    : undefined;
  const idPrefix = `sentry-lens-${query.refId}`;

  const save = (next: SentryQuery) => {
    onChange(next);
    if (isValid(next)) {
      onRunQuery();
    }
  };
  const update = (patch: Partial<SentryQuery>) => save(withoutUndefined({ ...query, ...patch } as SentryQuery));
  const run = () => {
    if (isValid(query)) {
      onRunQuery();
    }
  };
  const changeType = (type: QueryType) => {
    if (type !== query.queryType) {
      save(changeQueryType(query, type));
    }
  };

  const common = { datasource, errors, onChange: update, onRun: run, idPrefix };
  return (
    <EditorRows>
      <EditorRow>
        <QueryTypePicker query={query} error={errors.queryType} onChange={changeType} idPrefix={idPrefix} />
        <ProjectsPicker query={query} datasource={datasource} onChange={update} idPrefix={idPrefix} />
        {queryType?.filtersEnvironments !== false && (
          <EnvironmentsPicker query={query} datasource={datasource} onChange={update} idPrefix={idPrefix} />
        )}
      </EditorRow>
      {SubEditor && <SubEditor query={query} {...common} />}
    </EditorRows>
  );
}

/** Keys set to undefined are removed, so the saved JSON holds only what the user chose. */
function withoutUndefined(query: SentryQuery): SentryQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as SentryQuery;
}
