import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitState, parsePorcelainZ } from '../src/git.js';

let dir: string;
const savedEnv = { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: process.env.GIT_CEILING_DIRECTORIES };

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'deprecfix-git-')));
  // Never let git find a repository above the temp dir.
  process.env.GIT_CEILING_DIRECTORIES = tmpdir();
});
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    stdio: 'ignore',
  });
}

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository with three committed files and a clean tree. */
function committedRepo(): void {
  git('init', '-q');
  write('src/a.ts', 'a\n');
  write('src/b.ts', 'b\n');
  write('src/old name.ts', 'old\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
}

describe('gitState', () => {
  it('reports a clean repository', () => {
    committedRepo();
    expect(gitState(dir)).toEqual({ isRepo: true, root: dir, dirty: new Set() });
  });

  it('lists unstaged, staged, untracked and renamed files', () => {
    committedRepo();
    write('src/a.ts', 'a changed\n');
    write('src/b.ts', 'b changed\n');
    git('add', 'src/b.ts');
    write('src/deep/new/untracked.ts', 'new\n');
    write('weird "quoted" ü.ts', 'x\n');
    git('mv', 'src/old name.ts', 'src/new name.ts');
    const state = gitState(dir);
    expect(state.isRepo).toBe(true);
    expect([...state.dirty].sort()).toEqual(
      ['src/a.ts', 'src/b.ts', 'src/deep/new/untracked.ts', 'src/new name.ts', 'src/old name.ts', 'weird "quoted" ü.ts'].sort(),
    );
  });

  it('gives repo-relative paths when asked from a subdirectory', () => {
    committedRepo();
    write('src/a.ts', 'a changed\n');
    const state = gitState(join(dir, 'src'));
    expect(state.root).toBe(dir);
    expect([...state.dirty]).toEqual(['src/a.ts']);
  });

  it('treats a repository without commits as a repository', () => {
    git('init', '-q');
    write('a.ts', 'a\n');
    expect(gitState(dir)).toMatchObject({ isRepo: true, dirty: new Set(['a.ts']) });
  });

  it('is not a repository outside git', () => {
    const state = gitState(dir);
    expect(state.isRepo).toBe(false);
    expect(state.root).toBeUndefined();
    expect(state.dirty.size).toBe(0);
    expect(state.reason).toMatch(/not a git repository/);
  });

  it('is not a repository when git is missing', () => {
    process.env.PATH = dir;
    expect(gitState(dir)).toEqual({ isRepo: false, dirty: new Set(), reason: 'git is not installed' });
  });

  it('is not a repository for a missing directory', () => {
    expect(gitState(join(dir, 'nope'))).toMatchObject({ isRepo: false, reason: expect.stringContaining('does not exist') });
  });
});

describe('parsePorcelainZ', () => {
  it.each([
    { name: 'nothing', output: '', dirty: [] },
    { name: 'unstaged', output: ' M src/a.ts\0', dirty: ['src/a.ts'] },
    { name: 'staged and unstaged', output: 'MM src/a.ts\0A  src/b.ts\0', dirty: ['src/a.ts', 'src/b.ts'] },
    { name: 'untracked', output: '?? new file.ts\0', dirty: ['new file.ts'] },
    { name: 'deleted', output: ' D gone.ts\0', dirty: ['gone.ts'] },
    { name: 'staged rename: new path, then old', output: 'R  to.ts\0from.ts\0 M c.ts\0', dirty: ['to.ts', 'from.ts', 'c.ts'] },
    { name: 'renamed and modified', output: 'RM to.ts\0from.ts\0', dirty: ['to.ts', 'from.ts'] },
    { name: 'copy', output: 'C  copy.ts\0orig.ts\0', dirty: ['copy.ts', 'orig.ts'] },
    { name: 'a path that looks like a status', output: '?? R  x\0', dirty: ['R  x'] },
  ])('$name', ({ output, dirty }) => {
    expect([...parsePorcelainZ(output)]).toEqual(dirty);
  });
});
