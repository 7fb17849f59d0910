// Public entry point of the fake Sentry (Node only).

export { createFakeSentry } from './handlers';
export type { FakeRequest, FakeResponse, FakeSentry, FakeSentryOptions, RequestLogEntry } from './handlers';
export {
  DEMO_TOKEN,
  EVENT_WRITE_TOKEN,
  EXPIRED_TOKEN,
  INTEGRATION_TOKEN,
  NO_EVENT_READ_TOKEN,
  NO_MEMBERSHIP_TOKEN,
  NO_PROJECT_READ_TOKEN,
  ORG_TOKEN,
  SSO_REQUIRED_TOKEN,
  TOKENS,
} from './auth';
export { DEFAULT_CHAOS, DEFAULT_RATE_LIMIT, modesFromEnv } from './modes';
export type { ChaosMode, FakeModes, RateLimitMode, RegionMode } from './modes';
export { startFakeSentry } from './server';
export type { RunningFakeSentry, StartOptions } from './server';
export * from './scenario';
