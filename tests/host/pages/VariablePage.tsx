/** `?page=variable`: the plugin's variable editor (ds.variables.editor) with Run, and the values it returns. */
import React, { useState } from 'react';
import { CoreApp, DataFrame, DataQuery, DataQueryRequest, DataQueryResponse, DataSourceApi } from '@grafana/data';
import { Observable } from 'rxjs';

import { Route, initialQuery, timeRange } from '../route';
import { Workbench } from './Workbench';
import { Results, RunState } from './results';
import { buildRequest, useRunner } from './runner';

export function VariablePage({ ds, route }: { ds: DataSourceApi<DataQuery>; route: Route }) {
  const variables = ds.variables as unknown as
    | {
        editor: React.ComponentType<any>;
        query: (request: DataQueryRequest<DataQuery>) => Observable<DataQueryResponse>;
        getDefaultQuery?: () => Partial<DataQuery>;
      }
    | undefined;
  const [query, setQuery] = useState<DataQuery>(() =>
    initialQuery(route, () => variables?.getDefaultQuery?.() ?? { refId: 'SentryVariable' })
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
          variables.query(buildRequest([query], CoreApp.Dashboard, timeRange(route))).subscribe({
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
      <Workbench testId="host-variable-editor" saved={query} onRun={onRun}>
        <Editor datasource={ds} query={query} onChange={setQuery} onRunQuery={() => undefined} />
      </Workbench>
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
