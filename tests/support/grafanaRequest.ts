/** The DataQueryRequest Grafana hands a data source for one panel, in tests. */
import { DataQueryRequest, dateTime } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { FIXED_NOW, HOUR } from './fakeSentryClient';

export interface RequestOptions<Q extends DataQuery> extends Partial<Omit<DataQueryRequest<Q>, 'targets' | 'range'>> {
  /** The range ends here; by default the fake's fixed now. */
  to?: number;
  /** Length of the range. Default 24 h. */
  hours?: number;
}

/** One panel's request over the last `hours` before `to`. */
export function queryRequest<Q extends DataQuery>(targets: Q[], options: RequestOptions<Q> = {}): DataQueryRequest<Q> {
  const { to = FIXED_NOW, hours = 24, ...rest } = options;
  return {
    requestId: 'r',
    targets,
    range: { from: dateTime(to - hours * HOUR), to: dateTime(to), raw: { from: `now-${hours}h`, to: 'now' } },
    scopedVars: {},
    intervalMs: HOUR,
    maxDataPoints: 500,
    ...rest,
  } as unknown as DataQueryRequest<Q>;
}
