/**
 * The time-series sub-editors (event frequency, spans time series, transactions performance, session health,
 * org stats) through QueryEditor: pick the type, fill the fields, check the saved JSON. Combobox and
 * MultiCombobox are <select> doubles here.
 */
import { screen } from '@testing-library/react';

import {
  choose,
  deselect,
  optionLabels,
  renderQueryEditor,
  select,
  typeAndBlur,
  typeCustom,
} from '../../../tests/support/queryEditorHarness';
import { defaultQueryFor } from '../../sentry/registry';
import { Components } from '../../selectors';
import { EventsStatsSelectors } from './EventsStatsEditor.selectors';
import { PerformanceSelectors } from './PerformanceEditor.selectors';
import { SessionsSelectors } from './SessionsEditor.selectors';
import { StatsV2Selectors } from './StatsV2Editor.selectors';
import { DEFAULT_PERFORMANCE_METRICS } from '../../sentry/queries/performance';
import type { SentryQuery } from '../../sentry/query';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  ...jest.requireActual('../../../tests/support/comboboxDouble').comboboxDoubles,
}));

const selectors = Components.QueryEditor;
const types = selectors.QueryType.types;

const start = (): SentryQuery => ({
  ...defaultQueryFor('issues', 'A'),
  projectIds: ['11'],
  environments: ['production'],
});
const scope = { refId: 'A', schemaVersion: 1, projectIds: ['11'], environments: ['production'] };

describe('EventsStatsEditor', () => {
  it('charts count() of errors by default, then saves y-axes, search, grouping and ranking', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.eventsStats.label);
    expect(saved()).toEqual({ ...scope, queryType: 'eventsStats', dataset: 'errors', eventsStatsYAxis: ['count()'] });
    // Ranking only matters with groups.
    expect(screen.queryByTestId(EventsStatsSelectors.TopN.testId)).not.toBeInTheDocument();

    await choose(user, EventsStatsSelectors.Dataset.testId, selectors.datasets.spans);
    await select(user, EventsStatsSelectors.YAxis.testId, 'p95(span.duration)');
    await typeCustom(user, EventsStatsSelectors.YAxis.testId, 'count_if(span.duration,greater,300)');
    await typeAndBlur(user, EventsStatsSelectors.Search.testId, 'transaction:/api/*');
    await select(user, EventsStatsSelectors.GroupBy.testId, 'release', 'span.op');
    await typeAndBlur(user, EventsStatsSelectors.TopN.testId, '20');
    await select(user, EventsStatsSelectors.Sort.testId, 'p95(span.duration), highest first');
    await user.click(screen.getByTestId(EventsStatsSelectors.Other.testId));
    expect(saved()).toEqual({
      ...scope,
      queryType: 'eventsStats',
      dataset: 'spans',
      eventsStatsYAxis: ['count()', 'p95(span.duration)', 'count_if(span.duration,greater,300)'],
      eventsStatsQuery: 'transaction:/api/*',
      eventsStatsGroups: ['release', 'span.op'],
      eventsStatsLimit: 20,
      eventsStatsSort: '-p95(span.duration)',
      eventsStatsOther: false,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(10);
  });

  it('needs a y-axis and at most 50 groups, and says so', async () => {
    const { user, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('eventsStats', 'A'),
      eventsStatsGroups: ['release'],
    } as SentryQuery);
    await deselect(user, EventsStatsSelectors.YAxis.testId, 'count()');
    expect(screen.getByText('Pick at least one y-axis, e.g. count().')).toBeInTheDocument();
    await typeAndBlur(user, EventsStatsSelectors.TopN.testId, '51');
    expect(screen.getByText('Top N can be at most 50, not 51.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('shows a saved "Other" switch that is not true or false, even without groups', async () => {
    await renderQueryEditor({
      ...defaultQueryFor('eventsStats', 'A'),
      eventsStatsOther: 'yes',
    } as unknown as SentryQuery);
    expect(screen.getByText('The "Other" series switch must be true or false, not "yes".')).toBeInTheDocument();
  });

  it('suggests common aggregates and fields, tags included', async () => {
    await renderQueryEditor(defaultQueryFor('eventsStats', 'A'));
    expect(optionLabels(EventsStatsSelectors.YAxis.testId)).toEqual(
      expect.arrayContaining(['count()', 'count_unique(user)', 'count_unique(issue)', 'epm()'])
    );
    expect(optionLabels(EventsStatsSelectors.GroupBy.testId)).toEqual([
      'project',
      'environment',
      'release',
      'transaction',
      'error.type',
      'level',
      'browser.name',
      'os.name',
      'tags[browser]',
      'tags[customer]',
    ]);
  });
});

describe('EventsStatsEditor anomaly band', () => {
  it('is off by default; on, it shows baseline, k and window, and saves them', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(defaultQueryFor('eventsStats', 'A'));
    expect(screen.queryByTestId(EventsStatsSelectors.AnomalyK.testId)).not.toBeInTheDocument();

    await user.click(screen.getByTestId(EventsStatsSelectors.AnomalyBand.testId));
    expect(saved()).toMatchObject({ anomalyBand: true });
    expect(screen.getByLabelText(EventsStatsSelectors.AnomalyBaseline.options.previousDay)).toBeChecked();
    await choose(
      user,
      EventsStatsSelectors.AnomalyBaseline.testId,
      EventsStatsSelectors.AnomalyBaseline.options.previousWeek
    );
    await typeAndBlur(user, EventsStatsSelectors.AnomalyK.testId, '2.5');
    await typeAndBlur(user, EventsStatsSelectors.AnomalyWindow.testId, '8');
    expect(saved()).toEqual({
      ...defaultQueryFor('eventsStats', 'A'),
      projectIds: [],
      environments: [],
      anomalyBand: true,
      anomalyBaseline: 'previousWeek',
      anomalyK: 2.5,
      anomalyWindow: 8,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(4);

    await user.click(screen.getByTestId(EventsStatsSelectors.AnomalyBand.testId));
    expect(saved()).not.toHaveProperty('anomalyBand');
    expect(screen.queryByTestId(EventsStatsSelectors.AnomalyWindow.testId)).not.toBeInTheDocument();
  });

  it('says why the band cannot be drawn with groups, and does not run', async () => {
    const { user, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('eventsStats', 'A'),
      anomalyBand: true,
    } as SentryQuery);
    await select(user, EventsStatsSelectors.GroupBy.testId, 'release');
    expect(
      screen.getByText('The anomaly band needs a single series: remove the group-by (release) or turn the band off.')
    ).toBeInTheDocument();
    await typeAndBlur(user, EventsStatsSelectors.AnomalyWindow.testId, '0');
    expect(screen.getByText(/The window must be a whole number of buckets from 1 to 100/)).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });
});

describe('EventsStatsEditor for spans', () => {
  it('has no dataset picker and suggests span aggregates', async () => {
    const { user, saved } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.spansStats.label);
    expect(saved()).toEqual({ ...scope, queryType: 'spansStats', eventsStatsYAxis: ['count()'] });
    expect(screen.queryByTestId(EventsStatsSelectors.Dataset.testId)).not.toBeInTheDocument();

    await select(user, EventsStatsSelectors.YAxis.testId, 'p95(span.duration)');
    await deselect(user, EventsStatsSelectors.YAxis.testId, 'count()');
    await select(user, EventsStatsSelectors.GroupBy.testId, 'span.op');
    await typeAndBlur(user, EventsStatsSelectors.Search.testId, 'span.op:http.client');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'spansStats',
      eventsStatsYAxis: ['p95(span.duration)'],
      eventsStatsGroups: ['span.op'],
      eventsStatsQuery: 'span.op:http.client',
    });
  });
});

describe('PerformanceEditor', () => {
  it('starts as a table of the default metrics, then saves mode, metrics, grouping and thresholds', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.performance.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'performance',
      performanceMode: 'table',
      performanceMetrics: DEFAULT_PERFORMANCE_METRICS,
    });
    expect(screen.queryByTestId(PerformanceSelectors.GroupBy.testId)).not.toBeInTheDocument();

    await choose(user, PerformanceSelectors.Mode.testId, PerformanceSelectors.Mode.options.timeseries);
    await deselect(user, PerformanceSelectors.Metrics.testId, PerformanceSelectors.Metrics.options.miserableUsers);
    await select(user, PerformanceSelectors.Metrics.testId, PerformanceSelectors.Metrics.options.p99);
    await typeAndBlur(user, PerformanceSelectors.Search.testId, 'transaction.op:http.server');
    await select(user, PerformanceSelectors.GroupBy.testId, 'transaction');
    await typeAndBlur(user, PerformanceSelectors.TopN.testId, '8');
    await typeAndBlur(user, PerformanceSelectors.Apdex.testId, '400');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'performance',
      performanceMode: 'timeseries',
      performanceMetrics: ['tpm', 'p50', 'p95', 'failureRate', 'apdex', 'p99'],
      performanceQuery: 'transaction.op:http.server',
      performanceGroupBy: ['transaction'],
      performanceLimit: 8,
      apdexThreshold: 400,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(8);
  });

  it('needs at least one metric', async () => {
    const { user, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('performance', 'A'),
      performanceMetrics: ['tpm'],
    } as SentryQuery);
    await deselect(user, PerformanceSelectors.Metrics.testId, PerformanceSelectors.Metrics.options.tpm);
    expect(screen.getByText('Pick at least one metric, e.g. tpm or p95.')).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('names a saved mode that is not one, and runs once a mode is picked', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor({
      ...defaultQueryFor('performance', 'A'),
      performanceMode: 'series',
    } as unknown as SentryQuery);
    expect(screen.getByText('Unknown mode "series": use table or timeseries.')).toBeInTheDocument();
    await choose(user, PerformanceSelectors.Mode.testId, PerformanceSelectors.Mode.options.timeseries);
    expect(saved()).toMatchObject({ performanceMode: 'timeseries' });
    expect(screen.queryByText(/Unknown mode/)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });
});

describe('SessionsEditor', () => {
  it('starts with the crash-free rates over time, then saves fields, grouping, mode, search and interval', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.sessions.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'sessions',
      sessionsFields: ['crash_free_rate(session)', 'crash_free_rate(user)'],
      sessionsMode: 'timeseries',
    });

    await deselect(user, SessionsSelectors.Fields.testId, 'Crash-free users');
    await select(user, SessionsSelectors.Fields.testId, 'Sessions');
    await select(user, SessionsSelectors.GroupBy.testId, 'release');
    await choose(user, SessionsSelectors.Mode.testId, SessionsSelectors.Mode.options.table);
    await typeAndBlur(user, SessionsSelectors.Search.testId, 'release:2.4.0');
    await typeAndBlur(user, SessionsSelectors.Interval.testId, '1h');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'sessions',
      sessionsFields: ['crash_free_rate(session)', 'sum(session)'],
      sessionsGroupBy: ['release'],
      sessionsMode: 'table',
      sessionsQuery: 'release:2.4.0',
      sessionsInterval: '1h',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(7);
  });

  it('accepts a $variable interval and refuses free text', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(defaultQueryFor('sessions', 'A'));
    await typeAndBlur(user, SessionsSelectors.Interval.testId, '$__interval');
    expect(saved()).toMatchObject({ sessionsInterval: '$__interval' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await typeAndBlur(user, SessionsSelectors.Interval.testId, 'hourly');
    expect(saved()).toMatchObject({ sessionsInterval: 'hourly' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/Interval "hourly" is not a number and a unit/)).toBeInTheDocument();
  });

  it('names a saved mode and group-by that are not among the choices', async () => {
    await renderQueryEditor({
      ...defaultQueryFor('sessions', 'A'),
      sessionsMode: 'chart',
      sessionsGroupBy: ['os'],
    } as unknown as SentryQuery);
    expect(screen.getByText('Unknown mode "chart": use timeseries or table.')).toBeInTheDocument();
    expect(
      screen.getByText('Unknown group-by field "os": use release, project, environment, session.status.')
    ).toBeInTheDocument();
  });
});

describe('StatsV2Editor', () => {
  it('counts by category and outcome by default, then saves filters, grouping and interval', async () => {
    const { user, saved, onRunQuery } = await renderQueryEditor(start());
    await select(user, selectors.QueryType.testId, types.statsV2.label);
    expect(saved()).toEqual({
      ...scope,
      queryType: 'statsV2',
      statsFields: ['sum(quantity)'],
      statsGroupBy: ['category', 'outcome'],
    });
    expect(screen.queryByTestId(selectors.Environments.testId)).not.toBeInTheDocument();

    await select(user, StatsV2Selectors.Category.testId, 'error', 'transaction');
    await select(user, StatsV2Selectors.Outcome.testId, 'rate_limited');
    await typeCustom(user, StatsV2Selectors.Reason.testId, 'spike_protection');
    await select(user, StatsV2Selectors.GroupBy.testId, 'reason');
    await typeAndBlur(user, StatsV2Selectors.Interval.testId, '1d');
    expect(saved()).toEqual({
      ...scope,
      queryType: 'statsV2',
      statsFields: ['sum(quantity)'],
      statsGroupBy: ['category', 'outcome', 'reason'],
      statsCategory: ['error', 'transaction'],
      statsOutcome: ['rate_limited'],
      statsReason: ['spike_protection'],
      statsInterval: '1d',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(7);
  });

  it('needs a category once category is no longer a group', async () => {
    const { user, onRunQuery } = await renderQueryEditor(defaultQueryFor('statsV2', 'A'));
    await deselect(user, StatsV2Selectors.GroupBy.testId, 'category');
    expect(
      screen.getByText('Pick at least one category, or group by category: Sentry needs one of the two.')
    ).toBeInTheDocument();
    expect(onRunQuery).not.toHaveBeenCalled();
    await select(user, StatsV2Selectors.Category.testId, 'error');
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('names a saved field and group-by that are not among the choices', async () => {
    await renderQueryEditor({
      ...defaultQueryFor('statsV2', 'A'),
      statsFields: ['sum(bytes)'],
      statsGroupBy: ['category', 'key_id'],
    } as unknown as SentryQuery);
    expect(screen.getByText('Unknown field "sum(bytes)": use sum(quantity) or sum(times_seen).')).toBeInTheDocument();
    expect(
      screen.getByText('Unknown group-by field "key_id": use category, outcome, reason, project.')
    ).toBeInTheDocument();
  });
});
