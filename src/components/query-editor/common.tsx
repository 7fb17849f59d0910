/** Shared pieces of the query editor: field wrappers, inputs that commit on blur, and look-ups. */
import React, { ChangeEvent, KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { EditorField } from '@grafana/plugin-ui';
import { Combobox, ComboboxOption, Input, MultiCombobox, RadioButtonGroup, Switch, Text } from '@grafana/ui';

import type { SentryDataSource } from '../../datasource';
import type { FieldErrors } from '../../sentry/checks';
import type { SentryQuery } from '../../sentry/query';
import { Components } from '../../selectors';
import { GROUP_BY_SUGGESTIONS, toOptions, unique } from './options';

export const WIDTH = {
  /** Numbers and intervals. */
  short: 14,
  /** Single choices. */
  medium: 26,
  /** Multi-selects, at least; they grow with their chosen values up to `longMax`. */
  long: 44,
  longMax: 110,
  /** Search text. */
  search: 72,
} as const;

/** What every sub-editor gets from QueryEditor; `K` are the keys its type's validation writes. */
export interface SubEditorProps<Q extends SentryQuery, K extends string = never> {
  query: Q;
  datasource: SentryDataSource;
  /** The type's validation messages for the current query, by field key. */
  errors: FieldErrors<K>;
  /** Saves a change and runs the query when it is valid. */
  onChange: (patch: Partial<Omit<Q, 'queryType'>>) => void;
  /** Runs the query as saved, when valid (Shift+Enter in an unchanged field). */
  onRun: () => void;
  /** Unique per query row, for element ids. */
  idPrefix: string;
}

/** Strings of one field, from selectors.ts. */
export interface FieldText {
  label: string;
  testId: string;
  tooltip?: string;
  placeholder?: string;
}

//#region Text and numbers: typed locally, committed on blur or Enter

interface CommitInputProps {
  id: string;
  text: FieldText;
  value: string;
  width: number;
  invalid?: boolean;
  inputMode?: 'numeric' | 'text';
  /** The text differs from what was last committed; the user left the field or pressed (Shift+)Enter. */
  onCommit: (text: string) => void;
  /** (Shift+)Enter on unchanged text. */
  onRun: () => void;
}

/** An Input that keeps keystrokes to itself: nothing is saved or run until blur or (Shift+)Enter. */
export function CommitInput({ id, text, value, width, invalid, inputMode, onCommit, onRun }: CommitInputProps) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);

  useEffect(() => {
    // A new value from outside (another editor, undo): show it.
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  const commit = (fromKey: boolean) => {
    if (draft !== committed.current) {
      committed.current = draft;
      onCommit(draft);
    } else if (fromKey) {
      onRun();
    }
  };

  return (
    <Input
      id={id}
      data-testid={text.testId}
      width={width}
      placeholder={text.placeholder}
      inputMode={inputMode}
      invalid={invalid}
      value={draft}
      onChange={(event: ChangeEvent<HTMLInputElement>) => setDraft(event.currentTarget.value)}
      onBlur={() => commit(false)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(true);
        }
      }}
    />
  );
}

interface TextFieldProps {
  id: string;
  text: FieldText;
  value: string | undefined;
  error?: string;
  width?: number;
  onChange: (value: string | undefined) => void;
  onRun: () => void;
}

/** Search text and intervals: empty text is saved as "not set". */
export function TextField({ id, text, value, error, width = WIDTH.search, onChange, onRun }: TextFieldProps) {
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(error)} error={error}>
      <CommitInput
        id={id}
        text={text}
        value={value ?? ''}
        width={width}
        invalid={Boolean(error)}
        onCommit={(draft) => (draft.trim() === '' ? onChange(undefined) : onChange(draft))}
        onRun={onRun}
      />
    </EditorField>
  );
}

interface NumberFieldProps {
  id: string;
  text: FieldText;
  value: number | undefined;
  error?: string;
  width?: number;
  onChange: (value: number | undefined) => void;
  onRun: () => void;
}

/**
 * Limits and thresholds. Anything numeric is saved, so validateQuery judges the range and the query does not run
 * while it is out of bounds; text that is no number at all stays in the field with a message.
 */
export function NumberField({ id, text, value, error, width = WIDTH.short, onChange, onRun }: NumberFieldProps) {
  const [parseError, setParseError] = useState<string>();
  const shown = parseError ?? error;
  const onCommit = (draft: string) => {
    const raw = draft.trim();
    const parsed = raw === '' ? undefined : /^[-+]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(parsed)) {
      setParseError(`"${raw}" is not a number: enter a whole number, or leave the field empty for the default.`);
      return;
    }
    setParseError(undefined);
    if (parsed !== value) {
      onChange(parsed);
    }
  };
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(shown)} error={shown}>
      <CommitInput
        id={id}
        text={text}
        value={value === undefined || value === null ? '' : String(value)}
        width={width}
        inputMode="numeric"
        invalid={Boolean(shown)}
        onCommit={onCommit}
        onRun={onRun}
      />
    </EditorField>
  );
}

//#endregion

//#region Choices: saved and run at once

interface FieldBodyProps {
  children: React.ReactNode;
  testId?: string;
  /** Set by Field on its child; consumed here so it does not reach the DOM. */
  invalid?: boolean;
  loading?: boolean;
  disabled?: boolean;
}

/** A field's content when it is more than one control (a picker and its look-up error). */
function FieldBody({ children, testId }: FieldBodyProps) {
  return <div data-testid={testId}>{children}</div>;
}

interface SelectFieldProps<T extends string> {
  id: string;
  text: FieldText;
  value: T | undefined;
  options: Array<ComboboxOption<T>>;
  error?: string;
  width?: number;
  /** Offers "not set" (the runner's default). */
  clearable?: boolean;
  /** Accepts a typed value that is not among the options. */
  custom?: boolean;
  lookupError?: string;
  loading?: boolean;
  onChange: (value: T | undefined) => void;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { id, text, value, options, error, width = WIDTH.medium, clearable, custom, onChange } = props;
  const common = {
    id,
    'data-testid': text.testId,
    width,
    placeholder: text.placeholder,
    options,
    value: value ?? null,
    invalid: Boolean(error),
    loading: props.loading,
    createCustomValue: custom,
  };
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(error)} error={error} htmlFor={id}>
      <FieldBody>
        {clearable ? (
          <Combobox<T> {...common} isClearable onChange={(option) => onChange(option?.value ?? undefined)} />
        ) : (
          <Combobox<T> {...common} onChange={(option) => onChange(option.value)} />
        )}
        <LookupError message={props.lookupError} />
      </FieldBody>
    </EditorField>
  );
}

interface MultiSelectFieldProps<T extends string> {
  id: string;
  text: FieldText;
  /** In the user's order. */
  values: T[];
  options: Array<ComboboxOption<T>>;
  error?: string;
  width?: number;
  custom?: boolean;
  lookupError?: string;
  loading?: boolean;
  onChange: (values: T[]) => void;
}

export function MultiSelectField<T extends string>(props: MultiSelectFieldProps<T>) {
  const { id, text, values, options, error, width = WIDTH.long, custom, onChange } = props;
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(error)} error={error} htmlFor={id}>
      <FieldBody>
        {/* Not a fixed width: MultiCombobox compares its pills' pixel widths with a numeric width (grid units), so
            with one it shows only the first value and "… 1". Values as options: it measures a pill by its label,
            and a typed value has none of its own. */}
        <MultiCombobox<T>
          id={id}
          data-testid={text.testId}
          width="auto"
          minWidth={width}
          maxWidth={Math.max(width, WIDTH.longMax)}
          placeholder={text.placeholder}
          options={options}
          value={values.map((value) => options.find((o) => o.value === value) ?? { value, label: value })}
          invalid={Boolean(error)}
          loading={props.loading}
          createCustomValue={custom}
          isClearable
          onChange={(selected) => onChange(unique(selected.map((option) => option.value)))}
        />
        <LookupError message={props.lookupError} />
      </FieldBody>
    </EditorField>
  );
}

interface RadioFieldProps<T extends string> {
  text: { label: string; testId: string; tooltip?: string };
  value: T;
  options: Array<{ value: T; label: string }>;
  error?: string;
  onChange: (value: T) => void;
}

export function RadioField<T extends string>({ text, value, options, error, onChange }: RadioFieldProps<T>) {
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(error)} error={error}>
      <FieldBody testId={text.testId}>
        <RadioButtonGroup<T> options={options} value={value} onChange={onChange} invalid={Boolean(error)} />
      </FieldBody>
    </EditorField>
  );
}

interface SwitchFieldProps {
  id: string;
  text: { label: string; testId: string; tooltip?: string };
  value: boolean;
  error?: string;
  onChange: (value: boolean) => void;
}

export function SwitchField({ id, text, value, error, onChange }: SwitchFieldProps) {
  return (
    <EditorField label={text.label} tooltip={text.tooltip} invalid={Boolean(error)} error={error}>
      <Switch
        id={id}
        data-testid={text.testId}
        value={value}
        onChange={(event: React.FormEvent<HTMLInputElement>) => onChange(event.currentTarget.checked)}
      />
    </EditorField>
  );
}

//#endregion

//#region Look-ups

export interface Lookup<T> {
  items: T[];
  loading: boolean;
  error?: string;
}

/**
 * Loads a list for the editor whenever `load` changes (memoize it on what it depends on). A failure becomes a
 * message next to the field; the editor keeps working with custom values.
 */
export function useLookup<T>(load: () => Promise<T[]>, errorPrefix: string): Lookup<T> {
  const [state, setState] = useState<{ loadedBy?: () => Promise<T[]>; items: T[]; error?: string }>({ items: [] });

  useEffect(() => {
    let current = true;
    Promise.resolve()
      .then(load)
      .then(
        (items) => current && setState({ loadedBy: load, items: Array.isArray(items) ? items : [] }),
        (error: unknown) =>
          current && setState({ loadedBy: load, items: [], error: `${errorPrefix}: ${messageOf(error)}` })
      );
    return () => {
      current = false;
    };
  }, [load, errorPrefix]);

  return { items: state.items, error: state.error, loading: state.loadedBy !== load };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; data?: { message?: unknown } };
    const message = e.data?.message ?? e.message;
    if (typeof message === 'string' && message) {
      return message;
    }
  }
  return String(error);
}

export function LookupError({ message }: { message?: string }) {
  if (!message) {
    return null;
  }
  return (
    <div role="alert">
      <Text variant="bodySmall" color="error">
        {message}
      </Text>
    </div>
  );
}

/** Dashboard variables ($env, …) as options, for fields that accept them. */
export function variableOptions(datasource: SentryDataSource): Array<ComboboxOption<string>> {
  let names: string[] = [];
  try {
    names = datasource.getVariableNames();
  } catch {
    names = [];
  }
  return names.map((name) => ({ value: name, label: name, description: Components.QueryEditor.variableDescription }));
}

/** Group-by and count-by suggestions: common fields, then tags[key] for the organization's tag keys. */
export function useGroupByOptions(
  datasource: SentryDataSource,
  base: string[] = GROUP_BY_SUGGESTIONS
): { options: Array<ComboboxOption<string>>; lookup: Lookup<{ key: string; name?: string }> } {
  const load = useCallback(() => datasource.getSentryTagKeys(), [datasource]);
  const lookup = useLookup(load, Components.QueryEditor.TagKeys.loadError);
  const tags = lookup.items.map((t): ComboboxOption<string> => ({
    value: `tags[${t.key}]`,
    label: `tags[${t.key}]`,
    description: t.name && t.name !== t.key ? t.name : undefined,
  }));
  return { options: [...toOptions(base), ...tags.filter((t) => !base.includes(t.value))], lookup };
}

//#endregion
