import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { Observable, from, map } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { SentryDataSource } from './datasource';
import { VARIABLE_KINDS, type SentryQuery, type SentryVariableQuery, type VariableKind } from './types';

/** Template variables from Sentry: projects, environments, teams, releases, tag keys and tag values. */
export class SentryVariableSupport extends CustomVariableSupport<SentryDataSource, SentryVariableQuery, SentryQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: SentryDataSource) {
    super();
  }

  query(request: DataQueryRequest<SentryVariableQuery>): Observable<DataQueryResponse> {
    const query = migrateVariableQuery(request.targets[0]);
    const range = request.range ? { from: request.range.from.toDate(), to: request.range.to.toDate() } : undefined;
    return from(this.datasource.variableOptions(query, range, request.scopedVars)).pipe(
      map((options): DataQueryResponse => ({
        data: options.map((o): MetricFindValue => ({ text: o.text, value: o.value })),
      }))
    );
  }
}

/**
 * Variables saved by the official Sentry plugin use `type` and `teamSlug`; read them as this plugin's
 * kinds. Unknown or missing kinds become projects, the most common variable.
 */
export function migrateVariableQuery(input: unknown): SentryVariableQuery {
  const { type, teamSlug, ...raw } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const kind =
    [raw.kind, type].find((k): k is VariableKind => (VARIABLE_KINDS as readonly unknown[]).includes(k)) ?? 'projects';
  const query = {
    ...raw,
    refId: typeof raw.refId === 'string' ? raw.refId : 'SentryVariable',
    kind,
  } as SentryVariableQuery;
  if (typeof teamSlug === 'string' && !query.team) {
    query.team = teamSlug;
  }
  return query;
}
