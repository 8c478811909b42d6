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
  const plans = new Map<string, FilePlan>();
  for (const finding of findings) {
    if (!isSelected(finding, unsafeFixes, repairs)) continue;
    const text = textOf(finding.file);
    const plan = plans.get(finding.file) ?? { file: finding.file, findings: [], sites: [] };
    plan.findings.push(finding);
    plan.sites.push({
      kind: finding.kind,
      start: offsetOf(text, finding.line, finding.column),
      end: offsetOf(text, finding.endLine, finding.endColumn),
    });
    plans.set(finding.file, plan);
  }
  return [...plans.values()];
}

/** ESLint's 1-based line and column to an offset in the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
