/** @jest-environment node */
import { maxResponseBytes, rateLimitDeadlineMs } from './settings';

describe('response size limit', () => {
  it('gives the client bytes for a saved number, and the default for anything else', () => {
    expect(maxResponseBytes(64)).toBe(64 * 1024 * 1024);
    expect([undefined, 0, -1, '64', NaN].map(maxResponseBytes)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('rate-limit wait', () => {
  it('gives the client milliseconds for a saved number, and the default for anything else', () => {
    expect(rateLimitDeadlineMs(120)).toBe(120_000);
    expect([undefined, 0, -1, '120', NaN].map(rateLimitDeadlineMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
