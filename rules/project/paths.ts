import { realpathSync } from 'node:fs';
import path from 'node:path';

/** A path with `/` separators, as findings, manifests and TypeScript name files on every platform. */
export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** A source file's or module specifier's extension (`.ts`, `.d.ts`, `.mjs`, `.tsx`, …). */
export const SCRIPT_EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;

/** A module specifier's last name without its extension: `time` for `../lib/time.js`, `lib` for `../lib`. */
export function moduleStem(specifier: string): string {
  return path.posix.basename(specifier).replace(SCRIPT_EXTENSION, '');
}

/**
 * The stems a specifier that names `file` (POSIX) may end in: its own (`./parse`, `./parse.js`, `@app/parse`), and for
 * an index file its directory's (`../src` for `src/index.ts`).
 */
export function specifierStems(file: string): string[] {
  const stem = moduleStem(file);
  return stem === 'index' ? [stem, moduleStem(path.posix.dirname(file))] : [stem];
}

/** The linted file relative to ESLint's working directory (the repository root in the CLI), with `/` separators. */
export function lintedFile(context: { cwd: string; filename: string }): string {
  return toPosix(path.relative(context.cwd, path.resolve(context.cwd, context.filename)));
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

/**
 * A message (an fs error, a tool's output) with every absolute path inside the repository made repository-relative,
 * so that reports and pull-request comments never show where the repository sits on someone's disk.
 */
export function relativizePaths(message: string, repoRoot: string): string {
  const roots = new Set([path.resolve(repoRoot)]);
  try {
    roots.add(realpathSync(repoRoot));
  } catch {
    // A root that is gone has no other spelling.
  }
  let result = message;
  // Longest first: one spelling may be a prefix of the other.
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`${escaped}(?:[\\/]|(?![^\\s'"\`:,)]))`, 'g'), (match) => (match === root ? '.' : ''));
  }
  return result;
}

/**
 * A path as printed to a terminal or a CI log: control characters (an ESC that would recolour the terminal, a
 * newline that would forge a line) spelled as `\x1b`, `\n`. File names may hold any byte but `/` and NUL.
 */
export function printablePath(file: string): string {
  return file.replace(/[\x00-\x1f\x7f-\x9f]/g, (char) =>
    char === '\n' ? '\\n' : char === '\r' ? '\\r' : char === '\t' ? '\\t' : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
