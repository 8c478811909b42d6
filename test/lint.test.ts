/** The lint stage's filter: files that cannot hold a finding are not parsed, and nothing is lost by it. */
import path from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findingFilter, lintFiles, lintScope } from '../src/lint.js';
import { tempDir, writeFiles } from './helpers.js';

const repoWith = (files: Record<string, string>): string => writeFiles(tempDir(), files);

const config = { rules: {}, python: {} };

describe('lintScope', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses only the files that hold some kind’s needle, and still reports a syntax error in the others', () => {
    const repo = repoWith({
      'src/plain.ts': 'export const answer: number = 42;\n',
      'src/broken.ts': 'export const a = 1;\nexport function f( {\n',
      // The same syntax error in a file that holds a needle (in a comment), so ESLint parses it.
      'src/broken-parsed.ts': 'export const a = 1; // getYear\nexport function f( {\n',
      'src/year.ts': 'export const year = new Date().getYear();\n',
    });
    const verify = vi.spyOn(Linter.prototype, 'verify');
    const { first } = lintScope(repo, ['src/plain.ts', 'src/broken.ts', 'src/broken-parsed.ts', 'src/year.ts'], { config });
    expect(verify.mock.calls.map((call) => path.basename(String((call[2] as { filename: string }).filename)))).toEqual(['broken-parsed.ts', 'year.ts']);
    expect(first.findings.map((finding) => [finding.file, finding.kind])).toEqual([['src/year.ts', 'annexb-getyear']]);
    const [skipped, parsed] = first.failures;
    expect(parsed).toMatchObject({ file: 'src/broken-parsed.ts', stage: 'parse', message: expect.stringContaining('Parsing error') });
    expect(skipped).toEqual({ ...parsed, file: 'src/broken.ts' });
  });

  it('reports the syntax error of a file it does not parse when there is no program (jscodeshift, repository totals)', () => {
    const inputs = ['export const a = 1;\nexport function f( {\n', 'export const a = 1; // getYear\nexport function f( {\n'].map((text, index) => ({
      file: `src/broken${index}.ts`,
      absPath: `/repo/src/broken${index}.ts`,
      text,
    }));
    const { failures } = lintFiles(inputs, { repoRoot: '/repo' });
    expect(failures).toHaveLength(2);
    expect(failures[0]).toEqual({ ...failures[1], file: 'src/broken0.ts' });
  });

  it('lints a file that spells a name with escapes', () => {
    const repo = repoWith({ 'src/escaped.ts': 'export const year = new Date().\\u0067etYear();\n' });
    const { first } = lintScope(repo, ['src/escaped.ts'], { config });
    expect(first.findings.map((finding) => finding.kind)).toEqual(['annexb-getyear']);
  });

  it('parses the call sites of the repository’s deprecated helpers (which hold the name, not the tag), and not the files that name none', () => {
    const repo = repoWith({
      'src/time.ts': 'export function nowUtc(): Date { return new Date(); }\n/** @deprecated Use {@link nowUtc}. */\nexport function utcnow(): Date { return nowUtc(); }\n',
      'src/call.ts': "import { utcnow } from './time.js';\nexport const at = utcnow();\n",
      'src/plain.ts': 'export const answer: number = 42;\n',
    });
    const verify = vi.spyOn(Linter.prototype, 'verify');
    const { first } = lintScope(repo, ['src/call.ts', 'src/plain.ts', 'src/time.ts'], { rules: ['no-deprecated-helper'], config });
    expect(verify.mock.calls.map((call) => path.basename(String((call[2] as { filename: string }).filename)))).toEqual(['call.ts', 'time.ts']);
    expect(first.findings.map((finding) => [finding.file, finding.line, finding.kind, finding.fix])).toEqual([['src/call.ts', 2, 'deprecated-helper', 'safe']]);
  });

  it('looks for a kind with neither a needle nor words of the run in every file', () => {
    expect(findingFilter(['no-deprecated-helper'])('export const answer = 42;\n')).toBe(true);
    const words = findingFilter(['no-deprecated-helper'], { 'deprecated-helper': ['utcnow', '$now'] });
    expect(['utcnow()', 'x.$now()', 'nowUtc()'].map(words)).toEqual([true, true, false]);
    expect(findingFilter(['no-deprecated-helper'], { 'deprecated-helper': [] })('utcnow()')).toBe(false);
  });

  it('lints every file when a rule with needles is off but another is on', () => {
    const repo = repoWith({ 'src/clone.ts': 'export const copy = JSON.parse(JSON.stringify({ a: 1 }));\n' });
    const { first } = lintScope(repo, ['src/clone.ts'], { rules: ['no-legacy-serialization'], config });
    expect(first.findings.map((finding) => finding.kind)).toEqual(['json-roundtrip-clone']);
  });
});

describe('lintFiles: what counts as a file that could not be linted', () => {
  // ESLint 10 reports `/* eslint-env */` as a fatal rule-less message although it linted the file: a problem of
  // the file's ESLint configuration, not a parse failure. Unused disable directives and malformed inline configs
  // are rule-less too. Only a parse error (or a crash) means the file's findings are unknown.
  it('keeps the findings of a file with /* eslint-env */ and reports no failure', () => {
    const text = '/* eslint-env browser, node */\n/* eslint no-console: "bogus" */\nexport const b = new Buffer("x");\n';
    const { findings, failures } = lintFiles([{ file: 'src/a.js', absPath: '/repo/src/a.js', text }], { repoRoot: '/repo' });
    expect(failures).toEqual([]);
    expect(findings.map((finding) => [finding.line, finding.kind])).toEqual([[3, 'buffer-constructor']]);
  });

  it('still reports a parse error of a file with /* eslint-env */', () => {
    const text = '/* eslint-env browser */\nexport const b = new Buffer("x");\nexport function f( {\n';
    const { findings, failures } = lintFiles([{ file: 'src/a.js', absPath: '/repo/src/a.js', text }], { repoRoot: '/repo' });
    expect(findings).toEqual([]);
    expect(failures).toEqual([{ file: 'src/a.js', line: 4, stage: 'parse', message: expect.stringMatching(/^Parsing error: /) }]);
  });
});
