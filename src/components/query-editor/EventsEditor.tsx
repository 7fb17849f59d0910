import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { DEFAULT_DATASET, DEFAULT_EVENT_FIELDS, EventsDataset, datasetOf, hasEventTags } from '../../sentry';
import type { EventsQuery, EventsTableErrorField, SortDirection } from '../../sentry/queries/events';
import type { SpansQuery } from '../../sentry/queries/spans';
import {
  MultiSelectField,
  NumberField,
  RadioField,
  SelectField,
  SubEditorProps,
  TextField,
  useGroupByOptions,
} from './common';
import { datasetOptions, eventFieldSuggestions, toOptions, unique } from './options';
import { EventsSelectors } from './EventsEditor.selectors';

const selectors = EventsSelectors;

const DIRECTION_OPTIONS: Array<{ value: SortDirection; label: string }> = [
  { value: 'desc', label: selectors.SortDirection.options.desc },
  { value: 'asc', label: selectors.SortDirection.options.asc },
];

interface Props extends SubEditorProps<EventsQuery | SpansQuery, EventsTableErrorField> {
  /** The events table lets the user pick the dataset; the spans table reads spans. */
  pickDataset?: boolean;
}

/** The events table (with a dataset picker) and the spans table (spans dataset, no picker). */
export function EventsEditor(props: Props) {
  const { query, datasource, errors, onChange, onRun, idPrefix, pickDataset } = props;
  const dataset = datasetOf(query) ?? DEFAULT_DATASET;
  const eventTags = hasEventTags(dataset);
  const tags = useGroupByOptions(datasource, []);
  // Left out, the fields are the dataset's defaults; shown as such so the sort field can be picked from them.
  const fields = query.eventsFields ?? DEFAULT_EVENT_FIELDS[dataset];
  const sortable = fields.length ? fields : DEFAULT_EVENT_FIELDS[dataset];
  const fieldOptions = toOptions(unique([...eventFieldSuggestions(dataset), ...fields]));
  if (eventTags) {
    fieldOptions.push(...tags.options.filter((t) => !fields.includes(t.value)));
  }

  const changeDataset = (next: EventsDataset) => {
    const patch: Partial<EventsQuery> = { dataset: next };
    if (sameList(query.eventsFields, DEFAULT_EVENT_FIELDS[dataset])) {
      // Untouched defaults follow the dataset; the user's own columns stay.
      patch.eventsFields = [...DEFAULT_EVENT_FIELDS[next]];
    }
    const nextFields = patch.eventsFields ?? query.eventsFields ?? DEFAULT_EVENT_FIELDS[next];
    if (query.eventsSort && !nextFields.includes(query.eventsSort)) {
      patch.eventsSort = undefined;
      patch.eventsSortDirection = undefined;
    }
    onChange(patch);
  };

  return (
    <>
      <EditorRow>
        {pickDataset && (
          <RadioField
            text={selectors.Dataset}
            value={dataset}
            options={datasetOptions(dataset)}
            error={errors.dataset}
            onChange={changeDataset}
          />
        )}
        <MultiSelectField
          id={`${idPrefix}-events-fields`}
          text={selectors.Fields}
          values={fields}
          options={fieldOptions}
          error={errors.eventsFields}
          custom
          lookupError={eventTags ? tags.lookup.error : undefined}
          onChange={(eventsFields) => onChange({ eventsFields })}
        />
      </EditorRow>
      <EditorRow>
        <TextField
          id={`${idPrefix}-events-search`}
          text={selectors.Search}
          value={query.eventsQuery}
          onChange={(eventsQuery) => onChange({ eventsQuery })}
          onRun={onRun}
        />
      </EditorRow>
      <EditorRow>
        <SelectField
          id={`${idPrefix}-events-sort`}
          text={selectors.Sort}
          value={query.eventsSort}
          options={toOptions(sortable)}
          error={errors.eventsSort}
          clearable
          onChange={(eventsSort) =>
            onChange(eventsSort ? { eventsSort } : { eventsSort: undefined, eventsSortDirection: undefined })
          }
        />
        {query.eventsSort && (
          <RadioField
            text={selectors.SortDirection}
            // Unset means descending, in the editor and in the runner alike.
            value={query.eventsSortDirection ?? 'desc'}
            options={DIRECTION_OPTIONS}
            error={errors.eventsSortDirection}
            onChange={(eventsSortDirection) => onChange({ eventsSortDirection })}
          />
        )}
        <NumberField
          id={`${idPrefix}-events-limit`}
          text={selectors.Limit}
          value={query.eventsLimit}
          error={errors.eventsLimit}
          onChange={(eventsLimit) => onChange({ eventsLimit })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}

function sameList(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}
