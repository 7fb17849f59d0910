/** @jest-environment node */
import { DeprecationNotices, deprecationNotice } from './deprecation';

describe('deprecationNotice', () => {
  it('names the endpoint, the day and the replacement Sentry gives', () => {
    const headers = {
      'x-sentry-deprecation-date': '2026-01-15T00:00:00+00:00',
      'x-sentry-replacement-endpoint': '/api/0/organizations/acme/events-timeseries/',
    };
    expect(deprecationNotice('/api/0/organizations/acme/events-stats/', headers)).toBe(
      'Sentry has deprecated /api/0/organizations/acme/events-stats/ and may stop answering it from 2026-01-15; ' +
        'it names /api/0/organizations/acme/events-timeseries/ as the replacement.'
    );
  });

  it('without a replacement, and with a date it cannot read, says what it has', () => {
    expect(deprecationNotice('/api/0/x/', { 'x-sentry-deprecation-date': 'soon' })).toBe(
      'Sentry has deprecated /api/0/x/ and may stop answering it from soon.'
    );
  });

  it('says nothing for an answer without the date header', () => {
    expect(deprecationNotice('/api/0/x/', { 'x-sentry-replacement-endpoint': '/api/0/y/' })).toBeUndefined();
  });
});

describe('DeprecationNotices', () => {
  it('adds one warning per deprecated endpoint after the frame’s own notices', () => {
    const notices = new DeprecationNotices();
    const headers = { 'x-sentry-deprecation-date': '2026-01-15T00:00:00Z' };
    notices.observe('/api/0/a/', { headers });
    notices.observe('/api/0/a/', { headers });
    notices.observe('/api/0/b/', { headers: {} });
    const frame = notices.addTo({ meta: { notices: [{ severity: 'info' as const, text: 'kept' }] } });
    expect(frame.meta.notices).toEqual([
      { severity: 'info', text: 'kept' },
      { severity: 'warning', text: 'Sentry has deprecated /api/0/a/ and may stop answering it from 2026-01-15.' },
    ]);
  });

  it('leaves frames alone when no answer was deprecated', () => {
    const frame = { meta: {} };
    expect(new DeprecationNotices().addTo(frame)).toBe(frame);
  });
});
