import { createRequire } from 'node:module';
import path from 'node:path';
import { Linter } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tsParser from '@typescript-eslint/parser';
import type { Program } from 'typescript';
import { SOURCE_FILES } from '../rules/index.js';
import { PLUGIN_PREFIX } from '../rules/kinds.js';
import type { AlsoCountRule } from './config.js';
import { UsageError } from './errors.js';
import { isPythonFile } from './languages.js';
import type { LintInput } from './lint.js';
import type { LintedScope } from './lint-scope.js';
import { preparedConfig } from './eslint-config-array.js';

/**
 * "Other deprecations, count only" (issue 15 item 4): the messages of other installed ESLint rules that the config's
 * `alsoCount` names (`@typescript-eslint/no-deprecated`, a core `no-restricted-syntax` with options), counted before
 * and after a `fix` so a reviewer sees the whole deprecation debt. Never rewritten, never part of deprecfix's own
 * counts, the baseline or `check`: deprecfix cannot prove those rewrites safe, and a rule it does not own must not
 * fail a gate it does.
 */

export interface OtherCounts {
  total: number;
  byRule: Record<string, number>;
  /** file → rule id → count. */
  byFile: Record<string, Record<string, number>>;
}

/** The report's section (`Report.otherDeprecations`). */
export interface OtherDeprecations {
  rules: string[];
  before: OtherCounts;
  after: OtherCounts;
}

/** The rules resolved to a lint config, ready to count with. */
export interface OtherRules {
  repoRoot: string;
  ruleIds: string[];
  config: Linter.Config[];
}

/**
 * Loads each rule from the project's own node_modules, else deprecfix's (which has typescript-eslint's plugin), the
 * way ESLint names plugins: `@scope/rule` → `@scope/eslint-plugin`, `@scope/plugin/rule` → `@scope/eslint-plugin-plugin`,
 * `plugin/rule` → `eslint-plugin-plugin`; a name without a slash is a core rule. A rule that is not installed, or
 * options it refuses, is a configuration error (exit 2) naming it.
 */
export function resolveOtherRules(repoRoot: string, entries: readonly AlsoCountRule[]): OtherRules {
  const plugins: Record<string, { rules: Record<string, unknown> }> = {};
  const rules: Linter.RulesRecord = {};
  for (const { ruleId, options } of entries) {
    const slash = ruleId.lastIndexOf('/');
    if (slash === -1) {
      if (!builtinRules.has(ruleId)) configError(`"${ruleId}" is not a core ESLint rule`, 'write a plugin rule with its prefix, e.g. "@typescript-eslint/no-deprecated"');
    } else {
      const prefix = ruleId.slice(0, slash);
      if (prefix === PLUGIN_PREFIX) configError(`"${ruleId}" is deprecfix's own rule, counted (and rewritten) already`, 'list other ESLint rules in "alsoCount"; turn deprecfix rules on and off under "rules"');
      const plugin = (plugins[prefix] ??= loadPlugin(repoRoot, prefix, ruleId));
      if (!Object.hasOwn(plugin.rules ?? {}, ruleId.slice(slash + 1))) configError(`the ESLint plugin "${prefix}" has no rule "${ruleId.slice(slash + 1)}" (for "${ruleId}")`);
    }
    rules[ruleId] = ['warn', ...options];
  }
  const config: Linter.Config[] = [
    {
      files: SOURCE_FILES,
      plugins: plugins as Linter.Config['plugins'],
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: { parser: tsParser as never },
      rules,
    },
  ];
  try {
    // ESLint checks the options against each rule's schema on the first verify; fail here, not on a file.
    new Linter({ cwd: repoRoot }).verify('', config, { filename: path.join(repoRoot, 'options.ts') });
  } catch (error) {
    // A typed rule throws when it starts without a program, after the options passed; that is no error here.
    const message = (error as Error).message.replace(/\s+/g, ' ').trim();
    if (message.startsWith('Key "rules"')) configError(message.replace(/^Key "rules": /, ''));
  }
  return { repoRoot, ruleIds: Object.keys(rules), config };
}

function loadPlugin(repoRoot: string, prefix: string, ruleId: string): { rules: Record<string, unknown> } {
  const name = prefix.startsWith('@') ? (prefix.includes('/') ? prefix.replace('/', '/eslint-plugin-') : `${prefix}/eslint-plugin`) : `eslint-plugin-${prefix}`;
  for (const from of [path.join(repoRoot, 'package.json'), import.meta.url]) {
    try {
      const loaded = createRequire(from)(name) as { default?: { rules: Record<string, unknown> }; rules?: Record<string, unknown> };
      return loaded.rules ? (loaded as { rules: Record<string, unknown> }) : loaded.default!;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') configError(`cannot load the ESLint plugin ${name} (for "${ruleId}"): ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return configError(`the ESLint plugin ${name} (for "${ruleId}") is not installed`, `install it in the project (npm install -D ${name}), or remove "${ruleId}" from "alsoCount"`);
}

function configError(problem: string, hint = 'see "Other deprecations" in the deprecfix README'): never {
  throw new UsageError(`"alsoCount" in deprecfix.config.json: ${problem}`, hint);
}

/**
 * Counts the rules' messages in the TS/JS files, with the program's types (typed rules such as no-deprecated need
 * them). A rule that crashes on a file leaves that file uncounted, said in `notes`.
 */
export function countOtherDeprecations(inputs: readonly LintInput[], program: Program | undefined, rules: OtherRules, notes: string[]): OtherCounts {
  const linter = new Linter({ cwd: rules.repoRoot });
  const config = preparedConfig([...rules.config, { languageOptions: { parserOptions: program ? { programs: [program] } : {} } }], rules.repoRoot);
  const counts: OtherCounts = { total: 0, byRule: {}, byFile: {} };
  for (const input of inputs) {
    if (isPythonFile(input.file)) continue;
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(input.text, config, { filename: input.absPath });
    } catch (error) {
      notes.push(`Other deprecations: ${input.file} was not counted (${(error as Error).message.split('\n')[0]}).`);
      continue;
    }
    // A file ESLint cannot parse (no rule id) is already a failure of deprecfix's own lint; here it has nothing to count.
    for (const message of messages) {
      if (!message.ruleId) continue;
      counts.total++;
      counts.byRule[message.ruleId] = (counts.byRule[message.ruleId] ?? 0) + 1;
      const byRule = (counts.byFile[input.file] ??= {});
      byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
    }
  }
  return { total: counts.total, byRule: sorted(counts.byRule), byFile: Object.fromEntries(Object.keys(counts.byFile).sort().map((file) => [file, sorted(counts.byFile[file])])) };
}

/** `countOtherDeprecations` over a linted scope's files as they are now (read, or rewritten in memory). */
export function countInScope(scoped: LintedScope, rules: OtherRules, notes: string[]): OtherCounts {
  const inputs = [...scoped.sources].filter(([file]) => !isPythonFile(file)).map(([file, source]) => ({ file, absPath: source.absPath, text: scoped.textOf(file) }));
  return countOtherDeprecations(inputs, inputs.length > 0 ? scoped.project.program() : undefined, rules, notes);
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}
