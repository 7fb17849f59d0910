/** @jest-environment node */
import { buildQueryString, requestKey } from './transport';

describe('buildQueryString', () => {
  it('encodes as URLSearchParams does (the URL Sentry gets), repeated keys in order', () => {
    const params: Array<[string, string]> = [
      ['field', 'count()'],
      ['field', 'p95(transaction.duration)'],
      ['query', 'is:unresolved !user.email:"a b"@x.io ~*ü€😀'],
      ['cursor', '0:100:0'],
    ];
    const expected = new URLSearchParams();
    params.forEach(([k, v]) => expected.append(k, v));
    expect(buildQueryString(params)).toBe(`?${expected}`);
    expect(buildQueryString([])).toBe('');
    expect(buildQueryString(undefined)).toBe('');
  });
});

describe('requestKey', () => {
  const path = '/api/0/organizations/acme/events/';

  it('is the same whatever order the keys come in', () => {
    expect(
      requestKey({
        path,
        params: [
          ['query', 'x'],
          ['field', 'a'],
          ['project', '1'],
          ['field', 'b'],
        ],
      })
    ).toBe(
      requestKey({
        path,
        params: [
          ['field', 'a'],
          ['field', 'b'],
          ['project', '1'],
          ['query', 'x'],
        ],
      })
    );
  });

  it('tells apart a key’s values in another order, other values, other paths and no parameters', () => {
    const keys = [
      requestKey({
        path,
        params: [
          ['field', 'a'],
          ['field', 'b'],
        ],
      }),
      requestKey({
        path,
        params: [
          ['field', 'b'],
          ['field', 'a'],
        ],
      }),
      requestKey({ path, params: [['field', 'a&field=b']] }),
      requestKey({
        path,
        params: [
          ['field', 'a'],
          ['field=b', ''],
        ],
      }),
      requestKey({
        path: '/api/0/organizations/acme/issues/',
        params: [
          ['field', 'a'],
          ['field', 'b'],
        ],
      }),
      requestKey({ path }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(requestKey({ path, params: [] })).toBe(requestKey({ path }));
  });

  it('leaves the request’s parameters as they were', () => {
    const params: Array<[string, string]> = [
      ['query', 'x'],
      ['field', 'a'],
    ];
    requestKey({ path, params });
    expect(params).toEqual([
      ['query', 'x'],
      ['field', 'a'],
    ]);
  });
});
