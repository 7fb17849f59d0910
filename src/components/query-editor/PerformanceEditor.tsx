import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { DEFAULT_PERFORMANCE_METRICS, PerformanceErrorField, PerformanceQuery } from '../../sentry';
import { MultiSelectField, NumberField, RadioField, SubEditorProps, TextField, useGroupByOptions } from './common';
import { PERFORMANCE_GROUP_BY_SUGGESTIONS, PERFORMANCE_METRIC_OPTIONS } from './options';
import { PerformanceSelectors } from './PerformanceEditor.selectors';

const selectors = PerformanceSelectors;
type Mode = NonNullable<PerformanceQuery['performanceMode']>;

const MODE_OPTIONS: Array<{ value: Mode; label: string }> = [
  { value: 'table', label: selectors.Mode.options.table },
  { value: 'timeseries', label: selectors.Mode.options.timeseries },
];

export function PerformanceEditor(props: SubEditorProps<PerformanceQuery, PerformanceErrorField>) {
  const { query, datasource, errors, onChange, onRun, idPrefix } = props;
  const mode: Mode = query.performanceMode ?? 'table';
  const groupBy = useGroupByOptions(datasource, PERFORMANCE_GROUP_BY_SUGGESTIONS);
  return (
    <>
      <EditorRow>
        <RadioField
          text={selectors.Mode}
          value={mode}
          options={MODE_OPTIONS}
          error={errors.performanceMode}
          onChange={(performanceMode) => onChange({ performanceMode })}
        />
        <MultiSelectField
          id={`${idPrefix}-performance-metrics`}
          text={selectors.Metrics}
          values={query.performanceMetrics ?? DEFAULT_PERFORMANCE_METRICS}
          options={PERFORMANCE_METRIC_OPTIONS}
          error={errors.performanceMetrics}
          onChange={(performanceMetrics) => onChange({ performanceMetrics })}
        />
      </EditorRow>
      <EditorRow>
        <TextField
          id={`${idPrefix}-performance-search`}
          text={selectors.Search}
          value={query.performanceQuery}
          onChange={(performanceQuery) => onChange({ performanceQuery })}
          onRun={onRun}
        />
      </EditorRow>
      <EditorRow>
        {mode === 'timeseries' && (
          <MultiSelectField
            id={`${idPrefix}-performance-group-by`}
            text={selectors.GroupBy}
            values={query.performanceGroupBy ?? []}
            options={groupBy.options}
            custom
            lookupError={groupBy.lookup.error}
            onChange={(performanceGroupBy) => onChange({ performanceGroupBy })}
          />
        )}
        <NumberField
          id={`${idPrefix}-performance-limit`}
          text={mode === 'timeseries' ? selectors.TopN : selectors.Limit}
          value={query.performanceLimit}
          error={errors.performanceLimit}
          onChange={(performanceLimit) => onChange({ performanceLimit })}
          onRun={onRun}
        />
        <NumberField
          id={`${idPrefix}-performance-apdex`}
          text={selectors.Apdex}
          value={query.apdexThreshold}
          error={errors.apdexThreshold}
          onChange={(apdexThreshold) => onChange({ apdexThreshold })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}
