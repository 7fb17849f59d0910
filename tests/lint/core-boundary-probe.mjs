// Proves the core-boundary lint rule (eslint.config.mjs, coreBoundary) bites: probe files placed in src/sentry
// must be refused for a runtime Grafana/React/rxjs import or an import from outside src/sentry, and accepted for
// type-only Grafana imports and imports inside src/sentry. Run by `npm run lint`.
import { ESLint } from 'eslint';

const RULE = '@typescript-eslint/no-restricted-imports';
const probes = [
  {
    file: 'src/sentry/probe.ts',
    code: "import { Button } from '@grafana/ui';\nexport const x = Button;\n",
    refused: true,
  },
  {
    file: 'src/sentry/queries/probe.ts',
    code: "import { dateTime } from '@grafana/data';\nexport const x = dateTime;\n",
    refused: true,
  },
  { file: 'src/sentry/probe.ts', code: "import React from 'react';\nexport const x = React;\n", refused: true },
  { file: 'src/sentry/probe.ts', code: "import { of } from 'rxjs';\nexport const x = of;\n", refused: true },
  {
    file: 'src/sentry/probe.ts',
    code: "import { plugin } from '../module';\nexport const x = plugin;\n",
    refused: true,
  },
  {
    file: 'src/sentry/queries/probe.ts',
    code: "import { Components } from '../../selectors';\nexport const x = Components;\n",
    refused: true,
  },
  {
    file: 'src/sentry/queries/probe.ts',
    code: "import { FIXED_NOW } from '../../../tests/support/fakeSentryClient';\nexport const x = FIXED_NOW;\n",
    refused: true,
  },
  {
    file: 'src/sentry/probe.ts',
    code: "import type { DataFrame } from '@grafana/data';\nexport type X = DataFrame;\n",
    refused: false,
  },
  {
    file: 'src/sentry/queries/probe.ts',
    code: "import { cleanList } from '../checks';\nexport const x = cleanList;\n",
    refused: false,
  },
  {
    file: 'src/components/probe.ts',
    code: "import { Button } from '@grafana/ui';\nexport const x = Button;\n",
    refused: false,
  },
];

// The probes are not on disk, so lint them without type information (the boundary rule needs none).
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { project: null, projectService: false } },
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
});
let failed = 0;
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
  const refused = result.messages.some((m) => m.ruleId === RULE);
  if (refused !== probe.refused) {
    failed++;
    console.error(
      `core boundary: ${probe.file} ${probe.refused ? 'should be refused' : 'should pass'}:\n${probe.code}`
    );
  }
}
if (failed) {
  process.exit(1);
}
console.log(`core boundary: ${probes.length} probes behave as expected`);
