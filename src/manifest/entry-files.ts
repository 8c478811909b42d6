/**
 * From a manifest entry to files on disk: the entry as a repo-relative POSIX path (an entry that leaves the
 * repository root, as written or through a symlink, is a `UsageError`), and the files a literal path, a directory or
 * a glob reaches. node_modules and .git are never scanned.
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { UsageError } from '../errors.js';

/** Globs and directory entries never reach into these; literal files inside them are skipped with a warning. */
export const NEVER_SCANNED = ['node_modules', '.git'];
const NEVER_SCANNED_GLOBS = NEVER_SCANNED.map((dir) => `**/${dir}/**`);

/** `./src//a.ts` → `src/a.ts`, `/abs/repo/src/a.ts` → `src/a.ts`; absolute paths outside the root and `..` that climbs out of it are errors. */
export function repoRelativePattern(pattern: string, where: string, repoRoot: string): string {
  const outside = (why: string): never => {
    throw new UsageError(
      `${where}, which ${why} outside the repository root ${repoRoot}`,
      'Manifest entries are paths relative to the repository root, in POSIX form (src/api/main.ts).',
    );
  };
  if (/^(?:[A-Za-z]:)?[\\/]/.test(pattern)) {
    // An absolute path inside the repository (pasted from an editor or `realpath`) means its repo-relative path.
    const inside = path.isAbsolute(pattern) ? insideRoot(pattern, repoRoot) : undefined;
    if (inside === undefined) outside('is an absolute path');
    pattern = inside!;
  }
  const normalized = path.posix.normalize(pattern).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) outside('climbs (..)');
  return normalized === '' ? '.' : normalized;
}

/** The repo-relative POSIX form of an absolute path inside the root (as given, or with symlinks resolved); else undefined. */
function insideRoot(absolutePath: string, repoRoot: string): string | undefined {
  const roots = [repoRoot];
  try {
    roots.push(fs.realpathSync(repoRoot));
  } catch {
    // the root exists; resolveScope has already read it
  }
  for (const root of roots) {
    const relative = path.relative(root, absolutePath);
    if (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)) return relative.split(path.sep).join('/') || '.';
  }
  return undefined;
}

export function literalTarget(pattern: string, repoRoot: string): 'file' | 'directory' | 'missing' {
  try {
    return fs.statSync(path.join(repoRoot, pattern)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing'; // includes a dangling symlink
  }
}

/** The repo-relative POSIX real path: symlinks are followed, so the real path is what must stay in the repository. */
export function realRepoPath(absolutePath: string, realRoot: string, where: string): string {
  const realPath = fs.realpathSync(absolutePath);
  const relative = path.relative(realRoot, realPath);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UsageError(
      `${where}, which resolves outside the repository root ${realRoot} (through a symlink to ${realPath})`,
      'deprecfix only rewrites files inside the repository; list the real file in its own repository instead.',
    );
  }
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

export function globFiles(pattern: string, repoRoot: string): string[] {
  return globSync(pattern, {
    cwd: repoRoot,
    dot: true,
    expandDirectories: false,
    onlyFiles: true,
    ignore: NEVER_SCANNED_GLOBS,
  });
}

/**
 * Every file under a literal directory. picomatch's `**` does not match a line break in a name, so files whose path
 * holds one (legal on POSIX, listed by `git ls-files -z`) are added from a walk of the directory.
 */
export function directoryFiles(directory: string, repoRoot: string): string[] {
  const files = globFiles(directoryGlob(directory), repoRoot);
  const absDirectory = path.join(repoRoot, directory);
  const entries = fs.readdirSync(absDirectory, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const relative = path.relative(repoRoot, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/');
    if (!/[\r\n]/.test(relative) || !entry.isFile()) continue;
    if (relative.split('/').some((segment) => NEVER_SCANNED.includes(segment))) continue;
    files.push(relative);
  }
  return files;
}

/** The glob of every file under a literal directory, whose name may contain glob characters. */
function directoryGlob(directory: string): string {
  return directory === '.' ? '**' : `${directory.replace(/[*?[\]{}()!+@\\]/g, '\\$&')}/**`;
}
