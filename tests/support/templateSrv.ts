/**
 * Grafana's TemplateSrv over a few dashboard variables, for tests: the stand-in the CLI and the browser host use
 * (cli/templateSrv.ts), so tests apply variables by Grafana's rules. No runtime Grafana import: Node suites use it.
 */
import type { TemplateSrv } from '@grafana/runtime';
import { DashboardTemplateSrv } from '../../cli/templateSrv';

/** Dashboard variables by name: a string is a single value, a list a multi-value selection. */
export function templateSrvWith(values: Record<string, string | string[]> = {}): TemplateSrv {
  return new DashboardTemplateSrv(
    Object.entries(values).map(([name, value]) => ({ name, multi: Array.isArray(value), current: { value } }))
  );
}
