import type { Failure, Finding } from '../lint.js';
import type { BurnDown } from '../burn-down.js';
import type { Report } from '../report.js';

/**
 * One interface for every output format (CONTRACT §2 `--format`), ast-grep style: the command that lints builds a
 * `PrintInput`, picks a printer with `printerFor(format)` and writes the string it returns. Neither side knows the
 * other: the scanning code never asks which format runs, and a printer never lints, reads files or exits.
 */

export type OutputFormat = 'pretty' | 'json' | 'markdown' | 'sarif' | 'github' | 'html';

export interface PrintInput {
  /** The findings to show, in any order: every printer sorts them by file, line and column. */
  findings: readonly Finding[];
  /** Files that could not be linted or rewritten. */
  failures: readonly Failure[];
  /** Repository-relative POSIX paths of every file that was linted (with or without findings). */
  files: readonly string[];
  /**
   * The before/after report of `fix` or a saved `deprecfix-report.json` (`deprecfix report`). Pretty, JSON and
   * Markdown then print the report itself; SARIF and GitHub print its remaining findings (`inputOfReport`).
   */
  report?: Report;
  /** `deprecfix history` counts over a range of commits: the HTML report draws them as a burn-down chart. */
  history?: BurnDown;
}

export interface PrintOptions {
  color: boolean;
  /** Only the headline and problems (pretty). */
  quiet?: boolean;
  /**
   * How a finding is graded in SARIF and GitHub annotations: `warning` (the default, like `configs.recommended`)
   * or `error` (a CI gate that fails on these findings, like `configs.strict`).
   */
  severity?: 'warning' | 'error';
  /**
   * The repository root as an absolute path. SARIF then anchors `%SRCROOT%` to it; without it the base stays
   * symbolic and a consumer (GitHub code scanning: the checkout) supplies it, which keeps the file portable.
   */
  repoRoot?: string;
}

export interface Printer {
  readonly format: OutputFormat;
  /** The whole output, ending in a newline (or empty when there is nothing to say in that format). */
  print(input: PrintInput, options: PrintOptions): string;
}

/** file, then line, then column, then rule: the same order on every machine whatever order linting produced. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.kind, b.kind),
  );
}

export function sortFailures(failures: readonly Failure[]): Failure[] {
  return [...failures].sort((a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * What a finding's fix is, in the words ESLint users see in the plugin's messages: `safe fix`, `no fix: <reason>`,
 * `repair: <the failure it fixes>`.
 */
export function describeFix(finding: Pick<Finding, 'fix' | 'reason' | 'repairs'>): string {
  if (finding.fix === 'none') return finding.reason ? `no fix: ${finding.reason}` : 'no fix';
  if (finding.fix === 'repair') return finding.repairs ? `repair: ${finding.repairs}` : 'repair';
  return `${finding.fix} fix`;
}

/**
 * ESLint never reports an empty range; a finding whose end equals its start comes from a saved report, which keeps
 * only the start. Printers leave such an end out instead of claiming a zero-width region.
 */
export function hasEnd(finding: Finding): boolean {
  return finding.endLine > finding.line || (finding.endLine === finding.line && finding.endColumn > finding.column);
}

export function plural(count: number, noun: string, withCount = true): string {
  const word = count === 1 ? noun : `${noun}s`;
  return withCount ? `${count} ${word}` : word;
}

/** Groups in first-seen order, each keeping its items' order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

/** The total of a record's counts (`byRule`, `byCategory`); 0 for none. */
export function sum(record: Record<string, number> | undefined): number {
  return Object.values(record ?? {}).reduce((total, count) => total + count, 0);
}

/** A word quoted for a POSIX shell when it needs it, so a printed command can be pasted back. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
