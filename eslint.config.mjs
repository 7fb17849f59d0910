import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      'tests/host/dist/',
      // Demo stack bundles written by `npm run build` (demo/build-stack.ts).
      'build/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      // Generated from Sentry's OpenAPI subset (npm run generate:api-types); its style is the generator's.
      '**/*.generated.ts',
    ],
  },
  ...baseConfig,
  {
    // The base config only names src/ for TypeScript; the Node-side code and the test host are linted the same way.
    files: [
      'cli/**/*.ts',
      'fake-sentry/**/*.ts',
      'bridge/**/*.ts',
      'tests/**/*.{ts,tsx}',
      'bench/**/*.ts',
      'demo/**/*.ts',
      'release/**/*.ts',
    ],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
  },
  {
    files: ['*.ts'],
  },
  ...coreBoundary(),
  ...coreApi(),
]);

/**
 * Outside src/sentry, the plugin takes the core's values from its index (src/sentry/index.ts); types may come from
 * any module. The editors are a chunk loaded on demand: a chunk reaching into single modules of module.js makes
 * webpack wrap each of them, and those they import, on its own instead of one scope (about 1.6 KB gzip more).
 * settingsInput and queryEditing are the exceptions: only the editors use them, so they are in their chunk, not in
 * module.js.
 */
function coreApi() {
  const pattern = {
    group: ['**/sentry/*', '!**/sentry/index', '!**/sentry/settingsInput', '!**/sentry/queryEditing'],
    allowTypeImports: true,
    message:
      "Import the core's values from its index ('…/sentry'), not from one of its modules (see src/sentry/index.ts).",
  };
  return [
    {
      files: ['src/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
      ignores: ['**/*.test.{ts,tsx}'],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [pattern] }] },
    },
  ];
}

/**
 * src/sentry is the Grafana-free core (it runs in Node for the CLI): no runtime import of Grafana, React or rxjs
 * (types of @grafana/* are fine, they vanish when compiled), and nothing from outside src/sentry. Its tests, beside
 * it, may use the fake Sentry and the test support under tests/.
 */
function coreBoundary() {
  const frameworks = {
    group: ['@grafana/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'rxjs', 'rxjs/*'],
    allowTypeImports: true,
    message: 'src/sentry runs in Node: import only types from Grafana, and nothing from React or rxjs.',
  };
  const outside = (up) => ({
    group: [`${up}*`],
    message: 'src/sentry owns its model: nothing in it imports from outside src/sentry.',
  });
  const rule = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });
  return [
    { files: ['src/sentry/*.ts'], ignores: ['**/*.test.ts'], rules: rule([frameworks, outside('../')]) },
    { files: ['src/sentry/*/*.ts'], ignores: ['**/*.test.ts'], rules: rule([frameworks, outside('../../')]) },
    { files: ['src/sentry/*/*/**/*.ts'], ignores: ['**/*.test.ts'], rules: rule([frameworks, outside('../../../')]) },
  ];
}
