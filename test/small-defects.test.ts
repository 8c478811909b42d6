/**
 * Issue 11 item 8: the smaller defects, each from its reproduction.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../src/baseline.js';
import { UsageError } from '../src/errors.js';
import { findManifest } from '../src/manifest/find-manifest.js';
import { printerFor } from '../src/printers/index.js';
import { buildReport } from '../src/report.js';
import { renderPretty } from '../src/printers/pretty.js';
import { makeFinding, runCli, tempDir, writeFiles, gitRepo, oneScopeManifest, readReport } from './helpers.js';

const BUFFER = 'export const b = new Buffer("x");\n';
const FIXED = 'export const b = Buffer.from("x");\n';

const manifest = oneScopeManifest;
const usageError = (action: () => unknown): UsageError => {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('no UsageError');
};

describe('a read-only (0444) file', () => {
  it('is not rewritten, with a failure saying why; --force-read-only rewrites it and keeps the mode', () => {
    const repo = gitRepo({ 'src/ro.ts': BUFFER, 'src/rw.ts': BUFFER, 'deprecfix.manifest.json': manifest(['src']) });
    chmodSync(path.join(repo, 'src/ro.ts'), 0o444);
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(repo, 'src/ro.ts'), 'utf8')).toBe(BUFFER);
    expect(readFileSync(path.join(repo, 'src/rw.ts'), 'utf8')).toBe(FIXED);
    const failure = readReport(repo).failures.find((entry: { file: string }) => entry.file === 'src/ro.ts');
    expect(failure).toMatchObject({ stage: 'write' });
    expect(failure.message).toContain('read-only');
    expect(failure.message).toContain('--force-read-only');

    const forced = runCli(['fix', '--scope', 'p', '--force-read-only'], repo);
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/ro.ts'), 'utf8')).toBe(FIXED);
    expect(statSync(path.join(repo, 'src/ro.ts')).mode & 0o777).toBe(0o444);
  });
});

describe('file names', () => {
  it('a name with a newline stays in a directory scope and is fixed', () => {
    const repo = gitRepo({ 'src/a\nb.ts': BUFFER, 'deprecfix.manifest.json': manifest(['src']) });
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.status).toBe(0);
    expect(readReport(repo).scope.files).toEqual(['src/a\nb.ts']);
    expect(readFileSync(path.join(repo, 'src/a\nb.ts'), 'utf8')).toBe(FIXED);
  });

  it('control characters in a path are escaped in pretty and github output, never printed raw', () => {
    const file = 'src/\x1b[31mred\nline.ts';
    const input = { findings: [makeFinding(file, 1)], failures: [{ file, line: 2, stage: 'parse' as const, message: 'Parsing error' }], files: [file] };
    for (const format of ['pretty', 'github'] as const) {
      const output = printerFor(format).print(input, { color: false });
      expect(output).not.toContain('\x1b');
      expect(output).toContain('\\x1b[31mred');
    }
    expect(printerFor('pretty').print(input, { color: false })).toContain('src/\\x1b[31mred\\nline.ts');

    // The before/after summary of `fix` too.
    const report = buildReport({
      toolVersion: '9.9.9',
      scope: { spec: 'p', scopes: ['p'], files: [file] },
      before: [makeFinding(file, 1), makeFinding(file, 3, { fix: 'none' })],
      after: [makeFinding(file, 3, { fix: 'none' })],
      fixed: [{ file, line: 1, ruleId: 'deprecfix/no-legacy-serialization', kind: 'class-transformer-rename', before: 'a', after: 'b' }],
      outOfScope: null,
      failures: input.failures,
      notes: [],
      options: { dryRun: false, unsafeFixes: false },
    });
    const summary = renderPretty(report, { color: false });
    expect(summary).not.toContain('\x1b');
    expect(summary.match(/src\/\\x1b\[31mred\\nline\.ts/g)).toHaveLength(3);
  });

  it('an absolute path inside the repository is accepted as the repository-relative path', () => {
    const repo = gitRepo({ 'src/a.ts': BUFFER });
    writeFiles(repo, { 'deprecfix.manifest.json': manifest([path.join(repo, 'src/a.ts')]) });
    const run = runCli(['fix', '--scope', 'p', '--allow-dirty'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readReport(repo).scope.files).toEqual(['src/a.ts']);
  });
});

describe('messages', () => {
  it('"1 finding in 1 file", not "1 files"', () => {
    const output = printerFor('pretty').print({ findings: [makeFinding('a.ts', 1)], failures: [], files: ['a.ts'] }, { color: false });
    expect(output).toContain('1 finding in 1 file (');
  });

  it('a typo of a command suggests the command instead of "too many arguments for \'fix\'"', () => {
    const repo = gitRepo({ 'src/a.ts': BUFFER });
    const run = runCli(['scna', 'src'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain('too many arguments');
    expect(run.stderr).toContain("unknown command 'scna' (did you mean 'scan'?)");
    const other = runCli(['frobnicate'], repo);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain("unknown command 'frobnicate'");
  });

  it('a malformed baseline names the file, line and column and says what is wrong in words', () => {
    const error = usageError(() => parseBaseline('{\n  "src/a.ts": { "deprecfix/no-utcnow-date": { "count": 1 }, }\n}\n', 'eslint-suppressions.json'));
    expect(error.message).toContain("eslint-suppressions.json:2:59: malformed baseline: trailing comma before '}'");
    expect(error.message).not.toContain('ValueExpected');
  });

  it('the no-manifest error recommends only what exists', () => {
    const repo = gitRepo({ 'src/a.ts': BUFFER });
    const error = usageError(() => findManifest(repo));
    expect(error.hint).not.toContain('manifest record');
    expect(error.hint).toContain('--manifest');
    expect(error.hint).toContain('git diff --name-only');
  });
});

describe('the cache in tests', () => {
  it('goes to DEPRECFIX_CACHE_DIR (set for every test by test/setup.ts), never to ~/.cache', () => {
    expect(process.env.DEPRECFIX_CACHE_DIR).toBeTruthy();
    const home = tempDir();
    const cache = tempDir();
    const repo = gitRepo({ 'src/a.ts': BUFFER, 'other.ts': BUFFER, 'deprecfix.manifest.json': manifest(['src']) });
    const run = runCli(['fix', '--scope', 'p'], repo, { HOME: home, XDG_CACHE_HOME: undefined, DEPRECFIX_CACHE_DIR: cache });
    expect(run.status).toBe(0);
    expect(readReport(repo).outOfScope.total).toBe(1);
    expect(existsSync(path.join(home, '.cache'))).toBe(false);
    expect(readdirSync(cache)).toHaveLength(1);
  });
});
