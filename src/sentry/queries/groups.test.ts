/** @jest-environment node */
import { ScriptedTransport, json } from '../../../tests/support/scriptedTransport';
import { SentryClient } from '../client';
import { GroupFramesOptions, SentryGroup, groupFrames, groupLabeler } from './groups';

const client = () =>
  new SentryClient({
    transport: new ScriptedTransport(() => json(200, [{ id: '123', slug: 'checkout-api', name: 'Checkout' }])),
    orgSlug: 'acme',
  });

function options(groups: unknown[], patch: Partial<GroupFramesOptions> = {}): GroupFramesOptions {
  return {
    refId: 'A',
    tableName: 'Sessions',
    groups: groups as SentryGroup[],
    labelsOf: (g) => Object.fromEntries(Object.entries(g.by ?? {}).map(([k, v]) => [k, String(v)])),
    groupBy: [],
    fields: ['sum(session)'],
    intervals: ['2021-03-17T10:00:00Z', '2021-03-17T11:00:00Z', '2021-03-17T12:00:00Z'],
    meta: {},
    links: [],
    config: () => ({}),
    missingTotal: null,
    ...patch,
  };
}

describe('groupLabeler', () => {
  it('labels in the requested groupBy order whatever the key order of `by`, keys Sentry added last', async () => {
    const labelsOf = await groupLabeler(client(), ['release', 'project']);
    const a = labelsOf({ by: { 'session.status': 'healthy', project: 123, release: '1.0' } } as never);
    const b = labelsOf({ by: { project: 123, release: '1.0', 'session.status': 'crashed' } } as never);
    expect([Object.entries(a), Object.entries(b)]).toEqual([
      [
        ['release', '1.0'],
        ['project', 'checkout-api'],
        ['session.status', 'healthy'],
      ],
      [
        ['release', '1.0'],
        ['project', 'checkout-api'],
        ['session.status', 'crashed'],
      ],
    ]);
  });

  it('gives every value a text: no value as (none), objects as JSON, an unknown project id as it is', async () => {
    const labelsOf = await groupLabeler(client(), ['release', 'project', 'environment']);
    const labels = labelsOf({ by: { release: null, project: 999, environment: { name: 'prod' } } } as never);
    expect(labels).toEqual({ release: '(none)', project: '999', environment: '{"name":"prod"}' });
  });
});

describe('groupFrames', () => {
  it('gives every group one value per interval: a short series padded with null, a long one cut', () => {
    const frames = groupFrames(
      options([
        { by: { release: 'a' }, series: { 'sum(session)': [1] } },
        { by: { release: 'b' }, series: { 'sum(session)': [1, 2, 3, 4] } },
        { by: { release: 'c' }, series: {} },
      ])
    );
    expect(frames.map((f) => [f.name, f.length, [...f.fields[1].values]])).toEqual([
      ['a', 3, [1, null, null]],
      ['b', 3, [1, 2, 3]],
      ['c', 3, [null, null, null]],
    ]);
  });

  it('series and totals hold numbers or null: numeric strings converted, anything else null', () => {
    const group = { by: {}, series: { 'sum(session)': ['5', { n: 1 }, true] }, totals: { 'sum(session)': '8' } };
    const [series] = groupFrames(options([group]));
    expect([...series.fields[1].values]).toEqual([5, null, null]);
    const [table] = groupFrames(
      options([group, { by: {}, totals: { 'sum(session)': 'n/a' } }], { intervals: undefined })
    );
    expect([...table.fields[0].values]).toEqual([8, null]);
  });

  it('a total Sentry left out is the query type’s missing total', () => {
    const [table] = groupFrames(options([{ by: {}, totals: {} }], { intervals: undefined, missingTotal: 0 }));
    expect([...table.fields[0].values]).toEqual([0]);
  });
});
