import React, { useState } from 'react';
import { ConfigSection } from '@grafana/plugin-ui';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, Field, IconButton, Input, Stack, TextArea } from '@grafana/ui';

import { DEFAULT_PROMETHEUS_QUERY } from '../correlation';
import { Components } from '../selectors';
import type { LabelMapping, SentryConfig } from '../sentry/settings';

const selectors = Components.ConfigEditor.Correlation;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Props {
  jsonData: SentryConfig;
  onChange: (patch: Partial<SentryConfig>) => void;
}

/** The Prometheus data source Sentry panels link to, and which labels mean the same as which Sentry dimensions. */
export function CorrelationSettings({ jsonData, onChange }: Props) {
  const [rows, setRows] = useState<LabelMapping[]>(jsonData.labelMap ?? []);
  const [query, setQuery] = useState(jsonData.prometheusQuery ?? '');
  const commitRows = (next: LabelMapping[]) => {
    setRows(next);
    // Only complete, valid pairs are saved; a half-typed row stays on screen until finished.
    onChange({ labelMap: next.filter((r) => LABEL_NAME.test(r.prometheus) && r.sentry.trim() !== '') });
  };
  const edit = (index: number, patch: Partial<LabelMapping>) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <ConfigSection
      title={selectors.title}
      description={selectors.description}
      isCollapsible
      isInitiallyOpen={Boolean(jsonData.prometheusDatasourceUid || jsonData.labelMap?.length)}
    >
      <Field label={selectors.Datasource.label} description={selectors.Datasource.description}>
        <div data-testid={selectors.Datasource.testId}>
          <DataSourcePicker
            pluginId="prometheus"
            current={jsonData.prometheusDatasourceUid ?? null}
            noDefault
            width={40}
            onChange={(ds) => onChange({ prometheusDatasourceUid: ds.uid })}
            onClear={() => onChange({ prometheusDatasourceUid: undefined })}
          />
        </div>
      </Field>
      <Field label={selectors.LabelMap.label} description={selectors.LabelMap.description}>
        <Stack direction="column" gap={1}>
          {rows.map((row, index) => {
            const invalid = row.prometheus !== '' && !LABEL_NAME.test(row.prometheus);
            return (
              <Stack key={index} gap={1} alignItems="center">
                <Input
                  aria-label={`${selectors.LabelMap.prometheusPlaceholder} ${index + 1}`}
                  data-testid={`${selectors.LabelMap.testId} prometheus ${index}`}
                  width={24}
                  placeholder={selectors.LabelMap.prometheusPlaceholder}
                  value={row.prometheus}
                  invalid={invalid}
                  onChange={(e) => edit(index, { prometheus: e.currentTarget.value.trim() })}
                  onBlur={() => commitRows(rows)}
                />
                <span>⇄</span>
                <Input
                  aria-label={`${selectors.LabelMap.sentryPlaceholder} ${index + 1}`}
                  data-testid={`${selectors.LabelMap.testId} sentry ${index}`}
                  width={24}
                  placeholder={selectors.LabelMap.sentryPlaceholder}
                  value={row.sentry}
                  onChange={(e) => edit(index, { sentry: e.currentTarget.value.trim() })}
                  onBlur={() => commitRows(rows)}
                />
                <IconButton
                  name="trash-alt"
                  tooltip={selectors.LabelMap.remove}
                  onClick={() => commitRows(rows.filter((_, i) => i !== index))}
                />
              </Stack>
            );
          })}
          <div>
            <Button
              variant="secondary"
              icon="plus"
              size="sm"
              data-testid={`${selectors.LabelMap.testId} add`}
              onClick={() => setRows([...rows, { prometheus: '', sentry: '' }])}
            >
              {selectors.LabelMap.add}
            </Button>
          </div>
        </Stack>
      </Field>
      <Field label={selectors.Query.label} description={selectors.Query.description}>
        <TextArea
          data-testid={selectors.Query.testId}
          rows={2}
          placeholder={DEFAULT_PROMETHEUS_QUERY}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onBlur={() => onChange({ prometheusQuery: query.trim() || undefined })}
        />
      </Field>
    </ConfigSection>
  );
}
