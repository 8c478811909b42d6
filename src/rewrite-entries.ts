import { diffChars, structuredPatch } from 'diff';
import type { Finding } from './lint.js';
import { lineOf, lineStarts } from './plan.js';
import type { FixedEntry, ImportEdit } from './report.js';

/**
 * What the report shows of a rewrite: each rewritten finding's line(s) before and after (`FixedEntry`), and the
 * changed lines no finding covers — the imports that came with the calls (`ImportEdit`). Both are read off the
 * texts and the edits of one file's rewrite, without another pass over the program.
 */

type Edit = { start: number; end: number; text: string };
type Site = { start: number; end: number; kind: string };

/** One pass of `fix` over one file: the findings it planned, the sites it rewrote, its text before and after, its edits. */
export interface RewritePass {
  file: string;
  findings: readonly Finding[];
  sites: readonly Site[];
  rewritten: readonly Site[];
  before: string;
  after: string;
  edits: readonly Edit[];
}

/**
 * One report entry per rewritten finding of a run, its lines read from the file as it was before the run and as the
 * run left it: a site that a later pass rewrote again (a call nested in a repaired one, which ESLint's fixes reach
 * one pass apart) shows the original and the final text, never a pass's intermediate one.
 */
export function describeRunRewrites(passes: readonly RewritePass[]): FixedEntry[] {
  const byFile = new Map<string, RewritePass[]>();
  for (const pass of passes) byFile.set(pass.file, [...(byFile.get(pass.file) ?? []), pass]);
  return [...byFile.values()].flatMap((filePasses) => {
    const maps = filePasses.map((pass) => offsetMaps(pass.before, pass.edits));
    const original = filePasses[0]!.before;
    const final = filePasses.at(-1)!.after;
    return filePasses.flatMap((pass, index) => {
      const toOriginal = (offset: number) => maps.slice(0, index).reduceRight((at, map) => map.backward(at), offset);
      const toFinal = (offset: number) => maps.slice(index + 1).reduce((at, map) => map.forward(at), offset);
      return describeRewrites(pass, maps[index]!.forward, { text: original, at: toOriginal }, { text: final, at: toFinal });
    });
  });
}

/**
 * An offset of a text before `edits` where it is after them (`forward`), and back (`backward`; an offset inside
 * an edit's new text maps into the text it replaced). A binary search over the edits each, never a pass over the
 * text (a file with 60,000 findings would be quadratic).
 */
function offsetMaps(before: string, edits: readonly Edit[]): { forward: (offset: number) => number; backward: (offset: number) => number } {
  // A merged ESLint fix (Python) is split into the parts it changes, so offsets after an added import map right.
  const parts = editedParts(before, edits).sort((a, b) => a.end - b.end || a.start - b.start);
  const deltas = [0];
  for (const part of parts) deltas.push(deltas.at(-1)! + part.text.length - (part.end - part.start));
  const search = (past: (index: number) => boolean): number => {
    let low = 0;
    let high = parts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (past(middle)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    forward: (offset) => offset + deltas[search((index) => parts[index]!.end <= offset)]!,
    backward: (offset) => {
      // the first part whose new text does not end before the offset
      const index = search((index) => parts[index]!.start + deltas[index]! + parts[index]!.text.length <= offset);
      const part = parts[index];
      const newStart = part ? part.start + deltas[index]! : Infinity;
      return offset < newStart ? offset - deltas[index]! : part!.start + Math.min(offset - newStart, part!.end - part!.start);
    },
  };
}

/** One pass's report entries: each rewritten finding's line(s) in the run's original and final texts. */
function describeRewrites(
  pass: RewritePass,
  shift: (offset: number) => number,
  original: { text: string; at: (offset: number) => number },
  final: { text: string; at: (offset: number) => number },
): FixedEntry[] {
  const { file, findings, sites, edits } = pass;
  // Per finding: a set lookup, binary searches over the edits and the line starts, never a pass over the text.
  const rewritten = new Set(pass.rewritten.map((done) => `${done.start}:${done.end}:${done.kind}`));
  const beforeStarts = lineStarts(original.text);
  const afterStarts = lineStarts(final.text);
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
        before: linesAround(original.text, beforeStarts, original.at(site.start), original.at(site.end)),
        after: removed ? '' : linesAround(final.text, afterStarts, final.at(shift(site.start)), final.at(shift(site.end))),
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
