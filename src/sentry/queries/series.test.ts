/** @jest-environment node */
import { MAX_SERIES_POINTS } from '../limits';
import { Series, incompleteNotice, seriesFrames, seriesFromEventsStats, seriesFromEventsTimeseries } from './series';

const obj = (points: Array<[number, number | null] | [number, 'empty']>, order?: number) => ({
  data: points.map(([t, v]) => [t, v === 'empty' ? [] : [{ count: v }]]),
  start: 1714557600,
  end: 1714564800,
  isMetricsData: false,
  meta: { fields: { time: 'date', count: 'integer' } },
  ...(order === undefined ? {} : { order }),
});

describe('seriesFromEventsStats', () => {
  it('shape A: one y-axis, no groups; null stays null, an empty bucket is zero', () => {
    const series = seriesFromEventsStats(
      obj([
        [1714557600, 12],
        [1714561200, null],
        [1714564800, 'empty'],
      ]),
      ['count()'],
      []
    );
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      yAxis: 'count()',
      labels: {},
      times: [1714557600000, 1714561200000, 1714564800000],
      values: [12, null, 0],
    });
    expect(series[0].column.config.decimals).toBe(0);
  });

  it('shape B: several y-axes, in the order they were asked for', () => {
    const body = { 'failure_rate()': obj([[1, 0.5]], 1), 'count()': obj([[1, 9]], 0) };
    const series = seriesFromEventsStats(body, ['count()', 'failure_rate()'], []);
    expect(series.map((s) => s.yAxis)).toEqual(['count()', 'failure_rate()']);
    expect(series[1].column.config.unit).toBe('percentunit');
  });

  it('shape C: top events with an Other series, ranked by order, labelled by group field', () => {
    const body = { Other: obj([[1, 4]], 2), '/api/cart': obj([[1, 31]], 1), '/api/checkout': obj([[1, 80]], 0) };
    const series = seriesFromEventsStats(body, ['count()'], ['transaction']);
    expect(series.map((s) => s.labels)).toEqual([
      { transaction: '/api/checkout' },
      { transaction: '/api/cart' },
      { transaction: 'Other' },
    ]);
    expect(series[2].isOther).toBe(true);
  });

  it('shape C with two group fields: splits the comma-joined label by field name order', () => {
    const body = { 'production,checkout-api': obj([[1, 5]], 0) };
    const [s] = seriesFromEventsStats(body, ['count()'], ['project', 'environment']);
    expect(s.labels).toEqual({ environment: 'production', project: 'checkout-api' });
  });

  it('shape D: group → y-axis → series', () => {
    const body = {
      'Group B': { 'count()': obj([[1, 2]], 0), 'p95(transaction.duration)': obj([[1, 300]], 1), order: 1 },
      'Group A': { 'count()': obj([[1, 7]], 0), 'p95(transaction.duration)': obj([[1, 250]], 1), order: 0 },
    };
    const series = seriesFromEventsStats(body, ['count()', 'p95(transaction.duration)'], ['transaction']);
    expect(series.map((s) => `${s.labels.transaction}|${s.yAxis}`)).toEqual([
      'Group A|count()',
      'Group A|p95(transaction.duration)',
      'Group B|count()',
      'Group B|p95(transaction.duration)',
    ]);
    expect(series[1].column.config.unit).toBe('ms');
  });

  it('shape E/F: the empty-label group and the empty answer', () => {
    expect(seriesFromEventsStats({ '': obj([[1, 3]], 0) }, ['count()'], ['transaction'])[0].labels).toEqual({
      transaction: '',
    });
    expect(seriesFromEventsStats({ data: [] }, ['count()'], [])).toEqual([]);
  });

  it('refuses a non-object answer', () => {
    expect(() => seriesFromEventsStats([], ['count()'], [])).toThrow('not an object');
  });

  it('sums the entries of a bucket, as Sentry charts them; entries without a numeric count add nothing', () => {
    const data = [
      [1, [{ count: 321 }, { count: 79 }]],
      [2, [{ count: null }, { count: 5 }]],
      [3, [{ count: null }, { count: null }]],
      [4, [{ count: '7' }]],
      [5, [{ count: { value: 1 } }, { count: true }]],
    ];
    expect(seriesFromEventsStats({ data, start: 1 }, ['count()'], [])[0].values).toEqual([400, 5, null, 7, null]);
  });

  it('reads a bucket time sent as a numeric string, and skips a bucket without a time', () => {
    const data = [
      ['1714557600', [{ count: 1 }]],
      ['soon', [{ count: 2 }]],
    ];
    expect(seriesFromEventsStats({ data, start: 1 }, ['count()'], [])[0]).toMatchObject({
      times: [1714557600000],
      values: [1],
    });
  });
});

describe('seriesFromEventsTimeseries', () => {
  it('reads groupBy pairs, millisecond times, value types and Other', () => {
    const body = {
      timeSeries: [
        {
          yAxis: 'p95(span.duration)',
          values: [
            { timestamp: 1714557600000, value: 120.5, incomplete: false },
            { timestamp: 1714561200000, value: null, incomplete: true },
          ],
          groupBy: [{ key: 'transaction', value: '/api/cart' }],
          meta: { valueType: 'duration', valueUnit: 'millisecond', interval: 3600000, order: 1, isOther: false },
        },
        {
          yAxis: 'p95(span.duration)',
          values: [{ timestamp: 1714557600000, value: 99 }],
          groupBy: [{ key: 'transaction', value: null }],
          meta: { valueType: 'duration', valueUnit: 'millisecond', interval: 3600000, order: 2, isOther: true },
        },
        {
          yAxis: 'p95(span.duration)',
          values: [{ timestamp: 1714557600000, value: 80 }],
          groupBy: [{ key: 'transaction', value: '/api/checkout' }],
          meta: { valueType: 'duration', valueUnit: 'millisecond', interval: 3600000, order: 0, isOther: false },
        },
      ],
      meta: { dataset: 'spans', start: 1714557600000, end: 1714564800000 },
    };
    const series = seriesFromEventsTimeseries(body, ['p95(span.duration)']);
    expect(series.map((s) => s.labels.transaction)).toEqual(['/api/checkout', '/api/cart', 'Other']);
    expect(series[1]).toMatchObject({ times: [1714557600000, 1714561200000], values: [120.5, null] });
    expect(series[0].column.config.unit).toBe('ms');
  });

  it('labels a group by the text of any value Sentry sends for it', () => {
    const values = ['<b>"x"</b>', 42, true, null, ['a', 'b'], { id: 1 }];
    const body = {
      timeSeries: values.map((value, order) => ({
        yAxis: 'count()',
        values: [{ timestamp: 1714557600000, value: 1 }],
        groupBy: [{ key: 'tags[note]', value }],
        meta: { valueType: 'integer', valueUnit: null, interval: 3600000, order, isOther: false },
      })),
    };
    const frames = seriesFrames(seriesFromEventsTimeseries(body, ['count()'], ['tags[note]']), {
      refId: 'A',
      meta: {},
      multipleYAxes: false,
    });
    const texts = ['<b>"x"</b>', '42', 'true', '(none)', 'a, b', '{"id":1}'];
    expect(frames.map((f) => f.fields[1].labels)).toEqual(texts.map((text) => ({ 'tags[note]': text })));
    expect(frames.map((f) => [f.name, f.fields[1].config.displayNameFromDS])).toEqual(texts.map((t) => [t, t]));
  });

  const point = (timestamp: unknown, value: unknown, incomplete = false) => ({ timestamp, value, incomplete });
  const oneSeries = (values: unknown[]) => ({
    timeSeries: [{ yAxis: 'count()', values, meta: { valueType: 'integer', valueUnit: null, interval: 3600000 } }],
  });

  it('an incomplete bucket has no value, also when Sentry sends 0 for it, and the series says how many', () => {
    const [series] = seriesFromEventsTimeseries(
      oneSeries([point(1714557600000, 5), point(1714561200000, 3, true), point(1714564800000, 0, true)]),
      ['count()']
    );
    expect(series.values).toEqual([5, null, null]);
    expect(series.incomplete).toEqual({ buckets: 2, trailing: true });
    expect(incompleteNotice(series)?.text).toBe(
      'The last 2 buckets are incomplete (Sentry is still receiving their events): shown without a value.'
    );
  });

  it('an incomplete bucket before complete ones is counted, not called the last', () => {
    const [series] = seriesFromEventsTimeseries(oneSeries([point(1714557600000, 0, true), point(1714561200000, 2)]), [
      'count()',
    ]);
    expect(incompleteNotice(series)?.text).toBe(
      '1 bucket is incomplete (Sentry is still receiving their events): shown without a value.'
    );
    expect(incompleteNotice(seriesFromEventsTimeseries(oneSeries([point(1, 1)]), ['count()'])[0])).toBeUndefined();
  });

  it('reads numeric-string timestamps and values; objects and booleans are no value', () => {
    const [series] = seriesFromEventsTimeseries(
      oneSeries([
        point('1714557600000', '12'),
        point(1714561200000, { value: 1 }),
        point(1714564800000, true),
        point('later', 4),
      ]),
      ['count()']
    );
    expect(series).toMatchObject({ times: [1714557600000, 1714561200000, 1714564800000], values: [12, null, null] });
  });

  it('refuses an answer without timeSeries', () => {
    expect(() => seriesFromEventsTimeseries({ data: [] }, ['count()'])).toThrow('without a timeSeries list');
  });
});

describe('seriesFrames', () => {
  it('makes one labelled frame per series with a display name', () => {
    const series = seriesFromEventsStats(
      { a: { 'count()': obj([[1, 1]], 0), 'epm()': obj([[1, 2]], 1), order: 0 } },
      ['count()', 'epm()'],
      ['release']
    );
    const frames = seriesFrames(series, { refId: 'B', meta: { executedQueryString: 'GET x' }, multipleYAxes: true });
    expect(frames).toHaveLength(2);
    expect(frames[1].fields[1]).toMatchObject({
      name: 'epm()',
      type: 'number',
      labels: { release: 'a' },
      config: { displayNameFromDS: 'a · epm()', unit: 'cpm' },
    });
    expect(frames[0].meta).toMatchObject({ type: 'timeseries-multi', executedQueryString: 'GET x' });
    expect(frames[0].fields[0]).toMatchObject({ name: 'time', type: 'time', values: [1000] });
  });

  it('gives every series one value per time: a short one padded with null, a long one cut', () => {
    const base: Series = {
      yAxis: 'count()',
      labels: {},
      order: 0,
      isOther: false,
      times: [],
      values: [],
      column: { type: 'number', config: {} },
    };
    const frames = seriesFrames(
      [
        { ...base, times: [1, 2, 3], values: [7] },
        { ...base, times: [1], values: [7, 8, 9] },
      ],
      { refId: 'A', meta: {}, multipleYAxes: false }
    );
    expect(frames.map((f) => [f.length, [...f.fields[1].values]])).toEqual([
      [3, [7, null, null]],
      [1, [7]],
    ]);
  });

  it('adds the incomplete-bucket notice to the frames of the series that have one', () => {
    const base: Series = {
      yAxis: 'count()',
      labels: {},
      order: 0,
      isOther: false,
      times: [1],
      values: [null],
      column: { type: 'number', config: {} },
    };
    const notice = { severity: 'info' as const, text: 'kept' };
    const frames = seriesFrames([base, { ...base, incomplete: { buckets: 1, trailing: true } }], {
      refId: 'A',
      meta: { notices: [notice] },
      multipleYAxes: false,
    });
    expect(frames.map((f) => f.meta?.notices?.length)).toEqual([1, 2]);
    expect(frames[1].meta?.notices?.[0]).toEqual(notice);
  });
});

describe('points past MAX_SERIES_POINTS', () => {
  const SENT = 1_000_000;
  const dropped = SENT - MAX_SERIES_POINTS;
  const notice = {
    severity: 'warning',
    text: `Sentry sent ${SENT} points for this series, more than the ${MAX_SERIES_POINTS} a series keeps: the last ${dropped} were dropped.`,
  };
  const frameOf = (series: Series[]) => seriesFrames(series, { refId: 'A', meta: {}, multipleYAxes: false })[0];

  it('are dropped from an events-stats series, and its frame says so', () => {
    const data = Array.from({ length: SENT }, (_, i) => [1714557600 + i * 60, [{ count: 1 }]]);
    const series = seriesFromEventsStats({ data, start: 1714557600 }, ['count()'], []);
    expect(series[0].times).toHaveLength(MAX_SERIES_POINTS);
    expect(series[0].values).toHaveLength(MAX_SERIES_POINTS);
    expect(series[0].dropped).toBe(dropped);
    const frame = frameOf(series);
    expect(frame.length).toBe(MAX_SERIES_POINTS);
    expect(frame.meta?.notices).toEqual([notice]);
  });

  it('are dropped from an events-timeseries series, and its frame says so', () => {
    const values = Array.from({ length: SENT }, (_, i) => ({ timestamp: 1714557600000 + i * 60_000, value: 1 }));
    const series = seriesFromEventsTimeseries({ timeSeries: [{ yAxis: 'count()', values, meta: {} }] }, ['count()']);
    expect(series[0].times).toHaveLength(MAX_SERIES_POINTS);
    expect(series[0].dropped).toBe(dropped);
    expect(frameOf(series).meta?.notices).toEqual([notice]);
  });

  it('are dropped from a series built from another answer (sessions, usage) when it becomes a frame', () => {
    const times = Array.from({ length: SENT }, (_, i) => i);
    const frame = frameOf([
      {
        yAxis: 'sum(session)',
        labels: {},
        order: 0,
        isOther: false,
        times,
        values: times.map(() => 1),
        column: { type: 'number', config: {} },
      },
    ]);
    expect(frame.length).toBe(MAX_SERIES_POINTS);
    expect(frame.fields[1].values).toHaveLength(MAX_SERIES_POINTS);
    expect(frame.meta?.notices).toEqual([notice]);
  });

  it('are not reached by a series of Sentry’s own largest size', () => {
    const data = Array.from({ length: 10_001 }, (_, i) => [1714557600 + i * 60, [{ count: 1 }]]);
    const [series] = seriesFromEventsStats({ data, start: 1714557600 }, ['count()'], []);
    expect(series.dropped).toBeUndefined();
    expect(frameOf([series]).meta?.notices).toBeUndefined();
  });
});
