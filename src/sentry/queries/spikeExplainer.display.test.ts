/** The spike explainer's frame after Grafana's field processing, as a table panel shows it. */
import { applyFieldOverrides, createTheme, formattedValueToString } from '@grafana/data';

import { HOUR, createTestFake, fakeClient } from '../../../tests/support/fakeSentryClient';
import { runQuery } from '../run';

const fake = createTestFake();
const burst = fake.scenario.burst;

it('shows the ratio of an issue without baseline events as "new", and other ratios as multiples', async () => {
  const outcome = await runQuery(
    fakeClient(fake),
    { refId: 'A', queryType: 'spikeExplainer', spikeBaseline: 'previousDay' },
    { range: { from: new Date(burst.start), to: new Date(burst.start + 2 * HOUR) } }
  );
  const [frame] = applyFieldOverrides({
    data: outcome.frames,
    fieldConfig: { defaults: {}, overrides: [] },
    replaceVariables: (value) => value,
    theme: createTheme(),
    timeZone: 'utc',
  });
  const ratio = frame.fields.find((f) => f.name === 'ratio')!;
  expect(ratio.values[0]).toBeNull();
  expect(formattedValueToString(ratio.display!(ratio.values[0]))).toBe('new');
  expect(formattedValueToString(ratio.display!(3.24))).toBe('3.2 ×');
});
