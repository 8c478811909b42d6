/**
 * The deprecfix rules run through ESLint's `Linter` the way a user's flat config runs them: the real plugin, both
 * rules at `warn`. `lint` lists findings; `rules/eslint-fix.test.ts` uses the same config to fix the fixture pairs.
 */
import { Linter } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import type ts from 'typescript';
import plugin, { SOURCE_FILES } from '../../rules/index.js';
import { parseMessageId, PLUGIN_PREFIX, RULES, type KindId } from '../../rules/kinds.js';
import type { Versions } from '../fixture-cases.js';
import { CURRENT_VERSIONS } from './rule-tester.js';
import { offsetOf } from '../../src/plan.js';

/** The default repository of `lint` (ESLint's cwd): the rule tests' fixture directory, not deprecfix's checkout. */
const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');

export interface ConfigOptions {
  /** `'from-files'`: no setting, so the rules resolve the versions from the linted file's directory. */
  versions: Versions | 'from-files';
  /** The program that holds the linted file; without one the rules see no types. */
  program?: ts.Program;
}

export function deprecfixConfig({ versions, program }: ConfigOptions): Linter.Config[] {
  return [
    {
      files: SOURCE_FILES,
      languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module', parserOptions: program ? { programs: [program] } : {} },
      plugins: { [PLUGIN_PREFIX]: plugin as never },
      rules: Object.fromEntries(Object.keys(RULES).map((name) => [`${PLUGIN_PREFIX}/${name}`, 'warn'])),
      settings: versions === 'from-files' ? {} : { deprecfix: { versions } },
    },
  ];
}

export interface LintedFinding {
  kind: KindId;
  messageId: string;
  text: string;
  line: number;
}

/** The deprecfix findings of a text (no type information), with the source text each one covers. */
export function lint(code: string, filename = 'src/file.ts', versions: Versions | 'from-files' = CURRENT_VERSIONS, cwd?: string): LintedFinding[] {
  const messages = new Linter({ configType: 'flat', cwd: cwd ?? FIXTURE_DIR }).verify(code, deprecfixConfig({ versions }), filename);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}:${fatal.line}: ${fatal.message}`);
  return messages.flatMap((message) => {
    const parsed = message.messageId ? parseMessageId(message.messageId) : undefined;
    if (!parsed) return [];
    const [start, end] = rangeOf(code, message);
    return [{ kind: parsed.kind, messageId: message.messageId!, text: code.slice(start, end), line: message.line }];
  });
}

/** The message's range as offsets, the way the CLI's plan stage locates a finding. */
function rangeOf(code: string, message: Linter.LintMessage): [number, number] {
  return [offsetOf(code, message.line, message.column), offsetOf(code, message.endLine ?? message.line, message.endColumn ?? message.column)];
}

/**
 * Applies the fixes of one lint pass as ESLint's SourceCodeFixer does: left to right, and a fix that overlaps or
 * touches one already applied waits for the next pass. With `unsafeFixes`, a finding's first suggestion counts as
 * its fix.
 */
export function applyFixesOnce(text: string, messages: readonly Linter.LintMessage[], unsafeFixes: boolean): { text: string; fixed: number } {
  const fixes = messages.flatMap((message) => {
    const fix = message.fix ?? (unsafeFixes ? message.suggestions?.[0]?.fix : undefined);
    return fix ? [fix] : [];
  });
  let result = '';
  let lastEnd = -Infinity;
  let fixed = 0;
  for (const fix of [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    if (fix.range[0] <= lastEnd) continue;
    result += text.slice(Math.max(0, lastEnd), fix.range[0]) + fix.text;
    lastEnd = fix.range[1];
    fixed++;
  }
  return { text: result + text.slice(Math.max(0, lastEnd)), fixed };
}
