/**
 * Finding the manifest: `--manifest` if given, else `deprecfix.manifest.json` from the working directory up to the
 * repository root; and finding that root, which check and scan also use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { MANIFEST_FILE_NAME } from './manifest.js';

/** Nearest ancestor of `startDir` (itself included) holding `.git` — a directory, or a file in worktrees. */
export function findRepoRoot(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `--manifest` if given, else `deprecfix.manifest.json` from `cwd` upward, stopping at the repository root. */
export function findManifest(cwd: string, explicitPath?: string): string {
  if (explicitPath !== undefined) {
    const resolved = path.resolve(cwd, explicitPath);
    if (!isFile(resolved)) {
      throw new UsageError(
        `Manifest ${explicitPath} not found (looked for ${resolved}).`,
        'Check the --manifest path; it is resolved against --cwd.',
      );
    }
    return resolved;
  }

  const repoRoot = findRepoRoot(cwd);
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, MANIFEST_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (dir === repoRoot || path.dirname(dir) === dir) break;
  }

  const searched = repoRoot
    ? `in ${start} or any parent up to the repository root ${repoRoot}`
    : `in ${start} or any parent up to the filesystem root (not inside a git repository)`;
  throw new UsageError(
    `No ${MANIFEST_FILE_NAME} found ${searched}.`,
    `Create ${MANIFEST_FILE_NAME} at the repository root, e.g. ` +
      `{ "version": 1, "scopes": { "phase10": ["src/api/**/*.ts"] } }; ` +
      'or pass a list of paths with `--manifest <file>`, e.g. `git diff --name-only main > changed.txt` then `--manifest changed.txt`.',
  );
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
