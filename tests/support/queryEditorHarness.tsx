/** Test helpers for the query editor: a stub data source, a host that feeds changes back, Combobox drivers. */
import React, { useState } from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';

import type { SentryDataSource } from '../../src/datasource';
import type { SentryQuery } from '../../src/sentry/query';
import { QueryEditor } from '../../src/components/QueryEditor';

/**
 * jsdom lacks what Combobox measures with (canvas text, element sizes, observers). Called at the top of a suite;
 * the numbers only need to be large enough for the virtual option list to render every option.
 */
export function setupComboboxDom() {
  beforeAll(() => {
    const context = { measureText: (text: string) => ({ width: text.length * 7 }) };
    jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation(() => context as unknown as CanvasRenderingContext2D);
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 2000 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
    class NoopObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    }
    Object.assign(global, { IntersectionObserver: NoopObserver, ResizeObserver: NoopObserver });
  });
}

export const PROJECTS = [
  { id: '11', slug: 'web', name: 'Web Frontend' },
  { id: '12', slug: 'api', name: 'api' },
];
export const ENVIRONMENTS: Record<string, string[]> = {
  '': ['production', 'staging', 'development'],
  '11': ['production', 'staging'],
  '12': ['production'],
};

export type StubDataSource = {
  [K in 'getProjects' | 'getEnvironments' | 'getTeams' | 'getSentryTagKeys' | 'getSentryTagValues']: jest.Mock;
} & { getVariableNames: jest.Mock<string[], []> };

/** The look-ups QueryEditor uses, answering fixed lists. */
export function stubDataSource(overrides: Partial<StubDataSource> = {}): StubDataSource {
  return {
    getProjects: jest.fn(async () => PROJECTS),
    getEnvironments: jest.fn(async (ids: string[] = []) => ENVIRONMENTS[ids.join(',')] ?? ['production']),
    getTeams: jest.fn(async () => []),
    getSentryTagKeys: jest.fn(async () => [
      { key: 'browser', name: 'Browser' },
      { key: 'customer', name: 'Customer' },
    ]),
    getSentryTagValues: jest.fn(async () => []),
    getVariableNames: jest.fn(() => ['$env', '$project']),
    ...overrides,
  };
}

export interface Rendered {
  user: UserEvent;
  onChange: jest.Mock<void, [SentryQuery]>;
  onRunQuery: jest.Mock<void, []>;
  /** The query last passed to onChange. */
  saved: () => SentryQuery | undefined;
  datasource: StubDataSource;
}

/**
 * Renders QueryEditor the way Grafana does (every onChange becomes the next `query`) and lets the look-ups
 * settle.
 */
export async function renderQueryEditor(initial: SentryQuery, datasource = stubDataSource()): Promise<Rendered> {
  const onChange = jest.fn<void, [SentryQuery]>();
  const onRunQuery = jest.fn<void, []>();
  function Host() {
    const [query, setQuery] = useState(initial);
    return (
      <QueryEditor
        query={query}
        datasource={datasource as unknown as SentryDataSource}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
        onRunQuery={onRunQuery}
      />
    );
  }
  const user = userEvent.setup({ delay: null });
  await act(async () => {
    render(<Host />);
  });
  return { user, onChange, onRunQuery, saved: () => onChange.mock.lastCall?.[0], datasource };
}

/** Opens a Combobox or MultiCombobox by test id and clicks the option labelled `label`. */
export async function pick(user: UserEvent, testId: string, label: string) {
  await user.click(screen.getByTestId(testId));
  await user.click(await findOption(label));
  // Close the menu, as a user moving on would.
  await user.keyboard('{Escape}');
}

/** Types a value that is not among the options and picks it ("Use custom value"). */
export async function addCustom(user: UserEvent, testId: string, text: string) {
  await user.click(screen.getByTestId(testId));
  await user.keyboard(literal(text));
  await user.click(await findOption(text));
  await user.keyboard('{Escape}');
}

/** The open menu's option whose label (not description) is `label`. */
async function findOption(label: string): Promise<HTMLElement> {
  const options = await screen.findAllByRole('option');
  const match = options.find((o) => within(o).queryAllByText(label, { exact: true }).length > 0);
  if (!match) {
    throw new Error(`No option "${label}" among: ${options.map((o) => o.textContent).join(' | ')}`);
  }
  return match;
}

/** Text for user.type/keyboard, with { and [ escaped. */
export function literal(text: string): string {
  return text.replace(/[{[]/g, (c) => c + c);
}

/** Clicks a radio button of a RadioField by the field's test id and the option label. */
export async function choose(user: UserEvent, testId: string, label: string) {
  await user.click(within(screen.getByTestId(testId)).getByLabelText(label));
}

/** Replaces an input's text and leaves the field. */
export async function typeAndBlur(user: UserEvent, testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  if (text) {
    await user.type(input, literal(text));
  }
  await user.tab();
}

//#region Drivers for the <select> doubles of comboboxDouble.tsx

/** Selects an option (by label or value) of a Combobox double, or adds one to a MultiCombobox double. */
export async function select(user: UserEvent, testId: string, ...labels: string[]) {
  for (const label of labels) {
    await user.selectOptions(screen.getByTestId(testId), optionOf(testId, label));
  }
}

/** Removes a value from a MultiCombobox double. */
export async function deselect(user: UserEvent, testId: string, label: string) {
  await user.deselectOptions(screen.getByTestId(testId), optionOf(testId, label));
}

function optionOf(testId: string, label: string): HTMLOptionElement {
  const options = Array.from((screen.getByTestId(testId) as HTMLSelectElement).options);
  const option = options.find((o) => o.textContent === label) ?? options.find((o) => o.value === label);
  if (!option) {
    throw new Error(`No option "${label}" in ${testId}: ${options.map((o) => o.textContent).join(' | ')}`);
  }
  return option;
}

/** Clears a clearable Combobox double. */
export async function clearSelect(user: UserEvent, testId: string) {
  await user.selectOptions(screen.getByTestId(testId), '');
}

/** Types a custom value into a Combobox/MultiCombobox double and presses Enter. */
export async function typeCustom(user: UserEvent, testId: string, text: string) {
  await user.type(screen.getByTestId(`${testId} custom`), `${literal(text)}{Enter}`);
}

/** Option labels of a double, in order. */
export function optionLabels(testId: string): string[] {
  return Array.from((screen.getByTestId(testId) as HTMLSelectElement).options)
    .filter((o) => o.value !== '')
    .map((o) => o.textContent ?? '');
}

//#endregion
