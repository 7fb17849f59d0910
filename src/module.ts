import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { SentryDataSource } from './datasource';
import type { SentryQuery } from './sentry/query';
import type { SentryConfig } from './sentry/settings';

export const plugin = new DataSourcePlugin<SentryDataSource, SentryQuery, SentryConfig>(SentryDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
