import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The on-disk caches of `check` and of the out-of-scope totals: `node_modules/.cache/deprecfix` when the
 * repository has node_modules (like ESLint's and Babel's caches), else the user cache directory.
 * `DEPRECFIX_CACHE_DIR` replaces the user cache directory (the tests set it, so they never write into the user's).
 */
export function cacheDir(repoRoot: string): string {
  if (existsSync(path.join(repoRoot, 'node_modules'))) return path.join(repoRoot, 'node_modules', '.cache', 'deprecfix');
  const base = process.env.DEPRECFIX_CACHE_DIR ? path.resolve(process.env.DEPRECFIX_CACHE_DIR) : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'deprecfix');
  return path.join(base, createHash('sha1').update(repoRoot).digest('hex').slice(0, 16));
}

/** A cache file's content when it exists, parses and `isCurrent` accepts it; else undefined (start over). */
export function readCacheFile<T>(cachePath: string, isCurrent: (cache: T) => boolean): T | undefined {
  try {
    const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as T;
    return cache && isCurrent(cache) ? cache : undefined;
  } catch {
    return undefined; // missing or corrupt
  }
}

/** Writes a cache atomically; a cache that cannot be written only costs time next run. */
export function writeCacheFile(cachePath: string, cache: unknown): void {
  try {
    mkdirSync(path.dirname(cachePath), { recursive: true });
    const temp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(cache));
    renameSync(temp, cachePath);
  } catch {
    // ignore: see above
  }
}
