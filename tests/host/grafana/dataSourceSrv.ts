/**
 * Grafana's DataSourceSrv for the test host: data source settings from the host server's API (as Grafana's
 * boot data and /api/datasources give them), instances from the plugin, a stand-in meta for Prometheus.
 */
import {
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePluginMeta,
  DataSourceRef,
  DataSourceSettings,
} from '@grafana/data';
import { DataSourceSrv, GetDataSourceListFilters } from '@grafana/runtime';

import { backendSrv } from './backendSrv';
import type { HostPlugin } from './pluginLoader';

const PROMETHEUS_META = {
  id: 'prometheus',
  name: 'Prometheus',
  type: 'datasource',
  module: 'core:plugin/prometheus',
  baseUrl: 'public/app/plugins/datasource/prometheus',
  metrics: true,
  annotations: true,
  info: {
    author: { name: 'Grafana Labs' },
    description: 'Prometheus',
    links: [],
    logos: { small: 'public/build/img/icons/unicons/database.svg', large: '' },
    screenshots: [],
    updated: '',
    version: '',
  },
} as unknown as DataSourcePluginMeta;

function toInstanceSettings(settings: DataSourceSettings, meta: DataSourcePluginMeta): DataSourceInstanceSettings {
  return {
    id: settings.id,
    uid: settings.uid,
    type: settings.type,
    name: settings.name,
    meta,
    url: `/api/datasources/proxy/uid/${settings.uid}`,
    jsonData: settings.jsonData,
    access: 'proxy',
    readOnly: settings.readOnly,
    isDefault: settings.isDefault,
  };
}

export class HostDataSourceSrv implements DataSourceSrv {
  private settings: DataSourceInstanceSettings[] = [];
  private readonly instances = new Map<string, DataSourceApi>();

  constructor(private readonly plugin: HostPlugin) {}

  async load(): Promise<void> {
    const list = await backendSrv.get<DataSourceSettings[]>('/api/datasources');
    this.settings = list.map((s) =>
      toInstanceSettings(s, s.type === this.plugin.meta.id ? this.plugin.meta : PROMETHEUS_META)
    );
    this.instances.clear();
  }

  private find(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    const key = typeof ref === 'string' ? ref : ref?.uid;
    if (!key) {
      return this.settings.find((s) => s.isDefault);
    }
    return this.settings.find((s) => s.uid === key || s.name === key);
  }

  async get(ref?: DataSourceRef | string | null): Promise<DataSourceApi> {
    const settings = this.find(ref);
    if (!settings) {
      throw new Error(`Data source ${JSON.stringify(ref)} was not found`);
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      if (settings.type !== this.plugin.meta.id) {
        throw new Error(`The test host has no plugin for ${settings.type}`);
      }
      instance = new this.plugin.DataSourceClass(settings);
      instance.components = this.plugin.components;
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.settings.filter((s) => {
      const meta = s.meta;
      if (filters.metrics && !meta.metrics) {
        return false;
      }
      if (filters.annotations && !meta.annotations) {
        return false;
      }
      if (filters.tracing && !meta.tracing) {
        return false;
      }
      if (filters.logs && !meta.logs) {
        return false;
      }
      if (filters.alerting && !meta.alerting) {
        return false;
      }
      if (filters.pluginId && meta.id !== filters.pluginId) {
        return false;
      }
      if (filters.type && !(Array.isArray(filters.type) ? filters.type : [filters.type]).includes(s.type)) {
        return false;
      }
      return filters.filter ? filters.filter(s) : true;
    });
  }

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    return this.find(ref);
  }

  reload(): void {
    void this.load();
  }

  registerRuntimeDataSource(): void {
    throw new Error('registerRuntimeDataSource() is not supported by the test host');
  }
}
