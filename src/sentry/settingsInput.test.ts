/** @jest-environment node */
import {
  checkMaxConcurrentRequests,
  checkMaxResponseMB,
  checkOrgSlug,
  checkRowBudget,
  checkSentryUrl,
  checkRateLimitWait,
  cleanToken,
} from './settingsInput';

describe('checkSentryUrl', () => {
  it.each([
    ['', { value: 'https://sentry.io' }],
    ['https://de.sentry.io/', { value: 'https://de.sentry.io' }],
    ['http://sentry.internal:9000', { value: 'http://sentry.internal:9000' }],
    ['sentry.example.com', { error: 'Start the URL with https:// (or http://), e.g. https://sentry.example.com' }],
    ['ftp://sentry.example.com', { error: 'Use an https:// or http:// URL, not ftp://' }],
    ['https://me:secret@sentry.io', { error: 'Remove the user name and password from the URL: use https://sentry.io' }],
    ['https://sentry.io/api/0/', { error: 'Remove /api/0, the plugin adds it: use https://sentry.io' }],
    [
      'https://sentry.io/organizations/acme/',
      { error: 'Remove the path: use https://sentry.io, not https://sentry.io/organizations/acme/' },
    ],
    ['https://sentry.io/?x=1', { error: 'Remove the query string: use https://sentry.io' }],
  ])('%j', (text, checked) => {
    expect(checkSentryUrl(text)).toEqual(checked);
  });
});

describe('checkOrgSlug', () => {
  it.each([
    ['acme', { value: 'acme' }],
    [' acme-corp_2 ', { value: 'acme-corp_2' }],
    ['https://acme.sentry.io/issues/', { value: 'acme' }],
    ['https://sentry.example.com/organizations/acme/issues/', { value: 'acme' }],
    ['de.sentry.io/organizations/acme/', { value: 'acme' }],
    ['', { error: 'Enter the organization slug, e.g. acme' }],
    ['acme corp', { error: 'A slug has only letters, digits, hyphens and underscores, e.g. acme' }],
    ['..', { error: 'A slug has only letters, digits, hyphens and underscores, e.g. acme' }],
    ['.', { error: 'A slug has only letters, digits, hyphens and underscores, e.g. acme' }],
    ['https://us.sentry.io/', { error: expect.stringMatching(/^No organization slug in that URL/) }],
  ])('%j', (text, checked) => {
    expect(checkOrgSlug(text)).toEqual(checked);
  });
});

describe('request limits', () => {
  it('leave empty for the default, take whole numbers in range, and say the range otherwise', () => {
    expect(checkMaxConcurrentRequests(' ')).toEqual({ value: undefined });
    expect(checkMaxConcurrentRequests('25')).toEqual({ value: 25 });
    expect(checkMaxConcurrentRequests('26')).toEqual({
      error: '26 is out of range: use 1 to 25, or leave empty for the default (5)',
    });
    expect(checkRowBudget('99')).toEqual({
      error: '99 is out of range: use 100 to 100000, or leave empty for the default (1000)',
    });
    expect(checkRowBudget('1e3')).toEqual({
      error: 'Not a whole number: use 100 to 100000, or leave empty for the default (1000)',
    });
    expect(checkRowBudget('5000')).toEqual({ value: 5000 });
  });
});

describe('response size limit', () => {
  it('takes whole megabytes from 1 to 1024, empty for the default', () => {
    expect(checkMaxResponseMB('')).toEqual({ value: undefined });
    expect(checkMaxResponseMB('64')).toEqual({ value: 64 });
    expect(checkMaxResponseMB('0')).toEqual({
      error: '0 is out of range: use 1 to 1024, or leave empty for the default (32)',
    });
  });
});

describe('rate-limit wait', () => {
  it('takes whole seconds from 1 to 600, empty for the default', () => {
    expect(checkRateLimitWait('')).toEqual({ value: undefined });
    expect(checkRateLimitWait('120')).toEqual({ value: 120 });
    expect(checkRateLimitWait('0')).toEqual({
      error: '0 is out of range: use 1 to 600, or leave empty for the default (60)',
    });
  });
});

describe('cleanToken', () => {
  it('drops what a paste brings along: spaces and a Bearer prefix', () => {
    expect(cleanToken('  Bearer sntryu_abc \n')).toBe('sntryu_abc');
    expect(cleanToken('sntryu_abc')).toBe('sntryu_abc');
  });
});
