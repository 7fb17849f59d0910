// The scaffold's setup assumes a browser (jsdom); Node-environment suites (core, fake Sentry, CLI) skip it.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}

// i18next (inside @grafana/ui) advertises itself on every suite; keep test output for what matters.
const info = console.info;
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next is made possible')) {
    return;
  }
  info(...args);
};
