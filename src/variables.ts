import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { Observable, from, map } from 'rxjs';

import { VariableQueryEditor } from './components/lazyEditors';
import type { SentryDataSource } from './datasource';
import { migrateVariableQuery } from './sentry';
import type { SentryQuery } from './sentry/query';
import type { SentryVariableQuery } from './sentry/variables';

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
