import type { FixedEntry, ImportEdit } from '../report.js';

/** One change of a file as a diff shows it: a rewrite or an import edit, at its line in the file as it was. */
export interface FileChange {
  line: number;
  /** The rewrite's kind, or `imports`. */
  label: string;
  before: string;
  after: string;
}

/**
 * One file's import edits and rewrites as diff hunks, in line order (imports first on a tie, read top to bottom
 * like the file's own diff). A rewrite that removed its lines where an import edit already shows them removed (a
 * subpath import joined into the package root's) is not shown a second time as a hunk of only `-` lines.
 */
export function fileChanges(entries: readonly FixedEntry[], imports: readonly ImportEdit[]): FileChange[] {
  const importChanges = imports.map((edit) => ({ line: edit.line, label: 'imports', before: edit.before, after: edit.after }));
  const shownByImports = (entry: FixedEntry): boolean =>
    entry.after === '' &&
    imports.some((edit) => {
      const removed = edit.before.split('\n');
      const lines = entry.before.split('\n');
      const at = entry.line - edit.line;
      return at >= 0 && lines.every((line, index) => removed[at + index]?.trim() === line.trim());
    });
  const rewrites = entries.filter((entry) => !shownByImports(entry)).map((entry) => ({ line: entry.line, label: entry.kind, before: entry.before, after: entry.after }));
  return [...importChanges, ...rewrites].sort((a, b) => a.line - b.line);
}
