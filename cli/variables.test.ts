/**
 * @jest-environment node
 *
 * Dashboard variables loaded as Grafana 12's dashboards load them: which value survives new options, what a
 * command-line (URL) value does, and query variables of this data source queried again in dependency order.
 */
import { createTestFake, fakeClient, lastHours } from '../tests/support/fakeSentryClient';
import { ourDatasource, PLUGIN_ID } from './dashboard';
import { ALL_TEXT, ALL_VALUE } from './templateSrv';
import type { VariableOption } from './variableOptions';
import {
  dependenciesOf,
  initialVariables,
  keepGiven,
  loadVariables,
  Overrides,
  SavedVariable,
  selectGivenOptions,
  Selection,
} from './variables';

const options = (...values: string[]): VariableOption[] => values.map((v) => ({ label: v, value: v }));
const OPTIONS = options('production', 'staging');

describe('selectGivenOptions: the value Grafana keeps when the options change', () => {
  it.each<[string, { multi?: boolean; includeAll?: boolean }, Selection, VariableOption[], Selection]>([
    [
      'single: still an option',
      {},
      { value: 'staging', text: 'staging' },
      OPTIONS,
      { value: 'staging', text: 'staging' },
    ],
    [
      'single: gone → the first option',
      {},
      { value: 'qa', text: 'qa' },
      OPTIONS,
      { value: 'production', text: 'production' },
    ],
    [
      'single: found by its text when its value is gone',
      {},
      { value: '7', text: 'staging' },
      [
        { label: 'production', value: '1' },
        { label: 'staging', value: '2' },
      ],
      { value: '2', text: 'staging' },
    ],
    [
      'single, includeAll: gone → All',
      { includeAll: true },
      { value: 'qa', text: 'qa' },
      OPTIONS,
      { value: ALL_VALUE, text: ALL_TEXT },
    ],
    [
      'multi: the still-valid part of the selection',
      { multi: true },
      { value: ['qa', 'staging'], text: ['qa', 'staging'] },
      OPTIONS,
      { value: ['staging'], text: ['staging'] },
    ],
    [
      'multi: none valid → the first option',
      { multi: true },
      { value: ['qa'], text: ['qa'] },
      OPTIONS,
      { value: ['production'], text: ['production'] },
    ],
    [
      'multi, includeAll: none valid → All',
      { multi: true, includeAll: true },
      { value: ['qa'], text: ['qa'] },
      OPTIONS,
      { value: [ALL_VALUE], text: [ALL_TEXT] },
    ],
    [
      'All stays All while includeAll',
      { multi: true, includeAll: true },
      { value: [ALL_VALUE], text: [ALL_VALUE] },
      OPTIONS,
      { value: [ALL_VALUE], text: ALL_TEXT },
    ],
    [
      'All without includeAll → the first option',
      { multi: true },
      { value: [ALL_VALUE], text: [ALL_TEXT] },
      OPTIONS,
      { value: ['production'], text: ['production'] },
    ],
    ['no options, single → empty', {}, { value: 'qa', text: 'qa' }, [], { value: '', text: '' }],
    ['no options, multi → none', { multi: true }, { value: ['qa'], text: ['qa'] }, [], { value: [], text: [] }],
    [
      'no options, includeAll → All',
      { includeAll: true },
      { value: 'qa', text: 'qa' },
      [],
      { value: ALL_VALUE, text: ALL_TEXT },
    ],
  ])('%s', (_name, variable, current, newOptions, expected) => {
    expect(selectGivenOptions(variable, current, newOptions)).toEqual(expected);
  });
});

describe('keepGiven: a URL value survives the first check', () => {
  const given = { value: 'qa', text: 'qa' };

  it('keeps a value that is not among the options', () => {
    expect(keepGiven(given, { value: 'production', text: 'production' })).toBe(given);
  });

  it('takes the check when it only corrects the text, or turns "All" into $__all', () => {
    expect(keepGiven({ value: '2', text: '2' }, { value: '2', text: 'staging' })).toEqual({
      value: '2',
      text: 'staging',
    });
    const all = { value: 'x', text: ALL_TEXT };
    expect(keepGiven(all, { value: ALL_VALUE, text: 'y' })).toEqual({ value: ALL_VALUE, text: 'y' });
  });
});

describe('initialVariables', () => {
  const env: SavedVariable = {
    name: 'env',
    type: 'query',
    includeAll: true,
    multi: true,
    allValue: '*',
    current: { value: ['production'] },
  };

  it('starts a text box without a value at its query, a constant at its query', () => {
    const { variables } = initialVariables([
      { name: 'ids', type: 'textbox', query: 'req-1', current: { value: '' } },
      { name: 'typed', type: 'textbox', query: 'req-1', current: { value: 'req-2' } },
      { name: 'k', type: 'constant', query: 'v', current: { value: 'stale' } },
    ]);
    expect(variables.map((v) => v.current?.value)).toEqual(['req-1', 'req-2', 'v']);
  });

  it.each<[string, string[], unknown]>([
    ['several values', ['staging', 'qa'], ['staging', 'qa']],
    ['"All" as Grafana reads an old URL', ['All'], [ALL_VALUE]],
    ['All last wins', ['staging', ALL_VALUE], [ALL_VALUE]],
    ['All first with others: the others', [ALL_VALUE, 'staging'], ['staging']],
  ])('a command-line value replaces the saved one: %s', (_name, list, expected) => {
    const { variables, given } = initialVariables([env], { env: list });
    expect(variables[0].current?.value).toEqual(expected);
    expect(given.has('env')).toBe(true);
  });

  it('the custom all value given for a single-value variable is All (a multi-value one keeps it as a value)', () => {
    const single = { ...env, multi: false, current: { value: 'production' } };
    expect(initialVariables([single], { env: ['*'] }).variables[0].current).toEqual({
      value: ALL_VALUE,
      text: ALL_TEXT,
    });
    expect(initialVariables([env], { env: ['*'] }).variables[0].current).toEqual({ value: ['*'], text: ['*'] });
  });

  it('a command-line value equal to the saved one is checked like the saved one (Grafana ignores it)', () => {
    expect(initialVariables([env], { env: ['production'] }).given.has('env')).toBe(false);
  });

  it('adds a variable the dashboard lacks', () => {
    const { variables } = initialVariables([], { ids: ['a', 'b'] });
    expect(variables).toEqual([
      { name: 'ids', type: 'custom', multi: true, current: { value: ['a', 'b'], text: ['a', 'b'] } },
    ]);
  });
});

describe('dependenciesOf', () => {
  it('finds the variables its definition, regex and data source use, in any syntax', () => {
    const names = new Set(['service', 'env', 'ds', 'filter', 'unused', 'self']);
    const variable: SavedVariable = {
      name: 'self',
      query: { kind: 'releases', projectIds: ['$service'], environments: ['${env:csv}'], search: '$self' },
      regex: '/[[filter]]/',
      datasource: { uid: '${ds}' },
    };
    expect(dependenciesOf(variable, names).sort()).toEqual(['ds', 'env', 'filter', 'service']);
  });
});

describe('loadVariables against the fake', () => {
  const ours = { type: PLUGIN_ID, uid: 'sentry-lens' };
  const { range } = lastHours(24);

  const serviceVariable = (extra: Partial<SavedVariable> = {}): SavedVariable => ({
    name: 'service',
    type: 'query',
    datasource: ours,
    query: { refId: 'SentryVariable', kind: 'projects', projectValue: 'slug' },
    refresh: 1,
    sort: 1,
    current: { value: 'checkout-api', text: 'checkout-api' },
    ...extra,
  });
  const envVariable = (extra: Partial<SavedVariable> = {}): SavedVariable => ({
    name: 'env',
    type: 'query',
    datasource: ours,
    query: { kind: 'environments', projectIds: ['$service'] },
    refresh: 1,
    sort: 1,
    current: { value: 'production', text: 'production' },
    ...extra,
  });

  const fake = createTestFake();

  async function load(list: SavedVariable[], overrides: Overrides = {}) {
    const logged = fake.requestLog.length;
    const result = await loadVariables(list, {
      client: fakeClient(fake),
      range,
      isOurs: ourDatasource({ templating: { list } }),
      overrides,
    });
    const value = (name: string) => result.variables.find((v) => v.name === name)?.current?.value;
    return { ...result, value, requests: fake.requestLog.slice(logged) };
  }

  it('queries a variable of this data source: a saved value still among the options stays, the options are new', async () => {
    const { variables, loaded } = await load([serviceVariable()]);
    expect(loaded).toEqual([{ name: 'service', value: 'checkout-api' }]);
    expect(variables[0].options?.map((o) => o.value)).toEqual([
      'checkout-api',
      'mobile-app',
      'payments-worker',
      'web-frontend',
    ]);
  });

  it('a saved value no longer among the options gives way to the first option in the variable’s sort', async () => {
    const { value } = await load([
      serviceVariable({ sort: 2, current: { value: 'retired-api', text: 'retired-api' } }),
    ]);
    expect(value('service')).toBe('web-frontend');
  });

  it('refresh 0 (never, migrated to on-load since Grafana 8) and 2 are queried too', async () => {
    const { value } = await load([
      serviceVariable({ refresh: 0, current: { value: 'retired-api' } }),
      envVariable({ name: 'env2', refresh: 2, current: { value: 'qa' } }),
    ]);
    expect([value('service'), value('env2')]).toEqual(['checkout-api', 'production']);
  });

  it('queries a variable after the variables its definition uses, whatever their order in the list', async () => {
    const release: SavedVariable = {
      name: 'release',
      type: 'query',
      datasource: ours,
      query: { kind: 'releases', projectIds: ['$service'] },
      current: { value: 'gone@1.0' },
    };
    const { loaded, variables } = await load([
      release,
      serviceVariable({ sort: 2, current: { value: 'retired-api' } }),
    ]);
    // Queried with the retired project first, the release query would fail ("No project").
    expect(loaded.map((v) => v.error)).toEqual([undefined, undefined]);
    expect(loaded[1].value).toBe('web-frontend');
    const versions = variables[0].options!.map((o) => String(o.value));
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((v) => v.startsWith('web-frontend@'))).toBe(true);
    expect(loaded[0].value).toBe(versions[0]);
  });

  it('multi: keeps the still-valid part of the saved selection', async () => {
    const { value } = await load([
      serviceVariable(),
      envVariable({ multi: true, current: { value: ['qa', 'staging'] } }),
    ]);
    expect(value('env')).toEqual(['staging']);
  });

  it('includeAll: All takes every new option', async () => {
    const { variables } = await load([
      envVariable({
        query: { kind: 'environments' },
        includeAll: true,
        multi: true,
        current: { value: [ALL_VALUE], text: ['All'] },
      }),
    ]);
    expect(variables[0].current?.value).toEqual([ALL_VALUE]);
    expect(variables[0].options?.map((o) => o.value)).toEqual(['production', 'staging']);
  });

  it('--var wins: a given value stays even when it is not among the options', async () => {
    const { value } = await load([serviceVariable(), envVariable()], { service: ['retired-api'], env: ['qa'] });
    expect([value('service'), value('env')]).toEqual(['retired-api', 'qa']);
  });

  it('variables of other data sources are not queried and keep their saved value; ours use it', async () => {
    const prometheus: SavedVariable = {
      name: 'job',
      type: 'query',
      datasource: { type: 'prometheus', uid: 'prom' },
      query: 'label_values(up, job)',
      current: { value: 'web-frontend' },
    };
    const release: SavedVariable = {
      name: 'release',
      type: 'query',
      datasource: ours,
      query: { kind: 'releases', projectIds: ['$job'] },
    };
    const { value, requests } = await load([prometheus, release]);
    expect(value('job')).toBe('web-frontend');
    expect(String(value('release'))).toMatch(/^web-frontend@/);
    // Sentry's project list (for the slug) and releases only.
    expect(requests.map((e) => new URL(e.url, 'http://x').pathname)).toEqual([
      '/api/0/organizations/acme/projects/',
      '/api/0/organizations/acme/releases/',
    ]);
  });

  it('a failed query keeps the saved value and says why; the variables using it are still queried', async () => {
    const broken = serviceVariable({ query: { kind: 'tagValues' }, current: { value: 'checkout-api' } });
    const { loaded } = await load([broken, envVariable({ current: { value: 'qa' } })]);
    expect(loaded).toEqual([
      { name: 'service', value: 'checkout-api', error: 'Pick the tag whose values the variable lists.' },
      { name: 'env', value: 'production' },
    ]);
  });

  it('variables that wait on each other are not queried, nor those waiting on them; the others are', async () => {
    const release: SavedVariable = {
      name: 'release',
      type: 'query',
      datasource: ours,
      query: { kind: 'releases', projectIds: ['$service'] },
      current: { value: '1.0' },
    };
    const { loaded, requests } = await load([
      serviceVariable({ query: { kind: 'projects', team: '$env' } }),
      envVariable({ current: { value: 'qa' } }),
      release,
      { name: 'team', type: 'query', datasource: ours, query: { kind: 'teams' }, current: { value: 'nope' } },
    ]);
    const error = 'Not queried: it waits on variables that wait on each other (service, env, release).';
    expect(loaded).toEqual([
      { name: 'service', value: 'checkout-api', error },
      { name: 'env', value: 'qa', error },
      { name: 'release', value: '1.0', error },
      { name: 'team', value: 'frontend' },
    ]);
    expect(requests.map((e) => new URL(e.url, 'http://x').pathname)).toEqual(['/api/0/organizations/acme/teams/']);
  });
});
