/**
 * The ESLint side of the fixture pairs: every `fixtures/<rule>/<case>/input.*` linted with the plugin (type-aware,
 * over the same compiler options as `typedRuleTester`, and the case's versions as `settings.deprecfix.versions`),
 * its fixes — and with `unsafeFixes` its first suggestions — applied until nothing is left, must give `output.*`.
 * The CLI pipeline runs the same pairs in `test/fixtures.test.ts`; this keeps `eslint --fix` and an editor's
 * suggestions in step with it.
 */
import { Linter } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { RuleName } from '../../rules/kinds.js';
import { fixtureCases, writeFixtureRepo, type FixtureCase } from '../fixture-cases.js';
import { SOURCE_FILES } from '../../rules/index.js';
import { PLUGIN_PREFIX } from '../../rules/kinds.js';
import { applyFixesOnce, deprecfixConfig } from './lint-helpers.js';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');
const RULE_NAMES: RuleName[] = ['no-utcnow-date', 'no-legacy-serialization', 'no-deprecated-helper'];

/** `typedRuleTester`'s project: its options include `allowJs`, so `.js` cases get a typed program too. */
const COMPILER_OPTIONS = ts.getParsedCommandLineOfConfigFile(path.join(fixtureDir, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
})!.options;

/** Lib and `@types` files parsed once for all programs (the language service shares them the same way). */
const sharedSourceFiles = new Map<string, ts.SourceFile | undefined>();

/** A program whose one root file is `fileName` with `text`, everything else read from disk. */
function programOf(fileName: string, text: string): ts.Program {
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    if (path.resolve(name) === fileName) return ts.createSourceFile(name, text, languageVersion, true);
    if (!sharedSourceFiles.has(name)) sharedSourceFiles.set(name, getSourceFile(name, languageVersion, ...rest));
    return sharedSourceFiles.get(name);
  };
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === fileName ? text : readFile(name));
  return ts.createProgram([fileName], COMPILER_OPTIONS, host);
}

/**
 * A case with rule options (`modelMethods` names a module of the case's repository) or other files (the helpers it
 * imports) is linted in its own repository (`writeFixtureRepo`, ESLint's cwd); the others as the fixture directory's file.
 */
const repos = new Map<FixtureCase, string>();
const ruleOf = (fixture: FixtureCase) => path.basename(path.dirname(fixture.dir)) as RuleName;
function repositoryOf(fixture: FixtureCase): { cwd: string; fileName: string } {
  if (fixture.options.length === 0 && Object.keys(fixture.files).length === 0) return { cwd: fixtureDir, fileName: path.join(fixtureDir, `file${fixture.extension}`) };
  if (!repos.has(fixture)) repos.set(fixture, writeFixtureRepo(ruleOf(fixture), fixture));
  const repo = repos.get(fixture)!;
  return { cwd: repo, fileName: path.join(repo, fixture.path) };
}

/** The deprecfix messages of `text` as the case's file, with or without a typed program. */
function lintCase(fixture: FixtureCase, text: string, typed: boolean): Linter.LintMessage[] {
  const { cwd, fileName } = repositoryOf(fixture);
  const config = deprecfixConfig({ versions: fixture.versions, program: typed ? programOf(fileName, text) : undefined });
  if (fixture.options.length > 0) config.push({ files: SOURCE_FILES, rules: { [`${PLUGIN_PREFIX}/${ruleOf(fixture)}`]: ['warn', ...fixture.options] } });
  // The fixture directory is the repository: the spy index must not read deprecfix's own fixtures.
  const messages = new Linter({ cwd }).verify(text, config, { filename: fileName });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${fixture.name}:${fatal.line}: ${fatal.message}`);
  return messages;
}

interface FixPass {
  text: string;
  fixed: number;
}

/** One `eslint --fix` pass; with `unsafeFixes` each finding's first suggestion counts as its fix. */
function lintFixPass(fixture: FixtureCase, text: string, typed: boolean): FixPass {
  const messages = lintCase(fixture, text, typed);
  return applyFixesOnce(text, messages, fixture.unsafeFixes);
}

/** Fix passes until one changes nothing: the final text and how many passes changed it. */
function fixUntilStable(fixture: FixtureCase, typed: boolean): { text: string; passes: number } {
  let text = fixture.input;
  let passes = 0;
  for (let pass = lintFixPass(fixture, text, typed); pass.fixed > 0; pass = lintFixPass(fixture, text, typed)) {
    text = pass.text;
    expect(++passes).toBeLessThan(10);
  }
  return { text, passes };
}

describe.each(RULE_NAMES)('fixtures/%s through ESLint', (rule) => {
  const cases = fixtureCases(rule);
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const result = fixUntilStable(fixture, true);
    expect(result.passes).toBeGreaterThan(0);
    expect(result.text).toBe(fixture.output);
  });
});

/**
 * The import-origin kinds never depend on a type: plain `eslint` without a program must report the same findings
 * and `eslint --fix` give the same output — in one pass, since one report's fix renames every reference of a
 * binding together with its import.
 */
const IMPORT_ORIGIN_PREFIXES = ['class-transformer-', 'date-fns-tz-'];

describe.each(['no-utcnow-date', 'no-legacy-serialization'] satisfies RuleName[])('fixtures/%s of import-origin kinds through ESLint without type information', (rule) => {
  const cases = fixtureCases(rule, IMPORT_ORIGIN_PREFIXES);
  const findings = (fixture: FixtureCase, typed: boolean) =>
    lintCase(fixture, fixture.input, typed).map((message) => `${message.line}:${message.column} ${message.messageId}`);
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    expect(findings(fixture, false)).toEqual(findings(fixture, true));
    const result = fixUntilStable(fixture, false);
    expect(result.text).toBe(fixture.output);
    expect(result.passes).toBe(1);
  });
});
