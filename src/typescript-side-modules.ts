/**
 * What the pipeline needs only for TS/JS files: TypeScript, typescript-eslint's parser, the TS/JS rules and the
 * program they run on. Loaded as a whole by `typescript-side.ts` when a run lints or type-checks a TS/JS file;
 * nothing on a Python-only run's path imports this module or what it names.
 */
import ts = require('typescript'); // require: see src/project.ts

export { ts };
export { default as tsParser } from '@typescript-eslint/parser';
export { typescriptRules } from '../rules/typescript-rules.js';
export { createProgram, createSourceProject, DEFAULT_COMPILER_OPTIONS, parseTsconfig } from './project.js';
export { filesNaming, modelOverrideFiles, repositoryNeedles, repositoryScripts, runNeedles } from './run-needles.js';
export { ModelConfigError, resolveModelClasses } from '../transforms/model-methods.js';
export { rewriteSites } from '../rules/rewriters.js';
export { halfRenamedSpies } from '../rules/util/spies.js';
export { verifyTypeScriptRewrites } from './type-check.js';
export { candidateFilter } from './candidates.js';
export { unresolvedDependencies } from './unresolved-imports.js';
