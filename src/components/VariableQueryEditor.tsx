import React, { useCallback } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';
import type { ComboboxOption } from '@grafana/ui';

import type { SentryDataSource } from '../datasource';
import {
  SentryVariableQuery,
  VARIABLE_KINDS,
  VARIABLE_KIND_TYPES,
  VariableKind,
  migrateVariableQuery,
  validateVariableQuery,
} from '../sentry';
import type { SentryQuery } from '../sentry/query';
import type { SentryConfig } from '../sentry/settings';
import { Components } from '../selectors';
import {
  MultiSelectField,
  RadioField,
  SelectField,
  TextField,
  useLookup,
  variableOptions,
} from './query-editor/common';

type Props = QueryEditorProps<SentryDataSource, SentryQuery, SentryConfig, SentryVariableQuery>;

const selectors = Components.VariableEditor;
const KIND_OPTIONS: Array<ComboboxOption<VariableKind>> = VARIABLE_KINDS.map((kind) => ({
  value: kind,
  label: selectors.Kind.options[kind],
}));

/** Defines a template variable: what to list from Sentry, and for which projects, team or tag. */
export function VariableQueryEditor({ query: saved, datasource, onChange }: Props) {
  const query = migrateVariableQuery(saved);
  const update = (patch: Partial<SentryVariableQuery>) => onChange({ ...query, ...patch });
  const kind = query.kind;
  const errors = validateVariableQuery(query);
  const filters: readonly string[] = VARIABLE_KIND_TYPES[kind]?.filters ?? [];
  return (
    <EditorRows>
      <EditorRow>
        <SelectField<VariableKind>
          id="sentry-variable-kind"
          text={selectors.Kind}
          value={kind}
          options={KIND_OPTIONS}
          error={errors.kind}
          onChange={(next) => update({ kind: next ?? VARIABLE_KINDS[0] })}
        />
        {filters.includes('team') && (
          <TeamPicker datasource={datasource} value={query.team} onChange={(team) => update({ team })} />
        )}
        {filters.includes('projectValue') && (
          <RadioField<'id' | 'slug'>
            text={selectors.ProjectValue}
            value={query.projectValue ?? 'id'}
            error={errors.projectValue}
            options={[
              { value: 'id', label: selectors.ProjectValue.options.id },
              { value: 'slug', label: selectors.ProjectValue.options.slug },
            ]}
            onChange={(projectValue) => update({ projectValue })}
          />
        )}
        {filters.includes('projectIds') && (
          <ProjectsPicker
            datasource={datasource}
            values={query.projectIds ?? []}
            onChange={(projectIds) => update({ projectIds })}
          />
        )}
        {filters.includes('environments') && (
          <EnvironmentsPicker
            datasource={datasource}
            projectIds={query.projectIds ?? []}
            values={query.environments ?? []}
            onChange={(environments) => update({ environments })}
          />
        )}
        {filters.includes('search') && (
          <TextField
            id="sentry-variable-search"
            text={selectors.Search}
            value={query.search}
            onChange={(search) => update({ search })}
            onRun={() => undefined}
          />
        )}
        {filters.includes('tagKey') && (
          <TagPicker datasource={datasource} value={query.tagKey} onChange={(tagKey) => update({ tagKey })} />
        )}
      </EditorRow>
    </EditorRows>
  );
}

interface PickerProps<T> {
  datasource: SentryDataSource;
  value: T;
  onChange: (value: T) => void;
}

function TeamPicker({ datasource, value, onChange }: PickerProps<string | undefined>) {
  const load = useCallback(() => datasource.getTeams(), [datasource]);
  const teams = useLookup(load, selectors.Team.loadError);
  const options = [
    ...teams.items.map((t) => ({ value: t.slug, label: t.slug, description: t.name })),
    ...variableOptions(datasource),
  ];
  return (
    <SelectField<string>
      id="sentry-variable-team"
      text={selectors.Team}
      value={value}
      options={options}
      clearable
      custom
      loading={teams.loading}
      lookupError={teams.error}
      onChange={onChange}
    />
  );
}

function ProjectsPicker({
  datasource,
  values,
  onChange,
}: {
  datasource: SentryDataSource;
  values: string[];
  onChange: (v: string[]) => void;
}) {
  const load = useCallback(() => datasource.getProjects(), [datasource]);
  const projects = useLookup(load, selectors.Projects.loadError);
  const options = [
    ...projects.items.map((p) => ({ value: String(p.id), label: p.slug })),
    ...variableOptions(datasource),
  ];
  return (
    <MultiSelectField<string>
      id="sentry-variable-projects"
      text={selectors.Projects}
      values={values}
      options={options}
      custom
      loading={projects.loading}
      lookupError={projects.error}
      onChange={onChange}
    />
  );
}

function EnvironmentsPicker(props: {
  datasource: SentryDataSource;
  projectIds: string[];
  values: string[];
  onChange: (v: string[]) => void;
}) {
  const { datasource, values, onChange } = props;
  const projectKey = JSON.stringify(props.projectIds);
  const load = useCallback(() => datasource.getEnvironments(JSON.parse(projectKey)), [datasource, projectKey]);
  const environments = useLookup(load, selectors.Environments.loadError);
  const options = [...environments.items.map((e) => ({ value: e, label: e })), ...variableOptions(datasource)];
  return (
    <MultiSelectField<string>
      id="sentry-variable-environments"
      text={selectors.Environments}
      values={values}
      options={options}
      custom
      loading={environments.loading}
      lookupError={environments.error}
      onChange={onChange}
    />
  );
}

function TagPicker({ datasource, value, onChange }: PickerProps<string | undefined>) {
  const load = useCallback(() => datasource.getSentryTagKeys(), [datasource]);
  const tags = useLookup(load, selectors.TagKey.loadError);
  const options = tags.items.map((t) => ({ value: t.key, label: t.key, description: t.name }));
  return (
    <SelectField<string>
      id="sentry-variable-tag"
      text={selectors.TagKey}
      value={value}
      options={options}
      custom
      loading={tags.loading}
      lookupError={tags.error}
      onChange={onChange}
    />
  );
}
