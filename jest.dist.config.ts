import type { Config } from 'jest';
import base from './jest.config';

/** Tests of the built bundle; they need `npm run build` first, so `npm test` leaves them out. */
const config: Config = {
  ...base,
  testMatch: ['<rootDir>/tests/bundle/**/*.test.ts'],
};

export default config;
