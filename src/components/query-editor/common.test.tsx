/** The shared fields with the real @grafana/ui controls, laid out by a measuring ResizeObserver. */
// First: react-use looks for ResizeObserver when @grafana/ui loads.
import { layOutBy } from '../../../tests/support/measuredLayout';
import { screen } from '@testing-library/react';

import { renderQueryEditor, setupComboboxDom } from '../../../tests/support/queryEditorHarness';
import { defaultQueryFor } from '../../sentry/registry';
import type { SentryQuery } from '../../sentry/query';
import { WIDTH } from './common';

const GRID = 8;

setupComboboxDom();
// A multi-select's box is its minimum width; its clear-and-open icons take 40 px.
layOutBy((element) => (element.querySelector('input') ? WIDTH.long * GRID : 40));

describe('MultiSelectField', () => {
  it('shows every chosen y-axis aggregate that fits, not the first one and "… 1"', async () => {
    const query: SentryQuery = {
      ...defaultQueryFor('eventsStats', 'A'),
      eventsStatsYAxis: ['count()', 'p95(span.duration)'],
    } as SentryQuery;
    await renderQueryEditor(query);
    expect(screen.getByRole('button', { name: /Remove count\(\)/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Remove p95\(span\.duration\)/ })).toBeInTheDocument();
    expect(screen.queryByText('...')).not.toBeInTheDocument();
  });
});
