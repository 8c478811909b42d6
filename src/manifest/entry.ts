/**
 * A manifest entry and what makes one valid, whichever form of manifest (JSON or plain text) it comes from. This
 * module owns the `ManifestEntry` type.
 */
import { UsageError } from '../errors.js';

/** One line of a scope as written: a repo-relative POSIX path or glob, `!`-prefixed to exclude. */
export interface ManifestEntry {
  pattern: string;
  /** 1-based line in the manifest file, so warnings can say `manifest.json:LINE`. Entries are relative to the
   *  repository root, wherever the manifest file lives (CONTRACT §3). */
  line: number;
}

/** `file.ts#Symbol` / `file.ts#Class.method`: narrowing to a symbol is specified (CONTRACT §3) but not built yet. */
const SYMBOL_SUFFIX = /^(.+\.[A-Za-z0-9]+)#([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

export function checkEntry(entry: ManifestEntry, where: string, owner: string): void {
  const pattern = entry.pattern.startsWith('!') ? entry.pattern.slice(1) : entry.pattern;
  if (pattern.trim() === '') {
    throw new UsageError(`${where}: ${owner} has an empty entry "${entry.pattern}"`, 'Remove it or write a path.');
  }
  const symbol = SYMBOL_SUFFIX.exec(pattern);
  if (symbol) {
    throw new UsageError(
      `${where}: ${owner} lists ${entry.pattern}: \`#Symbol\` entries are not supported yet`,
      `List the whole file (${symbol[1]}) instead; deprecfix will rewrite every finding in it.`,
    );
  }
}
