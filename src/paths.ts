import path from 'node:path';

/** A path with `/` separators, as findings, manifests and TypeScript name files on every platform. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** `absPath` relative to the repository root, with `/` separators. */
export function repoPath(repoRoot: string, absPath: string): string {
  return toPosix(path.relative(repoRoot, absPath));
}

/** `fromDir` and its ancestors, nearest first, up to `stopDir` (inclusive) or the filesystem root. */
export function ancestorDirs(fromDir: string, stopDir?: string): string[] {
  const dirs: string[] = [];
  let dir = path.resolve(fromDir);
  const stop = stopDir === undefined ? undefined : path.resolve(stopDir);
  for (;;) {
    dirs.push(dir);
    if (dir === stop) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}
