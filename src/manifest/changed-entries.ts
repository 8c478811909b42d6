/**
 * The manifest entries a git diff stands for: every supported source file the diff changed on its new side (as the
 * file policy of src/files.ts considers it: the config's `ignores`, vendored, minified, generated and oversized
 * files left out), or with `symbols` the functions and methods whose lines the hunks touched. `manifest record --git`
 * writes them into a scope; `--changed` resolves them as a scope of its own, with no manifest.
 */
import path from 'node:path';
import { skipRule, type FilePolicy, type SkippedFile } from '../files.js';
import { diffFiles, type ChangedFile, type DiffSides } from '../git-diff.js';
import { isSourceFile } from '../languages.js';

export interface ChangedEntries {
  /** Repo-relative paths (whole files) and `path#Symbol` entries, sorted. */
  entries: string[];
  /** Changed source files the file policy leaves out. */
  skipped: SkippedFile[];
  /** Changed files deprecfix does not handle (README.md, package.json). */
  unsupported: string[];
  /** Things to tell the user: files recorded whole under --symbols because a hunk lay outside every function. */
  notes: string[];
}

export interface ChangedEntriesOptions {
  policy: FilePolicy;
  symbols?: boolean;
  /** Working-tree diffs: count untracked files that git does not ignore as new. */
  untracked?: boolean;
}

export function changedEntries(repoRoot: string, sides: DiffSides, options: ChangedEntriesOptions): ChangedEntries {
  const changed = diffFiles(repoRoot, sides, { hunks: options.symbols, untracked: options.untracked });
  const skipReason = skipRule(repoRoot, options.policy);
  const entries = new Set<string>();
  const skipped: SkippedFile[] = [];
  const unsupported: string[] = [];
  const notes: string[] = [];
  for (const file of changed) {
    if (file.path.split('/').some((segment) => segment === 'node_modules')) continue;
    if (!isSourceFile(file.path)) {
      unsupported.push(file.path);
      continue;
    }
    // The policy reads the working tree's copy (its size and header); a file only on the new side of a range passes.
    const reason = skipReason(file.path);
    if (reason) {
      skipped.push({ file: file.path, reason });
      continue;
    }
    for (const entry of options.symbols ? symbolEntries(repoRoot, sides, file, notes) : [file.path]) entries.add(entry);
  }
  return { entries: [...entries].sort(compareCodeUnits), skipped, unsupported: unsupported.sort(compareCodeUnits), notes };
}

/** Filled in once the symbol table (src/manifest/symbols.ts) is in: for now every file is recorded whole. */
function symbolEntries(_repoRoot: string, _sides: DiffSides, file: ChangedFile, _notes: string[]): string[] {
  return [file.path];
}

/** Locale-independent order, so a recorded manifest is identical on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `./src//a.ts` and `src/a.ts` are one entry. */
export function sameEntry(a: string, b: string): boolean {
  return path.posix.normalize(a) === path.posix.normalize(b);
}
