import React, { ChangeEvent, useEffect, useState } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { ConfigSection, DataSourceDescription } from '@grafana/plugin-ui';
import { Field, Input, SecretInput } from '@grafana/ui';

import plugin from '../plugin.json';
import { Components } from '../selectors';
import { CorrelationSettings } from './CorrelationSettings';
import { DEFAULT_SENTRY_URL } from '../sentry';
import type { SentryConfig, SentrySecureConfig } from '../sentry/settings';
import {
  Checked,
  checkMaxConcurrentRequests,
  checkMaxResponseMB,
  checkOrgSlug,
  checkRateLimitWait,
  checkRowBudget,
  checkSentryUrl,
  cleanToken,
} from '../sentry/settingsInput';

type Props = DataSourcePluginOptionsEditorProps<SentryConfig, SentrySecureConfig>;

const selectors = Components.ConfigEditor;
/** "View the documentation": this plugin's README, the link plugin.json gives the catalogue. */
export const DOCS_URL = plugin.info.links.find((link) => link.name === 'Documentation')!.url;
const INPUT_WIDTH = 60;
const NUMBER_WIDTH = 20;

interface LimitFieldProps {
  id: string;
  selector: { label: string; placeholder: string; description: string; testId: string };
  value: number | undefined;
  check: (text: string) => Checked<number | undefined>;
  onCommit: (value: number | undefined) => void;
}

function LimitField({ id, selector, value, check, onCommit }: LimitFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string>();

  const onBlur = () => {
    const checked = check(text);
    setError(checked.error);
    if (checked.error === undefined) {
      setText(checked.value === undefined ? '' : String(checked.value));
      onCommit(checked.value);
    }
  };

  return (
    <Field label={selector.label} description={selector.description} invalid={Boolean(error)} error={error}>
      <Input
        id={id}
        data-testid={selector.testId}
        inputMode="numeric"
        width={NUMBER_WIDTH}
        placeholder={selector.placeholder}
        value={text}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setText(event.currentTarget.value)}
        onBlur={onBlur}
      />
    </Field>
  );
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonData, secureJsonFields } = options;

  const [url, setUrl] = useState(jsonData.url || DEFAULT_SENTRY_URL);
  const [urlError, setUrlError] = useState<string>();
  const [orgSlug, setOrgSlug] = useState(jsonData.orgSlug ?? '');
  const [orgSlugError, setOrgSlugError] = useState<string>();

  // The proxy route renders {{ .JsonData.url }}; a missing key would become "<no value>", so always save one.
  useEffect(() => {
    if (!options.jsonData.url) {
      onOptionsChange({ ...options, jsonData: { ...options.jsonData, url: DEFAULT_SENTRY_URL } });
    }
  }, [options, onOptionsChange]);

  const updateJsonData = <K extends keyof SentryConfig>(key: K, value: SentryConfig[K]) => {
    if (options.jsonData[key] === value) {
      return;
    }
    const next: SentryConfig = { ...options.jsonData, [key]: value };
    if (value === undefined) {
      delete next[key];
    }
    onOptionsChange({ ...options, jsonData: next });
  };

  const onUrlBlur = () => {
    const checked = checkSentryUrl(url);
    setUrlError(checked.error);
    if (checked.error === undefined) {
      setUrl(checked.value);
      updateJsonData('url', checked.value);
    }
  };

  const onOrgSlugBlur = () => {
    const checked = checkOrgSlug(orgSlug);
    setOrgSlugError(checked.error);
    if (checked.error === undefined) {
      setOrgSlug(checked.value ?? '');
      updateJsonData('orgSlug', checked.value);
    } else if (orgSlug.trim() === '') {
      // A cleared slug is saved as cleared, so the saved settings match what the form shows.
      updateJsonData('orgSlug', undefined);
    }
  };

  const onTokenChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({
      ...options,
      secureJsonData: { ...secureJsonData, authToken: cleanToken(event.currentTarget.value) },
    });
  };

  const onTokenReset = () => {
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, authToken: false },
      secureJsonData: { ...secureJsonData, authToken: '' },
    });
  };

  const tokenConfigured = Boolean(secureJsonFields?.authToken);
  const typedToken = secureJsonData?.authToken ?? '';
  const tokenError =
    !tokenConfigured && typedToken.startsWith('sntrys_')
      ? `This is an organization token. ${selectors.AuthToken.orgTokenWarning}`
      : undefined;

  const limitsSet =
    jsonData.maxConcurrentRequests !== undefined ||
    jsonData.rowBudget !== undefined ||
    jsonData.maxResponseMB !== undefined ||
    jsonData.rateLimitWaitSeconds !== undefined;

  return (
    <>
      <DataSourceDescription
        dataSourceName={selectors.Description.dataSourceName}
        docsLink={DOCS_URL}
        hasRequiredFields
      />

      <ConfigSection title={selectors.Connection.title} description={selectors.Connection.description}>
        <Field
          label={selectors.URL.label}
          description={selectors.URL.description}
          required
          invalid={Boolean(urlError)}
          error={urlError}
        >
          <Input
            id="sentry-lens-config-url"
            data-testid={selectors.URL.testId}
            width={INPUT_WIDTH}
            placeholder={selectors.URL.placeholder}
            value={url}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setUrl(event.currentTarget.value)}
            onBlur={onUrlBlur}
          />
        </Field>

        <Field
          label={selectors.OrgSlug.label}
          description={selectors.OrgSlug.description}
          required
          invalid={Boolean(orgSlugError)}
          error={orgSlugError}
        >
          <Input
            id="sentry-lens-config-org-slug"
            data-testid={selectors.OrgSlug.testId}
            width={INPUT_WIDTH}
            placeholder={selectors.OrgSlug.placeholder}
            value={orgSlug}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setOrgSlug(event.currentTarget.value)}
            onBlur={onOrgSlugBlur}
          />
        </Field>

        <Field
          label={selectors.AuthToken.label}
          description={
            <>
              {selectors.AuthToken.description} <strong>{selectors.AuthToken.orgTokenWarning}</strong>{' '}
              {selectors.AuthToken.storageNote}
            </>
          }
          required
          invalid={Boolean(tokenError)}
          error={tokenError}
        >
          <SecretInput
            id="sentry-lens-config-auth-token"
            data-testid={selectors.AuthToken.testId}
            width={INPUT_WIDTH}
            placeholder={selectors.AuthToken.placeholder}
            isConfigured={tokenConfigured}
            value={typedToken}
            onChange={onTokenChange}
            onReset={onTokenReset}
          />
        </Field>
      </ConfigSection>

      <ConfigSection
        title={selectors.RequestLimits.title}
        description={selectors.RequestLimits.description}
        isCollapsible
        isInitiallyOpen={limitsSet}
      >
        <LimitField
          id="sentry-lens-config-max-concurrent"
          selector={selectors.MaxConcurrent}
          value={jsonData.maxConcurrentRequests}
          check={checkMaxConcurrentRequests}
          onCommit={(value) => updateJsonData('maxConcurrentRequests', value)}
        />
        <LimitField
          id="sentry-lens-config-row-budget"
          selector={selectors.RowBudget}
          value={jsonData.rowBudget}
          check={checkRowBudget}
          onCommit={(value) => updateJsonData('rowBudget', value)}
        />
        <LimitField
          id="sentry-lens-config-max-response"
          selector={selectors.MaxResponse}
          value={jsonData.maxResponseMB}
          check={checkMaxResponseMB}
          onCommit={(value) => updateJsonData('maxResponseMB', value)}
        />
        <LimitField
          id="sentry-lens-config-rate-limit-wait"
          selector={selectors.RateLimitWait}
          value={jsonData.rateLimitWaitSeconds}
          check={checkRateLimitWait}
          onCommit={(value) => updateJsonData('rateLimitWaitSeconds', value)}
        />
      </ConfigSection>

      <CorrelationSettings
        jsonData={jsonData}
        onChange={(patch) => onOptionsChange({ ...options, jsonData: { ...options.jsonData, ...patch } })}
      />
    </>
  );
}
