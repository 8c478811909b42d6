/**
 * Helpers for the import-origin kinds' tests: lint a text with the real rules, and rewrite it the way the CLI
 * does — every fixable site of the file handed to the family rewriter at once, on a plain TypeScript AST —
 * so one test can check that ESLint's per-report fixes and the CLI's batch rewrite agree.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { KINDS, parseMessageId, type KindId } from '../../rules/kinds.js';
import noLegacySerialization from '../../rules/no-legacy-serialization.js';
import noUtcnowDate from '../../rules/no-utcnow-date.js';
import { applyEdits, type Site } from '../../transforms/edit.js';
import { rewriteNoLegacySerialization } from '../../transforms/no-legacy-serialization.js';
import { rewriteNoUtcnowDate } from '../../transforms/no-utcnow-date.js';
import { CURRENT_VERSIONS } from './rule-tester.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Versions = Record<string, string | null>;

/** `'from-files'`: no setting, so the rules resolve the versions from the linted file's directory. */
function config(versions: Versions | 'from-files'): Linter.Config[] {
  return [
    {
      files: ['**/*.{ts,tsx,js,mjs,cjs}'],
      languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' },
      plugins: { deprecfix: { rules: { 'no-legacy-serialization': noLegacySerialization, 'no-utcnow-date': noUtcnowDate } } as never },
      rules: { 'deprecfix/no-legacy-serialization': 'warn', 'deprecfix/no-utcnow-date': 'warn' },
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

/** The deprecfix findings of a text, with the source text each one covers. */
export function lint(code: string, filename = 'src/file.ts', versions: Versions | 'from-files' = CURRENT_VERSIONS, cwd?: string): LintedFinding[] {
  const messages = new Linter({ configType: 'flat', cwd }).verify(code, config(versions), filename);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filename}:${fatal.line}: ${fatal.message}`);
  return messages.flatMap((message) => {
    const parsed = message.messageId ? parseMessageId(message.messageId) : undefined;
    if (!parsed) return [];
    const [start, end] = rangeOf(code, message);
    return [{ kind: parsed.kind, messageId: message.messageId!, text: code.slice(start, end), line: message.line }];
  });
}

/** `eslint --fix` (all passes). */
export function eslintFix(code: string, filename = 'src/file.ts', versions: Versions = CURRENT_VERSIONS): string {
  return new Linter({ configType: 'flat' }).verifyAndFix(code, config(versions), filename).output;
}

/** What the CLI does: every site graded `safe` (and `unsafe` when asked) rewritten in one batch. */
export function batchRewrite(code: string, filename = 'src/file.ts', versions: Versions = CURRENT_VERSIONS, unsafe = false) {
  const messages = new Linter({ configType: 'flat' }).verify(code, config(versions), filename);
  const byRule = new Map<string, Site[]>();
  for (const message of messages) {
    const parsed = message.messageId ? parseMessageId(message.messageId) : undefined;
    if (!parsed || parsed.fix === 'none' || (parsed.fix === 'unsafe' && !unsafe)) continue;
    const [start, end] = rangeOf(code, message);
    const site: Site = { kind: parsed.kind, start, end };
    byRule.set(KINDS[parsed.kind].rule, [...(byRule.get(KINDS[parsed.kind].rule) ?? []), site]);
  }
  const sourceFile = ts.createSourceFile(filename, code, ts.ScriptTarget.Latest, true);
  const edits = [];
  const skipped = [];
  for (const [rule, sites] of byRule) {
    const rewrite = (rule === 'no-legacy-serialization' ? rewriteNoLegacySerialization : rewriteNoUtcnowDate)(sourceFile, sites, undefined);
    edits.push(...rewrite.edits);
    skipped.push(...rewrite.skipped);
  }
  return { output: applyEdits(code, edits), skipped };
}

function rangeOf(code: string, message: Linter.LintMessage): [number, number] {
  const lineStarts = [0];
  for (let index = 0; index < code.length; index++) if (code[index] === '\n') lineStarts.push(index + 1);
  const offset = (line: number, column: number) => lineStarts[line - 1]! + column - 1;
  return [offset(message.line, message.column), offset(message.endLine ?? message.line, message.endColumn ?? message.column)];
}

export interface FixtureCase {
  name: string;
  input: string;
  output: string;
  filename: string;
  versions: Versions;
  unsafeFixes: boolean;
}

/** The fixture pairs of one rule whose case name starts with one of `prefixes`. */
export function fixtureCases(rule: string, prefixes: string[]): FixtureCase[] {
  const root = path.join(repoRoot, 'fixtures', rule);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => prefixes.some((prefix) => name.startsWith(prefix)))
    .sort()
    .flatMap((name) => {
      const dir = path.join(root, name);
      const input = readdirSync(dir).find((file) => file.startsWith('input.'));
      if (!input) return [];
      const extension = path.extname(input);
      const optionsPath = path.join(dir, 'case.json');
      const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as { versions?: Versions; unsafeFixes?: boolean }) : {};
      return [
        {
          name,
          input: readFileSync(path.join(dir, input), 'utf8'),
          output: readFileSync(path.join(dir, `output${extension}`), 'utf8'),
          filename: `src/file${extension}`,
          versions: { ...CURRENT_VERSIONS, ...options.versions },
          unsafeFixes: options.unsafeFixes ?? false,
        },
      ];
    });
}
