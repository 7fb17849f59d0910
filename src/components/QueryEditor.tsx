import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { EditorField, EditorRow, EditorRows } from '@grafana/plugin-ui';
import { Input, Select } from '@grafana/ui';

import type { SentryDataSource } from '../datasource';
import { IssuesQuery, IssuesSort, SentryConfig, SentryQuery } from '../types';

type Props = QueryEditorProps<SentryDataSource, SentryQuery, SentryConfig>;

const SORT_OPTIONS: Array<SelectableValue<IssuesSort>> = [
  { label: 'Last seen', value: 'date' },
  { label: 'First seen', value: 'new' },
  { label: 'Events', value: 'freq' },
  { label: 'Users', value: 'user' },
  { label: 'Priority', value: 'priority' },
];

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function QueryEditor({ query: saved, onChange, onRunQuery }: Props) {
  const query = saved as IssuesQuery;
  const update = (patch: Partial<IssuesQuery>, run = false) => {
    onChange({ ...query, ...patch, queryType: 'issues' });
    if (run) {
      onRunQuery();
    }
  };
  return (
    <EditorRows>
      <EditorRow>
        <EditorField label="Projects" tooltip="Sentry project ids, comma-separated; empty = all projects">
          <Input
            width={30}
            defaultValue={(query.projectIds ?? []).join(', ')}
            onBlur={(e) => update({ projectIds: splitList(e.currentTarget.value) }, true)}
          />
        </EditorField>
        <EditorField label="Environments" tooltip="Environment names, comma-separated; empty = all">
          <Input
            width={30}
            defaultValue={(query.environments ?? []).join(', ')}
            onBlur={(e) => update({ environments: splitList(e.currentTarget.value) }, true)}
          />
        </EditorField>
      </EditorRow>
      <EditorRow>
        <EditorField label="Search" tooltip="Sentry issue search, e.g. is:unresolved level:error">
          <Input
            width={60}
            defaultValue={query.issuesQuery ?? ''}
            placeholder="is:unresolved"
            onBlur={(e) => update({ issuesQuery: e.currentTarget.value }, true)}
          />
        </EditorField>
        <EditorField label="Sort by">
          <Select
            width={20}
            options={SORT_OPTIONS}
            value={query.issuesSort}
            isClearable
            onChange={(v) => update({ issuesSort: v?.value }, true)}
          />
        </EditorField>
        <EditorField label="Limit" tooltip="Issues to list; the data source's row budget caps it">
          <Input
            width={10}
            type="number"
            defaultValue={query.issuesLimit ?? ''}
            placeholder="100"
            onBlur={(e) =>
              update({ issuesLimit: e.currentTarget.value ? Number(e.currentTarget.value) : undefined }, true)
            }
          />
        </EditorField>
      </EditorRow>
    </EditorRows>
  );
}
