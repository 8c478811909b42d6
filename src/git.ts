import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * What `fix` needs to know before writing (CONTRACT §7.2): is this a git repository, and which files have
 * uncommitted work that a rewrite would mix with (react-codemod's `checkGitStatus`, per file).
 */
export interface GitState {
  isRepo: boolean;
  /** The work tree root, as git prints it (POSIX separators). */
  root?: string;
  /** Repo-relative POSIX paths with staged, unstaged or untracked changes (both sides of a rename). */
  dirty: Set<string>;
  /** Why `isRepo` is false: git is not installed, or git's own message. */
  reason?: string;
}

export function gitState(dir: string): GitState {
  // A missing cwd makes the spawn fail with ENOENT too, which would read as "git is not installed".
  if (!existsSync(dir)) return { isRepo: false, dirty: new Set(), reason: `${dir} does not exist` };
  let root: string;
  try {
    root = git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    return { isRepo: false, dirty: new Set(), reason: describeGitError(error) };
  }
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  return { isRepo: true, root, dirty: parsePorcelainZ(status) };
}

/**
 * Parses `git status --porcelain=v1 -z`: records `XY path\0`; a rename or copy (`R`/`C` in either column) is
 * followed by one more `\0`-terminated record holding the old path. Paths are repo-relative and unquoted.
 */
export function parsePorcelainZ(output: string): Set<string> {
  const dirty = new Set<string>();
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    dirty.add(record.slice(3));
    if (/[RC]/.test(status) && i + 1 < records.length) dirty.add(records[++i]);
  }
  return dirty;
}

/**
 * The files git lists in `dir` (tracked, and untracked but not ignored: `.gitignore`, `.git/info/exclude` and the
 * global excludes file respected), relative to `dir`; undefined when `dir` is not in a git work tree.
 */
export function listGitFiles(dir: string): string[] | undefined {
  try {
    return git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** The absolute `.git` directory of the work tree holding `dir` (a linked worktree has its own); undefined outside git. */
export function gitDir(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--absolute-git-dir']).trim() || undefined;
  } catch {
    return undefined;
  }
}

function git(cwd: string, args: string[]): string {
  return gitText(cwd, args);
}

/** A git command's output as text (throws when git fails). */
export function gitText(cwd: string, args: string[]): string {
  return gitBuffer(cwd, args).toString('utf8');
}

/** A git command's output as bytes (blobs), with `input` on its standard input when given. */
export function gitBuffer(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, {
    cwd,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    // A read-only look must not take the index lock from a concurrent git command.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
}

function describeGitError(error: unknown): string {
  const failure = error as NodeJS.ErrnoException & { stderr?: string };
  if (failure.code === 'ENOENT') return 'git is not installed';
  const stderr = typeof failure.stderr === 'string' ? failure.stderr.trim() : '';
  return stderr.split('\n')[0] || failure.message;
}
