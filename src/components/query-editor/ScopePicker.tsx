import React, { useCallback } from 'react';
import type { ComboboxOption } from '@grafana/ui';

import type { SentryDataSource } from '../../datasource';
import { Components } from '../../selectors';
import type { SentryQueryBase } from '../../sentry/query';
import { MultiSelectField, useLookup, variableOptions } from './common';

const selectors = Components.QueryEditor;

/** The project/environment scope every query (and an annotation) has. */
type Scope = Pick<SentryQueryBase<string>, 'projectIds' | 'environments'>;

interface ScopeProps {
  query: Scope;
  datasource: SentryDataSource;
  onChange: (patch: Scope) => void;
  idPrefix: string;
}

/** Projects by numeric id (shown by slug), dashboard variables, or typed ids and slugs. */
export function ProjectsPicker({ query, datasource, onChange, idPrefix }: ScopeProps) {
  const load = useCallback(() => datasource.getProjects(), [datasource]);
  const projects = useLookup(load, selectors.Projects.loadError);
  const options: Array<ComboboxOption<string>> = [
    ...projects.items.map((p) => ({
      value: String(p.id),
      label: p.slug || p.name,
      description: p.name && p.name !== p.slug ? p.name : undefined,
    })),
    ...variableOptions(datasource),
  ];
  return (
    <MultiSelectField
      id={`${idPrefix}-projects`}
      text={selectors.Projects}
      values={query.projectIds ?? []}
      options={options}
      custom
      loading={projects.loading}
      lookupError={projects.error}
      onChange={(projectIds) => onChange({ projectIds })}
    />
  );
}

/** Environments of the selected projects (of all projects when none is selected), variables, or typed names. */
export function EnvironmentsPicker({ query, datasource, onChange, idPrefix }: ScopeProps) {
  // Reloaded when the selection changes, not on every new (equal) array.
  const projectKey = JSON.stringify(query.projectIds ?? []);
  const load = useCallback(() => datasource.getEnvironments(JSON.parse(projectKey)), [datasource, projectKey]);
  const environments = useLookup(load, selectors.Environments.loadError);
  const options: Array<ComboboxOption<string>> = [
    ...environments.items.map((name) => ({ value: name, label: name })),
    ...variableOptions(datasource),
  ];
  return (
    <MultiSelectField
      id={`${idPrefix}-environments`}
      text={selectors.Environments}
      values={query.environments ?? []}
      options={options}
      custom
      loading={environments.loading}
      lookupError={environments.error}
      onChange={(environments) => onChange({ environments })}
    />
  );
}
