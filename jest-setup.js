// The scaffold's setup assumes a browser (jsdom); Node-environment suites (core, fake Sentry, CLI) skip it.
if (typeof window !== 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./.config/jest-setup');
}
