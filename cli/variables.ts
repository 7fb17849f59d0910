/**
 * A dashboard's variables as Grafana 12's dashboards (Scenes) load them before any panel runs:
 *
 * - initial values: the saved `current` (a text box without one: its `query`; a constant: its `query`), then the
 *   command line's `--var` values as Grafana takes `var-name=` URL parameters;
 * - every query variable of this data source is queried again (Grafana 12 saves no options and queries each on
 *   load; `refresh: 0` was migrated to on-load in Grafana 8), with the dashboard's time range, through the plugin's
 *   own variable support, after the variables its definition uses;
 * - the value is then checked against the new options and, when it is no longer among them, replaced by the one
 *   Grafana picks (selectGivenOptions); a value given on the command line survives that first check, as a URL
 *   value does in Grafana.
 *
 * Variables of other data sources (Prometheus …) cannot be queried here and keep their saved value.
 */
import type { SentryClient } from '../src/sentry/client';
import type { TimeRange } from '../src/sentry/endpoints';
import { interpolateVariableQuery } from '../src/sentry/interpolate';
import { migrateVariableQuery } from '../src/sentry/migrate';
import { runVariableQuery, type SentryVariableQuery } from '../src/sentry/variables';
import { ALL_TEXT, ALL_VALUE, DashboardTemplateSrv, DashboardVariable, VARIABLE_PATTERN } from './templateSrv';
import { type FoundValue, toOptions, VariableOption } from './variableOptions';

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

/** A variable as a dashboard JSON saves it: what interpolation reads, and how a query variable is refreshed. */
export interface SavedVariable extends DashboardVariable {
  datasource?: DatasourceRef | string | null;
  refresh?: number;
  regex?: string;
  regexApplyTo?: 'value' | 'text';
  sort?: number;
}

/** A variable's value and its text, as Grafana's variables hold them. */
export interface Selection {
  value: unknown;
  text: unknown;
}

/** What the command line gives: name → values (a repeated --var gives several). */
export type Overrides = Record<string, string[]>;

const isAll = (value: unknown) => value === ALL_VALUE || (Array.isArray(value) && value[0] === ALL_VALUE);

function sameList(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The value Grafana keeps after a variable's options change (Scenes MultiValueVariable
 * getStateUpdateGivenNewOptions; Grafana's dashboards set defaultToAll to includeAll). Unchanged parts keep their
 * identity, as there, because keepGiven compares by identity.
 */
export function selectGivenOptions(
  variable: Pick<DashboardVariable, 'multi' | 'includeAll'>,
  current: Selection,
  options: VariableOption[]
): Selection {
  const includeAll = Boolean(variable.includeAll);
  if (options.length === 0) {
    if (includeAll) {
      return { value: ALL_VALUE, text: ALL_TEXT };
    }
    return variable.multi ? { value: [], text: [] } : { value: '', text: '' };
  }
  const first = options[0];
  if (isAll(current.value)) {
    if (includeAll) {
      return { value: current.value, text: ALL_TEXT };
    }
    return variable.multi ? { value: [first.value], text: [first.label] } : { value: first.value, text: first.label };
  }
  if (variable.multi) {
    const currentValues = Array.isArray(current.value) ? current.value : [current.value];
    const valid = currentValues.filter((v) => options.some((o) => o.value === v));
    if (valid.length === 0) {
      return includeAll ? { value: [ALL_VALUE], text: [ALL_TEXT] } : { value: [first.value], text: [first.label] };
    }
    const texts = valid.map((v) => options.find((o) => o.value === v)!.label);
    return {
      value: sameList(valid, current.value) ? current.value : valid,
      text: sameList(texts, current.text) ? current.text : texts,
    };
  }
  // By value first; failing that the last option whose text is the current text.
  const match =
    options.find((o) => o.value === current.value) ?? [...options].reverse().find((o) => o.label === current.text);
  if (match) {
    return { value: match.value, text: match.label };
  }
  return includeAll ? { value: ALL_VALUE, text: ALL_TEXT } : { value: first.value, text: first.label };
}

/**
 * A value given in the URL survives the first check against new options unless the check only corrects its text
 * or turns "All" into $__all (Scenes MultiValueVariable interceptStateUpdateAfterValidation).
 */
export function keepGiven(given: Selection, checked: Selection): Selection {
  const allFix = checked.value === ALL_VALUE && given.text === ALL_TEXT;
  return checked.value !== given.value && checked.text !== given.text && !allFix ? given : checked;
}

/** A URL value as Grafana sets it before any options are known (Scenes MultiValueUrlSyncHandler, changeValueTo). */
function givenSelection(variable: DashboardVariable, list: string[]): Selection {
  let value: string | string[] = variable.multi || list.length > 1 ? list : list[0];
  if (variable.includeAll && (value === ALL_TEXT || (Array.isArray(value) && value[0] === ALL_TEXT))) {
    value = Array.isArray(value) ? [ALL_VALUE] : ALL_VALUE;
  }
  if (variable.allValue && variable.allValue === value) {
    value = ALL_VALUE;
  }
  if (!Array.isArray(value)) {
    return { value, text: value === ALL_VALUE ? ALL_TEXT : value };
  }
  if (value.length === 0) {
    return variable.includeAll ? { value: [ALL_VALUE], text: [ALL_TEXT] } : { value: [], text: [] };
  }
  if (value[value.length - 1] === ALL_VALUE) {
    return { value: [ALL_VALUE], text: [ALL_TEXT] };
  }
  const values = value[0] === ALL_VALUE ? value.slice(1) : value;
  return { value: values, text: [...values] };
}

/** Grafana ignores a URL value equal to the saved one (Scenes isUrlValueEqual): it is checked like a saved one. */
function sameAsSaved(variable: DashboardVariable, list: string[]): boolean {
  const saved = variable.current?.value;
  if (Array.isArray(saved) || variable.multi) {
    return sameList(list, Array.isArray(saved) ? saved.map(String) : [String(saved)]);
  }
  return list.length === 1 && list[0] === String(saved);
}

/** Saved values as Grafana starts them: a text box without one shows its query, a constant its query. */
function savedSelection(variable: DashboardVariable): Selection | undefined {
  if (variable.type === 'constant') {
    return { value: variable.query ?? '', text: variable.query ?? '' };
  }
  if (variable.type === 'textbox' && !variable.current?.value) {
    return { value: variable.query ?? '', text: variable.query ?? '' };
  }
  return undefined;
}

function withSelection<V extends DashboardVariable>(variable: V, selection: Selection): V {
  return { ...variable, current: { value: selection.value, text: selection.text } };
}

/**
 * The variables before any query: saved values, then command-line values (each replaces the value; one the
 * dashboard lacks is added as a custom variable). `given` names the variables a command-line value set.
 */
export function initialVariables<V extends DashboardVariable>(
  variables: V[],
  overrides: Overrides = {}
): { variables: Array<V | DashboardVariable>; given: Set<string> } {
  const given = new Set<string>();
  const out: Array<V | DashboardVariable> = variables.map((v) => {
    const list = overrides[v.name];
    if (list && !(v.type === 'query' && sameAsSaved(v, list))) {
      given.add(v.name);
      return withSelection(v, givenSelection(v, list));
    }
    const saved = savedSelection(v);
    return saved ? withSelection(v, saved) : v;
  });
  for (const [name, list] of Object.entries(overrides)) {
    if (!variables.some((v) => v.name === name)) {
      given.add(name);
      const value = list.length > 1 ? list : list[0];
      out.push({ name, type: 'custom', multi: list.length > 1, current: { value, text: value } });
    }
  }
  return { variables: out, given };
}

/** Names of the dashboard's other variables this one's definition, regex or data source uses. */
export function dependenciesOf(variable: SavedVariable, names: Set<string>): string[] {
  const text = JSON.stringify([variable.query, variable.regex, variable.datasource]);
  const used = new Set<string>();
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    const name = match[1] ?? match[2] ?? match[4];
    if (name !== variable.name && names.has(name)) {
      used.add(name);
    }
  }
  return [...used];
}

export interface LoadedVariable {
  name: string;
  value: unknown;
  /** Set when the variable's query failed: it keeps its value, as in Grafana. */
  error?: string;
}

/** Runs a variable's query (already interpolated): the browser host asks the built plugin instead of a client. */
export type FindValues = (definition: SentryVariableQuery, range: TimeRange) => Promise<FoundValue[]>;

export interface LoadOptions {
  client?: SentryClient;
  /** Used instead of the core's runVariableQuery on `client` when given. */
  find?: FindValues;
  range: TimeRange;
  /** Whether a variable's data source is this plugin (by type, or a data source variable of this plugin). */
  isOurs: (ref: SavedVariable['datasource']) => boolean | undefined;
  overrides?: Overrides;
}

/**
 * Loads the variables as a dashboard load does. Independent variables are queried together; one that uses
 * another waits for it. Variables that use each other in a circle are not queried (Grafana never settles them).
 */
export async function loadVariables(
  saved: SavedVariable[],
  options: LoadOptions
): Promise<{ variables: SavedVariable[]; loaded: LoadedVariable[] }> {
  const { variables: initial, given } = initialVariables(saved, options.overrides);
  const variables = initial as SavedVariable[];
  const errors = new Map<string, string>();
  const names = new Set(variables.map((v) => v.name));
  const pending = new Map(
    variables
      .filter((v) => v.type === 'query' && options.isOurs(v.datasource))
      .map((v) => [v.name, dependenciesOf(v, names)] as const)
  );
  while (pending.size > 0) {
    const ready = [...pending.keys()].filter((name) => pending.get(name)!.every((dep) => !pending.has(dep)));
    if (ready.length === 0) {
      const waiting = [...pending.keys()].join(', ');
      for (const name of pending.keys()) {
        errors.set(name, `Not queried: it waits on variables that wait on each other (${waiting}).`);
      }
      break;
    }
    // Each batch sees the values the earlier batches settled.
    const templateSrv = new DashboardTemplateSrv(variables, { timeRange: options.range });
    const replace = templateSrv.replace.bind(templateSrv);
    await Promise.all(
      ready.map(async (name) => {
        const index = variables.findIndex((v) => v.name === name);
        const variable = variables[index];
        try {
          const definition = interpolateVariableQuery(replace, migrateVariableQuery(variable.query));
          const found = options.find
            ? await options.find(definition, options.range)
            : await runVariableQuery(options.client!, definition, options.range);
          const newOptions = toOptions(found, {
            regex: variable.regex ? replace(variable.regex, undefined, 'regex') : undefined,
            regexApplyTo: variable.regexApplyTo,
            sort: variable.sort,
          });
          const current: Selection = { value: variable.current?.value, text: variable.current?.text };
          const checked = selectGivenOptions(variable, current, newOptions);
          const selection = given.has(name) ? keepGiven(current, checked) : checked;
          variables[index] = {
            ...withSelection(variable, selection),
            options: newOptions.map((o) => ({ text: o.label, value: o.value })),
          };
        } catch (error) {
          errors.set(name, error instanceof Error ? error.message : String(error));
        }
      })
    );
    for (const name of ready) {
      pending.delete(name);
    }
  }
  const loaded = variables.map((v) => {
    const error = errors.get(v.name);
    return error === undefined
      ? { name: v.name, value: v.current?.value }
      : { name: v.name, value: v.current?.value, error };
  });
  return { variables, loaded };
}
