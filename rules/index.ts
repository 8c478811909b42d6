import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import noLegacySerialization from './no-legacy-serialization.js';
import noUtcnowDate from './no-utcnow-date.js';
import { PLUGIN_PREFIX, RULES, type RuleName } from './kinds.js';
import { TOOL_VERSION as version } from '../src/version.js';


export const rules = {
  'no-utcnow-date': noUtcnowDate,
  'no-legacy-serialization': noLegacySerialization,
} satisfies Record<RuleName, unknown>;

export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

function ruleLevels(severity: 'warn' | 'error'): Record<string, 'warn' | 'error'> {
  return Object.fromEntries(Object.keys(RULES).map((name) => [`${PLUGIN_PREFIX}/${name}`, severity]));
}

const plugin = {
  meta: { name: 'deprecfix', version, namespace: PLUGIN_PREFIX },
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.ConfigArray>,
};

function config(name: 'recommended' | 'strict', severity: 'warn' | 'error'): TSESLint.FlatConfig.ConfigArray {
  return [
    {
      name: `deprecfix/${name}`,
      files: SOURCE_FILES,
      plugins: { [PLUGIN_PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
      languageOptions: {
        parser: tsParser as TSESLint.FlatConfig.Parser,
        // Type information proves Date and Buffer receivers; without it those kinds stay unfixed.
        parserOptions: { projectService: true },
      },
      rules: ruleLevels(severity),
    },
  ];
}

plugin.configs.recommended = config('recommended', 'warn');
plugin.configs.strict = config('strict', 'error');

export default plugin;
