/** The lint stage's filter: files that cannot hold a finding are not parsed, and nothing is lost by it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findingFilter, lintFiles } from '../src/lint.js';
import { lintScope } from '../src/lint-scope.js';
import plugin from '../rules/index.js';
import { KINDS, parseMessageId } from '../rules/kinds.js';
import { V1_MEMBERS } from '../rules/python/pydantic-v1-members.js';
import { parsePython, type PyNode } from '../transforms/python/syntax.js';
import { fixtureCases, writeFixtureRepo } from './fixture-cases.js';
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

describe('lintScope: Python files that cannot hold a finding are not linted', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lints only the Python files that hold some kind’s needle, and a file with a syntax error so ESLint reports it', () => {
    const repo = repoWith({
      'requirements.txt': 'pydantic==2.7.1\n',
      'app/plain.py': 'from datetime import datetime, timezone\n\nstamp = datetime.now(timezone.utc)\nitems: dict[str, int] = {}\n',
      'app/broken.py': 'def f(:\n    pass\n',
      'app/stamp.py': 'from datetime import datetime\n\nstamp = datetime.utcnow()\n',
      'app/models.py': 'from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    name: str\n',
      'app/view.py': 'from app.models import User\n\n\ndef show(user: User) -> dict:\n    return user . dict()\n',
    });
    const files = ['app/plain.py', 'app/broken.py', 'app/stamp.py', 'app/models.py', 'app/view.py'];
    const verify = vi.spyOn(Linter.prototype, 'verify');
    const { first } = lintScope(repo, files, { config });
    // The needle-less file is linted last, once its syntax check has failed (src/python-syntax-check.ts).
    expect(verify.mock.calls.map((call) => path.basename(String((call[2] as { filename: string }).filename)))).toEqual(['stamp.py', 'view.py', 'broken.py']);
    expect(first.findings.map((finding) => [finding.file, finding.kind])).toEqual([
      ['app/stamp.py', 'utcnow'],
      ['app/view.py', 'pydantic-v1-method'],
    ]);
    expect(first.failures).toEqual([{ file: 'app/broken.py', line: 1, stage: 'parse', message: expect.stringMatching(/^Parsing error: invalid syntax/) }]);
  });

  it('skips nothing a rule would report: every Python fixture file ESLint finds something in holds a needle', () => {
    const mayHaveFindings = findingFilter(['py-utcnow', 'py-pydantic-v1'], {}, 'python');
    let checked = 0;
    for (const rule of ['py-utcnow', 'py-pydantic-v1'] as const) {
      for (const fixture of fixtureCases(rule)) {
        const repo = writeFixtureRepo(rule, fixture);
        for (const file of [fixture.path, ...Object.keys(fixture.files).filter((name) => name.endsWith('.py'))]) {
          const text = readFileSync(path.join(repo, file), 'utf8');
          const linter = new Linter({ cwd: repo });
          const messages = linter.verify(text, plugin.configs.recommended as never, { filename: path.join(repo, file) });
          const kinds = messages.map((message) => parseMessageId(message.messageId ?? '')?.kind).filter((kind) => kind !== undefined);
          if (kinds.length > 0) checked++;
          if (kinds.length > 0) expect(mayHaveFindings(text), `${rule}/${fixture.name}: ${file}`).toBe(true);
          for (const kind of kinds) expect(new RegExp(KINDS[kind].needle!).test(text), `${kind} in ${rule}/${fixture.name}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('finds a pydantic v1 member however the attribute is spelled between its dot and its name', () => {
    const spellings = ['m.NAME', 'm . NAME', 'm.\\\n    NAME', '(m.  # the model\n    NAME)', '(m\n .\n # one\n # two\n NAME)', 'm.\u200bNAME'];
    for (const [name, member] of Object.entries(V1_MEMBERS)) {
      for (const spelling of spellings) {
        const text = `${spelling.replace('NAME', name)}\n`;
        const parsed = parsePython(text);
        const attributes: string[] = [];
        const walk = (node: PyNode): void => {
          if (node.type === 'attribute' && node.fields.attribute) attributes.push(text.slice(node.fields.attribute.range[0], node.fields.attribute.range[1]));
          node.children.forEach(walk);
        };
        if (parsed.ok) walk(parsed.ast);
        // whatever tree-sitter reads as the attribute `name`, the kind's needle matches
        if (!attributes.includes(name)) continue;
        expect(new RegExp(KINDS[member.kind].needle).test(text), JSON.stringify(text)).toBe(true);
      }
    }
    expect(new RegExp(KINDS['pydantic-v1-config'].needle).test('class M(BaseModel):\n    class \\\n  Config:\n        orm_mode = True\n')).toBe(true);
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
