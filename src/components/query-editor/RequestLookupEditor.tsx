import React from 'react';
import { EditorField, EditorRow } from '@grafana/plugin-ui';

import type { RequestLookupErrorField, RequestLookupQuery } from '../../sentry/queries/requestLookup';
import { CommitInput, NumberField, RadioField, SubEditorProps, TextField, WIDTH } from './common';
import { LOOKUP_KIND_OPTIONS } from './options';
import { RequestLookupSelectors } from './RequestLookupEditor.selectors';

const selectors = RequestLookupSelectors;

/** Ids as typed: separated by commas, spaces or new lines. */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((id) => id !== ''))];
}

/** Request / trace lookup: the ids, what they are, and the tag request ids are kept in. */
export function RequestLookupEditor({
  query,
  errors,
  onChange,
  onRun,
  idPrefix,
}: SubEditorProps<RequestLookupQuery, RequestLookupErrorField>) {
  const idsError = errors.lookupIds;
  return (
    <>
      <EditorRow>
        <EditorField
          label={selectors.Ids.label}
          tooltip={selectors.Ids.tooltip}
          invalid={Boolean(idsError)}
          error={idsError}
        >
          <CommitInput
            id={`${idPrefix}-lookup-ids`}
            text={selectors.Ids}
            value={(query.lookupIds ?? []).join(', ')}
            width={WIDTH.search}
            invalid={Boolean(idsError)}
            onCommit={(draft) => onChange({ lookupIds: parseIds(draft) })}
            onRun={onRun}
          />
        </EditorField>
      </EditorRow>
      <EditorRow>
        <RadioField
          text={selectors.Kind}
          value={query.lookupKind ?? 'auto'}
          options={LOOKUP_KIND_OPTIONS}
          error={errors.lookupKind}
          onChange={(lookupKind) => onChange({ lookupKind })}
        />
        <TextField
          id={`${idPrefix}-lookup-request-id-tag`}
          text={selectors.RequestIdTag}
          value={query.requestIdTag}
          error={errors.requestIdTag}
          width={WIDTH.medium}
          onChange={(requestIdTag) => onChange({ requestIdTag })}
          onRun={onRun}
        />
        <NumberField
          id={`${idPrefix}-lookup-limit`}
          text={selectors.Limit}
          value={query.lookupLimit}
          error={errors.lookupLimit}
          onChange={(lookupLimit) => onChange({ lookupLimit })}
          onRun={onRun}
        />
      </EditorRow>
    </>
  );
}
