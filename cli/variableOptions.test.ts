// A query variable's options from its data source's answer, by Grafana's rules: regex, duplicates, sort.
import { FoundValue, VARIABLE_SORT, sortOptions, toOptions, variableRegex } from './variableOptions';

const found = (...values: string[]): FoundValue[] => values.map((v) => ({ text: v, value: v }));
const labels = (options: Array<{ label: string }>) => options.map((o) => o.label);

describe('variableRegex', () => {
  it('takes a bare pattern as matching the whole string, /…/flags as written', () => {
    expect(variableRegex('prod.*').test('production')).toBe(true);
    expect(variableRegex('prod').test('production')).toBe(false);
    expect(variableRegex('/prod/i').test('PRE-PROD-1')).toBe(true);
    expect(variableRegex('/a/g').global).toBe(true);
  });

  it('rejects /…/ with unknown flags', () => {
    expect(() => variableRegex('/a/x')).toThrow("'/a/x' is not a valid regular expression.");
  });
});

describe('toOptions', () => {
  it('keeps the answer as it came without regex or sort, numbers as text, one option per value', () => {
    const options = toOptions([
      { text: 'b', value: 'b' },
      { value: 7 },
      { text: 'only text' },
      { text: 'B', value: 'b' },
    ]);
    expect(options).toEqual([
      { label: 'b', value: 'b' },
      { label: '7', value: '7' },
      { label: 'only text', value: 'only text' },
    ]);
  });

  it('keeps only what the regex matches, its first group when it has one', () => {
    const answer = found('checkout-api@2.4.1', 'checkout-api@2.4.0', 'web@1.0', 'checkout-api@2.4.1');
    expect(labels(toOptions(answer, { regex: '/^checkout-api@/' }))).toEqual([
      'checkout-api@2.4.1',
      'checkout-api@2.4.0',
    ]);
    expect(toOptions(answer, { regex: '/@(.*)$/' })).toEqual([
      { label: '2.4.1', value: '2.4.1' },
      { label: '2.4.0', value: '2.4.0' },
      { label: '1.0', value: '1.0' },
    ]);
  });

  it('reads named groups value and text', () => {
    const answer = [{ text: 'Checkout API', value: '42:checkout-api' }];
    expect(toOptions(answer, { regex: '/(?<value>\\d+):(?<text>.+)/' })).toEqual([
      { label: 'checkout-api', value: '42' },
    ]);
    expect(toOptions(answer, { regex: '/(?<value>\\d+)/' })).toEqual([{ label: '42', value: '42' }]);
  });

  it('applies the regex to the text when told to', () => {
    const answer = [
      { text: 'Checkout API', value: '1' },
      { text: 'Web', value: '2' },
    ];
    expect(toOptions(answer, { regex: 'Check.*', regexApplyTo: 'text' })).toEqual([
      { label: 'Checkout API', value: '1' },
    ]);
  });

  it('makes one option per match of a global regex with a group', () => {
    expect(labels(toOptions(found('a=1,b=2'), { regex: '/(\\w)=/g' }))).toEqual(['a', 'b']);
  });

  it('sorts after filtering', () => {
    expect(labels(toOptions(found('b', 'c', 'a'), { sort: VARIABLE_SORT.alphabeticalDesc }))).toEqual(['c', 'b', 'a']);
  });
});

describe('sortOptions', () => {
  const options = ['web-10', 'Api-2', 'api-1', 'web-9', 'none'].map((v) => ({ label: v, value: v }));

  it.each<[keyof typeof VARIABLE_SORT, string[]]>([
    ['disabled', ['web-10', 'Api-2', 'api-1', 'web-9', 'none']],
    // Code-unit order: capitals first.
    ['alphabeticalAsc', ['Api-2', 'api-1', 'none', 'web-10', 'web-9']],
    ['alphabeticalDesc', ['web-9', 'web-10', 'none', 'api-1', 'Api-2']],
    // By the first number in the label; none counts as -1.
    ['numericalAsc', ['none', 'api-1', 'Api-2', 'web-9', 'web-10']],
    ['numericalDesc', ['web-10', 'web-9', 'Api-2', 'api-1', 'none']],
    ['alphabeticalCaseInsensitiveAsc', ['api-1', 'Api-2', 'none', 'web-10', 'web-9']],
    ['alphabeticalCaseInsensitiveDesc', ['web-9', 'web-10', 'none', 'Api-2', 'api-1']],
    // Numbers inside labels compare as numbers.
    ['naturalAsc', ['api-1', 'Api-2', 'none', 'web-9', 'web-10']],
    ['naturalDesc', ['web-10', 'web-9', 'none', 'Api-2', 'api-1']],
  ])('%s', (sort, expected) => {
    expect(labels(sortOptions(options, VARIABLE_SORT[sort]))).toEqual(expected);
  });
});
