import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { PYTHON_FILES, SOURCE_FILES } from './file-globs.js';
import { pythonLanguage, pythonRules } from './python-rules.js';
import { typescriptRules } from './typescript-rules.js';
import { PLUGIN_PREFIX, RULES, type RuleName } from './kinds.js';
import { TOOL_VERSION as version } from './package.js';
import { isInTypeScriptProject } from './project/typescript-projects.js';

export { PYTHON_FILES, SOURCE_FILES };

export const rules = { ...typescriptRules, ...pythonRules } satisfies Record<RuleName, unknown>;

function ruleLevels(severity: 'warn' | 'error', language: 'ts/js' | 'python'): Record<string, 'warn' | 'error'> {
  const names = (Object.keys(RULES) as RuleName[]).filter((name) => RULES[name].language === language);
  return Object.fromEntries(names.map((name) => [`${PLUGIN_PREFIX}/${name}`, severity]));
}

const plugin = {
  meta: { name: 'deprecfix', version, namespace: PLUGIN_PREFIX },
  rules,
  languages: { python: pythonLanguage },
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.ConfigArray>,
};

function config(name: 'recommended' | 'strict', severity: 'warn' | 'error'): TSESLint.FlatConfig.ConfigArray {
  return [
    {
      name: `deprecfix/${name}`,
      files: SOURCE_FILES,
      plugins: { [PLUGIN_PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
      languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
      rules: ruleLevels(severity, 'ts/js'),
    },
    {
      // Type information proves Date and Buffer receivers; without it those kinds stay unfixed (`unresolved type`).
      // Asked for only where a tsconfig.json/jsconfig.json holds the file: elsewhere (a `scripts/x.js` outside the
      // tsconfig) the project service would fail the file instead of linting it.
      name: `deprecfix/${name}/types`,
      files: [(file: string) => isInTypeScriptProject(file)] as unknown as string[],
      languageOptions: { parserOptions: { projectService: true } },
    },
    {
      name: `deprecfix/${name}/python`,
      files: PYTHON_FILES,
      plugins: { [PLUGIN_PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
      language: `${PLUGIN_PREFIX}/python`,
      rules: ruleLevels(severity, 'python'),
    } as TSESLint.FlatConfig.Config,
  ];
}

plugin.configs.recommended = config('recommended', 'warn');
plugin.configs.strict = config('strict', 'error');

export default plugin;
