import {
  CoreApp,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { BackendSrv, TemplateSrv, getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';

import { SentryClient } from './sentry/client';
import { DEFAULT_SENTRY_URL } from './sentry/constants';
import { checkConnection } from './sentry/health';
import { createProxyTransport } from './sentry/proxyTransport';
import { listEnvironments, listProjects, listTagKeys, listTagValues, listTeams } from './sentry/metadata';
import { QueryOutcome, runQuery } from './sentry/run';
import type { SentryProject } from './sentry/types';
import { interpolateList, interpolateQuery } from './interpolate';
import { queryDisplayText } from './queryDisplayText';
import { defaultQueryFor } from './queryDefaults';
import { SentryConfig, SentryQuery } from './types';
import { isValid, validateQuery } from './validation';

export class SentryDataSource extends DataSourceApi<SentryQuery, SentryConfig> {
  readonly client: SentryClient;
  readonly sentryUrl: string;

  constructor(
    instanceSettings: DataSourceInstanceSettings<SentryConfig>,
    backendSrv: Pick<BackendSrv, 'fetch'> = getBackendSrv(),
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    const { jsonData } = instanceSettings;
    this.sentryUrl = (jsonData.url || DEFAULT_SENTRY_URL).replace(/\/+$/, '');
    // One client per instance: its scheduler shares limits, cache and in-flight requests across panels.
    this.client = new SentryClient({
      transport: createProxyTransport(backendSrv, instanceSettings.url ?? '', this.sentryUrl),
      orgSlug: jsonData.orgSlug ?? '',
      rowBudget: jsonData.rowBudget,
      maxConcurrentRequests: jsonData.maxConcurrentRequests,
    });
  }

  // DataSourceApi: the query a new panel starts with.
  getDefaultQuery(_app: CoreApp): Partial<SentryQuery> {
    const { refId: _refId, ...query } = defaultQueryFor('issues', 'A');
    return query;
  }

  // DataSourceApi: hidden and invalid queries are not run (the editor shows why).
  filterQuery(query: SentryQuery): boolean {
    return !query.hide && isValid(query);
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

  /** Dashboard variables the editors can offer next to Sentry's values. */
  getVariableNames(): string[] {
    return this.templateSrv.getVariables().map((v) => `$${v.name}`);
  }

  private interpolateList(values: string[], scopedVars?: ScopedVars): string[] {
    return interpolateList(this.templateSrv.replace.bind(this.templateSrv), values, scopedVars);
  }

  // DataSourceApi: dashboard variables in every text field; search values in Sentry syntax.
  applyTemplateVariables(query: SentryQuery, scopedVars: ScopedVars): SentryQuery {
    return interpolateQuery(this.templateSrv.replace.bind(this.templateSrv), query, scopedVars);
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
      };
      // Grafana already dropped invalid queries via filterQuery; any that still arrive (Explore, API
      // callers) get their validation messages as the query's error instead of silently no data.
      const targets = request.targets
        .filter((t) => !t.hide)
        .map((t) => this.applyTemplateVariables(t, request.scopedVars));
      const pending = targets.map((t): Promise<QueryOutcome> => {
        const problems = Object.values(validateQuery(t));
        return problems.length
          ? Promise.resolve({ refId: t.refId, frames: [], error: { message: problems.join(' '), kind: 'query' } })
          : runQuery(this.client, t, context);
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

  // DataSourceApi: "Save & test".
  async testDatasource(): Promise<TestDataSourceResponse> {
    this.client.scheduler.clearCache();
    const result = await checkConnection(this.client, this.sentryUrl);
    return { status: result.ok ? 'success' : 'error', message: result.message };
  }

  // DataSourceApi: how a query reads in query history and Explore.
  getQueryDisplayText(query: SentryQuery): string {
    return queryDisplayText(query);
  }
}
