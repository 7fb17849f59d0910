// The scaffold's setup assumes a browser (jsdom); Node-environment suites (core, fake Sentry, CLI) skip it.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
