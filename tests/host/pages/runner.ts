/** Running the plugin's queries as Grafana's panels do, and showing the outcome (RunState) on the host pages. */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CoreApp,
  DataFrame,
  DataQuery,
  DataQueryRequest,
  DataQueryResponse,
  LoadingState,
  TimeRange,
} from '@grafana/data';
import { Observable, Subscription, from, isObservable } from 'rxjs';

import { IDLE, RunState } from './results';

export function errorMessage(error: unknown): string {
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
export function useRunner() {
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

let requestCounter = 0;

/** A request as a panel's query runner builds it. */
export function buildRequest<Q extends DataQuery>(targets: Q[], app: CoreApp, range: TimeRange): DataQueryRequest<Q> {
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

export function toResponse(
  result: Observable<DataQueryResponse> | Promise<DataQueryResponse>
): Observable<Partial<RunState>> {
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
