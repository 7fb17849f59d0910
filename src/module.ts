import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { SentryDataSource } from './datasource';
import { SentryConfig, SentryQuery } from './types';

export const plugin = new DataSourcePlugin<SentryDataSource, SentryQuery, SentryConfig>(SentryDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
