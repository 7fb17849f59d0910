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
  // and Prometheus files.
  testMatch: [
    ...base.testMatch,
    '<rootDir>/{fake-sentry,cli,demo}/**/*.test.{ts,tsx}',
    '<rootDir>/tests/{bundle,support,demo-stack}/**/*.test.{ts,tsx}',
  ],
  // Editor suites drive real @grafana/ui components in jsdom; on 2 busy cores one test can take seconds.
  testTimeout: 30_000,
};

export default config;
