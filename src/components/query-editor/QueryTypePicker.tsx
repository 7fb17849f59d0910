import React from 'react';

import type { QueryType, SentryQuery } from '../../sentry/query';
import { isKnownQueryType } from '../../sentry';
import { Components } from '../../selectors';
import { SelectField, WIDTH } from './common';
import { QUERY_TYPE_OPTIONS } from './options';

interface Props {
  query: SentryQuery;
  error?: string;
  onChange: (type: QueryType) => void;
  idPrefix: string;
}

export function QueryTypePicker({ query, error, onChange, idPrefix }: Props) {
  return (
    <SelectField<QueryType>
      id={`${idPrefix}-type`}
      text={Components.QueryEditor.QueryType}
      value={isKnownQueryType(query.queryType) ? query.queryType : undefined}
      options={QUERY_TYPE_OPTIONS}
      error={error}
      width={WIDTH.medium}
      onChange={(type) => type && onChange(type)}
    />
  );
}
