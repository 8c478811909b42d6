import type { Site } from '../transforms/edit.js';
import type { Finding } from './lint.js';

/** The findings of one file that this run will try to rewrite, located as sites in its text. */
export interface FilePlan {
  file: string;
  findings: Finding[];
  sites: Site[];
}

/**
 * Safe findings always; repairs unless the user holds them (`--no-repairs`): the old code fails on the installed
 * version, so leaving it is not the conservative choice it is for an unsafe fix; unsafe ones only when the user
 * asked (`--unsafe-fixes`); `none` never.
 */
export function isSelected(finding: Finding, unsafeFixes: boolean, repairs = true): boolean {
  return finding.fix === 'safe' || (repairs && finding.fix === 'repair') || (unsafeFixes && finding.fix === 'unsafe');
}

export function planFixes(findings: readonly Finding[], textOf: (file: string) => string, unsafeFixes: boolean, repairs = true): FilePlan[] {
  const plans = new Map<string, FilePlan & { starts: number[] }>();
  for (const finding of findings) {
    if (!isSelected(finding, unsafeFixes, repairs)) continue;
    const text = textOf(finding.file);
    let plan = plans.get(finding.file);
    if (!plan) plans.set(finding.file, (plan = { file: finding.file, findings: [], sites: [], starts: lineStarts(text) }));
    plan.findings.push(finding);
    plan.sites.push({
      kind: finding.kind,
      start: offsetOf(text, finding.line, finding.column, plan.starts),
      end: offsetOf(text, finding.endLine, finding.endColumn, plan.starts),
    });
  }
  return [...plans.values()].map(({ file, findings: planned, sites }) => ({ file, findings: planned, sites }));
}

/** The offset at which each line starts (index 0 is line 1): one pass, then every position lookup is a binary search. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** ESLint's 1-based line and column to an offset in the text; pass `starts` (lineStarts) when asking more than once. */
export function offsetOf(text: string, line: number, column: number, starts: readonly number[] = lineStarts(text)): number {
  if (line > starts.length) return text.length;
  return starts[line - 1] + column - 1;
}

/** 1-based line of an offset; pass `starts` (lineStarts) when asking more than once. */
export function lineOf(text: string, offset: number, starts: readonly number[] = lineStarts(text)): number {
  // The last line starting at or before the offset (a line starting exactly at the offset counts from offset + 1).
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
