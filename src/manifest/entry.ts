/**
 * A manifest entry and what makes one valid, whichever form of manifest (JSON or plain text) it comes from. This
 * module owns the `ManifestEntry` type.
 */
import { UsageError } from '../errors.js';

/** One line of a scope as written: a repo-relative POSIX path or glob, `!`-prefixed to exclude, `#Symbol`-suffixed to narrow. */
export interface ManifestEntry {
  pattern: string;
  /** 1-based line in the manifest file, so warnings can say `manifest.json:LINE`. Entries are relative to the
   *  repository root, wherever the manifest file lives (CONTRACT §3). */
  line: number;
}

/**
 * `file.ts#Symbol` / `file.ts#Class.method` / `file.py#outer.inner`: the `#` follows a file extension and the
 * symbol is dotted names (so `notes/c#sharp.ts` stays a path).
 */
const SYMBOL_SUFFIX = /^(.+\.[A-Za-z0-9]+)#([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*)$/;

/** An entry's path (or glob) and the symbol it narrows that file to, if any. */
export function splitEntry(pattern: string): { path: string; symbol?: string } {
  const symbol = SYMBOL_SUFFIX.exec(pattern);
  return symbol ? { path: symbol[1], symbol: symbol[2] } : { path: pattern };
}

export function checkEntry(entry: ManifestEntry, where: string, owner: string): void {
  const excluded = entry.pattern.startsWith('!');
  const pattern = excluded ? entry.pattern.slice(1) : entry.pattern;
  if (pattern.trim() === '') {
    throw new UsageError(`${where}: ${owner} has an empty entry "${entry.pattern}"`, 'Remove it or write a path.');
  }
  const { path, symbol } = splitEntry(pattern);
  if (symbol && excluded) {
    throw new UsageError(
      `${where}: ${owner} lists ${entry.pattern}: a \`#Symbol\` entry cannot be excluded`,
      `List the symbols to keep instead (${path}#OtherFunction), or exclude the whole file (!${path}).`,
    );
  }
}
