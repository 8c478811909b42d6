import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acquireFixLock, acquireRepoLock, lockPath } from '../src/lock.js';
import { gitCommitAll, tempDir } from './helpers.js';

describe('the fix lock', () => {
  it.each([{ git: true }, { git: false }])('git: $git — refuses while a live pid holds it, takes over a dead one, removes its own', ({ git }) => {
    const repo = tempDir();
    if (git) gitCommitAll(repo, 'initial');
    const file = lockPath(repo);
    expect(file.startsWith(repo)).toBe(git); // outside git, nothing is written into the repository

    writeFileSync(file, JSON.stringify({ pid: process.ppid }));
    expect(() => acquireFixLock(repo)).toThrow(`another deprecfix fix is running on this repository (pid ${process.ppid}`);

    writeFileSync(file, JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid }));
    const lock = acquireFixLock(repo);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('treats a lock being written (unreadable, fresh) as held, and an old unreadable one as stale', () => {
    const repo = tempDir();
    gitCommitAll(repo, 'initial');
    const file = lockPath(repo);
    writeFileSync(file, '');
    expect(() => acquireFixLock(repo)).toThrow('pid unknown');
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    acquireFixLock(repo).release();
    expect(existsSync(file)).toBe(false);
  });

  it('history has a lock of its own: taken with the fix lock held, refused while another history holds it', () => {
    const repo = tempDir();
    gitCommitAll(repo, 'initial');
    const fix = acquireFixLock(repo);
    expect(lockPath(repo, 'history')).not.toBe(lockPath(repo));
    writeFileSync(lockPath(repo, 'history'), JSON.stringify({ pid: process.ppid }));
    expect(() => acquireRepoLock(repo, 'history')).toThrow(`another deprecfix history is running on this repository (pid ${process.ppid}`);
    writeFileSync(lockPath(repo, 'history'), JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '0']).pid }));
    acquireRepoLock(repo, 'history').release();
    fix.release();
    expect(existsSync(lockPath(repo, 'history'))).toBe(false);
  });
});
