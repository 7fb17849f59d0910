import React, { useMemo } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';

import type { SentryDataSource } from '../datasource';
import { changeQueryType } from '../queryDefaults';
import { migrateQuery } from '../sentry/migrate';
import type { QueryType, SentryConfig, SentryQuery } from '../types';
import { ValidationErrors, isValid, validateQuery } from '../validation';
import { DistributionEditor } from './query-editor/DistributionEditor';
import { EventsEditor } from './query-editor/EventsEditor';
import { EventsStatsEditor } from './query-editor/EventsStatsEditor';
import { IssuesEditor } from './query-editor/IssuesEditor';
import { PerformanceEditor } from './query-editor/PerformanceEditor';
import { QueryTypePicker } from './query-editor/QueryTypePicker';
import { ReleasesEditor } from './query-editor/ReleasesEditor';
import { RequestLookupEditor } from './query-editor/RequestLookupEditor';
import { EnvironmentsPicker, ProjectsPicker } from './query-editor/ScopePicker';
import { SessionsEditor } from './query-editor/SessionsEditor';
import { SpikeExplainerEditor } from './query-editor/SpikeExplainerEditor';
import { StatsV2Editor } from './query-editor/StatsV2Editor';

type Props = QueryEditorProps<SentryDataSource, SentryQuery, SentryConfig>;

/**
 * The query editor: type, projects and environments, then the type's own fields. Choices save and run at once;
 * typed text saves and runs on blur or Shift+Enter. Nothing runs while validateQuery reports a problem.
 */
export function QueryEditor({ query: saved, datasource, onChange, onRunQuery }: Props) {
  // Older shapes (the official plugin's, a typeless query) are edited as the runner reads them.
  const query = useMemo(() => migrateQuery(saved), [saved]);
  const errors = useMemo(() => validateQuery(query), [query]);
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
        {query.queryType !== 'statsV2' && (
          <EnvironmentsPicker query={query} datasource={datasource} onChange={update} idPrefix={idPrefix} />
        )}
      </EditorRow>
      <SubEditor query={query} {...common} />
    </EditorRows>
  );
}

interface SubEditorSwitchProps {
  query: SentryQuery;
  datasource: SentryDataSource;
  errors: ValidationErrors;
  onChange: (patch: Partial<SentryQuery>) => void;
  onRun: () => void;
  idPrefix: string;
}

function SubEditor({ query, ...props }: SubEditorSwitchProps) {
  switch (query.queryType) {
    case 'issues':
      return <IssuesEditor query={query} {...props} />;
    case 'eventsStats':
    case 'spansStats':
      return <EventsStatsEditor query={query} {...props} />;
    case 'errorDistribution':
      return <DistributionEditor query={query} {...props} />;
    case 'events':
    case 'spans':
      return <EventsEditor query={query} {...props} />;
    case 'performance':
      return <PerformanceEditor query={query} {...props} />;
    case 'sessions':
      return <SessionsEditor query={query} {...props} />;
    case 'statsV2':
      return <StatsV2Editor query={query} {...props} />;
    case 'releases':
      return <ReleasesEditor query={query} {...props} />;
    case 'spikeExplainer':
      return <SpikeExplainerEditor query={query} {...props} />;
    case 'requestLookup':
      return <RequestLookupEditor query={query} {...props} />;
    default:
      // An unknown type: the picker shows the message and offers the known ones.
      return null;
  }
}

/** Keys set to undefined are removed, so the saved JSON holds only what the user chose. */
function withoutUndefined(query: SentryQuery): SentryQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as SentryQuery;
}
