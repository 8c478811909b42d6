import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSIONS } from './rule-tester.js';

/**
 * The ESLint side of the fixture pairs: `fixtures/<rule>/<case>/input.ts` linted with the rule alone (type-aware,
 * like `typedRuleTester`), its fixes — and with `case.json` `{ "unsafeFixes": true }` its suggestions — applied
 * until nothing is left, must give `output.ts`. The CLI pipeline runs the same pairs in `test/fixtures.test.ts`;
 * this keeps `eslint --fix` and the suggestions of an editor in step with it.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtureFile = path.join(root, 'test', 'rules', 'fixture', 'file.ts');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  noEmit: true,
};

/** A program whose one root file is `fixtureFile` with `text`, everything else read from disk. */
function programOf(text: string): ts.Program {
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    path.resolve(fileName) === fixtureFile ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, ...rest);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => (path.resolve(fileName) === fixtureFile ? text : readFile(fileName));
  return ts.createProgram([fixtureFile], COMPILER_OPTIONS, host);
}

function lintFixPass(text: string, ruleName: string, rule: unknown, unsafeFixes: boolean): { text: string; fixed: number } {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { programs: [programOf(text)] } },
      plugins: { deprecfix: { rules: { [ruleName]: rule as Rule.RuleModule } } },
      rules: { [`deprecfix/${ruleName}`]: 'warn' },
      settings: { deprecfix: { versions: CURRENT_VERSIONS } },
    },
  ];
  const messages = new Linter().verify(text, config, { filename: fixtureFile });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  const fixes = messages.flatMap((message) => {
    if (message.fix) return [message.fix];
    const suggestion = unsafeFixes ? message.suggestions?.[0]?.fix : undefined;
    return suggestion ? [suggestion] : [];
  });
  let result = text;
  let applied = 0;
  let boundary = Infinity;
  // Right to left, skipping a fix that overlaps one already applied (the next pass picks it up).
  for (const fix of [...fixes].sort((a, b) => b.range[0] - a.range[0])) {
    if (fix.range[1] > boundary) continue;
    result = result.slice(0, fix.range[0]) + fix.text + result.slice(fix.range[1]);
    boundary = fix.range[0];
    applied++;
  }
  return { text: result, fixed: applied };
}

/** Registers one test per fixture case of `ruleName` whose name starts with one of `prefixes`. */
export function describeFixturePairs(ruleName: string, rule: TSESLint.RuleModule<string, readonly unknown[]>, prefixes: string[]): void {
  const dir = path.join(root, 'fixtures', ruleName);
  const cases = existsSync(dir) ? readdirSync(dir).filter((name) => prefixes.some((prefix) => name.startsWith(prefix))) : [];
  describe(`fixtures/${ruleName} through ESLint`, () => {
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const name of cases) {
      it(name, () => {
        const caseDir = path.join(dir, name);
        const optionsFile = path.join(caseDir, 'case.json');
        const unsafeFixes = existsSync(optionsFile) && (JSON.parse(readFileSync(optionsFile, 'utf8')) as { unsafeFixes?: boolean }).unsafeFixes === true;
        let text = readFileSync(path.join(caseDir, 'input.ts'), 'utf8');
        let passes = 0;
        for (let pass = lintFixPass(text, ruleName, rule, unsafeFixes); pass.fixed > 0; pass = lintFixPass(text, ruleName, rule, unsafeFixes)) {
          text = pass.text;
          expect(++passes).toBeLessThan(10);
        }
        expect(passes).toBeGreaterThan(0);
        expect(text).toBe(readFileSync(path.join(caseDir, 'output.ts'), 'utf8'));
      });
    }
  });
}
