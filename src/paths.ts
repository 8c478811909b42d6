import path from 'node:path';

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
