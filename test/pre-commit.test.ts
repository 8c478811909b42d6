import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, gitRepo, packageRoot, runCli } from './helpers.js';

/**
 * `.pre-commit-hooks.yaml`: its entry, run as pre-commit runs it (`entry` + the staged file names), judges exactly
 * the staged files against the baseline.
 */

const ROUNDTRIP = (name: string) => `export const ${name} = (x: unknown) => JSON.parse(JSON.stringify(x));\n`;

/** The hook's fields, read line by line (no YAML parser among the dependencies). */
function hook(): Record<string, string> {
  const text = readFileSync(path.join(packageRoot, '.pre-commit-hooks.yaml'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^ {0,2}-? ?([a-z_]+): (.*)$/gm)].map((match) => [match[1], match[2]]));
}

/** Runs the hook's entry as pre-commit does: its words, then the file names (the built bin stands for `deprecfix`). */
function runHook(repo: string, files: string[]) {
  const [command, ...args] = hook().entry.split(' ');
  expect(command).toBe('deprecfix');
  return runCli([...args, ...files], repo);
}

function stagedFiles(repo: string): string[] {
  return git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter(Boolean);
}

describe('the pre-commit hook', () => {
  it('declares a node hook that is passed the staged file names', () => {
    expect(hook()).toMatchObject({ id: 'deprecfix-check', entry: 'deprecfix check', language: 'node', pass_filenames: 'true' });
  });

  it('fails on a staged file above its baseline, naming the new finding, and ignores an unstaged regression elsewhere', { timeout: 180_000 }, () => {
    const repo = gitRepo({
      'src/a.ts': ROUNDTRIP('one'),
      'src/b.ts': 'export const b = 1;\n',
      'src/c.ts': ROUNDTRIP('legacy') + ROUNDTRIP('legacy2'),
      'eslint-suppressions.json': `${JSON.stringify({ 'src/a.ts': { 'deprecfix/no-legacy-serialization': { count: 1 } }, 'src/c.ts': { 'deprecfix/no-legacy-serialization': { count: 2 } } }, null, 2)}\n`,
    });
    writeFileSync(path.join(repo, 'src/b.ts'), ROUNDTRIP('fresh'));
    git(repo, 'add', 'src/b.ts');
    // Not staged, so pre-commit would not pass it: its regression is not this commit's.
    writeFileSync(path.join(repo, 'src/a.ts'), ROUNDTRIP('one') + ROUNDTRIP('two'));

    const run = runHook(repo, stagedFiles(repo));
    expect(stagedFiles(repo)).toEqual(['src/b.ts']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/b.ts');
    expect(run.stdout).not.toContain('src/a.ts');
    expect(run.stdout).toContain('(the given paths: 1 of 3 files)');
  });

  it('passes when the staged files hold no more than the baseline allows (a file in the baseline with fewer findings)', { timeout: 180_000 }, () => {
    const repo = gitRepo({
      'src/c.ts': ROUNDTRIP('legacy') + ROUNDTRIP('legacy2'),
      'src/d.ts': ROUNDTRIP('other'),
      'eslint-suppressions.json': `${JSON.stringify({ 'src/c.ts': { 'deprecfix/no-legacy-serialization': { count: 2 } } }, null, 2)}\n`,
    });
    writeFileSync(path.join(repo, 'src/c.ts'), ROUNDTRIP('legacy'));
    git(repo, 'add', 'src/c.ts');
    // src/d.ts has a finding the baseline does not allow, but it is not staged: the commit is judged on its own files.
    const run = runHook(repo, stagedFiles(repo));
    expect(run.status).toBe(0);
    expect(runHook(repo, ['src/d.ts']).status).toBe(1);
    commit(repo, 'fewer findings');
  });

  it('refuses a path outside the repository (exit 2)', () => {
    const repo = gitRepo({ 'src/a.ts': 'export {};\n', 'eslint-suppressions.json': '{}\n' });
    expect(runHook(repo, ['../elsewhere.ts'])).toMatchObject({ status: 2, stderr: expect.stringContaining('outside the repository') });
  });
});
