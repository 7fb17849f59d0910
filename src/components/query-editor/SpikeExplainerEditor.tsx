import React from 'react';
import { EditorField, EditorRow } from '@grafana/plugin-ui';

import type { SpikeExplainerErrorField, SpikeExplainerQuery } from '../../sentry/queries/spikeExplainer';
import { CommitInput, NumberField, RadioField, SubEditorProps, WIDTH } from './common';
import { SPIKE_BASELINE_OPTIONS } from './options';
import { SpikeExplainerSelectors } from './SpikeExplainerEditor.selectors';

const selectors = SpikeExplainerSelectors;

/** Spike explainer: the issue search, the window to compare with, and how many issues to list. */
export function SpikeExplainerEditor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<SpikeExplainerQuery, SpikeExplainerErrorField>) {
  return (
    <>
      <EditorRow>
        {/* Empty text is kept as "" (all issues): unset would mean the default, is:unresolved. */}
        <EditorField label={selectors.Search.label} tooltip={selectors.Search.tooltip}>
          <CommitInput
            id={`${idPrefix}-spike-search`}
            text={selectors.Search}
            value={query.spikeQuery ?? ''}
            width={WIDTH.search}
            onCommit={(draft) => onChange({ spikeQuery: draft.trim() === '' ? '' : draft })}
            onRun={onRun}
          />
        </EditorField>
      </EditorRow>
      <EditorRow>
        <RadioField
          text={selectors.Baseline}
          value={query.spikeBaseline ?? 'previous'}
          options={SPIKE_BASELINE_OPTIONS}
          error={errors.spikeBaseline}
          onChange={(spikeBaseline) => onChange({ spikeBaseline })}
        />
        <NumberField
          id={`${idPrefix}-spike-limit`}
          text={selectors.Limit}
          value={query.spikeLimit}
          error={errors.spikeLimit}
          onChange={(spikeLimit) => onChange({ spikeLimit })}
          onRun={onRun}
        />
        <NumberField
          id={`${idPrefix}-spike-min-events`}
          text={selectors.MinEvents}
          value={query.spikeMinEvents}
          error={errors.spikeMinEvents}
          onChange={(spikeMinEvents) => onChange({ spikeMinEvents })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}
