/**
 * The build: create-plugin's webpack config (.config/webpack, never edited here) with this project's overrides merged
 * in, as create-plugin documents (https://grafana.com/developers/plugin-tools/how-to-guides/extend-configurations).
 *
 * - swc compiles to ES2022, not create-plugin's ES2015: Grafana supports the last two versions of Chrome, Edge,
 *   Firefox and Safari (its .browserslistrc), which all run ES2022, so async functions, spread and optional chaining
 *   stay as written instead of becoming generator state machines and helper calls copied into every file.
 * - Should a future syntax need a swc helper, it comes from @swc/helpers once, not copied into each file (today's
 *   code needs none at ES2022).
 * - Terser compresses in two passes and inlines only functions without arguments (create-plugin's other options kept):
 *   about 130 B less gzip for module.js than one pass with full inlining, whose copies of function bodies compress worse.
 * - The editors load on demand (src/components/lazyEditors.ts) from a chunk beside module.js, editors.js, which
 *   webpack's runtime fetches from the plugin's public path (create-plugin sets it from module.js's URL) when an
 *   editor first renders; the connection check of Save & test is in it too. A dashboard viewer loads module.js only.
 */
import path from 'path';
import TerserPlugin from 'terser-webpack-plugin';
import type { Configuration, RuleSetRule, WebpackPluginInstance } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

/** swc options this build sets over create-plugin's (see above). */
const SWC_JSC = { target: 'es2022', externalHelpers: true };

/** Terser's compress options this build sets over create-plugin's (see above). */
const TERSER_COMPRESS = { passes: 2, inline: 1 } as const;

const config = async (env: Env): Promise<Configuration> => {
  const merged = merge(await grafanaConfig(env), {
    // The shortest names for what the editors chunk takes from module.js (deterministic names are for caching
    // chunks across releases, which the ?_cache= hash in every chunk's URL does already).
    optimization: { mangleExports: 'size' },
    cache: {
      type: 'filesystem',
      // A change here must rebuild, as a change of the base config does.
      buildDependencies: { config: [path.resolve(process.cwd(), 'webpack.config.ts')] },
    },
  });
  const rules = merged.module?.rules ?? [];
  if (!rules.some(isSwcRule)) {
    throw new Error(
      'The base webpack config has no swc-loader rule to extend: check .config/webpack/webpack.config.ts'
    );
  }
  // webpack-merge's rule matching only reaches into `use` arrays; create-plugin's swc rule has a single `use`.
  return {
    ...merged,
    module: { ...merged.module, rules: rules.map((rule) => (isSwcRule(rule) ? withSwcJsc(rule) : rule)) },
    optimization: { ...merged.optimization, minimizer: merged.optimization?.minimizer?.map(withTerserCompress) },
  };
};

/** create-plugin's Terser with TERSER_COMPRESS added to its compress options; any other minimizer as it is. */
function withTerserCompress<T>(minimizer: T): T | WebpackPluginInstance {
  if (!(minimizer instanceof TerserPlugin)) {
    return minimizer;
  }
  // The options the base config gave, as terser-webpack-plugin keeps them.
  const terserOptions = (minimizer as unknown as { options?: { minimizer?: { options?: TerserOptions } } }).options
    ?.minimizer?.options;
  if (!terserOptions) {
    throw new Error('terser-webpack-plugin no longer keeps its options where webpack.config.ts reads them');
  }
  const compress = typeof terserOptions.compress === 'object' ? terserOptions.compress : {};
  return new TerserPlugin({ terserOptions: { ...terserOptions, compress: { ...compress, ...TERSER_COMPRESS } } });
}

type TerserOptions = NonNullable<ConstructorParameters<typeof TerserPlugin>[0]>['terserOptions'] & {
  compress?: boolean | Record<string, unknown>;
};

interface SwcUse {
  loader: 'swc-loader';
  options: { jsc?: Record<string, unknown> };
}

function isSwcRule(rule: unknown): rule is RuleSetRule & { use: SwcUse } {
  const use = (rule as RuleSetRule | null)?.use as SwcUse | undefined;
  return typeof use === 'object' && use !== null && use.loader === 'swc-loader';
}

function withSwcJsc(rule: RuleSetRule & { use: SwcUse }): RuleSetRule {
  const use: SwcUse = rule.use;
  return { ...rule, use: { ...use, options: { ...use.options, jsc: { ...use.options.jsc, ...SWC_JSC } } } };
}

export default config;
