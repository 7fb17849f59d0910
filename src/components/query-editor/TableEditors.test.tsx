/**
 * The table sub-editors (issues, events, spans, error distribution, releases) through QueryEditor: pick the
 * type, fill the fields, check the saved JSON. Combobox and MultiCombobox are <select> doubles here.
 */
import { screen, within } from '@testing-library/react';

import {
  choose,
  clearSelect,
  deselect,
  optionLabels,
  renderQueryEditor,
  select,
  stubDataSource,
  typeAndBlur,
  typeCustom,
} from '../../../tests/support/queryEditorHarness';
import { defaultQueryFor } from '../../sentry/registry';
import { Components } from '../../selectors';
import { DistributionSelectors } from './DistributionEditor.selectors';
import { EventsSelectors } from './EventsEditor.selectors';
import { IssuesSelectors } from './IssuesEditor.selectors';
import { ReleasesSelectors } from './ReleasesEditor.selectors';
import { RequestLookupSelectors } from './RequestLookupEditor.selectors';
import { SpikeExplainerSelectors } from './SpikeExplainerEditor.selectors';
import { DEFAULT_EVENT_FIELDS } from '../../sentry/datasets';
import type { SentryQuery } from '../../sentry/query';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  ...jest.requireActual('../../../tests/support/comboboxDouble').comboboxDoubles,
}));

const selectors = Components.QueryEditor;
const types = selectors.QueryType.types;

/** Where every test starts: the default issues query, scoped to a project and an environment. */
const start = (): SentryQuery => ({
  ...defaultQueryFor('issues', 'A'),
  projectIds: ['11'],
  environments: ['production'],
});
const scope = { refId: 'A', schemaVersion: 1, projectIds: ['11'], environments: ['production'] };

describe('IssuesEditor', () => {
  it('saves search, sort and limit', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor({
      ...start(),
      queryType: 'releases',
    } as SentryQuery);
    await select(user, selectors.QueryType.testId, types.issues.label);
    expect(saved()).toEqual({ ...scope, queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq' });

    await typeAndBlur(user, IssuesSelectors.Search.testId, 'is:unresolved assigned:me');
    await select(user, IssuesSelectors.Sort.testId, IssuesSelectors.Sort.options.priority);
    await typeAndBlur(user, IssuesSelectors.Limit.testId, '500');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'issues',
      issuesQuery: 'is:unresolved assigned:me',
      issuesSort: 'priority',
      issuesLimit: 500,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(4);

    await clearSelect(user, IssuesSelectors.Sort.testId);
    expect(saved()).not.toHaveProperty('issuesSort');
  });

  it('lists the issue sorts by their Sentry names', async () => {
    await renderQueryEditor(start());
    expect(optionLabels(IssuesSelectors.Sort.testId)).toEqual([
      'Last seen',
      'First seen',
      'Events',
      'Users',
      'Priority',
    ]);
  });
});

describe('EventsEditor', () => {
  it('starts on the errors dataset with its default fields, sorted by newest first', async () => {
    const { user, saved } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.events.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'events',
      dataset: 'errors',
      eventsFields: DEFAULT_EVENT_FIELDS.errors,
      eventsSort: 'timestamp',
      eventsSortDirection: 'desc',
    });
    expect(screen.getByTestId(EventsSelectors.SortDirection.testId)).toBeInTheDocument();
  });

  it('keeps fields in the order chosen, custom ones and tags included, and sorts by one of them', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('events', 'A'),
      eventsFields: ['title'],
      eventsSort: undefined,
      eventsSortDirection: undefined,
    } as SentryQuery);
    await select(user, EventsSelectors.Fields.testId, 'count()');
    await typeCustom(user, EventsSelectors.Fields.testId, 'count_if(level,equals,fatal)');
    await select(user, EventsSelectors.Fields.testId, 'tags[browser]', 'project');
    await typeAndBlur(user, EventsSelectors.Search.testId, 'level:error');
    await select(user, EventsSelectors.Sort.testId, 'count()');
    // Unset direction shows as descending.
    expect(screen.getByLabelText(EventsSelectors.SortDirection.options.desc)).toBeChecked();
    await choose(user, EventsSelectors.SortDirection.testId, EventsSelectors.SortDirection.options.asc);
    await typeAndBlur(user, EventsSelectors.Limit.testId, '2000');
    expect(saved()).toEqual({
      refId: 'A',
      schemaVersion: 1,
      projectIds: [],
      environments: [],
      queryType: 'events',
      dataset: 'errors',
      eventsFields: ['title', 'count()', 'count_if(level,equals,fatal)', 'tags[browser]', 'project'],
      eventsQuery: 'level:error',
      eventsSort: 'count()',
      eventsSortDirection: 'asc',
      eventsLimit: 2000,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(8);
  });

  it('shows why a sort field missing from the fields blocks the run', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('events', 'A'),
      eventsFields: ['title', 'count()'],
      eventsSort: 'count()',
    } as SentryQuery);
    await deselect(user, EventsSelectors.Fields.testId, 'count()');
    expect(saved()).toMatchObject({ eventsFields: ['title'], eventsSort: 'count()' });
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(
      screen.getByText('Sort by count() needs count() among the fields: add it or pick another sort field.')
    ).toBeInTheDocument();

    await clearSelect(user, EventsSelectors.Sort.testId);
    expect(saved()).not.toHaveProperty('eventsSort');
    expect(saved()).not.toHaveProperty('eventsSortDirection');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('swaps untouched default fields when the dataset changes, and keeps the user’s own', async () => {
    const { user, saved } = await renderQueryEditor(defaultQueryFor('events', 'A'));
    await choose(user, EventsSelectors.Dataset.testId, selectors.datasets.spans);
    expect(saved()).toMatchObject({
      dataset: 'spans',
      eventsFields: DEFAULT_EVENT_FIELDS.spans,
      eventsSort: 'timestamp',
    });
    expect(optionLabels(EventsSelectors.Fields.testId)).toContain('span.duration');

    await select(user, EventsSelectors.Fields.testId, 'p95(span.duration)');
    await choose(user, EventsSelectors.Dataset.testId, selectors.datasets.errors);
    expect(saved()).toMatchObject({
      dataset: 'errors',
      eventsFields: [...DEFAULT_EVENT_FIELDS.spans, 'p95(span.duration)'],
    });
  });

  it('offers the current datasets, and a deprecated one only while the query is saved on it', async () => {
    const { user, saved } = await renderQueryEditor({
      ...defaultQueryFor('events', 'A'),
      dataset: 'transactions',
    } as SentryQuery);
    const offered = () =>
      within(screen.getByTestId(EventsSelectors.Dataset.testId))
        .getAllByRole('radio')
        .map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
    expect(offered()).toEqual(['Errors', 'Spans', 'Transactions (deprecated)']);
    await choose(user, EventsSelectors.Dataset.testId, selectors.datasets.spans);
    expect(saved()).toMatchObject({ dataset: 'spans' });
    expect(offered()).toEqual(['Errors', 'Spans']);
  });

  it('offers tag keys as tags[key] columns', async () => {
    await renderQueryEditor(defaultQueryFor('events', 'A'));
    expect(optionLabels(EventsSelectors.Fields.testId)).toEqual(
      expect.arrayContaining(['tags[browser]', 'tags[customer]'])
    );
  });

  it('says inline when tag keys cannot be loaded', async () => {
    const datasource = stubDataSource({ getSentryTagKeys: jest.fn(() => Promise.reject(new Error('timeout'))) });
    await renderQueryEditor(defaultQueryFor('events', 'A'), datasource);
    expect(screen.getByRole('alert')).toHaveTextContent(`${selectors.TagKeys.loadError}: timeout`);
  });
});

describe('EventsEditor for spans', () => {
  it('has no dataset picker and saves span columns', async () => {
    const { user, saved } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.spans.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'spans',
      eventsFields: DEFAULT_EVENT_FIELDS.spans,
      eventsSort: 'timestamp',
      eventsSortDirection: 'desc',
    });
    expect(screen.queryByTestId(EventsSelectors.Dataset.testId)).not.toBeInTheDocument();

    await select(user, EventsSelectors.Fields.testId, 'p95(span.duration)');
    await select(user, EventsSelectors.Sort.testId, 'span.duration');
    await typeAndBlur(user, EventsSelectors.Search.testId, 'span.op:db');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'spans',
      eventsFields: [...DEFAULT_EVENT_FIELDS.spans, 'p95(span.duration)'],
      eventsSort: 'span.duration',
      eventsSortDirection: 'desc',
      eventsQuery: 'span.op:db',
    });
  });
});

describe('DistributionEditor', () => {
  it('saves the count-by field, search, limit and share', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.errorDistribution.label);
    expect(saved()).toEqual({ ...scope, queryType: 'errorDistribution', distributionField: 'error.type' });

    await select(user, DistributionSelectors.Field.testId, 'tags[browser]');
    await typeAndBlur(user, DistributionSelectors.Search.testId, 'handled:no');
    await typeAndBlur(user, DistributionSelectors.Limit.testId, '20');
    await user.click(screen.getByTestId(DistributionSelectors.Share.testId));
    expect(saved()).toEqual({
      ...scope,
      queryType: 'errorDistribution',
      distributionField: 'tags[browser]',
      distributionQuery: 'handled:no',
      distributionLimit: 20,
      distributionShare: true,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(5);

    await typeCustom(user, DistributionSelectors.Field.testId, 'user.geo.country_code');
    expect(saved()).toMatchObject({ distributionField: 'user.geo.country_code' });
  });

  it('refuses more than 100 categories', async () => {
    const { user, onRunQuery } = await renderQueryEditor(defaultQueryFor('errorDistribution', 'A'));
    await typeAndBlur(user, DistributionSelectors.Limit.testId, '101');
    expect(screen.getByText('Limit can be at most 100, not 101.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });
});

describe('ReleasesEditor', () => {
  it('saves mode, search and limit', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.releases.label);
    expect(saved()).toEqual({ ...scope, queryType: 'releases', releasesMode: 'releases' });

    await choose(user, ReleasesSelectors.Mode.testId, ReleasesSelectors.Mode.options.deploys);
    await typeAndBlur(user, ReleasesSelectors.Search.testId, '2.4.');
    await typeAndBlur(user, ReleasesSelectors.Limit.testId, '25');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'releases',
      releasesMode: 'deploys',
      releasesQuery: '2.4.',
      releasesLimit: 25,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(4);
  });
});

describe('SpikeExplainerEditor', () => {
  it('starts on unresolved issues against the window before, then saves search, baseline, limit and minimum', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.spikeExplainer.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'spikeExplainer',
      spikeQuery: 'is:unresolved',
      spikeBaseline: 'previous',
    });
    expect(screen.getByLabelText(SpikeExplainerSelectors.Baseline.options.previous)).toBeChecked();

    await typeAndBlur(user, SpikeExplainerSelectors.Search.testId, 'is:unresolved level:error');
    await choose(user, SpikeExplainerSelectors.Baseline.testId, SpikeExplainerSelectors.Baseline.options.previousWeek);
    await typeAndBlur(user, SpikeExplainerSelectors.Limit.testId, '20');
    await typeAndBlur(user, SpikeExplainerSelectors.MinEvents.testId, '0');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'spikeExplainer',
      spikeQuery: 'is:unresolved level:error',
      spikeBaseline: 'previousWeek',
      spikeLimit: 20,
      spikeMinEvents: 0,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(5);

    // Emptied, the search compares all issues (not the default).
    await typeAndBlur(user, SpikeExplainerSelectors.Search.testId, '');
    expect(saved()).toMatchObject({ spikeQuery: '' });
  });

  it('runs on Shift+Enter and refuses a limit out of range', async () => {
    const { user, onRunQuery } = await renderQueryEditor(defaultQueryFor('spikeExplainer', 'A'));
    await user.click(screen.getByTestId(SpikeExplainerSelectors.Search.testId));
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await typeAndBlur(user, SpikeExplainerSelectors.Limit.testId, '101');
    expect(screen.getByText('Limit can be at most 100, not 101.')).toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });
});

describe('RequestLookupEditor', () => {
  it('saves ids as a list, the kind at once, the tag and the limit', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.requestLookup.label);
    expect(saved()).toEqual({ ...scope, queryType: 'requestLookup', lookupIds: [], lookupKind: 'auto' });

    await typeAndBlur(
      user,
      RequestLookupSelectors.Ids.testId,
      '4bf92f3577b34da6a3ce929d0e0e4736, req-1  $request_id,req-1'
    );
    expect(saved()).toMatchObject({ lookupIds: ['4bf92f3577b34da6a3ce929d0e0e4736', 'req-1', '$request_id'] });
    expect(screen.getByTestId(RequestLookupSelectors.Ids.testId)).toHaveValue(
      '4bf92f3577b34da6a3ce929d0e0e4736, req-1, $request_id'
    );
    await choose(user, RequestLookupSelectors.Kind.testId, RequestLookupSelectors.Kind.options.request);
    await typeAndBlur(user, RequestLookupSelectors.RequestIdTag.testId, 'x-request-id');
    await typeAndBlur(user, RequestLookupSelectors.Limit.testId, '50');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'requestLookup',
      lookupIds: ['4bf92f3577b34da6a3ce929d0e0e4736', 'req-1', '$request_id'],
      lookupKind: 'request',
      requestIdTag: 'x-request-id',
      lookupLimit: 50,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(5);
  });

  it('refuses a tag key Sentry cannot search', async () => {
    const { user, onRunQuery } = await renderQueryEditor(defaultQueryFor('requestLookup', 'A'));
    await typeAndBlur(user, RequestLookupSelectors.RequestIdTag.testId, 'request id');
    expect(screen.getByText(/"request id" is not a tag key/)).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });
});
