import React, { ChangeEvent, useEffect, useState } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { ConfigSection, DataSourceDescription } from '@grafana/plugin-ui';
import { Field, Input, SecretInput } from '@grafana/ui';

import { Components } from '../selectors';
import { CorrelationSettings } from './CorrelationSettings';
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  DEFAULT_ROW_BUDGET,
  DEFAULT_SENTRY_URL,
  MAX_CONCURRENT_REQUESTS_LIMIT,
  MAX_ROW_BUDGET,
} from '../sentry/constants';
import { SentryConfig, SentrySecureConfig } from '../types';

type Props = DataSourcePluginOptionsEditorProps<SentryConfig, SentrySecureConfig>;

/** The outcome of checking what the user typed: a value to save, or a message to show instead. */
type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

const selectors = Components.ConfigEditor;
const INPUT_WIDTH = 60;
const NUMBER_WIDTH = 20;
const MIN_ROW_BUDGET = 100;
/** Hosts under sentry.io that are not organizations. */
const NON_ORG_SENTRY_HOSTS = new Set(['us', 'de', 'www']);
const SLUG_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Accepts an http(s) origin, optionally with a trailing slash, and returns it without the slash. */
function checkSentryUrl(text: string): Checked<string> {
  const raw = text.trim();
  if (raw === '') {
    return { value: DEFAULT_SENTRY_URL };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    return { error: `Start the URL with https:// (or http://), e.g. https://${raw.replace(/^\/+/, '')}` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `Not a valid URL: enter the root of your Sentry, e.g. ${DEFAULT_SENTRY_URL}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: `Use an https:// or http:// URL, not ${url.protocol}//` };
  }
  if (url.username || url.password) {
    return { error: `Remove the user name and password from the URL: use ${url.origin}` };
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    if (/^\/api\/0(\/|$)/.test(url.pathname)) {
      return { error: `Remove /api/0, the plugin adds it: use ${url.origin}` };
    }
    return { error: `Remove the path: use ${url.origin}, not ${raw}` };
  }
  if (url.search || url.hash) {
    return { error: `Remove the ${url.search ? 'query string' : 'fragment'}: use ${url.origin}` };
  }
  return { value: url.origin };
}

/** Accepts a slug, or a Sentry URL that contains one (https://acme.sentry.io/…, …/organizations/acme/…). */
function checkOrgSlug(text: string): Checked<string | undefined> {
  const raw = text.trim();
  if (raw === '') {
    return { error: 'Enter the organization slug, e.g. acme' };
  }
  if (SLUG_PATTERN.test(raw)) {
    return { value: raw };
  }
  if (!raw.includes('/') && !raw.includes('.')) {
    return { error: 'A slug has only letters, digits, hyphens and underscores, e.g. acme' };
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { error: 'Enter the slug, e.g. acme, or paste a URL of your Sentry organization' };
  }
  const inPath = /^\/organizations\/([^/]+)/.exec(url.pathname);
  if (inPath && SLUG_PATTERN.test(inPath[1])) {
    return { value: inPath[1] };
  }
  const inHost = /^([^.]+)\.sentry\.io$/i.exec(url.hostname);
  if (inHost && !NON_ORG_SENTRY_HOSTS.has(inHost[1].toLowerCase()) && SLUG_PATTERN.test(inHost[1])) {
    return { value: inHost[1].toLowerCase() };
  }
  return {
    error:
      'No organization slug in that URL: paste one like https://acme.sentry.io/issues/ or ' +
      '…/organizations/acme/, or enter just the slug',
  };
}

/** Empty means "use the default" (undefined); anything else must be a whole number in [min, max]. */
function checkLimit(text: string, min: number, max: number, fallback: number): Checked<number | undefined> {
  const raw = text.trim();
  if (raw === '') {
    return { value: undefined };
  }
  const hint = `use ${min} to ${max}, or leave empty for the default (${fallback})`;
  if (!/^\d+$/.test(raw)) {
    return { error: `Not a whole number: ${hint}` };
  }
  const value = Number(raw);
  if (value < min || value > max) {
    return { error: `${raw} is out of range: ${hint}` };
  }
  return { value };
}

/** Strips what a paste often brings along: whitespace and a "Bearer " prefix. */
function cleanToken(text: string): string {
  return text.trim().replace(/^Bearer\s+/i, '');
}

interface LimitFieldProps {
  id: string;
  selector: { label: string; placeholder: string; description: string; testId: string };
  value: number | undefined;
  min: number;
  max: number;
  fallback: number;
  onCommit: (value: number | undefined) => void;
}

function LimitField({ id, selector, value, min, max, fallback, onCommit }: LimitFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string>();

  const onBlur = () => {
    const checked = checkLimit(text, min, max, fallback);
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

  const limitsSet = jsonData.maxConcurrentRequests !== undefined || jsonData.rowBudget !== undefined;

  return (
    <>
      <DataSourceDescription
        dataSourceName={selectors.Description.dataSourceName}
        docsLink={selectors.Description.docsLink}
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
          min={1}
          max={MAX_CONCURRENT_REQUESTS_LIMIT}
          fallback={DEFAULT_MAX_CONCURRENT_REQUESTS}
          onCommit={(value) => updateJsonData('maxConcurrentRequests', value)}
        />
        <LimitField
          id="sentry-lens-config-row-budget"
          selector={selectors.RowBudget}
          value={jsonData.rowBudget}
          min={MIN_ROW_BUDGET}
          max={MAX_ROW_BUDGET}
          fallback={DEFAULT_ROW_BUDGET}
          onCommit={(value) => updateJsonData('rowBudget', value)}
        />
      </ConfigSection>

      <CorrelationSettings
        jsonData={jsonData}
        onChange={(patch) => onOptionsChange({ ...options, jsonData: { ...options.jsonData, ...patch } })}
      />
    </>
  );
}
