import { diffChars, structuredPatch } from 'diff';
import type { Finding } from './lint.js';
import { lineOf, lineStarts } from './plan.js';
import type { FixedEntry, ImportEdit } from './report.js';

/**
 * What the report shows of a rewrite: each rewritten finding's line(s) before and after (`FixedEntry`), and the
 * changed lines no finding covers — the imports that came with the calls (`ImportEdit`). Both are read off the
 * texts and the edits of one file's rewrite, without another pass over the program.
 */

/** One report entry per rewritten finding: its source line(s) before and after the edits. */
export function describeRewrites(
  file: string,
  findings: readonly Finding[],
  sites: readonly { start: number; end: number; kind: string }[],
  rewrittenSites: readonly { start: number; end: number; kind: string }[],
  before: string,
  after: string,
  edits: readonly { start: number; end: number; text: string }[],
): FixedEntry[] {
  // Per finding: a set lookup, a binary search over the edits and two over the line starts, never a pass over the
  // text (a file with 60,000 findings would be quadratic).
  const rewritten = new Set(rewrittenSites.map((done) => `${done.start}:${done.end}:${done.kind}`));
  // A merged ESLint fix (Python) is split into the parts it changes, so offsets after an added import map right.
  const byEnd = editedParts(before, edits).sort((a, b) => a.end - b.end);
  const deltas = [0];
  for (const edit of byEnd) deltas.push(deltas.at(-1)! + edit.text.length - (edit.end - edit.start));
  const shift = (offset: number): number => {
    let low = 0;
    let high = byEnd.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byEnd[middle].end <= offset) low = middle + 1;
      else high = middle;
    }
    return offset + deltas[low];
  };
  const beforeStarts = lineStarts(before);
  const afterStarts = lineStarts(after);
  // The edits that delete text: few, and all `removed` below has to look at.
  const removals = edits.filter((edit) => edit.end > edit.start && edit.text.trim() === '');
  return findings.flatMap((finding, index) => {
    const site = sites[index];
    if (!rewritten.has(`${site.start}:${site.end}:${site.kind}`)) return [];
    // A site inside a larger edit that removes it (a moved import joined into another declaration) is gone.
    const removed = removals.some((edit) => edit.start <= site.start && site.end <= edit.end && edit.end - edit.start > site.end - site.start);
    return [
      {
        file,
        line: finding.line,
        ruleId: finding.ruleId,
        kind: finding.kind,
        before: linesAround(before, beforeStarts, site.start, site.end),
        after: removed ? '' : linesAround(after, afterStarts, shift(site.start), shift(site.end)),
        ...(finding.fix === 'repair' ? { fix: 'repair' as const, repairs: finding.repairs ?? '' } : {}),
      },
    ];
  });
}

/**
 * An ESLint fix is one edit from its first change to its last, the text between copied (a Python rewrite's import
 * through its call): split into the parts it changes, so that an offset after an added import line maps to where
 * that text is now.
 */
function editedParts(before: string, edits: readonly { start: number; end: number; text: string }[]): { start: number; end: number; text: string }[] {
  return edits.flatMap((edit) => {
    const original = before.slice(edit.start, edit.end);
    if (!original.includes('\n') && !edit.text.includes('\n')) return [edit];
    const parts: { start: number; end: number; text: string }[] = [];
    let offset = edit.start;
    for (const change of diffChars(original, edit.text)) {
      if (change.added) parts.push({ start: offset, end: offset, text: change.value });
      else if (change.removed) parts.push({ start: offset, end: (offset += change.value.length), text: '' });
      else offset += change.value.length;
    }
    return parts;
  });
}

/**
 * The changed lines of a rewrite that no rewritten finding covers: the imports that came with the calls. Taken
 * from a line diff rather than from the edits, because an ESLint fix (the Python rewrites) is one edit that spans
 * from the import to the call. A run of changed lines that touches any other line is shown whole, so an import
 * joined into the line above reads as one change.
 */
export function describeImportEdits(
  file: string,
  rewrittenSites: readonly { start: number; end: number }[],
  before: string,
  after: string,
  edits: readonly { start: number; end: number; text: string }[],
): ImportEdit[] {
  const starts = lineStarts(before);
  const siteLines = new Set<number>();
  for (const site of rewrittenSites) {
    for (let line = lineOf(before, site.start, starts); line <= lineOf(before, Math.max(site.start, site.end), starts); line++) siteLines.add(line);
  }
  // Edits that change text within one line of a site leave no line for the diff to find: skip the line diff, which
  // is quadratic when every line of a file changed (60,000 rewritten calls).
  const withinOneSiteLine = (part: { start: number; end: number; text: string }): boolean =>
    !part.text.includes('\n') && !before.slice(part.start, part.end).includes('\n') && siteLines.has(lineOf(before, part.start, starts));
  if (editedParts(before, edits).every(withinOneSiteLine)) return [];
  const withinSites = (first: number, last: number): boolean => {
    for (let line = first; line <= last; line++) if (!siteLines.has(line)) return false;
    return true;
  };
  const hunks = structuredPatch(file, file, before, after, '', '', { context: 0 }).hunks;
  return hunks.flatMap((hunk) => {
    // A pure insertion (oldLines 0) lands before line oldStart: inside a site only when the site goes on past it.
    const covered = hunk.oldLines === 0 ? withinSites(hunk.oldStart - 1, hunk.oldStart) : withinSites(hunk.oldStart, hunk.oldStart + hunk.oldLines - 1);
    if (covered) return [];
    const side = (sign: string): string =>
      hunk.lines
        .filter((line) => line.startsWith(sign))
        .map((line) => line.slice(1).trimEnd())
        .join('\n');
    return [{ file, line: Math.max(1, hunk.oldStart), before: side('-'), after: side('+') }];
  });
}

/**
 * The whole lines `[start, end)` touches, without the indentation they share and without trailing blanks: a
 * multi-line site keeps its lines' indentation relative to each other (a Python block read without it is another
 * program).
 */
function linesAround(text: string, starts: readonly number[], start: number, end: number): string {
  const first = lineOf(text, start, starts) - 1;
  const last = lineOf(text, Math.max(start, end), starts);
  const lines = text
    .slice(starts[first], last < starts.length ? starts[last] : text.length)
    .split(/\r?\n/)
    .slice(0, last - first)
    .map((line) => line.trimEnd());
  const shared = Math.min(...lines.filter((line) => line !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
  return lines.map((line) => line.slice(Number.isFinite(shared) ? shared : 0)).join('\n');
}
