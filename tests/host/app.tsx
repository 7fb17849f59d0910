/**
 * The browser test host: a page that loads the built plugin (dist/module.js) the way Grafana does — an AMD
 * module whose dependencies are the host's own React, @grafana/* and rxjs — and renders its editors:
 *
 *   /?page=config&uid=<uid>       the ConfigEditor, with Save & test
 *   /?page=query&uid=<uid>        the QueryEditor, with Run and the frames as tables (&query=<json> to start from;
 *                                 &grafanaTable=1 also renders them with Grafana's table panel component)
 *   /?page=variable&uid=<uid>     the variable editor (ds.variables.editor), with Run and the values
 *   /?page=annotation&uid=<uid>   the annotation editor (ds.annotations.QueryEditor), with Run, the frames and
 *                                 the annotations as Grafana's tooltip renders them (HTML)
 *
 * Common parameters: from, to (default now-24h, now). Grafana's services are played by small, faithful
 * stand-ins: a fetch-based BackendSrv, a TemplateSrv with a few dashboard variables, a DataSourceSrv.
 */
import React, { Component, ErrorInfo, ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as grafanaData from '@grafana/data';
import {
  CoreApp,
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  DataSourceRef,
  DataSourceSettings,
  FieldType,
  LoadingState,
  ScopedVars,
  TimeRange,
  TypedVariableModel,
  applyFieldOverrides,
  dateMath,
  dateTime,
  textUtil,
} from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import {
  BackendSrv,
  BackendSrvRequest,
  DataSourceSrv,
  FetchError,
  FetchResponse,
  GetDataSourceListFilters,
  TemplateSrv,
  config,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
} from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import { Alert, Button, GlobalStyles, PortalContainer } from '@grafana/ui';
import { TableNG } from '@grafana/ui/unstable';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import i18next from 'i18next';
import lodash from 'lodash';
import moment from 'moment';
import * as rxjs from 'rxjs';
import { Observable, Subscription, from, isObservable, lastValueFrom } from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

//#region Page parameters and globals

interface HostGlobals {
  pluginId: string;
}

type AmdFactory = (...deps: unknown[]) => unknown;
interface AmdDefine {
  (deps: string[], factory: AmdFactory): void;
  (factory: AmdFactory): void;
  amd: boolean;
}

declare global {
  interface Window {
    __sentryLensHost?: HostGlobals;
    define?: AmdDefine;
    /** Shows another host page without reloading; resolves to the navigation's number (see main()). */
    __hostNavigate?: (search: string) => Promise<number>;
  }
}

interface Route {
  params: URLSearchParams;
  page: string;
  uid: string;
  /** Counts in-app navigations: each one renders a fresh tree with fresh data source instances. */
  navigation: number;
}

function readRoute(navigation: number): Route {
  const params = new URLSearchParams(window.location.search);
  return { params, page: params.get('page') ?? 'query', uid: params.get('uid') ?? 'sentry-lens', navigation };
}

/** The page being shown; replaced on each navigation before the new tree renders. */
let route = readRoute(0);
const PLUGIN_ID = window.__sentryLensHost?.pluginId ?? 'lens-sentry-datasource';
const PLUGIN_BASE = `public/plugins/${PLUGIN_ID}`;

function timeRange(): TimeRange {
  const fromText = route.params.get('from') ?? 'now-24h';
  const toText = route.params.get('to') ?? 'now';
  const from = dateMath.parse(fromText, false, 'utc') ?? dateTime().subtract(24, 'hours');
  const to = dateMath.parse(toText, true, 'utc') ?? dateTime();
  return { from, to, raw: { from: fromText, to: toText } };
}

//#endregion

//#region BackendSrv: window.fetch behind Grafana's observable API

let requestCounter = 0;

function serializeParams(values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) {
        continue;
      }
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.join('&');
}

class HostBackendSrv implements BackendSrv {
  /** Like Grafana: a new request with the same requestId cancels the one in flight. */
  private readonly inFlight = new Map<string, () => void>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      let finished = false;
      const cancel = () => {
        if (!finished) {
          finished = true;
          controller.abort();
          subscriber.error(this.cancelledError(options));
        }
      };
      if (options.requestId) {
        this.inFlight.get(options.requestId)?.();
        this.inFlight.set(options.requestId, cancel);
      }
      options.abortSignal?.addEventListener('abort', cancel, { once: true });

      const query = options.params ? serializeParams(options.params) : '';
      const url = query ? `${options.url}${options.url.includes('?') ? '&' : '?'}${query}` : options.url;
      if (options.validatePath && /(^|\/)\.\.(\/|$)/.test(options.url.split('?')[0])) {
        finished = true;
        subscriber.error({ status: 400, data: { message: 'Invalid request path' }, config: options });
        return undefined;
      }
      const headers = new Headers();
      headers.set('Accept', 'application/json, text/plain, */*');
      headers.set('X-Grafana-Org-Id', '1');
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value !== undefined && value !== null) {
          headers.set(name, String(value));
        }
      }
      let body: BodyInit | undefined;
      if (options.data !== undefined && options.data !== null) {
        if (typeof options.data === 'string' || options.data instanceof Blob || options.data instanceof FormData) {
          body = options.data;
        } else {
          body = JSON.stringify(options.data);
          if (!headers.has('Content-Type')) {
            headers.set('Content-Type', 'application/json');
          }
        }
      }

      window
        .fetch(url, {
          method: (options.method ?? 'GET').toUpperCase(),
          headers,
          body,
          credentials: options.credentials ?? 'same-origin',
          signal: controller.signal,
        })
        .then(async (response) => {
          const data = await this.readBody(response, options.responseType);
          if (finished) {
            return;
          }
          finished = true;
          const fetchResponse: FetchResponse<T> = {
            data: data as T,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          if (response.ok) {
            subscriber.next(fetchResponse);
            subscriber.complete();
          } else {
            // Grafana's fetch fails for every non-2xx status with the status and the body.
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              config: options,
            };
            subscriber.error(error);
          }
        })
        .catch((error: unknown) => {
          if (finished) {
            return;
          }
          finished = true;
          const message = error instanceof Error ? error.message : String(error);
          subscriber.error({ status: 0, statusText: message, data: { message }, config: options });
        })
        .finally(() => {
          if (options.requestId && this.inFlight.get(options.requestId) === cancel) {
            this.inFlight.delete(options.requestId);
          }
        });

      // Unsubscribing (a panel closed, a newer query) aborts the browser request.
      return () => {
        if (!finished) {
          finished = true;
          controller.abort();
        }
      };
    });
  }

  private cancelledError(options: BackendSrvRequest): FetchError {
    return { status: -1, statusText: 'Request was aborted', data: null, cancelled: true, config: options };
  }

  private async readBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
    switch (responseType) {
      case 'text':
        return response.text();
      case 'blob':
        return response.blob();
      case 'arraybuffer':
        return response.arrayBuffer();
      default: {
        const text = await response.text();
        if (text === '') {
          return undefined;
        }
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      }
    }
  }

  private call<T>(method: string, url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return lastValueFrom(this.fetch<T>({ ...options, url, method, data })).then((r) => r.data);
  }

  get<T = any>(url: string, query?: any, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return lastValueFrom(this.fetch<T>({ ...options, url, method: 'GET', params: query, requestId })).then(
      (r) => r.data
    );
  }
  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('DELETE', url, data, options);
  }
  post<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('POST', url, data, options);
  }
  patch<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('PATCH', url, data, options);
  }
  put<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.call<T>('PUT', url, data, options);
  }
  request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options)).then((r) => r.data);
  }
  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }
  chunked(): Observable<FetchResponse<Uint8Array | undefined>> {
    throw new Error('chunked() is not supported by the test host');
  }
}

const backendSrv = new HostBackendSrv();

//#endregion

//#region TemplateSrv: a few dashboard variables and Grafana's interpolation rules

interface HostVariable {
  name: string;
  label: string;
  multi: boolean;
  /** The current selection: one value, or several for a multi-value variable. */
  value: string | string[];
}

/** Dashboard variables the host offers; the specs use them to check interpolation through the built plugin. */
const HOST_VARIABLES: HostVariable[] = [
  { name: 'env', label: 'Environment', multi: false, value: 'production' },
  { name: 'project', label: 'Project', multi: true, value: ['checkout-api'] },
  { name: 'search', label: 'Search', multi: false, value: 'is:unresolved' },
];

/** Grafana's variable syntaxes: $var, [[var]], [[var:fmt]], ${var}, ${var.field}, ${var:fmt}. */
const VARIABLE_PATTERN = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

type FormatFunction = (value: string | string[], variable?: unknown, fallback?: unknown) => string;

function escapeRegex(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** Grafana's named formats (the common ones); glob is the default. */
function formatValue(value: string | string[], format: string | undefined, name: string): string {
  const list = Array.isArray(value) ? value : [value];
  const many = Array.isArray(value) && value.length > 1;
  switch (format) {
    case 'raw':
    case 'csv':
    case 'text':
      return list.join(',');
    case 'pipe':
      return list.join('|');
    case 'json':
      return JSON.stringify(value);
    case 'doublequote':
      return list.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return list.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'sqlstring':
      return list.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'regex':
      return many ? `(${list.map(escapeRegex).join('|')})` : escapeRegex(list[0] ?? '');
    case 'percentencode':
      return encodeURIComponent(list.join(','));
    case 'queryparam':
      return list.map((v) => `var-${encodeURIComponent(name)}=${encodeURIComponent(v)}`).join('&');
    case 'lucene':
      return many ? `(${list.map((v) => `"${v}"`).join(' OR ')})` : (list[0] ?? '');
    case 'glob':
    default:
      return many ? `{${list.join(',')}}` : (list[0] ?? '');
  }
}

class HostTemplateSrv implements TemplateSrv {
  private range: TimeRange = timeRange();

  getVariables(): TypedVariableModel[] {
    return HOST_VARIABLES.map(
      (v) =>
        ({
          type: 'custom',
          id: v.name,
          name: v.name,
          label: v.label,
          multi: v.multi,
          includeAll: false,
          current: { text: v.value, value: v.value, selected: true },
          options: [],
          query: Array.isArray(v.value) ? v.value.join(',') : v.value,
        }) as unknown as TypedVariableModel
    );
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    VARIABLE_PATTERN.lastIndex = 0;
    return VARIABLE_PATTERN.test(target);
  }

  updateTimeRange(range: TimeRange): void {
    this.range = range;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(
      VARIABLE_PATTERN,
      (
        match,
        plain?: string,
        bracket?: string,
        bracketFormat?: string,
        braced?: string,
        _field?: string,
        bracedFormat?: string
      ) => {
        const name = plain ?? bracket ?? braced ?? '';
        const value = this.valueOf(name, scopedVars);
        if (value === undefined) {
          return match;
        }
        const inlineFormat = bracketFormat ?? bracedFormat;
        if (!inlineFormat && typeof format === 'function') {
          return (format as FormatFunction)(value, { name }, formatValue);
        }
        return formatValue(value, inlineFormat ?? (typeof format === 'string' ? format : undefined), name);
      }
    );
  }

  private valueOf(name: string, scopedVars?: ScopedVars): string | string[] | undefined {
    const scoped = scopedVars?.[name];
    if (scoped && scoped.value !== undefined && scoped.value !== null) {
      return Array.isArray(scoped.value) ? scoped.value.map(String) : String(scoped.value);
    }
    if (name === '__from') {
      return String(this.range.from.valueOf());
    }
    if (name === '__to') {
      return String(this.range.to.valueOf());
    }
    return HOST_VARIABLES.find((v) => v.name === name)?.value;
  }
}

//#endregion

//#region The plugin: AMD loading as Grafana's SystemJS does it

/** What the plugin's AMD define() may ask for, mapped to the host's single instances (Grafana's sharedDependencies). */
const SHARED_DEPENDENCIES: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react-dom/client': ReactDOMClient,
  'react/jsx-runtime': jsxRuntime,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUi,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  rxjs,
  'rxjs/operators': rxjsOperators,
  lodash,
  moment,
  i18next,
};

interface PluginExports {
  plugin: DataSourcePlugin<DataSourceApi<DataQuery>, DataQuery>;
}

function loadPluginModule(): Promise<PluginExports> {
  const moduleUrl = `/${PLUGIN_BASE}/module.js`;
  return new Promise<PluginExports>((resolve, reject) => {
    const define = ((depsOrFactory: string[] | AmdFactory, maybeFactory?: AmdFactory) => {
      const deps = Array.isArray(depsOrFactory) ? depsOrFactory : [];
      const factory = Array.isArray(depsOrFactory) ? maybeFactory : depsOrFactory;
      try {
        const resolved = deps.map((dep) => {
          if (dep === 'module') {
            // AMD's pseudo-dependency: webpack reads module.uri to set its public path.
            return { id: moduleUrl, uri: moduleUrl };
          }
          if (!(dep in SHARED_DEPENDENCIES)) {
            throw new Error(`dist/module.js needs "${dep}", which the host (like Grafana) does not provide`);
          }
          return SHARED_DEPENDENCIES[dep];
        });
        resolve(factory!(...resolved) as PluginExports);
      } catch (error) {
        reject(error);
      }
    }) as AmdDefine;
    define.amd = true;
    window.define = define;
    const script = document.createElement('script');
    script.src = moduleUrl;
    script.onerror = () => reject(new Error(`Could not load ${moduleUrl}`));
    document.head.appendChild(script);
  });
}

async function loadPlugin(): Promise<DataSourcePlugin<DataSourceApi<DataQuery>, DataQuery>> {
  const manifest = await backendSrv.get<DataSourcePluginMeta>(`/${PLUGIN_BASE}/plugin.json`);
  const { plugin } = await loadPluginModule();
  if (!(plugin instanceof DataSourcePlugin)) {
    throw new Error('dist/module.js does not export a DataSourcePlugin as `plugin`');
  }
  // What Grafana's plugin loader adds to plugin.json before handing the meta to the plugin.
  const logo = (file?: string) => (file ? `${PLUGIN_BASE}/${file}` : '');
  plugin.meta = {
    ...manifest,
    module: `${PLUGIN_BASE}/module.js`,
    baseUrl: PLUGIN_BASE,
    info: {
      ...manifest.info,
      logos: { small: logo(manifest.info?.logos?.small), large: logo(manifest.info?.logos?.large) },
    },
  };
  return plugin;
}

//#endregion

//#region Data sources: settings from the host server, instances from the plugin

type HostPlugin = DataSourcePlugin<DataSourceApi<DataQuery>, DataQuery>;

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

class HostDataSourceSrv implements DataSourceSrv {
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

//#endregion

//#region Results as plain HTML

interface RunState {
  started: number;
  completed: number;
  state: 'Idle' | 'Loading' | 'Done' | 'Error' | 'Skipped';
  frames: DataFrame[];
  errors: DataQueryError[];
  /** Values of a variable query. */
  values?: Array<{ text: string; value: string }>;
}

const IDLE: RunState = { started: 0, completed: 0, state: 'Idle', frames: [], errors: [] };
const ROWS_SHOWN = 10;

function cellText(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (type === FieldType.time && typeof value === 'number') {
    return new Date(value).toISOString();
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function FrameTable({ frame, index }: { frame: DataFrame; index: number }) {
  const rows = Math.min(frame.length, ROWS_SHOWN);
  return (
    <table
      className="host-frame"
      data-testid="host-frame"
      data-index={index}
      data-name={frame.name ?? ''}
      data-refid={frame.refId ?? ''}
      data-rows={frame.length}
    >
      <caption>
        {frame.name ?? '(no name)'} · refId {frame.refId ?? '?'} · {frame.length} rows
        {frame.meta?.executedQueryString ? (
          <div className="host-executed" data-testid="host-executed-query">
            {frame.meta.executedQueryString}
          </div>
        ) : null}
        {frame.meta?.notices?.map((n, i) => (
          <div key={i} data-testid="host-frame-notice" data-severity={n.severity}>
            {n.severity}: {n.text}
          </div>
        ))}
      </caption>
      <thead>
        <tr>
          {frame.fields.map((field, i) => (
            <th key={i} data-testid="host-field" data-field-name={field.name} data-field-type={field.type}>
              {field.name}
              {field.labels && Object.keys(field.labels).length ? (
                <span className="host-labels"> {JSON.stringify(field.labels)}</span>
              ) : null}
              <br />
              <small>
                {field.type}
                {field.config?.unit ? ` · ${field.config.unit}` : ''}
              </small>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, row) => (
          <tr key={row} data-testid="host-row">
            {frame.fields.map((field, i) => (
              <td key={i}>{cellText(field.values[row], field.type)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The frames in Grafana's table panel component (TableNG), after Grafana's field processing. */
function GrafanaTable({ frame, index }: { frame: DataFrame; index: number }) {
  const [processed] = useMemo(
    () =>
      applyFieldOverrides({
        data: [frame],
        fieldConfig: { defaults: {}, overrides: [] },
        replaceVariables: (value) => value,
        theme: config.theme2,
        timeZone: 'utc',
      }),
    [frame]
  );
  const rows = Math.min(frame.length, ROWS_SHOWN);
  return (
    <div className="host-grafana-table" data-testid="host-grafana-table" data-index={index}>
      <TableNG data={processed} width={1300} height={40 * (rows + 1) + 8} enableVirtualization={false} />
    </div>
  );
}

/**
 * Annotations as Grafana's tooltip (AnnotationTooltip2) renders them: title and text joined into one HTML
 * string, sanitized. Also unsanitized: then only the plugin's own escaping stands between Sentry's strings and
 * the page.
 */
function AnnotationTooltips({ frames }: { frames: DataFrame[] }) {
  const shown = frames.flatMap((frame) => {
    const title = frame.fields.find((f) => f.name === 'title');
    const text = frame.fields.find((f) => f.name === 'text');
    if (!title || !text) {
      return [];
    }
    return Array.from(
      { length: Math.min(frame.length, ROWS_SHOWN) },
      (_, i) => `${title.values[i]}<br />${text.values[i]}`
    );
  });
  if (!shown.length) {
    return null;
  }
  return (
    <section data-testid="host-annotation-tooltips">
      <h4>As Grafana's annotation tooltip shows them</h4>
      {shown.map((html, i) => (
        <React.Fragment key={i}>
          <div
            className="host-tooltip"
            data-testid="host-annotation-tooltip"
            data-sanitized="true"
            dangerouslySetInnerHTML={{ __html: textUtil.sanitize(html) }}
          />
          <div
            className="host-tooltip"
            data-testid="host-annotation-tooltip"
            data-sanitized="false"
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </React.Fragment>
      ))}
    </section>
  );
}

function Results({ run, grafanaTable }: { run: RunState; grafanaTable?: boolean }) {
  return (
    <section
      className="host-results"
      data-testid="host-results"
      data-state={run.state}
      data-started={run.started}
      data-completed={run.completed}
    >
      <h3>
        Result: <span data-testid="host-run-state">{run.state}</span> (run {run.completed} of {run.started})
      </h3>
      {run.errors.map((error, i) => (
        <div key={i} className="host-error" data-testid="host-error" data-refid={error.refId ?? ''}>
          {error.refId ? `${error.refId}: ` : ''}
          {error.message}
        </div>
      ))}
      {run.values && (
        <table className="host-frame" data-testid="host-variable-values" data-rows={run.values.length}>
          <thead>
            <tr>
              <th>text</th>
              <th>value</th>
            </tr>
          </thead>
          <tbody>
            {run.values.map((v, i) => (
              <tr key={i} data-testid="host-variable-value" data-text={v.text} data-value={v.value}>
                <td>{v.text}</td>
                <td>{v.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run.frames.map((frame, i) => (
        <React.Fragment key={i}>
          <FrameTable frame={frame} index={i} />
          {grafanaTable && <GrafanaTable frame={frame} index={i} />}
        </React.Fragment>
      ))}
    </section>
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    for (const candidate of [e.message, e.data?.message, e.statusText]) {
      if (typeof candidate === 'string' && candidate) {
        return candidate;
      }
    }
    return JSON.stringify(error);
  }
  return String(error);
}

/** Runs observable work one at a time: a new run cancels the one in flight, as a panel does. */
function useRunner() {
  const [run, setRun] = useState<RunState>(IDLE);
  const subscription = useRef<Subscription>();
  const counter = useRef(0);

  useEffect(() => () => subscription.current?.unsubscribe(), []);

  const start = useCallback((work: () => Observable<Partial<RunState>> | undefined) => {
    subscription.current?.unsubscribe();
    const id = ++counter.current;
    const observable = work();
    if (!observable) {
      setRun((r) => ({ ...r, started: id, completed: id, state: 'Skipped', frames: [], errors: [] }));
      return;
    }
    setRun((r) => ({ ...r, started: id, state: 'Loading' }));
    subscription.current = observable.subscribe({
      next: (partial) => setRun((r) => ({ ...r, frames: [], errors: [], values: undefined, ...partial })),
      error: (error: unknown) =>
        setRun((r) => ({
          ...r,
          completed: id,
          state: 'Error',
          frames: [],
          values: undefined,
          errors: [{ message: errorMessage(error) }],
        })),
      complete: () =>
        setRun((r) => ({
          ...r,
          completed: id,
          state: r.state === 'Loading' ? (r.errors.length ? 'Error' : 'Done') : r.state,
        })),
    });
  }, []);

  return { run, start };
}

function buildRequest<Q extends DataQuery>(targets: Q[], app: CoreApp): DataQueryRequest<Q> {
  const range = timeRange();
  const maxDataPoints = 1000;
  const intervalMs = Math.max(1000, Math.floor((range.to.valueOf() - range.from.valueOf()) / maxDataPoints));
  requestCounter += 1;
  return {
    app,
    requestId: `host-${requestCounter}`,
    interval: `${Math.round(intervalMs / 1000)}s`,
    intervalMs,
    maxDataPoints,
    range,
    rangeRaw: range.raw,
    scopedVars: {
      __interval: { text: `${Math.round(intervalMs / 1000)}s`, value: `${Math.round(intervalMs / 1000)}s` },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    targets,
    timezone: 'utc',
    startTime: Date.now(),
  };
}

function toResponse(result: Observable<DataQueryResponse> | Promise<DataQueryResponse>): Observable<Partial<RunState>> {
  const source = isObservable(result) ? result : from(result);
  return new Observable<Partial<RunState>>((subscriber) =>
    source.subscribe({
      next: (response) => {
        const errors = response.errors ?? (response.error ? [response.error] : []);
        subscriber.next({
          frames: (response.data ?? []) as DataFrame[],
          errors,
          state: response.state === LoadingState.Loading ? 'Loading' : errors.length ? 'Error' : 'Done',
        });
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    })
  );
}

//#endregion

//#region Pages

class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The plugin crashed:', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div className="host-error" data-testid="host-crash">
          The plugin crashed: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}

function initialQuery(ds: DataSourceApi<DataQuery>, fallback: () => Partial<DataQuery>): DataQuery {
  const given = route.params.get('query');
  const base = given ? (JSON.parse(given) as Partial<DataQuery>) : fallback();
  return { refId: 'A', ...base } as DataQuery;
}

function QueryPage({ plugin, ds }: { plugin: HostPlugin; ds: DataSourceApi<DataQuery> }) {
  const Editor = plugin.components.QueryEditor!;
  const [query, setQuery] = useState<DataQuery>(() =>
    initialQuery(ds, () => ds.getDefaultQuery?.(CoreApp.PanelEditor) ?? {})
  );
  // onRunQuery follows onChange at once; run what was just saved, as Grafana's query runner does.
  const latest = useRef(query);
  const { run, start } = useRunner();

  const onChange = useCallback((next: DataQuery) => {
    latest.current = next;
    setQuery(next);
  }, []);
  const onRunQuery = useCallback(() => {
    start(() => {
      // Grafana's query runner drops what filterQuery refuses, then runs the rest.
      const targets = [latest.current].filter((q) => !ds.filterQuery || ds.filterQuery(q));
      if (!targets.length) {
        return undefined;
      }
      return toResponse(ds.query(buildRequest(targets, CoreApp.PanelEditor)));
    });
  }, [ds, start]);

  return (
    <>
      <div className="host-editor" data-testid="host-query-editor">
        <ErrorBoundary>
          <Editor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} app={CoreApp.PanelEditor} />
        </ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-run" icon="sync" onClick={onRunQuery}>
          Run query
        </Button>
      </div>
      <pre className="host-json" data-testid="host-query-json">
        {JSON.stringify(query)}
      </pre>
      <Results run={run} grafanaTable={route.params.get('grafanaTable') === '1'} />
    </>
  );
}

function VariablePage({ ds }: { ds: DataSourceApi<DataQuery> }) {
  const variables = ds.variables as unknown as
    | {
        editor: React.ComponentType<any>;
        query: (request: DataQueryRequest<DataQuery>) => Observable<DataQueryResponse>;
        getDefaultQuery?: () => Partial<DataQuery>;
      }
    | undefined;
  const [query, setQuery] = useState<DataQuery>(() =>
    initialQuery(ds, () => variables?.getDefaultQuery?.() ?? { refId: 'SentryVariable' })
  );
  const { run, start } = useRunner();
  if (!variables?.editor) {
    return <div data-testid="host-crash">The data source has no variable support with an editor.</div>;
  }
  const Editor = variables.editor;
  const onRun = () =>
    start(
      () =>
        new Observable<Partial<RunState>>((subscriber) =>
          variables.query(buildRequest([query], CoreApp.Dashboard)).subscribe({
            next: (response) =>
              subscriber.next({
                values: toValues(response.data ?? []),
                errors: response.errors ?? [],
                state: response.errors?.length ? 'Error' : 'Done',
              }),
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          })
        )
    );
  return (
    <>
      <div className="host-editor" data-testid="host-variable-editor">
        <ErrorBoundary>
          <Editor datasource={ds} query={query} onChange={setQuery} onRunQuery={() => undefined} />
        </ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-run" icon="sync" onClick={onRun}>
          Run query
        </Button>
      </div>
      <pre className="host-json" data-testid="host-query-json">
        {JSON.stringify(query)}
      </pre>
      <Results run={run} />
    </>
  );
}

/** MetricFindValue[] as they come, or frames with text/value fields (Grafana accepts both). */
function toValues(data: unknown[]): Array<{ text: string; value: string }> {
  return data.flatMap((item) => {
    const frame = item as DataFrame;
    if (Array.isArray(frame.fields)) {
      const text = frame.fields.find((f) => f.name === 'text') ?? frame.fields[0];
      const value = frame.fields.find((f) => f.name === 'value') ?? text;
      return Array.from({ length: frame.length }, (_, i) => ({
        text: String(text?.values[i] ?? ''),
        value: String(value?.values[i] ?? ''),
      }));
    }
    const v = item as { text?: unknown; value?: unknown };
    return [{ text: String(v.text ?? ''), value: String(v.value ?? v.text ?? '') }];
  });
}

function AnnotationPage({ ds, dataSources }: { ds: DataSourceApi<DataQuery>; dataSources: HostDataSourceSrv }) {
  const support = ds.annotations;
  const [target, setTarget] = useState<DataQuery>(() =>
    initialQuery(ds, () => support?.getDefaultQuery?.() ?? { refId: 'Anno' })
  );
  const { run, start } = useRunner();
  if (!support?.QueryEditor) {
    return <div data-testid="host-crash">The data source has no annotation support with an editor.</div>;
  }
  const Editor = support.QueryEditor;
  const offered = dataSources.getList({ annotations: true }).some((s) => s.uid === ds.uid);
  const annotation = {
    name: 'Sentry',
    enable: true,
    iconColor: 'red',
    datasource: { uid: ds.uid, type: ds.type },
    target,
  };
  const onRun = () =>
    start(() => {
      // Grafana: prepareQuery turns the annotation into a query, then the data source runs it like a panel's.
      const prepared = support.prepareQuery ? support.prepareQuery(annotation) : target;
      if (!prepared) {
        return undefined;
      }
      return toResponse(ds.query(buildRequest([{ ...prepared, refId: 'Anno' }], CoreApp.Dashboard)));
    });
  return (
    <>
      <p data-testid="host-annotation-offered" data-offered={String(offered)}>
        {/* Grafana's annotation settings list data sources with getList({ annotations: true }): plugin.json decides. */}
        Offered in Dashboard settings › Annotations: {offered ? 'yes' : 'no (plugin.json "annotations" is not true)'}
      </p>
      <div className="host-editor" data-testid="host-annotation-editor">
        <ErrorBoundary>
          <Editor
            datasource={ds}
            query={target}
            onChange={setTarget}
            onRunQuery={() => undefined}
            annotation={annotation}
            onAnnotationChange={(next: { target?: DataQuery }) => next.target && setTarget(next.target)}
          />
        </ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-run" icon="sync" onClick={onRun}>
          Run query
        </Button>
      </div>
      <pre className="host-json" data-testid="host-query-json">
        {JSON.stringify(target)}
      </pre>
      <Results run={run} />
      <AnnotationTooltips frames={run.frames} />
    </>
  );
}

interface TestResult {
  status: string;
  message: string;
}

function ConfigPage({ plugin, dataSources }: { plugin: HostPlugin; dataSources: HostDataSourceSrv }) {
  const Editor = plugin.components.ConfigEditor!;
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [loadError, setLoadError] = useState<string>();
  const [result, setResult] = useState<TestResult>();
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    backendSrv
      .get<DataSourceSettings>(`/api/datasources/uid/${encodeURIComponent(route.uid)}`)
      .then(setSettings, (e: unknown) => setLoadError(errorMessage(e)));
  }, []);

  const saveAndTest = async () => {
    if (!settings) {
      return;
    }
    setBusy(true);
    setResult(undefined);
    try {
      // Grafana's settings form: PUT the whole settings (secureJsonData only when typed), reload, then test.
      const saved = await backendSrv.put<{ datasource: DataSourceSettings }>(
        `/api/datasources/uid/${encodeURIComponent(settings.uid)}`,
        settings
      );
      setSettings(saved.datasource);
      setGeneration((g) => g + 1);
      await dataSources.load();
      const ds = await dataSources.get(saved.datasource.uid);
      const outcome = await ds.testDatasource();
      setResult({ status: outcome.status, message: outcome.message });
    } catch (error) {
      setResult({ status: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return <div data-testid="host-crash">Could not load the data source: {loadError}</div>;
  }
  if (!settings) {
    return <div>Loading settings…</div>;
  }
  return (
    <>
      <div className="host-editor" data-testid="host-config-editor" data-version={settings.version}>
        <ErrorBoundary>
          <Editor options={settings} onOptionsChange={setSettings} />
        </ErrorBoundary>
      </div>
      <div className="host-toolbar">
        <Button data-testid="host-save-test" disabled={busy} onClick={saveAndTest}>
          {busy ? 'Testing…' : 'Save & test'}
        </Button>
      </div>
      {result && (
        <div data-testid="host-test-result" data-status={result.status} data-generation={generation}>
          <Alert severity={result.status === 'success' ? 'success' : 'error'} title={result.message} />
        </div>
      )}
    </>
  );
}

function Page({ plugin, dataSources }: { plugin: HostPlugin; dataSources: HostDataSourceSrv }) {
  const [ds, setDs] = useState<DataSourceApi<DataQuery>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (route.page !== 'config') {
      dataSources.get(route.uid).then(
        (instance) => setDs(instance as DataSourceApi<DataQuery>),
        (e: unknown) => setError(errorMessage(e))
      );
    }
  }, [dataSources]);
  const title = useMemo(
    () =>
      ({ config: 'Data source settings', query: 'Query editor', variable: 'Variable', annotation: 'Annotation' })[
        route.page
      ],
    []
  );

  let body: ReactNode = <div>Loading…</div>;
  if (error) {
    body = <div data-testid="host-crash">{error}</div>;
  } else if (route.page === 'config') {
    body = <ConfigPage plugin={plugin} dataSources={dataSources} />;
  } else if (ds && route.page === 'query') {
    body = <QueryPage plugin={plugin} ds={ds} />;
  } else if (ds && route.page === 'variable') {
    body = <VariablePage ds={ds} />;
  } else if (ds && route.page === 'annotation') {
    body = <AnnotationPage ds={ds} dataSources={dataSources} />;
  } else if (!title) {
    body = <div data-testid="host-crash">Unknown page {route.page}</div>;
  }
  return (
    <main className="host-page" data-testid="host-page" data-page={route.page} data-navigation={route.navigation}>
      <header className="host-header">
        <img src={plugin.meta.info.logos.small} alt="" width={24} height={24} />
        <h2>
          {plugin.meta.name} · {title ?? route.page} · <code>{route.uid}</code>
        </h2>
      </header>
      {body}
    </main>
  );
}

const HOST_CSS = `
  body { margin: 0; }
  .host-page { padding: 16px 24px; max-width: 1400px; }
  .host-header { display: flex; align-items: center; gap: 8px; margin-bottom: 16px; }
  .host-header h2 { margin: 0; }
  .host-toolbar { margin: 16px 0; }
  .host-json { font-size: 12px; white-space: pre-wrap; word-break: break-all; opacity: 0.8; }
  .host-error { color: #ff5286; margin: 8px 0; }
  .host-frame { border-collapse: collapse; margin: 12px 0; font-size: 12px; }
  .host-frame caption { text-align: left; font-weight: 500; padding: 4px 0; }
  .host-frame th, .host-frame td { border: 1px solid rgba(204, 204, 220, 0.2); padding: 2px 6px; text-align: left; }
  .host-frame td { max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .host-executed { font-weight: 400; font-size: 11px; opacity: 0.7; word-break: break-all; }
  .host-grafana-table { margin: 4px 0 16px; }
  .host-tooltip { font-size: 12px; margin: 6px 0; padding: 4px 8px; border: 1px solid rgba(204, 204, 220, 0.2); }
`;

function App({ plugin, dataSources }: { plugin: HostPlugin; dataSources: HostDataSourceSrv }) {
  return (
    <grafanaData.ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      <style>{HOST_CSS}</style>
      <Page plugin={plugin} dataSources={dataSources} />
      <PortalContainer />
    </grafanaData.ThemeContext.Provider>
  );
}

//#endregion

async function main() {
  setBackendSrv(backendSrv);
  setTemplateSrv(new HostTemplateSrv());
  const plugin = await loadPlugin();
  const root = ReactDOMClient.createRoot(document.getElementById('root')!);

  /** Renders the page of the current URL with a fresh DataSourceSrv (fresh data source instances). */
  const show = async (navigation: number) => {
    route = readRoute(navigation);
    const dataSources = new HostDataSourceSrv(plugin);
    setDataSourceSrv(dataSources);
    await dataSources.load();
    // A new key unmounts the previous page: its queries are unsubscribed (cancelled), as when leaving a panel.
    root.render(<App key={navigation} plugin={plugin} dataSources={dataSources} />);
  };

  // In-app navigation, as in Grafana (a single-page app: the plugin module is loaded once per session). The
  // specs use it to avoid reloading the bundle for every test; it returns the navigation's number.
  let navigations = 0;
  window.__hostNavigate = async (search: string) => {
    navigations += 1;
    window.history.pushState(null, '', search);
    await show(navigations);
    return navigations;
  };
  await show(navigations);
}

main().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root')!;
  root.innerHTML = '';
  const div = document.createElement('div');
  div.setAttribute('data-testid', 'host-crash');
  div.textContent = `The test host could not start: ${errorMessage(error)}`;
  root.appendChild(div);
});
