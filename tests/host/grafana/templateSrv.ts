/**
 * The test host's TemplateSrv: the CLI's stand-in for Grafana's (cli/templateSrv.ts) over a few fixed dashboard
 * variables, which the specs use to check interpolation through the built plugin.
 */
import type { TimeRange } from '@grafana/data';

import { DashboardTemplateSrv, DashboardVariable } from '../../../cli/templateSrv';

const variable = (name: string, label: string, value: string | string[]): DashboardVariable => ({
  name,
  label,
  type: 'custom',
  multi: Array.isArray(value),
  includeAll: false,
  current: { value, text: value },
  options: [],
  query: Array.isArray(value) ? value.join(',') : value,
});

/** `$env` (production), `$project` (multi-value: checkout-api) and `$search` (is:unresolved). */
export const HOST_VARIABLES: DashboardVariable[] = [
  variable('env', 'Environment', 'production'),
  variable('project', 'Project', ['checkout-api']),
  variable('search', 'Search', 'is:unresolved'),
];

export function createHostTemplateSrv(timeRange: TimeRange): DashboardTemplateSrv {
  return new DashboardTemplateSrv(HOST_VARIABLES, { timeRange });
}
