import {
  CoreApp,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  MetricFindValue,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { BackendSrv, TemplateSrv, getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';

import { AnnotationQueryEditor } from './components/lazyEditors';
import { withPrometheusLinks } from './correlation';
import {
  DEFAULT_QUERY_TYPE,
  DEFAULT_SENTRY_URL,
  QueryOutcome,
  SentryAnnotationQuery,
  SentryClient,
  SentryConfig,
  SentryVariableQuery,
  TailRefresh,
  VariableOption,
  applyAdHocFilters,
  createProxyTransport,
  defaultQueryFor,
  interpolateAnnotationQuery,
  interpolateList,
  interpolateQuery,
  interpolateVariableQuery,
  isValid,
  listEnvironments,
  listProjects,
  listTagKeys,
  listTagValues,
  listTeams,
  maxResponseBytes,
  migrateAnnotationQuery,
  migrateQuery,
  queryDisplayText,
  rateLimitDeadlineMs,
  runAnnotationQuery,
  runVariableQuery,
  toSentryError,
} from './sentry';
import type { TimeRange } from './sentry/endpoints';
import type { SentryQuery } from './sentry/query';
import type { SentryProject } from './sentry/api';
import { SentryVariableSupport } from './variables';

export class SentryDataSource extends DataSourceApi<SentryQuery, SentryConfig> {
  readonly client: SentryClient;
  private readonly config: SentryConfig;
  readonly sentryUrl: string;
  private readonly migratedQueries = new WeakMap<SentryQuery, SentryQuery>();
  /** Series on a range ending now: a refresh reads only the new buckets. */
  readonly tailRefresh = new TailRefresh();

  constructor(
    instanceSettings: DataSourceInstanceSettings<SentryConfig>,
    backendSrv: Pick<BackendSrv, 'fetch'> = getBackendSrv(),
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    this.variables = new SentryVariableSupport(this);
    this.annotations = {
      QueryEditor: AnnotationQueryEditor,
      // The annotation's target is its Sentry annotation query; query() runs it and returns a frame with
      // time, timeEnd, title, text and tags, which Grafana's standard processing turns into events.
      getDefaultQuery: () => migrateAnnotationQuery(undefined) as unknown as Partial<SentryQuery>,
      prepareQuery: (annotation) => migrateAnnotationQuery(annotation.target) as unknown as SentryQuery,
    };
    const { jsonData } = instanceSettings;
    this.config = jsonData;
    this.sentryUrl = (jsonData.url || DEFAULT_SENTRY_URL).replace(/\/+$/, '');
    // One client per instance: its scheduler shares limits, cache and in-flight requests across panels.
    this.client = new SentryClient({
      transport: createProxyTransport(backendSrv, instanceSettings.url ?? '', this.sentryUrl),
      orgSlug: jsonData.orgSlug ?? '',
      rowBudget: jsonData.rowBudget,
      maxConcurrentRequests: jsonData.maxConcurrentRequests,
      maxResponseBytes: maxResponseBytes(jsonData.maxResponseMB),
      rateLimitDeadlineMs: rateLimitDeadlineMs(jsonData.rateLimitWaitSeconds),
    });
  }

  // DataSourceApi: the query a new panel starts with.
  getDefaultQuery(_app: CoreApp): Partial<SentryQuery> {
    const { refId: _refId, ...query } = defaultQueryFor(DEFAULT_QUERY_TYPE, 'A');
    return query;
  }

  /**
   * The saved query in the current shape. Grafana hands the same target object to filterQuery and query (and to
   * applyTemplateVariables), so each saved query is upgraded once.
   */
  migrated(saved: SentryQuery): SentryQuery {
    let query = this.migratedQueries.get(saved);
    if (!query) {
      query = migrateQuery(saved);
      this.migratedQueries.set(saved, query);
    }
    return query;
  }

  // DataSourceApi: hidden and invalid queries are not run (the editor shows why).
  filterQuery(query: SentryQuery): boolean {
    return !query.hide && isValid(this.migrated(query));
  }

  // Look-ups for the editors (cached by the core for a minute).
  getProjects(): Promise<SentryProject[]> {
    return listProjects(this.client);
  }

  getEnvironments(projectIds: string[] = []): Promise<string[]> {
    return listEnvironments(this.client, this.interpolateList(projectIds));
  }

  getTeams() {
    return listTeams(this.client);
  }

  getSentryTagKeys() {
    return listTagKeys(this.client);
  }

  getSentryTagValues(key: string, projectIds: string[] = []) {
    return listTagValues(this.client, key, this.interpolateList(projectIds));
  }

  /** A template variable's options, with dashboard variables in its fields applied. */
  variableOptions(query: SentryVariableQuery, range?: TimeRange, scopedVars?: ScopedVars): Promise<VariableOption[]> {
    const replace = this.templateSrv.replace.bind(this.templateSrv);
    return runVariableQuery(this.client, interpolateVariableQuery(replace, query, scopedVars), range);
  }

  /** Dashboard variables the editors can offer next to Sentry's values. */
  getVariableNames(): string[] {
    return this.templateSrv.getVariables().map((v) => `$${v.name}`);
  }

  private interpolateList(values: string[], scopedVars?: ScopedVars): string[] {
    return interpolateList(this.templateSrv.replace.bind(this.templateSrv), values, scopedVars);
  }

  // DataSourceApi: dashboard variables in every text field; search values in Sentry syntax.
  applyTemplateVariables(query: SentryQuery, scopedVars: ScopedVars): SentryQuery {
    return interpolateQuery(this.templateSrv.replace.bind(this.templateSrv), this.migrated(query), scopedVars);
  }

  // DataSourceApi: runs a panel's queries; unsubscribing (panel closed, range changed) cancels them.
  query(request: DataQueryRequest<SentryQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      const context = {
        range: { from: request.range.from.toDate(), to: request.range.to.toDate() },
        intervalMs: request.intervalMs,
        maxDataPoints: request.maxDataPoints,
        signal: controller.signal,
        relative: request.range.raw?.to === 'now',
      };
      // Grafana drops invalid queries via filterQuery; any that still arrive (Explore, API callers) get
      // their validation messages from runQuery as the query's error, never silently no data.
      const pending = request.targets
        .filter((t) => !t.hide)
        .map((t): Promise<QueryOutcome> => {
          if (isAnnotationQuery(t)) {
            return this.runAnnotation(t, context.range, controller.signal, request.scopedVars);
          }
          const query = applyAdHocFilters(this.applyTemplateVariables(t, request.scopedVars), request.filters);
          return this.tailRefresh.run(this.client, query, context).then((o) => ({
            ...o,
            frames: withPrometheusLinks(o.frames, query, this.config),
          }));
        });
      Promise.all(pending).then((outcomes) => {
        if (controller.signal.aborted) {
          return;
        }
        const errors = outcomes
          .filter((o) => o.error)
          .map((o) => ({ refId: o.refId, message: o.error!.message, status: o.error!.status }));
        subscriber.next({
          key: request.requestId,
          data: outcomes.flatMap((o) => o.frames),
          errors: errors.length ? errors : undefined,
          state: errors.length ? LoadingState.Error : LoadingState.Done,
        });
        subscriber.complete();
      });
      return () => controller.abort();
    });
  }

  private async runAnnotation(
    query: SentryAnnotationQuery,
    range: TimeRange,
    signal: AbortSignal,
    scopedVars: ScopedVars
  ): Promise<QueryOutcome> {
    const replace = this.templateSrv.replace.bind(this.templateSrv);
    const interpolated = interpolateAnnotationQuery(replace, query, scopedVars);
    try {
      return { refId: query.refId, frames: [await runAnnotationQuery(this.client, interpolated, range, signal)] };
    } catch (error) {
      const e = toSentryError(error);
      return { refId: query.refId, frames: [], error: { message: e.message, kind: e.kind, status: e.status } };
    }
  }

  // DataSourceApi: ad hoc filter keys, from Sentry's tags.
  async getTagKeys(): Promise<MetricFindValue[]> {
    return (await listTagKeys(this.client)).map((t) => ({ text: t.key }));
  }

  // DataSourceApi: ad hoc filter values of a tag, across all projects.
  async getTagValues(options: { key: string }): Promise<MetricFindValue[]> {
    return (await listTagValues(this.client, options.key)).map((v) => ({ text: v }));
  }

  // DataSourceApi: "Save & test".
  async testDatasource(): Promise<TestDataSourceResponse> {
    this.client.scheduler.clearCache();
    const { checkConnection } = await import(/* webpackChunkName: "editors" */ './sentry/health');
    const result = await checkConnection(this.client, this.sentryUrl);
    return { status: result.ok ? 'success' : 'error', message: result.message };
  }

  // DataSourceApi: how a query reads in query history and Explore.
  getQueryDisplayText(query: SentryQuery): string {
    return queryDisplayText(this.migrated(query));
  }
}

function isAnnotationQuery(query: SentryQuery | SentryAnnotationQuery): query is SentryAnnotationQuery {
  return typeof (query as SentryAnnotationQuery).annotationKind === 'string';
}
