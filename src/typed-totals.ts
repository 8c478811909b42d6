import { createHash } from 'node:crypto';
import type { RuleName } from '../rules/kinds.js';
import { isPythonFile } from './languages.js';
import { deprecatedDeclarations, type RepositoryScripts } from './run-needles.js';
import { enabledRules, lintFiles, type Finding, type LintInput } from './lint.js';
import type { DeprecfixConfig } from './config.js';
import { createSourceProject } from './project.js';

/**
 * The out-of-scope totals are linted without a program, but a `deprecated-helper` finding exists only where the
 * checker resolves a call to a `@deprecated` declaration. So the files that name a deprecated helper (their text holds
 * one of the names a text scan of the repository finds tagged) get a typed lint of that one rule, over a program of
 * just those files (and what they import). Their findings depend on the declaring files, so those files' texts are
 * part of the totals cache key: editing a `@deprecated` tag recounts.
 */
export interface TypedTotals {
  /** Changes whenever a file with a `@deprecated` tag does. */
  key: string;
  lint(stale: readonly LintInput[]): Finding[];
}

export function typedTotals(repoRoot: string, scripts: RepositoryScripts, rules: readonly RuleName[] | undefined, config: DeprecfixConfig | undefined): TypedTotals | undefined {
  // The rule as the run enables it: requested, and not turned off in the config.
  if (!enabledRules({ rules, config }).includes('no-deprecated-helper')) return undefined;
  const { names, declaring } = deprecatedDeclarations(scripts());
  const hash = createHash('sha1');
  for (const { file, text } of declaring) hash.update(`${file}\0${text}\0`);
  return {
    key: hash.digest('hex'),
    lint(stale) {
      const typed = stale.filter((input) => !isPythonFile(input.file) && [...names].some((name) => input.text.includes(name)));
      if (typed.length === 0) return [];
      const project = createSourceProject(repoRoot, typed.map(({ absPath, text }) => ({ absPath, text })));
      return lintFiles(typed, { repoRoot, rules: ['no-deprecated-helper'], config, program: project.program() }).findings;
    },
  };
}
