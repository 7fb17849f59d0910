import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { Components } from '../selectors';
import type { SentryConfig } from '../sentry/settings';
import { CorrelationSettings } from './CorrelationSettings';

// The real picker needs Grafana's data source service; a select with the same contract stands in.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ current, onChange }: { current: string | null; onChange: (ds: { uid: string }) => void }) => (
    <select
      aria-label="Prometheus data source"
      value={current ?? ''}
      onChange={(e) => onChange({ uid: e.currentTarget.value })}
    >
      <option value="">none</option>
      <option value="prom-uid">Prometheus</option>
    </select>
  ),
}));

const selectors = Components.ConfigEditor.Correlation;

function setup(jsonData: SentryConfig = { labelMap: [{ prometheus: 'service', sentry: 'project' }] }) {
  const onChange = jest.fn();
  render(<CorrelationSettings jsonData={jsonData} onChange={onChange} />);
  return { onChange, user: userEvent.setup({ delay: null }) };
}

describe('CorrelationSettings', () => {
  it('saves the chosen Prometheus data source', async () => {
    const { onChange, user } = setup();
    await user.selectOptions(screen.getByLabelText('Prometheus data source'), 'prom-uid');
    expect(onChange).toHaveBeenCalledWith({ prometheusDatasourceUid: 'prom-uid' });
  });

  it('adds a mapping, saving only complete and valid pairs on blur', async () => {
    const { onChange, user } = setup();
    await user.click(screen.getByTestId(`${selectors.LabelMap.testId} add`));
    await user.type(screen.getByTestId(`${selectors.LabelMap.testId} prometheus 1`), 'env');
    await user.tab();
    // Half a pair is not saved yet.
    expect(onChange).toHaveBeenLastCalledWith({ labelMap: [{ prometheus: 'service', sentry: 'project' }] });
    await user.type(screen.getByTestId(`${selectors.LabelMap.testId} sentry 1`), 'environment');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith({
      labelMap: [
        { prometheus: 'service', sentry: 'project' },
        { prometheus: 'env', sentry: 'environment' },
      ],
    });
  });

  it('does not save a label name Prometheus would reject', async () => {
    const { onChange, user } = setup({ labelMap: [] });
    // Nothing configured yet: the section starts collapsed.
    await user.click(screen.getByRole('button', { name: `Expand section ${selectors.title}` }));
    await user.click(screen.getByTestId(`${selectors.LabelMap.testId} add`));
    await user.type(screen.getByTestId(`${selectors.LabelMap.testId} prometheus 0`), '1bad');
    await user.type(screen.getByTestId(`${selectors.LabelMap.testId} sentry 0`), 'project');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith({ labelMap: [] });
  });

  it('removes a mapping and saves the query template on blur', async () => {
    const { onChange, user } = setup();
    await user.click(screen.getByRole('button', { name: selectors.LabelMap.remove }));
    expect(onChange).toHaveBeenLastCalledWith({ labelMap: [] });
    await user.type(screen.getByTestId(selectors.Query.testId), 'up{{<labels>}');
    expect(onChange).toHaveBeenCalledTimes(1);
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith({ prometheusQuery: 'up{<labels>}' });
  });
});
