/**
 * Grafana's TemplateSrv for a dashboard's saved variables, without Grafana: `replace(target, scopedVars, format)`
 * as Grafana 12's dashboards interpolate (its scene interpolator): the syntaxes `$name`, `${name}`,
 * `${name:format}`, `[[name]]`, `[[name:format]]`; multi-value variables; "All" (its options, or a custom all value
 * sent as-is); scoped variables first; Grafana's named formats, or a format function as data sources pass one.
 * Unknown names stay as written.
 *
 * The CLI applies a dashboard's variables with it (handing `replace` to the plugin's own interpolation), and the
 * browser test host and Jest tests give it to the plugin as its TemplateSrv. Plain TypeScript: Grafana's packages
 * are imported for their types only, so it runs in Node.
 */
import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';

export const ALL_VALUE = '$__all';
export const ALL_TEXT = 'All';

/** A variable as a dashboard JSON saves it (`templating.list[]`): the parts interpolation reads. */
export interface DashboardVariable {
  name: string;
  type?: string;
  label?: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Sent as written, unformatted, when "All" is selected. */
  allValue?: string | null;
  current?: { value?: unknown; text?: unknown };
  /** Saved options; "All" takes their values when there is no custom all value. */
  options?: Array<{ value?: unknown; text?: unknown }>;
  query?: unknown;
}

export type VariableValue = string | string[];

/** What a format function is told about the variable, as Grafana tells it. */
export interface FormatVariable {
  name: string;
  type: string;
  multi?: boolean;
  includeAll?: boolean;
}

/** Formats a value by format name (glob when none); the third argument of a format function. */
export type DefaultFormat = (value: VariableValue, format?: string, variable?: FormatVariable) => string;

export type FormatFunction = (value: VariableValue, variable: FormatVariable, defaultFormat: DefaultFormat) => string;

/** Any time with a millisecond value, e.g. Grafana's DateTime; `__from` and `__to` read it. */
interface RangeLike {
  from: { valueOf(): number };
  to: { valueOf(): number };
}

/** Grafana's variable expressions: $name | [[name(:format)]] | ${name(.fieldPath)(:format(:args))}. */
export const VARIABLE_PATTERN = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

interface Formatting {
  name: string;
  /** The value's text representation, for the `text` format. */
  text: string;
}

type Formatter = (value: VariableValue, args: string[], variable: Formatting) => string;

const asList = (value: VariableValue): string[] => (Array.isArray(value) ? value : [value]);

/** encodeURIComponent plus RFC 3986's sub-delimiters, as Grafana encodes. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function uriEncode(text: string): string {
  return encodeURI(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** Numbers pass unescaped; Lucene's special characters and whitespace get a backslash. */
function luceneEscape(text: string): string {
  if (!isNaN(Number(text))) {
    return text;
  }
  return text.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&#39;')
    .replace(/"/g, '&quot;');
}

function quoteEach(value: VariableValue, quote: string, escapes: Record<string, string>): string {
  const special = new RegExp(`[${Object.keys(escapes).join('')}]`, 'g');
  return asList(value)
    .map((v) => `${quote}${v.replace(special, (c) => escapes[c])}${quote}`)
    .join(',');
}

/** `date`, `date:ms`, `date:seconds`, `date:iso`. Moment-style patterns need moment: they get ISO here. */
function formatDate(value: VariableValue, args: string[]): string {
  const ms = parseInt(asList(value)[0] ?? '', 10);
  if (isNaN(ms)) {
    return 'NaN';
  }
  switch (args[0]) {
    case 'ms':
      return String(ms);
    case 'seconds':
      return String(Math.round(ms / 1000));
    default:
      return new Date(ms).toISOString();
  }
}

/** Grafana's named formats (VariableFormatID in @grafana/schema), by the id written after the colon. */
export const FORMATS: Record<string, Formatter> = {
  glob: (value) => (Array.isArray(value) && value.length > 1 ? `{${value.join(',')}}` : asList(value).join(',')),
  raw: (value) => asList(value).join(','),
  csv: (value) => asList(value).join(','),
  pipe: (value) => asList(value).join('|'),
  join: (value, args) => asList(value).join(args[0] ?? ','),
  distributed: (value, _args, variable) =>
    asList(value)
      .map((v, i) => (i === 0 ? v : `${variable.name}=${v}`))
      .join(','),
  json: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  lucene: (value) => {
    if (typeof value === 'string') {
      return luceneEscape(value);
    }
    return value.length ? `(${value.map((v) => `"${luceneEscape(v)}"`).join(' OR ')})` : '__empty__';
  },
  regex: (value) => {
    if (typeof value === 'string') {
      return escapeRegex(value);
    }
    return value.length === 1 ? escapeRegex(value[0]) : `(${value.map(escapeRegex).join('|')})`;
  },
  singlequote: (value) => quoteEach(value, "'", { "'": "\\'" }),
  doublequote: (value) => quoteEach(value, '"', { '"': '\\"' }),
  sqlstring: (value) => quoteEach(value, "'", { "'": "''", '"': '\\"' }),
  percentencode: (value) => percentEncode(Array.isArray(value) ? `{${value.join(',')}}` : value),
  uriencode: (value) => uriEncode(Array.isArray(value) ? `{${value.join(',')}}` : value),
  html: (value) => escapeHtml(asList(value).join(', ')),
  text: (_value, _args, variable) => variable.text,
  queryparam: (value, _args, variable) =>
    asList(value)
      .map((v) => `var-${variable.name}=${percentEncode(v)}`)
      .join('&'),
  customqueryparam: (value, args, variable) => {
    const name = percentEncode(args[0] || variable.name);
    const prefix = percentEncode(args[1] || '');
    return asList(value)
      .map((v) => `${name}=${prefix}${percentEncode(v)}`)
      .join('&');
  },
  date: (value, args) => formatDate(value, args),
};

/** Applies a named format; `name:arg:arg` passes arguments (`date:seconds`, `join: | `); unknown names → glob. */
export function formatValue(value: VariableValue, format = 'glob', variable: Formatting): string {
  const [id, ...args] = format.split(':');
  return (FORMATS[id] ?? FORMATS.glob)(value, args, variable);
}

const defaultFormat: DefaultFormat = (value, format, variable) =>
  formatValue(value, format, { name: variable?.name ?? '', text: asList(value).join(' + ') });

function isAll(value: unknown): boolean {
  return value === ALL_VALUE || (Array.isArray(value) && value[0] === ALL_VALUE);
}

function toValue(raw: unknown): VariableValue {
  if (Array.isArray(raw)) {
    return raw.map(String);
  }
  return raw === undefined || raw === null ? '' : String(raw);
}

/** `a.b[0].c` inside a scoped variable's value (Grafana's `${name.fieldPath}`). */
function readPath(value: unknown, path: string): unknown {
  return path
    .split(/[.[\]]/)
    .filter((key) => key !== '')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], value);
}

/** A variable expression's value, found in scoped variables, the dashboard's, or the time range. */
interface Resolved {
  value: VariableValue;
  text: string;
  variable: FormatVariable;
  /** The custom all value: "All" is selected and it is sent as written. */
  customAll?: string;
}

export interface TemplateSrvOptions {
  /** For `$__from` / `$__to` (milliseconds; `${__from:date:iso}` …). */
  timeRange?: RangeLike;
}

export class DashboardTemplateSrv implements TemplateSrv {
  private readonly variables: DashboardVariable[];
  private range?: RangeLike;

  constructor(variables: DashboardVariable[] = [], options: TemplateSrvOptions = {}) {
    this.variables = variables;
    this.range = options.timeRange;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables.map(
      (v) =>
        ({
          id: v.name,
          name: v.name,
          label: v.label ?? v.name,
          type: v.type ?? 'custom',
          multi: v.multi ?? false,
          includeAll: v.includeAll ?? false,
          allValue: v.allValue ?? null,
          current: { value: v.current?.value, text: v.current?.text ?? v.current?.value, selected: true },
          options: v.options ?? [],
          query: v.query ?? '',
        }) as unknown as TypedVariableModel
    );
  }

  /** True when the target names a variable this service knows. */
  containsTemplate(target?: string): boolean {
    for (const match of (target ?? '').matchAll(VARIABLE_PATTERN)) {
      if (this.resolve(match[1] ?? match[2] ?? match[4], undefined, undefined)) {
        return true;
      }
    }
    return false;
  }

  updateTimeRange(range: RangeLike): void {
    this.range = range;
  }

  replace(
    target?: string,
    scopedVars?: ScopedVars,
    // Grafana's own signature; FormatFunction says what a function receives.
    format?: string | Function,
    interpolations?: VariableInterpolation[]
  ): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(
      VARIABLE_PATTERN,
      (
        match,
        plain?: string,
        bracket?: string,
        bracketFormat?: string,
        braced?: string,
        fieldPath?: string,
        bracedFormat?: string
      ) => {
        const name = (plain ?? bracket ?? braced)!;
        const fmt = bracketFormat ?? bracedFormat ?? format;
        const resolved = this.resolve(name, fieldPath, scopedVars);
        const value = resolved ? this.format(resolved, fmt as string | FormatFunction | undefined) : match;
        const formatName = typeof fmt === 'string' ? fmt : undefined;
        interpolations?.push({ match, variableName: name, fieldPath, format: formatName, value, found: !!resolved });
        return value;
      }
    );
  }

  private format(resolved: Resolved, format: string | FormatFunction | undefined): string {
    const { value, text, variable, customAll } = resolved;
    if (customAll !== undefined) {
      // Grafana sends a custom all value as written (variables in it are replaced), whatever the format, except
      // for these three.
      if (format === 'text') {
        return ALL_TEXT;
      }
      if (format === 'percentencode') {
        return percentEncode(customAll);
      }
      if (format === 'queryparam') {
        return FORMATS.queryparam(ALL_TEXT, [], { name: variable.name, text: ALL_TEXT });
      }
      return this.replace(customAll);
    }
    if (typeof format === 'function') {
      return format(value, variable, defaultFormat);
    }
    return formatValue(value, format, { name: variable.name, text });
  }

  private resolve(
    name: string,
    fieldPath: string | undefined,
    scopedVars: ScopedVars | undefined
  ): Resolved | undefined {
    const scoped = scopedVars && Object.prototype.hasOwnProperty.call(scopedVars, name) ? scopedVars[name] : undefined;
    const scopedValue = fieldPath ? readPath(scoped?.value, fieldPath) : scoped?.value;
    if (scoped && scopedValue !== undefined && scopedValue !== null) {
      // Grafana's dashboards use a scoped variable's value in its text form.
      const value = String(scopedValue);
      const text = !fieldPath && scoped.text !== undefined && scoped.text !== null ? String(scoped.text) : value;
      return { value, text, variable: { name, type: 'scopedvar' } };
    }
    const variable = this.variables.find((v) => v.name === name);
    if (variable) {
      return this.resolveVariable(variable);
    }
    if (this.range && (name === '__from' || name === '__to')) {
      const value = String((name === '__from' ? this.range.from : this.range.to).valueOf());
      return { value, text: value, variable: { name, type: 'constant' } };
    }
    return undefined;
  }

  private resolveVariable(variable: DashboardVariable): Resolved {
    const info: FormatVariable = {
      name: variable.name,
      type: variable.type ?? 'custom',
      multi: variable.multi,
      includeAll: variable.includeAll,
    };
    const raw = variable.current?.value;
    if (isAll(raw)) {
      if (variable.allValue) {
        return { value: variable.allValue, text: ALL_TEXT, variable: info, customAll: variable.allValue };
      }
      const values = (variable.options ?? []).map((o) => toValue(o.value) as string).filter((v) => v !== ALL_VALUE);
      return { value: values, text: ALL_TEXT, variable: info };
    }
    const value = toValue(raw);
    const rawText = variable.current?.text ?? raw;
    const text = Array.isArray(rawText) ? rawText.map(String).join(' + ') : String(toValue(rawText));
    return { value, text, variable: info };
  }
}
