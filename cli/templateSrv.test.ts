// The TemplateSrv stand-in against Grafana's documented interpolation and the helpers @grafana/data and
// @grafana/schema export (format ids, regex and HTML escaping, dates).
import { dateTime, escapeRegex as grafanaEscapeRegex, textUtil, type ScopedVars } from '@grafana/data';
import { getTemplateSrv, setTemplateSrv, type TemplateSrv, type VariableInterpolation } from '@grafana/runtime';
import { VariableFormatID } from '@grafana/schema';

import {
  DashboardTemplateSrv,
  DashboardVariable,
  FORMATS,
  FormatVariable,
  VariableValue,
  escapeHtml,
  escapeRegex,
} from './templateSrv';

const FROM = Date.parse('2020-07-13T20:19:09.254Z');
const TO = FROM + 3600_000;

const variable = (name: string, value: unknown, extra: Partial<DashboardVariable> = {}): DashboardVariable => ({
  name,
  type: 'custom',
  current: { value, text: value },
  ...extra,
});

/** One variable named `servers` with the given value (a list = a multi-value selection). */
function srvWith(value: unknown, extra: Partial<DashboardVariable> = {}) {
  return new DashboardTemplateSrv([variable('servers', value, { multi: Array.isArray(value), ...extra })], {
    timeRange: { from: dateTime(FROM), to: dateTime(TO) },
  });
}

describe('variable syntaxes', () => {
  const srv = srvWith(['test1', 'test2']);
  it.each([
    ['$servers', '{test1,test2}'],
    ['${servers}', '{test1,test2}'],
    ['${servers:csv}', 'test1,test2'],
    ['[[servers]]', '{test1,test2}'],
    ['[[servers:pipe]]', 'test1|test2'],
    ['a.$servers.b', 'a.{test1,test2}.b'],
    ['x${servers:csv}y', 'xtest1,test2y'],
  ])('%s → %s', (target, expected) => {
    expect(srv.replace(target)).toBe(expected);
  });

  it.each(['$nope', '${nope}', '${nope:csv}', '[[nope]]', '[[nope:csv]]', '${nope.field}', 'price: $ 5'])(
    'leaves %s as written (unknown name)',
    (target) => {
      expect(srv.replace(target)).toBe(target);
      expect(srv.replace(target, {}, () => 'formatted')).toBe(target);
    }
  );

  it('returns an empty string for no target', () => {
    expect(srv.replace(undefined)).toBe('');
    expect(srv.replace('')).toBe('');
  });
});

// Grafana's documented examples (docs: Variable syntax › Advanced variable format options), single and multi.
describe.each<[string, VariableValue, string, VariableValue, string]>([
  ['glob', 'test1', 'test1', ['test1', 'test2'], '{test1,test2}'],
  ['csv', 'test1', 'test1', ['test1', 'test2'], 'test1,test2'],
  ['raw', 'test1.', 'test1.', ['test1.', 'test2'], 'test1.,test2'],
  ['pipe', 'test1.', 'test1.', ['test1.', 'test2'], 'test1.|test2'],
  ['distributed', 'test1', 'test1', ['test1', 'test2'], 'test1,servers=test2'],
  ['json', 'test1', 'test1', ['test1', 'test2'], '["test1","test2"]'],
  ['lucene', 'foo bar', 'foo\\ bar', ['foo bar', 'baz'], '("foo\\ bar" OR "baz")'],
  ['regex', 'test1.', 'test1\\.', ['test1.', 'test2'], '(test1\\.|test2)'],
  ['singlequote', "test'1", "'test\\'1'", ['test1', "test'2"], "'test1','test\\'2'"],
  ['doublequote', 'test"1', '"test\\"1"', ['test1', 'test"2'], '"test1","test\\"2"'],
  ['sqlstring', "test'1", "'test''1'", ["test'1", 'test"2'], "'test''1','test\\\"2'"],
  [
    'percentencode',
    'foo()bar BAZ',
    'foo%28%29bar%20BAZ',
    ['foo()bar BAZ', 'test2'],
    '%7Bfoo%28%29bar%20BAZ%2Ctest2%7D',
  ],
  ['uriencode', '/a?q=foo()bar BAZ', '/a?q=foo%28%29bar%20BAZ', ['a b', 'c'], '%7Ba%20b,c%7D'],
  ['html', '<b>"x"</b>', '&lt;b&gt;&quot;x&quot;&lt;/b&gt;', ['<i>', 'j'], '&lt;i&gt;, j'],
  ['text', 'test1', 'test1', ['test1', 'test2'], 'test1 + test2'],
  ['queryparam', 'helloAZ%=', 'var-servers=helloAZ%25%3D', ['test1', 'test2'], 'var-servers=test1&var-servers=test2'],
  ['join', 'hello', 'hello', ['hello', 'world'], 'hello,world'],
  ['customqueryparam', 'api', 'servers=api', ['api', 'db'], 'servers=api&servers=db'],
  ['no-such-format', 'test1', 'test1', ['test1', 'test2'], '{test1,test2}'],
])('format %s', (format, single, singleExpected, multi, multiExpected) => {
  it(`single value ${JSON.stringify(single)}`, () => {
    const srv = srvWith(single);
    expect(srv.replace(`\${servers:${format}}`)).toBe(singleExpected);
    expect(srv.replace('$servers', undefined, format)).toBe(singleExpected);
  });
  it(`multi value ${JSON.stringify(multi)}`, () => {
    const srv = srvWith(multi);
    expect(srv.replace(`\${servers:${format}}`)).toBe(multiExpected);
    expect(srv.replace('[[servers]]', undefined, format)).toBe(multiExpected);
  });
});

describe('formats with arguments and special cases', () => {
  it.each([
    ['${servers:join: | }', ['hello', 'world'], 'hello | world'],
    ['${servers:customqueryparam:p-server:v-}', ['api', 'db'], 'p-server=v-api&p-server=v-db'],
    ['${servers:lucene}', [], '__empty__'],
    ['${servers:lucene}', '-1', '-1'],
    ['${servers:lucene}', '-test', '\\-test'],
    ['${servers:regex}', ['test1.'], 'test1\\.'],
    ['${servers:glob}', ['only'], 'only'],
    ['${servers:glob}', [], ''],
  ])('%s with %j → %s', (target, value, expected) => {
    expect(srvWith(value).replace(target)).toBe(expected);
  });

  it('text uses the saved text, not the value', () => {
    const srv = new DashboardTemplateSrv([{ name: 'p', current: { value: '42', text: 'checkout-api' } }]);
    expect(srv.replace('${p:text} ${p}')).toBe('checkout-api 42');
  });

  it('dates: $__from and $__to from the time range, in ms, seconds or ISO', () => {
    const srv = srvWith('x');
    expect(srv.replace('$__from ${__to}')).toBe(`${FROM} ${TO}`);
    expect(srv.replace('${__from:date}')).toBe(dateTime(FROM).toISOString());
    expect(srv.replace('${__from:date:iso}')).toBe('2020-07-13T20:19:09.254Z');
    expect(srv.replace('${__from:date:seconds}')).toBe('1594671549');
    expect(srv.replace('${__to:date:ms}')).toBe(String(TO));
    expect(new DashboardTemplateSrv().replace('$__from')).toBe('$__from');
  });

  it('updateTimeRange moves $__from and $__to', () => {
    const srv = new DashboardTemplateSrv();
    srv.updateTimeRange({ from: dateTime(1000), to: dateTime(2000) });
    expect(srv.replace('$__from-$__to')).toBe('1000-2000');
  });
});

describe('matches @grafana/data and @grafana/schema', () => {
  const strings = [
    'plain',
    'a.b*c',
    '(x|y)',
    '[0-9]+$',
    '^start',
    'back\\slash',
    'a/b',
    '{1,2}',
    '<tag a="1">',
    "it's",
  ];

  it('knows every format id of VariableFormatID', () => {
    for (const id of Object.values(VariableFormatID)) {
      expect({ id, known: id in FORMATS }).toEqual({ id, known: true });
    }
  });

  it.each(strings)('regex escaping of %j is escapeRegex’s', (s) => {
    expect(escapeRegex(s)).toBe(grafanaEscapeRegex(s));
    expect(srvWith(s).replace('${servers:regex}')).toBe(grafanaEscapeRegex(s));
  });

  it.each(strings)('HTML escaping of %j is textUtil.escapeHtml’s', (s) => {
    expect(escapeHtml(s)).toBe(textUtil.escapeHtml(s));
  });

  it('is a TemplateSrv that @grafana/runtime accepts', () => {
    const srv: TemplateSrv = srvWith(['a', 'b']);
    setTemplateSrv(srv);
    expect(getTemplateSrv().replace('${servers:csv}')).toBe('a,b');
  });
});

describe('All', () => {
  const options = [
    { text: 'All', value: '$__all' },
    { text: 'a', value: 'a' },
    { text: 'b', value: 'b' },
  ];

  it.each([['$__all'], [['$__all']]])('without a custom all value: every option (current %j)', (value) => {
    const srv = srvWith(value, { includeAll: true, options });
    expect(srv.replace('$servers')).toBe('{a,b}');
    expect(srv.replace('${servers:csv}')).toBe('a,b');
    expect(srv.replace('${servers:text}')).toBe('All');
    expect(srv.replace('$servers', undefined, (v: VariableValue) => JSON.stringify(v))).toBe('["a","b"]');
  });

  it('without options: an empty list', () => {
    const srv = srvWith(['$__all'], { includeAll: true });
    expect(srv.replace('$servers', undefined, (v: VariableValue) => JSON.stringify(v))).toBe('[]');
    expect(srv.replace('${servers:csv}')).toBe('');
  });

  it('with a custom all value: sent as written, whatever the format, variables in it replaced', () => {
    const srv = new DashboardTemplateSrv([
      variable('servers', '$__all', { includeAll: true, allValue: '.*', options }),
      variable('pattern', '$__all', { includeAll: true, allValue: '$env-*', options }),
      variable('env', 'prod'),
    ]);
    expect(srv.replace('$servers')).toBe('.*');
    expect(srv.replace('${servers:regex}')).toBe('.*');
    expect(srv.replace('${servers:doublequote}')).toBe('.*');
    expect(srv.replace('$servers', undefined, () => 'never called')).toBe('.*');
    expect(srv.replace('$pattern')).toBe('prod-*');
    // Three formats make an exception, as in Grafana.
    expect(srv.replace('${servers:text}')).toBe('All');
    expect(srv.replace('${servers:percentencode}')).toBe('.%2A');
    expect(srv.replace('${servers:queryparam}')).toBe('var-servers=All');
  });
});

describe('scopedVars', () => {
  const srv = new DashboardTemplateSrv([variable('env', 'production'), variable('region', ['eu', 'us'])]);

  it('win over the dashboard’s variables', () => {
    expect(srv.replace('$env', { env: { text: 'Staging', value: 'staging' } })).toBe('staging');
    expect(srv.replace('${env:text}', { env: { text: 'Staging', value: 'staging' } })).toBe('Staging');
  });

  it('give variables the dashboard lacks (e.g. $__interval), as text', () => {
    const scoped: ScopedVars = { __interval_ms: { text: '30000', value: 30000 } };
    expect(srv.replace('$__interval_ms $region', scoped)).toBe('30000 {eu,us}');
  });

  it('read a field path', () => {
    expect(srv.replace('${row.service.name}', { row: { text: '', value: { service: { name: 'api' } } } })).toBe('api');
  });

  it('without a value leave the dashboard’s variable in charge', () => {
    expect(srv.replace('$env', { env: { text: '', value: undefined } })).toBe('production');
  });
});

describe('a format function', () => {
  const srv = new DashboardTemplateSrv([
    variable('env', 'production'),
    variable('region', ['eu', 'us'], { multi: true, includeAll: true }),
  ]);

  it('gets the value (a list for several), the variable and the default formatter', () => {
    const calls: Array<[VariableValue, FormatVariable]> = [];
    const format = (
      value: VariableValue,
      v: FormatVariable,
      defaultFormat: (x: VariableValue, f?: string) => string
    ) => {
      calls.push([value, v]);
      return `<${defaultFormat(value, 'pipe')}>`;
    };
    expect(srv.replace('$env / $region / $nope', undefined, format)).toBe('<production> / <eu|us> / $nope');
    expect(calls).toEqual([
      ['production', { name: 'env', type: 'custom', multi: undefined, includeAll: undefined }],
      [['eu', 'us'], { name: 'region', type: 'custom', multi: true, includeAll: true }],
    ]);
  });

  it('gives way to a format written in the expression', () => {
    expect(srv.replace('${region:csv}', undefined, () => 'function')).toBe('eu,us');
  });
});

describe('the rest of TemplateSrv', () => {
  const srv = new DashboardTemplateSrv([
    { name: 'env', label: 'Environment', type: 'query', current: { value: 'production', text: 'production' } },
  ]);

  it('getVariables lists the dashboard’s variables', () => {
    expect(srv.getVariables()).toEqual([
      expect.objectContaining({ name: 'env', label: 'Environment', type: 'query', current: expect.anything() }),
    ]);
  });

  it('containsTemplate: only known names count', () => {
    expect(srv.containsTemplate('environment:$env')).toBe(true);
    expect(srv.containsTemplate('environment:$other')).toBe(false);
    expect(srv.containsTemplate(undefined)).toBe(false);
  });

  it('records what it interpolated', () => {
    const interpolations: VariableInterpolation[] = [];
    srv.replace('${env:csv} $nope', undefined, undefined, interpolations);
    expect(interpolations).toEqual([
      {
        match: '${env:csv}',
        variableName: 'env',
        fieldPath: undefined,
        format: 'csv',
        value: 'production',
        found: true,
      },
      { match: '$nope', variableName: 'nope', fieldPath: undefined, format: undefined, value: '$nope', found: false },
    ]);
  });
});
