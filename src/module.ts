import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor, QueryEditor } from './components/lazyEditors';
import { SentryDataSource } from './datasource';
import type { SentryQuery } from './sentry/query';
import type { SentryConfig } from './sentry/settings';

export const plugin = new DataSourcePlugin<SentryDataSource, SentryQuery, SentryConfig>(SentryDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
