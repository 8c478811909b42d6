import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, git, gitRepo, readReport, runCli, snapshotTree, tempDir, writeFiles, commit } from './helpers.js';

/**
 * `--changed <ref>` on fix, scan and check (the scope is what changed since a revision, untracked files included, with
 * no manifest), and `--symbols` with it and with `manifest record`, end to end on temporary git repositories.
 */


const DEPRECATED = (name: string) => `export function ${name}(when: Date): string {\n  return when.toGMTString();\n}\n`;

describe('--changed <ref>', () => {
  it('fix --changed HEAD~1 rewrites only the file the last commit changed, with no manifest', () => {
    const dir = gitRepo({ 'src/a.ts': DEPRECATED('a'), 'src/b.ts': DEPRECATED('b') });
    writeFiles(dir, { 'src/a.ts': `// touched\n${DEPRECATED('a')}` });
    commit(dir, 'touch a');
    const tree = snapshotTree(dir);
    const run = runCli(['fix', '--changed', 'HEAD~1', '--no-repo-totals'], dir);
    expect(run.status).toBe(0);
    expect(changedPaths(tree, snapshotTree(dir))).toEqual(['deprecfix-report.json', 'deprecfix-report.md', 'src/a.ts']);
    expect(readFileSync(path.join(dir, 'src/a.ts'), 'utf8')).toBe(`// touched\n${DEPRECATED('a').replace('toGMTString', 'toUTCString')}`);
    const report = readReport(dir);
    expect(report.scope).toEqual({ spec: '--changed HEAD~1', scopes: ['--changed HEAD~1'], files: ['src/a.ts'] });
    expect(report.before.total).toBe(1);
    expect(report.after.total).toBe(0);
  });

  it('scan --changed HEAD counts staged, unstaged and untracked files, never ignored ones', () => {
    const dir = gitRepo({ '.gitignore': 'tmp/\n', 'src/a.ts': DEPRECATED('a'), 'src/b.ts': DEPRECATED('b'), 'src/c.ts': DEPRECATED('c') });
    writeFiles(dir, {
      'src/new.ts': DEPRECATED('fresh'), // untracked: a pre-commit hook's new file
      'src/b.ts': `${DEPRECATED('b')}// edited\n`, // unstaged
      'tmp/ignored.ts': DEPRECATED('ignored'),
      'notes.md': 'text\n',
    });
    writeFiles(dir, { 'src/c.ts': `// staged\n${DEPRECATED('c')}` });
    git(dir, 'add', 'src/c.ts');
    const run = runCli(['scan', '--changed', 'HEAD', '--format', 'json'], dir);
    expect(run.status).toBe(0);
    const files = [...new Set((JSON.parse(run.stdout).findings as { file: string }[]).map((finding) => finding.file))].sort();
    expect(files).toEqual(['src/b.ts', 'src/c.ts', 'src/new.ts']);
    expect(runCli(['scan', '--changed', 'HEAD', '--max-warnings', '0'], dir).status).toBe(1);
  });

  it('a changed symbolic link is left out with a note; the file it points to counts when it changed', () => {
    const dir = gitRepo({ 'src/a.ts': DEPRECATED('a') });
    symlinkSync('src/a.ts', path.join(dir, 'link.ts'));
    const run = runCli(['scan', '--changed', 'HEAD', '--format', 'json'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('note: Left out a symbolic link among the changed files (link.ts): the files they point to count when they changed.');
    expect(JSON.parse(run.stdout).findings).toEqual([]);
  });

  it('--changed HEAD before the first commit compares with the empty tree', () => {
    const dir = writeFiles(tempDir(), { 'src/a.ts': DEPRECATED('a'), 'src/b.ts': DEPRECATED('b') });
    git(dir, 'init', '-q');
    git(dir, 'add', 'src/a.ts'); // staged; b.ts is new and untracked
    const run = runCli(['scan', '--changed', 'HEAD', '--format', 'json'], dir);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout).findings as { file: string }[]).map((finding) => finding.file).sort()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('check --changed judges only the changed files against the baseline', () => {
    const dir = gitRepo({ 'src/a.ts': DEPRECATED('a'), 'src/b.ts': DEPRECATED('b') });
    writeFileSync(path.join(dir, 'eslint-suppressions.json'), '{}\n'); // a baseline that allows nothing
    commit(dir, 'baseline');
    expect(runCli(['check'], dir).status).toBe(1); // both files regress against an empty baseline
    const clean = runCli(['check', '--changed', 'HEAD'], dir);
    expect(clean.status).toBe(0); // nothing changed since HEAD: nothing to judge
    expect(clean.stdout).toContain('--changed HEAD: 0 of 2 files');
    writeFiles(dir, { 'src/b.ts': `${DEPRECATED('b')}// edited\n` });
    const changed = runCli(['check', '--changed', 'HEAD', '--format', 'json'], dir);
    expect(changed.status).toBe(1);
    const verdict = JSON.parse(changed.stdout);
    expect(verdict.changed).toBe('HEAD');
    expect(verdict.regressions.map((entry: { file: string }) => entry.file)).toEqual(['src/b.ts']);
    expect(runCli(['check', '--changed', 'HEAD', '--shard', '1/2'], dir).status).toBe(2);
  });

  it('is an alternative to --scope: both, or --symbols alone, is a usage error', () => {
    const dir = gitRepo({ 'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { p: ['src/a.ts'] } }), 'src/a.ts': DEPRECATED('a') });
    const both = runCli(['fix', '--scope', 'p', '--changed', 'HEAD'], dir);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give either --scope or --changed, not both');
    expect(runCli(['scan', '--scope', 'p', '--changed', 'HEAD'], dir).status).toBe(2);
    expect(runCli(['scan', '--scope', 'p', '--symbols'], dir).status).toBe(2);
    expect(runCli(['fix'], dir).status).toBe(2);
    const bad = runCli(['scan', '--changed', 'nope'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('git cannot diff nope');
  });
});

describe('--symbols meets symbol entries', () => {
  const TWO = `export class Clock {\n  stamp(when: Date): string {\n    return when.toGMTString();\n  }\n\n  label(when: Date): string {\n    return when.toGMTString();\n  }\n}\n`;

  it('fix --changed HEAD~1 --symbols rewrites only the method the last commit touched; the other is out of scope', () => {
    const dir = gitRepo({ 'src/clock.ts': TWO });
    writeFiles(dir, { 'src/clock.ts': TWO.replace('  stamp(when: Date): string {\n', '  stamp(when: Date): string {\n    // touched\n') });
    commit(dir, 'touch stamp');
    const run = runCli(['fix', '--changed', 'HEAD~1', '--symbols'], dir);
    expect(run.status).toBe(0);
    const after = readFileSync(path.join(dir, 'src/clock.ts'), 'utf8');
    expect(after).toBe(TWO.replace('  stamp(when: Date): string {\n    return when.toGMTString();', '  stamp(when: Date): string {\n    // touched\n    return when.toUTCString();'));
    const report = readReport(dir);
    expect(report.scope.symbols).toEqual({ 'src/clock.ts': ['Clock.stamp'] });
    expect(report.before.total).toBe(1);
    expect(report.after.total).toBe(0);
    expect(report.outOfScope.total).toBe(1); // label's finding: in a changed file, but not in a changed method
  });

  it('scan --changed HEAD --symbols counts only the changed method of a modified file', () => {
    const dir = gitRepo({ 'src/clock.ts': TWO });
    writeFiles(dir, { 'src/clock.ts': TWO.replace('  label(when: Date): string {\n', '  label(when: Date): string {\n    // touched\n') });
    const run = runCli(['scan', '--changed', 'HEAD', '--symbols', '--format', 'json'], dir);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout).findings as { line: number }[]).map((finding) => finding.line)).toEqual([8]);
  });

  it('record --symbols adds no symbol of a file the scope lists whole, and a recorded manifest loads', () => {
    const dir = gitRepo({ 'src/clock.ts': TWO, 'src/other.ts': 'export function other(): number {\n  return 1;\n}\n' });
    writeFiles(dir, {
      'src/clock.ts': TWO.replace('  label(when: Date): string {\n', '  label(when: Date): string {\n    // touched\n'),
      'src/other.ts': 'export function other(): number {\n  return 2;\n}\n',
    });
    commit(dir, 'edits');
    writeFileSync(path.join(dir, 'deprecfix.manifest.json'), '{\n  "version": 1,\n  "scopes": {\n    "p": ["src/other.ts"]\n  }\n}\n');
    const run = runCli(['manifest', 'record', 'p', '--git', 'HEAD~1', '--symbols'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 entry added to scope p (1 already listed)');
    expect(JSON.parse(readFileSync(path.join(dir, 'deprecfix.manifest.json'), 'utf8')).scopes.p).toEqual(['src/other.ts', 'src/clock.ts#Clock.label']);
    const scan = runCli(['scan', '--scope', 'p', '--format', 'json'], dir);
    expect(scan.status).toBe(0);
    expect((JSON.parse(scan.stdout).findings as { file: string; line: number }[]).map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/clock.ts:8']);
  });

  it('a method an entry cannot name records its file whole', () => {
    const dir = gitRepo({ 'src/odd.ts': "export class Odd {\n  'two words'(): number {\n    return 1;\n  }\n}\n" });
    writeFiles(dir, { 'src/odd.ts': "export class Odd {\n  'two words'(): number {\n    return 2;\n  }\n}\n" });
    commit(dir, 'edit');
    const run = runCli(['manifest', 'record', 'p', '--git', 'HEAD~1', '--symbols', '--dry-run'], dir);
    expect(JSON.parse(run.stdout).scopes.p).toEqual(['src/odd.ts']);
    expect(run.stderr).toContain('src/odd.ts: recorded whole, as Odd.two words cannot be written as a #Symbol entry');
  });
});
