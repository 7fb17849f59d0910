import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';
import type { ComboboxOption } from '@grafana/ui';

import { DEFAULT_DATASET, datasetOf, hasEventTags } from '../../sentry';
import type { EventsStatsQuery, StatsErrorField } from '../../sentry/queries/eventsStats';
import type { SpansStatsQuery } from '../../sentry/queries/spansStats';
import {
  MultiSelectField,
  NumberField,
  RadioField,
  SelectField,
  SubEditorProps,
  SwitchField,
  TextField,
  useGroupByOptions,
} from './common';
import {
  ANOMALY_BASELINE_OPTIONS,
  SPAN_GROUP_BY_SUGGESTIONS,
  datasetOptions,
  toOptions,
  yAxisSuggestions,
} from './options';
import { EventsStatsSelectors } from './EventsStatsEditor.selectors';

const selectors = EventsStatsSelectors;

interface Props extends SubEditorProps<EventsStatsQuery | SpansStatsQuery, StatsErrorField> {
  /** Event frequency lets the user pick the dataset; the spans time series reads spans. */
  pickDataset?: boolean;
}

/** Event frequency (with a dataset picker) and spans time series (spans dataset, no picker). */
export function EventsStatsEditor(props: Props) {
  const { query, datasource, errors, onChange, onRun, idPrefix, pickDataset } = props;
  const dataset = datasetOf(query) ?? DEFAULT_DATASET;
  const eventTags = hasEventTags(dataset);
  const groupBy = useGroupByOptions(datasource);
  const groupOptions = eventTags ? groupBy.options : toOptions(SPAN_GROUP_BY_SUGGESTIONS);
  const yAxes = query.eventsStatsYAxis ?? ['count()'];
  const groups = query.eventsStatsGroups ?? [];
  const grouped = groups.length > 0;
  const showRanking = grouped || Boolean(errors.eventsStatsLimit || errors.eventsStatsOther);

  return (
    <>
      <EditorRow>
        {pickDataset && (
          <RadioField
            text={selectors.Dataset}
            value={dataset}
            options={datasetOptions(dataset)}
            error={errors.dataset}
            onChange={(dataset) => onChange({ dataset })}
          />
        )}
        <MultiSelectField
          id={`${idPrefix}-stats-y-axis`}
          text={selectors.YAxis}
          values={yAxes}
          options={toOptions(yAxisSuggestions(dataset))}
          error={errors.eventsStatsYAxis}
          custom
          onChange={(eventsStatsYAxis) => onChange({ eventsStatsYAxis })}
        />
      </EditorRow>
      <EditorRow>
        <TextField
          id={`${idPrefix}-stats-search`}
          text={selectors.Search}
          value={query.eventsStatsQuery}
          onChange={(eventsStatsQuery) => onChange({ eventsStatsQuery })}
          onRun={onRun}
        />
      </EditorRow>
      <EditorRow>
        <MultiSelectField
          id={`${idPrefix}-stats-group-by`}
          text={selectors.GroupBy}
          values={groups}
          options={groupOptions}
          custom
          lookupError={eventTags ? groupBy.lookup.error : undefined}
          onChange={(eventsStatsGroups) => onChange({ eventsStatsGroups })}
        />
        {showRanking && (
          <>
            <NumberField
              id={`${idPrefix}-stats-top-n`}
              text={selectors.TopN}
              value={query.eventsStatsLimit}
              error={errors.eventsStatsLimit}
              onChange={(eventsStatsLimit) => onChange({ eventsStatsLimit })}
              onRun={onRun}
            />
            <SelectField
              id={`${idPrefix}-stats-sort`}
              text={selectors.Sort}
              value={query.eventsStatsSort}
              options={rankingOptions(yAxes)}
              clearable
              custom
              onChange={(eventsStatsSort) => onChange({ eventsStatsSort })}
            />
            <SwitchField
              id={`${idPrefix}-stats-other`}
              text={selectors.Other}
              value={query.eventsStatsOther ?? true}
              error={errors.eventsStatsOther}
              onChange={(eventsStatsOther) => onChange({ eventsStatsOther })}
            />
          </>
        )}
      </EditorRow>
      <EditorRow>
        <SwitchField
          id={`${idPrefix}-stats-anomaly-band`}
          text={selectors.AnomalyBand}
          value={query.anomalyBand ?? false}
          error={errors.anomalyBand}
          onChange={(anomalyBand) => onChange({ anomalyBand: anomalyBand || undefined })}
        />
        {query.anomalyBand && (
          <>
            <RadioField
              text={selectors.AnomalyBaseline}
              value={query.anomalyBaseline ?? 'previousDay'}
              options={ANOMALY_BASELINE_OPTIONS}
              error={errors.anomalyBaseline}
              onChange={(anomalyBaseline) => onChange({ anomalyBaseline })}
            />
            <NumberField
              id={`${idPrefix}-stats-anomaly-k`}
              text={selectors.AnomalyK}
              value={query.anomalyK}
              error={errors.anomalyK}
              onChange={(anomalyK) => onChange({ anomalyK })}
              onRun={onRun}
            />
            <NumberField
              id={`${idPrefix}-stats-anomaly-window`}
              text={selectors.AnomalyWindow}
              value={query.anomalyWindow}
              error={errors.anomalyWindow}
              onChange={(anomalyWindow) => onChange({ anomalyWindow })}
              onRun={onRun}
            />
          </>
        )}
      </EditorRow>
    </>
  );
}

/** Each y-axis, descending then ascending, in Sentry's sort syntax. */
function rankingOptions(yAxes: string[]): Array<ComboboxOption<string>> {
  return yAxes.flatMap((y) => [
    { value: `-${y}`, label: `${y}, ${selectors.Sort.descending}` },
    { value: y, label: `${y}, ${selectors.Sort.ascending}` },
  ]);
}
