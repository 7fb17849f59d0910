import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';

import type { SentryDataSource } from '../datasource';
import {
  ANNOTATION_KINDS,
  AnnotationKind,
  SentryAnnotationQuery,
  migrateAnnotationQuery,
  validateAnnotationQuery,
} from '../sentry';
import type { SentryQuery } from '../sentry/query';
import type { SentryConfig } from '../sentry/settings';
import { Components } from '../selectors';
import { RadioField, TextField } from './query-editor/common';
import { EnvironmentsPicker, ProjectsPicker } from './query-editor/ScopePicker';

/** Grafana hands the annotation's target in as the data source's query type. */
type Props = QueryEditorProps<SentryDataSource, SentryQuery, SentryConfig>;

const selectors = Components.AnnotationEditor;

/** The annotation's query: which Sentry events to mark, for which projects, environments and search. */
export function AnnotationQueryEditor({ query: saved, datasource, onChange }: Props) {
  const query = migrateAnnotationQuery(saved);
  const update = (patch: Partial<SentryAnnotationQuery>) => onChange({ ...query, ...patch } as unknown as SentryQuery);
  return (
    <EditorRows>
      <EditorRow>
        <RadioField<AnnotationKind>
          text={selectors.Kind}
          value={query.annotationKind}
          error={validateAnnotationQuery(query).annotationKind}
          options={ANNOTATION_KINDS.map((kind) => ({ value: kind, label: selectors.Kind.options[kind] }))}
          onChange={(annotationKind) => update({ annotationKind })}
        />
      </EditorRow>
      <EditorRow>
        <ProjectsPicker
          query={query}
          datasource={datasource}
          idPrefix="sentry-annotation"
          onChange={(patch) => update(patch)}
        />
        <EnvironmentsPicker
          query={query}
          datasource={datasource}
          idPrefix="sentry-annotation"
          onChange={(patch) => update(patch)}
        />
        <TextField
          id="sentry-annotation-search"
          text={selectors.Search}
          value={query.annotationQuery}
          onChange={(annotationQuery) => update({ annotationQuery })}
          onRun={() => undefined}
        />
      </EditorRow>
    </EditorRows>
  );
}
