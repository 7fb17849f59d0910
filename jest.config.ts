import type { Config } from 'jest';

// Dates in tests are compared as UTC whatever the machine's zone.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const swcTransform = base.transform['^.+\\.(t|j)sx?$'];

const config: Config = {
  ...base,
  // d3-color ships only .mjs; the base config transforms .js/.ts files only.
  transform: { ...base.transform, '^.+\\.mjs$': swcTransform },
  // Node-side code (fake Sentry, CLI, demo metrics) and the shared test support keep their tests beside them too;
  // tests/bundle checks the built dist/ (`npm test` builds it first), tests/demo-stack the compose, provisioning
  // and Prometheus files, tests/sentry-bodies replays genuine Sentry answers through the parsers.
  testMatch: [
    ...base.testMatch,
    '<rootDir>/{fake-sentry,cli,demo,release,bridge}/**/*.test.{ts,tsx}',
    '<rootDir>/tests/{bundle,support,demo-stack,sentry-bodies}/**/*.test.{ts,tsx}',
  ],
  // jsdom: package.json overrides jest-environment-jsdom's jsdom 20 with jsdom 26. jsdom 20's getComputedStyle
  // matches every style rule against the element and each of its ancestors on every call, and @floating-ui
  // (inside every Combobox, open or not), user-event and Testing Library's *ByRole call it thousands of times
  // per editor suite: 10.5 of the 17 s of CPU QueryEditor.test.tsx took went there; 2 s with jsdom 26.

  // Workers leak nothing, but each suite leaves a few hundred MB of garbage (every suite loads @grafana/ui
  // afresh) that V8 collects lazily: a worker ended a run with a 1.3 GB heap, which a busy machine needs more
  // than the 500 ms Jest allows to tear down ("A worker process has failed to exit gracefully"), and big heaps
  // mean long GC pauses inside tests. A worker holding more than this after a suite is replaced by a fresh one.
  workerIdleMemoryLimit: '512MB',
  // Editor suites render @grafana/ui and the demo-stack suites start servers: on a shared 2-core machine (load 6–11)
  // single tests took 5–8 s and failed at Jest's 5 s default while passing alone in 1–3 s. No test asserts a time.
  testTimeout: 20_000,
};

export default config;
