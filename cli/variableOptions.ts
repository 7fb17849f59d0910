/**
 * A query variable's options from what its data source answered, as Grafana 12's dashboards make them: the
 * variable's regex (filter and capture), duplicates dropped, then its sort. Grafana's rules, written for Node:
 * Scenes' metricNamesToVariableValues / sortVariableValues (packages/scenes/src/variables/variants/query/utils.ts).
 */

export interface VariableOption {
  label: string;
  value: string;
}

/** What a data source answers for a variable (Grafana's MetricFindValue). */
export interface FoundValue {
  text?: unknown;
  value?: unknown;
}

/** Grafana's VariableSort, as saved in `sort`. */
export const VARIABLE_SORT = {
  disabled: 0,
  alphabeticalAsc: 1,
  alphabeticalDesc: 2,
  numericalAsc: 3,
  numericalDesc: 4,
  alphabeticalCaseInsensitiveAsc: 5,
  alphabeticalCaseInsensitiveDesc: 6,
  naturalAsc: 7,
  naturalDesc: 8,
} as const;

export interface OptionRules {
  /** Already interpolated (Grafana applies variables to it with the regex format). */
  regex?: string;
  /** Which part the regex reads; default value. */
  regexApplyTo?: 'value' | 'text';
  sort?: number;
}

/** `/pattern/flags`, or a bare pattern that must match the whole string (Grafana's stringToJsRegex). */
export function variableRegex(text: string): RegExp {
  if (!text.startsWith('/')) {
    return new RegExp(`^${text}$`);
  }
  const parts = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(text);
  if (!parts) {
    throw new Error(`'${text}' is not a valid regular expression.`);
  }
  return new RegExp(parts[1], parts[2]);
}

const asText = (v: unknown): string => (typeof v === 'number' ? String(v) : (v as string));

export function toOptions(found: FoundValue[], rules: OptionRules = {}): VariableOption[] {
  const regex = rules.regex ? variableRegex(rules.regex) : undefined;
  const options: VariableOption[] = [];
  for (const item of found) {
    let label = asText(item.text ?? item.value ?? '');
    let value = asText(item.value ?? item.text ?? '');
    if (regex) {
      const matches = allMatches(rules.regexApplyTo === 'text' ? label : value, regex);
      if (matches.length === 0) {
        continue;
      }
      const valueGroup = matches.find((m) => m.groups?.value);
      const textGroup = matches.find((m) => m.groups?.text);
      const captured = matches.find((m) => m.length > 1);
      if (valueGroup || textGroup) {
        value = valueGroup?.groups?.value ?? textGroup!.groups!.text;
        label = textGroup?.groups?.text ?? valueGroup!.groups!.value;
      } else if (matches.length > 1 && captured) {
        // A global regex with several matches gives one option per match's first group.
        options.push(...matches.map((m) => ({ label: m[1], value: m[1] })));
        continue;
      } else if (captured) {
        label = captured[1];
        value = captured[1];
      }
    }
    options.push({ label, value });
  }
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.value) && seen.add(o.value));
  return sortOptions(unique, rules.sort ?? VARIABLE_SORT.disabled);
}

function allMatches(text: string, regex: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  do {
    match = regex.exec(text);
    if (match) {
      out.push(match);
    }
  } while (regex.global && match && match[0] !== '');
  return out;
}

/** Code-unit order, as lodash's sortBy compares strings; stable. */
function byKey<T>(options: VariableOption[], key: (o: VariableOption) => T): VariableOption[] {
  return options
    .map((option, index) => ({ option, index, k: key(option) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.index - b.index))
    .map((e) => e.option);
}

/** The first number in the label; -1 when it has none. */
function firstNumber(option: VariableOption): number {
  const digits = /.*?(\d+).*/.exec(option.label ?? '');
  return option.label && digits ? parseInt(digits[1], 10) : -1;
}

const natural = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });

export function sortOptions(options: VariableOption[], sort: number): VariableOption[] {
  switch (sort) {
    case VARIABLE_SORT.alphabeticalAsc:
      return byKey(options, (o) => o.label);
    case VARIABLE_SORT.alphabeticalDesc:
      return byKey(options, (o) => o.label).reverse();
    case VARIABLE_SORT.numericalAsc:
      return byKey(options, firstNumber);
    case VARIABLE_SORT.numericalDesc:
      return byKey(options, firstNumber).reverse();
    case VARIABLE_SORT.alphabeticalCaseInsensitiveAsc:
      return byKey(options, (o) => o.label.toLowerCase());
    case VARIABLE_SORT.alphabeticalCaseInsensitiveDesc:
      return byKey(options, (o) => o.label.toLowerCase()).reverse();
    case VARIABLE_SORT.naturalAsc:
      return [...options].sort((a, b) => natural.compare(a.label, b.label));
    case VARIABLE_SORT.naturalDesc:
      return [...options].sort((a, b) => natural.compare(a.label, b.label)).reverse();
    default:
      return options;
  }
}
