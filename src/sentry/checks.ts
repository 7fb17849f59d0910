/**
 * Checks and readers shared by the query types, the settings and the runners. Messages name the field as the
 * user sees it; a value left out means the default and is always valid.
 */

/** Field key → what is wrong with it. Each query type writes only its own keys. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** $name, ${name}, ${name:format} and [[name]]: a dashboard variable, checked after interpolation. */
const VARIABLE_REFERENCE = /^(\$\w+|\$\{[^}]+\}|\[\[[^\]]+\]\])$/;
const INTERVAL_PATTERN = /^(\d+)(s|m|h|d|w)$/;

export function isVariableReference(text: string): boolean {
  return VARIABLE_REFERENCE.test(text);
}

/** Entries as text, trimmed, empty ones dropped; order and repeats kept. */
export function cleanList(values: readonly unknown[] | undefined): string[] {
  return (values ?? []).map((v) => String(v).trim()).filter((v) => v !== '');
}

/** Like cleanList, each entry once (what Sentry is asked for). */
export function distinctList(values: readonly unknown[] | undefined): string[] {
  return [...new Set(cleanList(values))];
}

/** A whole number above zero, or undefined for anything else (the runner then uses its default). */
export function positiveInt(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Empty means the default; otherwise a whole number from 1 to max. */
export function limitProblem(value: unknown, max: number, what: string): string | undefined {
  if (isUnset(value)) {
    return undefined;
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    return `${what} must be a whole number from 1 to ${max}, not ${String(value)}.`;
  }
  return n > max ? `${what} can be at most ${max}, not ${n}.` : undefined;
}

/** Empty means the default; otherwise a whole number, 0 or more. */
export function countProblem(value: unknown, what: string): string | undefined {
  if (isUnset(value)) {
    return undefined;
  }
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? undefined : `${what} must be a whole number, 0 or more, not ${String(value)}.`;
}

/** Empty picks an interval from the range; a $variable is checked once it has a value. */
export function intervalProblem(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '' || isVariableReference(text)) {
    return undefined;
  }
  const match = INTERVAL_PATTERN.exec(text);
  if (!match) {
    return `Interval "${text}" is not a number and a unit: use e.g. 30s, 5m, 1h or 1d, a $variable, or leave it empty.`;
  }
  return Number(match[1]) === 0 ? `Interval "${text}" must be longer than zero.` : undefined;
}

/** A choice among fixed values; unset means the default. `choices` words the allowed values in the message. */
export function choiceProblem<T>(
  value: T | undefined,
  allowed: readonly T[],
  what: string,
  choices = allowed.join(', ')
): string | undefined {
  if (value === undefined || allowed.includes(value)) {
    return undefined;
  }
  return `Unknown ${what} "${String(value)}": use ${choices}.`;
}

/** A list of fixed choices: names every entry that is not one of them. Unset means the default. */
export function choicesProblem<T>(
  values: readonly T[] | T | undefined,
  allowed: readonly T[],
  what: string,
  choices = allowed.join(', ')
): string | undefined {
  // Upgraded queries hold lists; a lone value (a query not upgraded) is read as a list of one.
  const list: readonly T[] = values === undefined ? [] : Array.isArray(values) ? values : [values as T];
  const unknown = [...new Set(list.filter((v) => !allowed.includes(v)))];
  return unknown.length
    ? `Unknown ${what} ${unknown.map((v) => `"${String(v)}"`).join(', ')}: use ${choices}.`
    : undefined;
}

/** A switch: true or false (text "true"/"false" is read as such on upgrade); unset means the default. */
export function flagProblem(value: unknown, what: string): string | undefined {
  return value === undefined || typeof value === 'boolean'
    ? undefined
    : `${what} must be true or false, not ${JSON.stringify(value) ?? String(value)}.`;
}

/** Collects problems by key, leaving out the keys without one. */
export function collectErrors<K extends string>(problems: Record<K, string | undefined>): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of Object.keys(problems) as K[]) {
    if (problems[key] !== undefined) {
      errors[key] = problems[key];
    }
  }
  return errors;
}
