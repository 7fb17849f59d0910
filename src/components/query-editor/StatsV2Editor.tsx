import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import type { StatsV2ErrorField, StatsV2Query } from '../../sentry/queries/statsV2';
import { MultiSelectField, SubEditorProps, TextField, WIDTH } from './common';
import { STATS_CATEGORIES, STATS_FIELDS, STATS_GROUP_BY, STATS_OUTCOMES, STATS_REASONS, toOptions } from './options';
import { StatsV2Selectors } from './StatsV2Editor.selectors';

const selectors = StatsV2Selectors;

/** Org stats: organization-wide usage, so no environments. */
export function StatsV2Editor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<StatsV2Query, StatsV2ErrorField>) {
  return (
    <>
      <EditorRow>
        <MultiSelectField
          id={`${idPrefix}-stats-v2-fields`}
          text={selectors.Fields}
          values={query.statsFields ?? []}
          options={toOptions(STATS_FIELDS)}
          width={WIDTH.medium}
          error={errors.statsFields}
          onChange={(statsFields) => onChange({ statsFields })}
        />
        <MultiSelectField
          id={`${idPrefix}-stats-v2-category`}
          text={selectors.Category}
          values={query.statsCategory ?? []}
          options={toOptions(STATS_CATEGORIES)}
          error={errors.statsCategory}
          custom
          onChange={(statsCategory) => onChange({ statsCategory })}
        />
        <MultiSelectField
          id={`${idPrefix}-stats-v2-group-by`}
          text={selectors.GroupBy}
          values={query.statsGroupBy ?? []}
          options={toOptions(STATS_GROUP_BY)}
          width={WIDTH.medium}
          error={errors.statsGroupBy}
          onChange={(statsGroupBy) => onChange({ statsGroupBy })}
        />
      </EditorRow>
      <EditorRow>
        <MultiSelectField
          id={`${idPrefix}-stats-v2-outcome`}
          text={selectors.Outcome}
          values={query.statsOutcome ?? []}
          options={toOptions(STATS_OUTCOMES)}
          custom
          onChange={(statsOutcome) => onChange({ statsOutcome })}
        />
        <MultiSelectField
          id={`${idPrefix}-stats-v2-reason`}
          text={selectors.Reason}
          values={query.statsReason ?? []}
          options={toOptions(STATS_REASONS)}
          custom
          onChange={(statsReason) => onChange({ statsReason })}
        />
        <TextField
          id={`${idPrefix}-stats-v2-interval`}
          text={selectors.Interval}
          value={query.statsInterval}
          error={errors.statsInterval}
          width={WIDTH.short}
          onChange={(statsInterval) => onChange({ statsInterval })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}
