/**
 * The manifest entries a git diff stands for: every supported source file the diff changed on its new side (as the
 * file policy of src/files.ts considers it: the config's `ignores`, vendored, minified, generated and oversized
 * files left out), or with `symbols` the functions and methods whose lines the hunks touched. `manifest record --git`
 * writes them into a scope; `--changed` resolves them as a scope of its own, with no manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { skipRule, type FilePolicy, type SkippedFile } from '../files.js';
import { diffFiles, showFile, type ChangedFile, type DiffSides } from '../git-diff.js';
import { isSourceFile } from '../languages.js';
import { innermostSymbols, readSymbols } from '../symbols/index.js';
import { splitEntry } from './entry.js';

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

/** The skip reason of a changed symbolic link: the file it points to is what gets rewritten, when it changed too. */
export const SYMBOLIC_LINK = 'a symbolic link (the file it points to counts when it changed)';

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
    const reason = isSymlink(path.join(repoRoot, file.path)) ? SYMBOLIC_LINK : skipReason(file.path);
    if (reason) {
      skipped.push({ file: file.path, reason });
      continue;
    }
    for (const entry of options.symbols ? symbolEntries(repoRoot, sides, file, notes) : [file.path]) entries.add(asEntry(entry));
  }
  return { entries: [...entries].sort(compareCodeUnits), skipped, unsupported: unsupported.sort(compareCodeUnits), notes };
}

/**
 * `--symbols`: the functions and methods the hunks touched, as `path#Name` entries, read from the new side's text.
 * A changed line outside every function or method (an import, a top-level statement, a class field, a comment
 * between methods) records the whole file, since a finding there is in no symbol; blank lines do not count. A pure
 * deletion touches the innermost function holding both lines around the gap, and nothing when it lies between
 * functions (no code is left there to fix). A file whose parser had to recover from a syntax error is recorded
 * whole: its table may lack the very function that changed.
 */
function symbolEntries(repoRoot: string, sides: DiffSides, file: ChangedFile, notes: string[]): string[] {
  const text = sides.newSide === undefined ? readWorkingFile(repoRoot, file.path) : showFile(repoRoot, sides.newSide, file.path);
  if (text === undefined) return [file.path];
  if ((file.lines ?? []).length === 0) {
    notes.push(`${file.path}: not recorded, as its content did not change (${file.status === 'R' ? `renamed from ${file.from}` : 'a mode or type change'})`);
    return [];
  }
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const { symbols, syntaxError } = readSymbols(file.path, text);
  if (syntaxError) {
    notes.push(`${file.path}: recorded whole, as it does not parse (line ${syntaxError.line}: ${syntaxError.message})`);
    return [file.path];
  }
  const callables = symbols.filter((entry) => entry.kind !== 'class');
  const inCallable = (line: number) => callables.some((entry) => entry.startLine <= line && line <= entry.endLine);
  const touched = new Set<string>();
  for (const range of file.lines ?? []) {
    if (range.gap) {
      const holding = callables.filter((entry) => entry.startLine <= range.start && range.end <= entry.endLine);
      const innermost = holding.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      if (innermost) touched.add(innermost.name);
      continue;
    }
    const clipped = { start: range.start, end: Math.min(range.end, lineCount) };
    for (let line = clipped.start; line <= clipped.end; line++) {
      if (lines[line - 1].trim() !== '' && !inCallable(line)) {
        notes.push(`${file.path}: recorded whole, as line ${line} changed outside every function and method`);
        return [file.path];
      }
    }
    for (const name of innermostSymbols(symbols, [clipped])) touched.add(name);
  }
  // Table order, so a file's entries read top to bottom.
  const entries = symbols.filter((entry) => touched.has(entry.name)).map((entry) => `${file.path}#${entry.name}`).filter((entry, index, all) => all.indexOf(entry) === index);
  // A name an entry cannot spell (a method named by a string literal with a space) records the file whole.
  const unwritable = entries.find((entry) => {
    const split = splitEntry(entry);
    return split.path !== file.path || `${split.path}#${split.symbol}` !== entry;
  });
  if (unwritable) {
    notes.push(`${file.path}: recorded whole, as ${unwritable.slice(file.path.length + 1)} cannot be written as a #Symbol entry`);
    return [file.path];
  }
  return entries;
}

function readWorkingFile(repoRoot: string, file: string): string | undefined {
  try {
    return fs.readFileSync(path.join(repoRoot, file), 'utf8');
  } catch {
    return undefined;
  }
}

/** A manifest entry starting with `!` excludes; a file whose name starts with `!` is written `./!name`, which means the file. */
function asEntry(entry: string): string {
  return entry.startsWith('!') ? `./${entry}` : entry;
}

function isSymlink(absPath: string): boolean {
  try {
    return fs.lstatSync(absPath).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Locale-independent order, so a recorded manifest is identical on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `./src//a.ts` and `src/a.ts` are one entry. */
export function sameEntry(a: string, b: string): boolean {
  return a.startsWith('!') === b.startsWith('!') && path.posix.normalize(a) === path.posix.normalize(b);
}
