/**
 * Test doubles for @grafana/ui's Combobox and MultiCombobox: native <select>s with the same props, plus a text
 * box for custom values (Enter adds it). Rendering the real ones in jsdom costs a second or two per interaction.
 *
 *   jest.mock('@grafana/ui', () => ({
 *     ...jest.requireActual('@grafana/ui'),
 *     ...jest.requireActual('../../tests/support/comboboxDouble').comboboxDoubles,
 *   }));
 */
import React, { KeyboardEvent } from 'react';

interface Option {
  value: string;
  label?: string;
}

interface DoubleProps {
  id?: string;
  'data-testid'?: string;
  options: Option[] | ((input: string) => Promise<Option[]>);
  placeholder?: string;
  createCustomValue?: boolean;
}

interface SingleProps extends DoubleProps {
  value?: string | Option | null;
  isClearable?: boolean;
  onChange: (option: Option | null) => void;
}

interface MultiProps extends DoubleProps {
  value?: string[] | Option[];
  onChange: (options: Option[]) => void;
}

const valueOf = (v: string | Option) => (typeof v === 'object' ? v.value : v);

/** The options, plus any selected value that is not among them (a custom or saved value). */
function allOptions(options: DoubleProps['options'], selected: string[]): Option[] {
  const list = Array.isArray(options) ? options : [];
  const extra = selected.filter((v) => !list.some((o) => o.value === v)).map((value) => ({ value, label: value }));
  return [...list, ...extra];
}

function CustomInput({ testId, onAdd }: { testId?: string; onAdd: (value: string) => void }) {
  return (
    <input
      data-testid={`${testId} custom`}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter' && event.currentTarget.value) {
          onAdd(event.currentTarget.value);
          event.currentTarget.value = '';
        }
      }}
    />
  );
}

function Combobox(props: SingleProps) {
  const value = props.value === null || props.value === undefined ? '' : valueOf(props.value);
  const options = allOptions(props.options, value ? [value] : []);
  return (
    <span>
      <select
        id={props.id}
        data-testid={props['data-testid']}
        value={value}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (next === '') {
            props.onChange(null);
          } else {
            props.onChange(options.find((o) => o.value === next) ?? { value: next });
          }
        }}
      >
        <option value="">{props.placeholder ?? ''}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
      </select>
      {props.createCustomValue && (
        <CustomInput testId={props['data-testid']} onAdd={(v) => props.onChange({ value: v, label: v })} />
      )}
    </span>
  );
}

function MultiCombobox(props: MultiProps) {
  const selected = (props.value ?? []).map(valueOf);
  const options = allOptions(props.options, selected);
  const toOptions = (values: string[]) => values.map((v) => options.find((o) => o.value === v) ?? { value: v });
  return (
    <span>
      <select
        multiple
        id={props.id}
        data-testid={props['data-testid']}
        value={selected}
        onChange={(event) => {
          // Like MultiCombobox: kept values keep their order, new ones are appended.
          const now = Array.from(event.currentTarget.selectedOptions).map((o) => o.value);
          const kept = selected.filter((v) => now.includes(v));
          const added = now.filter((v) => !selected.includes(v));
          props.onChange(toOptions([...kept, ...added]));
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
      </select>
      {props.createCustomValue && (
        <CustomInput
          testId={props['data-testid']}
          onAdd={(v) => props.onChange(toOptions(selected.includes(v) ? selected : [...selected, v]))}
        />
      )}
    </span>
  );
}

export const comboboxDoubles = { Combobox, MultiCombobox };
