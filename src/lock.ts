import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from './errors.js';
import { gitDir } from './git.js';
import { relativizePaths } from '../rules/project/paths.js';

/**
 * One `fix` at a time per repository (issue 11), and one `history` (its private copy of the files is one directory per
 * repository): two runs rewriting the same files would each write over the other's
 * result. The lock is a file holding the owner's pid — in the work tree's `.git` directory (never committed, never
 * in the way), else in the system temp directory, named after the repository's real path (so a killed run leaves
 * nothing in the repository or the user's cache). A lock whose pid no longer runs was left by a run that was killed, and is
 * taken over.
 */
export interface RepoLock {
  path: string;
  release(): void;
}

/** A lock file we cannot parse is being written right now, unless it is older than this. */
const UNREADABLE_LOCK_GRACE_MS = 5_000;

/** The commands that take a lock, each its own. */
export type LockedCommand = 'fix' | 'history';

/** A name for the repository outside it (temp files): its real path's digest. */
export function repositoryId(repoRoot: string): string {
  return createHash('sha1').update(realpathSync(repoRoot)).digest('hex').slice(0, 16);
}

export function lockPath(repoRoot: string, command: LockedCommand = 'fix'): string {
  const suffix = command === 'fix' ? '' : `-${command}`;
  const git = gitDir(repoRoot);
  if (git) return path.join(git, `deprecfix${suffix}.lock`);
  return path.join(os.tmpdir(), `deprecfix-${repositoryId(repoRoot)}${suffix}.lock`);
}

export function acquireFixLock(repoRoot: string): RepoLock {
  return acquireRepoLock(repoRoot, 'fix');
}

export function acquireRepoLock(repoRoot: string, command: LockedCommand): RepoLock {
  const file = lockPath(repoRoot, command);
  mkdirSync(path.dirname(file), { recursive: true });
  const content = `${JSON.stringify({ pid: process.pid, started: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, content, { flag: 'wx' });
      return { path: file, release: () => releaseLock(file, content) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(file);
    if (holder !== 'stale') {
      throw new UsageError(
        `another deprecfix ${command} is running on this repository (${holder === 'unknown' ? 'pid unknown' : `pid ${holder}`}; lock ${relativizePaths(file, repoRoot)})`,
        'wait for it to finish; if no such process runs, delete the lock file',
      );
    }
    rmSync(file, { force: true });
  }
  throw new UsageError(`could not take the lock ${relativizePaths(file, repoRoot)}: other runs keep taking it`);
}

/** The pid holding the lock, 'unknown' while its owner is still writing it, or 'stale' when nobody holds it. */
function lockHolder(file: string): number | 'unknown' | 'stale' {
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'stale'; // released meanwhile
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_LOCK_GRACE_MS ? 'stale' : 'unknown';
    } catch {
      return 'stale';
    }
  }
  return typeof pid === 'number' && Number.isInteger(pid) && isRunning(pid) ? pid : 'stale';
}

function isRunning(pid: number): boolean {
  // Our own pid in a lock we did not take: a killed run whose pid was reused (containers start at the same pids).
  if (pid === process.pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** Removes the lock if it is still ours (a run that found it stale may have replaced it). */
function releaseLock(file: string, content: string): void {
  try {
    if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}
