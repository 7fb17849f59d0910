/** @jest-environment node */
import { columnTitle, isTimestamp, labelText, makeFrame, parseIsoUtc, toEpochMs, toNumber } from './frames';
import { mulberry32 } from '../../fake-sentry/prng';
import { HOSTILE_TAG } from '../../fake-sentry/hostile';
import { createTestFake, fakeClient, lastHours } from '../../tests/support/fakeSentryClient';
import { defaultQueryFor } from './registry';
import { runQuery } from './run';
import type { SentryQuery } from './query';

/** Sentry's timestamp shapes for one instant, with a few offsets and fraction lengths. */
function shapes(ms: number, random: () => number): string[] {
  const iso = new Date(ms).toISOString(); // 2026-05-01T08:12:44.123Z
  const seconds = iso.slice(0, 19);
  const fraction = iso.slice(20, 23);
  const offsetMinutes = Math.floor(random() * 14 * 60) * (random() < 0.5 ? -1 : 1);
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return [
    `${seconds}Z`,
    `${seconds}+00:00`,
    `${seconds}.${fraction}Z`,
    `${seconds}.${fraction}456Z`,
    `${seconds}.${fraction.slice(0, 1)}Z`,
    `${seconds}.${fraction.slice(0, 2)}+00:00`,
    `${local}${offset}`,
    `${local}.${fraction}${offset}`,
  ];
}

describe('parseIsoUtc', () => {
  it('reads the timestamps Sentry sends exactly as Date.parse does, across years, offsets and fractions', () => {
    const random = mulberry32(11);
    const from = Date.UTC(1950, 0, 1);
    const to = Date.UTC(2150, 0, 1);
    const mismatches: string[] = [];
    let checked = 0;
    for (let i = 0; i < 5000; i++) {
      const ms = from + Math.floor(random() * (to - from));
      for (const text of shapes(ms, random)) {
        const fast = parseIsoUtc(text);
        if (fast !== Date.parse(text)) {
          mismatches.push(`${text}: ${fast} ≠ ${Date.parse(text)}`);
        }
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(40_000);
  });

  it('rolls days past a month’s end over as Date.parse does, leap years included', () => {
    for (const text of [
      '2023-02-29T00:00:00Z',
      '2023-02-30T12:00:00Z',
      '2024-02-29T23:59:59.999Z',
      '2023-04-31T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2023-12-31T23:59:59-00:30',
      '1970-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      expect({ text, ms: parseIsoUtc(text) }).toEqual({ text, ms: Date.parse(text) });
    }
  });

  it('leaves every other shape to Date.parse', () => {
    for (const text of [
      '2023-01-01T10:00:00', // no zone: local time
      '2023-01-01 10:00:00Z',
      '2023-01-01T10:00:00+0530',
      '2023-01-01T24:00:00Z',
      '2023-01-01T23:59:60Z',
      '2023-13-01T10:00:00Z',
      '2023-00-10T10:00:00Z',
      '2023-01-32T10:00:00Z',
      '2023-01-01T10:00:00.Z',
      '2023-01-01T10:00:00+24:00',
      '2023-01-01T10:00:00Zjunk',
      '20x3-01-01T10:00:00Z',
      '+002023-01-01T10:00:00Z',
      'Mon, 01 Jan 2023 10:00:00 GMT',
    ]) {
      expect({ text, ms: parseIsoUtc(text) }).toEqual({ text, ms: undefined });
    }
  });
});

describe('toEpochMs', () => {
  it('agrees with Date.parse on fast and slow shapes, and answers null for missing or unreadable values', () => {
    for (const text of ['2026-05-01T08:12:44.123000Z', '2026-05-01T08:12:44+02:00', 'Mon, 01 Jan 2023 10:00:00 GMT']) {
      expect(toEpochMs(text)).toBe(Date.parse(text));
    }
    expect(toEpochMs('yesterday')).toBeNull();
    expect(toEpochMs('2023-13-01T10:00:00Z')).toBeNull();
    expect(toEpochMs('')).toBeNull();
    expect(toEpochMs(null)).toBeNull();
  });

  it('reads epoch seconds and epoch milliseconds', () => {
    expect(toEpochMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs(1_700_000_000_123)).toBe(1_700_000_000_123);
  });
});

describe('toEpochMs with numeric strings', () => {
  it('reads epoch seconds and milliseconds sent as text', () => {
    expect(toEpochMs('1700000000')).toBe(1_700_000_000_000);
    expect(toEpochMs('1700000000123')).toBe(1_700_000_000_123);
    expect(toEpochMs(' 1700000000.5 ')).toBe(1_700_000_000_500);
  });

  it('is null for anything but a string or a finite number', () => {
    expect([true, {}, [1700000000], Number.NaN, Infinity].map(toEpochMs)).toEqual([null, null, null, null, null]);
  });
});

describe('toNumber', () => {
  it('keeps numbers and converts numeric strings', () => {
    expect([3, 0, -1.5, '150', ' 2.5 ', '1e3', '-7'].map(toNumber)).toEqual([3, 0, -1.5, 150, 2.5, 1000, -7]);
  });

  it('is null for objects, booleans, arrays and other text: nothing else reaches a number field', () => {
    expect([{ count: 1 }, [5], true, false, 'n/a', '', '12 ms', null, undefined, Infinity].map(toNumber)).toEqual(
      new Array(10).fill(null)
    );
  });
});

describe('isTimestamp', () => {
  it('knows ISO date-times and epoch numbers after 2001, not versions, dates alone or counts', () => {
    expect(
      ['2025-04-13T14:19:18+00:00', '2025-04-13T14:19:18.403000Z', 1_700_000_000, 1_700_000_000_123].map(isTimestamp)
    ).toEqual([true, true, true, true]);
    expect(['1.2.0', '2025-04-13', 'yesterday', '2025-13-01T00:00:00Z', 42, true, null].map(isTimestamp)).toEqual(
      new Array(7).fill(false)
    );
  });
});

describe('makeFrame', () => {
  it('pads a shorter field with null so every field has the frame length', () => {
    const frame = makeFrame({
      fields: [
        { name: 'time', type: 'time', values: [1, 2, 3] },
        { name: 'value', type: 'number', values: [5] },
      ],
    });
    expect(frame.length).toBe(3);
    expect(frame.fields.map((f) => [...f.values])).toEqual([
      [1, 2, 3],
      [5, null, null],
    ]);
  });
});

describe('labelText', () => {
  it('gives every Sentry value a text: as written, lists joined, objects as JSON, no value as (none)', () => {
    expect(
      ['1.0', '<b>"x"</b>', '', 7, 0, false, null, undefined, ['a', 2, null], { id: 1 }, [{ id: 1 }]].map(labelText)
    ).toEqual(['1.0', '<b>"x"</b>', '', '7', '0', 'false', '(none)', '(none)', 'a, 2, (none)', '{"id":1}', '{"id":1}']);
  });
});

describe('display names from Sentry values (against the hostile fake)', () => {
  const hostile = createTestFake({ modes: { hostile: true } });
  const grouped: Array<Partial<SentryQuery> & Pick<SentryQuery, 'queryType'>> = [
    { queryType: 'eventsStats', eventsStatsGroups: ['release', `tags[${HOSTILE_TAG}]`], eventsStatsLimit: 5 },
    { queryType: 'sessions', sessionsGroupBy: ['release', 'environment'] },
    { queryType: 'performance', performanceMode: 'timeseries', performanceGroupBy: ['release'] },
  ];

  it.each(grouped)('$queryType: the group values, as text, only where Grafana shows text as it is', async (patch) => {
    const query = { ...defaultQueryFor(patch.queryType, 'A'), ...patch } as SentryQuery;
    const outcome = await runQuery(fakeClient(hostile), query, lastHours(24 * 7));
    expect(outcome.error).toBeUndefined();
    const valueFields = outcome.frames.flatMap((frame) => frame.fields.filter((f) => f.type === 'number'));
    const names = valueFields.map((f) => f.config.displayNameFromDS ?? '');
    expect(names.some((name) => name.includes('window.__lensXss=1'))).toBe(true);
    for (const field of valueFields) {
      // Grafana interpolates `displayName` (`$var`, `${__field.name}`) and not `displayNameFromDS`: a Sentry value
      // belongs in the latter only, as the very text of its labels (nothing escaped: Grafana shows it as text).
      expect(field.config.displayName).toBeUndefined();
      expect(Object.values(field.labels ?? {}).every((v) => typeof v === 'string')).toBe(true);
      expect(field.config.displayNameFromDS).toContain(Object.values(field.labels ?? {}).join(', '));
    }
  });
});

describe('table headers', () => {
  it('plain Sentry columns read as headers; functions, dotted fields and anything else stay as Sentry writes them', () => {
    const names = ['project', 'id', 'user_misery', 'count()', 'span.op', 'p95(span.duration)', 'lastSeen', '$env'];
    expect(names.map((name) => columnTitle(name).displayName)).toEqual([
      'Project',
      'ID',
      'User misery',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  const fake = createTestFake();
  it.each<[Partial<SentryQuery> & Pick<SentryQuery, 'queryType'>, string[]]>([
    [
      {
        queryType: 'events',
        eventsFields: ['id', 'title', 'project', 'count()'],
        eventsSort: 'count()',
        eventsLimit: 5,
      },
      ['ID', 'Title', 'Project', 'count()'],
    ],
    [
      {
        queryType: 'statsV2',
        statsFields: ['sum(quantity)'],
        statsCategory: ['error'],
        statsGroupBy: ['project', 'outcome'],
      },
      ['Project', 'Outcome', 'sum(quantity)'],
    ],
  ])('%o: the table shows them', async (patch, headers) => {
    const query = { ...defaultQueryFor(patch.queryType, 'A'), ...patch } as SentryQuery;
    const outcome = await runQuery(fakeClient(fake), query, lastHours(24));
    expect(outcome.error).toBeUndefined();
    expect(outcome.frames[0].fields.map((f) => f.config.displayName ?? f.name)).toEqual(headers);
  });
});
