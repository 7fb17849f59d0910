/** The shared fields with the real @grafana/ui controls, laid out by a measuring ResizeObserver. */
// First: react-use looks for ResizeObserver when @grafana/ui loads.
import { layOutBy } from '../../../tests/support/measuredLayout';
import { screen } from '@testing-library/react';

import { renderQueryEditor, setupComboboxDom } from '../../../tests/support/queryEditorHarness';
import { defaultQueryFor } from '../../sentry/registry';
import type { SentryQuery } from '../../sentry/query';
import { WIDTH } from './common';

const GRID = 8;
/** The multi-select's box, in grid units. */
let box: number = WIDTH.long;

setupComboboxDom();
// The box holds the input; its clear-and-open icons take 40 px.
layOutBy((element) => (element.querySelector('input') ? box * GRID : 40));

const yAxes = (eventsStatsYAxis: string[]) =>
  ({ ...defaultQueryFor('eventsStats', 'A'), eventsStatsYAxis }) as SentryQuery;
const pills = () => screen.queryAllByRole('button', { name: /^Remove / }).map((b) => b.getAttribute('aria-label'));

describe('MultiSelectField', () => {
  it('shows every chosen y-axis aggregate that fits, not the first one and "… 1"', async () => {
    box = WIDTH.long;
    await renderQueryEditor(yAxes(['count()', 'p95(span.duration)']));
    expect(pills()).toEqual(['Remove count()', 'Remove p95(span.duration)']);
    expect(screen.queryByText('...')).not.toBeInTheDocument();
  });

  it('measures typed aggregates by their text: those beyond the widest box wait behind the count', async () => {
    box = WIDTH.longMax;
    const typed = [300, 500, 800, 1000].map((ms) => `count_if(span.duration,greater,${ms})`);
    await renderQueryEditor(yAxes(['count()', ...typed]));
    expect(pills()).toEqual(['Remove count()', `Remove ${typed[0]}`, `Remove ${typed[1]}`]);
    expect(screen.getByText('...')).toBeInTheDocument();
    expect(screen.getByText('2')).toBeInTheDocument();
  });
});
