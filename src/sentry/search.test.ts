/** @jest-environment node */
import { joinSearch, searchFilter, searchValue } from './search';

describe('search syntax', () => {
  it('leaves plain values bare', () => {
    expect(searchValue('checkout-api@2.4.1')).toBe('checkout-api@2.4.1');
    expect(searchFilter('release', ['1.0'])).toBe('release:1.0');
  });

  it('quotes and escapes anything that could change the search', () => {
    expect(searchValue('a b')).toBe('"a b"');
    expect(searchValue('x" OR level:fatal "')).toBe('"x\\" OR level:fatal \\""');
    expect(searchValue('a,b')).toBe('"a,b"');
    expect(searchValue('key:value')).toBe('"key:value"');
    expect(searchValue('!neg')).toBe('"!neg"');
    expect(searchValue('*')).toBe('"*"');
    expect(searchValue('back\\slash')).toBe('"back\\\\slash"');
    expect(searchValue('OR')).toBe('"OR"');
    expect(searchValue('')).toBe('""');
    expect(searchValue('[x]')).toBe('"[x]"');
  });

  it('lists several values with Sentry’s IN syntax', () => {
    expect(searchFilter('environment', ['production', 'staging eu', 'production'])).toBe(
      'environment:[production, "staging eu"]'
    );
    expect(searchFilter('environment', [])).toBe('');
  });

  it('keeps a user OR from leaking when joined', () => {
    expect(joinSearch('level:error OR level:fatal', 'release:1.0')).toBe('(level:error OR level:fatal) release:1.0');
    expect(joinSearch('', undefined, 'a:b')).toBe('a:b');
  });
});
