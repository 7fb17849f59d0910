import React from 'react';
import { EditorRow } from '@grafana/plugin-ui';

import { DEFAULT_DISTRIBUTION_FIELD, DistributionErrorField, ErrorDistributionQuery } from '../../sentry';
import { NumberField, SelectField, SubEditorProps, SwitchField, TextField, useGroupByOptions } from './common';
import { DistributionSelectors } from './DistributionEditor.selectors';

const selectors = DistributionSelectors;

export function DistributionEditor(props: SubEditorProps<ErrorDistributionQuery, DistributionErrorField>) {
  const { query, datasource, errors, onChange, onRun, idPrefix } = props;
  const { options, lookup } = useGroupByOptions(datasource);
  return (
    <EditorRow>
      <SelectField
        id={`${idPrefix}-distribution-field`}
        text={selectors.Field}
        value={query.distributionField || DEFAULT_DISTRIBUTION_FIELD}
        options={options}
        error={errors.distributionField}
        custom
        lookupError={lookup.error}
        onChange={(distributionField) => onChange({ distributionField })}
      />
      <TextField
        id={`${idPrefix}-distribution-search`}
        text={selectors.Search}
        value={query.distributionQuery}
        onChange={(distributionQuery) => onChange({ distributionQuery })}
        onRun={onRun}
      />
      <NumberField
        id={`${idPrefix}-distribution-limit`}
        text={selectors.Limit}
        value={query.distributionLimit}
        error={errors.distributionLimit}
        onChange={(distributionLimit) => onChange({ distributionLimit })}
        onRun={onRun}
      />
      <SwitchField
        id={`${idPrefix}-distribution-share`}
        text={selectors.Share}
        value={Boolean(query.distributionShare)}
        error={errors.distributionShare}
        onChange={(distributionShare) => onChange({ distributionShare })}
      />
    </EditorRow>
  );
}
