import ts = require('typescript'); // require: see src/project.ts
import type { KindId } from '../rules/kinds.js';

/** A replacement of `[start, end)` in a file's text (offsets into the text without BOM). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A reported finding located in the file: the range of the node the rule reported. */
export interface Site {
  kind: KindId;
  start: number;
  end: number;
}

export interface FileRewrite {
  /** Minimal, non-overlapping edits: only the tokens that change, never a nested expression's text. */
  edits: TextEdit[];
  /** The sites the edits rewrite. */
  rewritten: Site[];
  /** Sites asked for but left alone, with the reason (e.g. a form the rewriter cannot prove safe). */
  skipped: { site: Site; reason: string }[];
}

/**
 * Rewrites a set of sites of one file. Works on the TypeScript AST so that the ESLint rules (through
 * typescript-eslint's node maps), the CLI (through its program), the ts-morph transform (through `compilerNode`)
 * and the jscodeshift transforms share the same code.
 * The checker is there for rewrites whose shape depends on a type; it is undefined without a program.
 */
export type Rewriter = (sourceFile: ts.SourceFile, sites: readonly Site[], checker: ts.TypeChecker | undefined) => FileRewrite;

/** Runs each kind's rewriter on that kind's sites and joins the results. */
export function combineRewriters(byKind: Partial<Record<KindId, Rewriter>>): Rewriter {
  return (sourceFile, sites, checker) => {
    const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
    const groups = new Map<Rewriter, Site[]>();
    for (const site of sites) {
      const rewriter = byKind[site.kind];
      if (!rewriter) {
        result.skipped.push({ site, reason: 'no rewrite exists for this kind' });
        continue;
      }
      groups.set(rewriter, [...(groups.get(rewriter) ?? []), site]);
    }
    for (const [rewriter, group] of groups) {
      const part = rewriter(sourceFile, group, checker);
      result.edits.push(...part.edits);
      result.rewritten.push(...part.rewritten);
      result.skipped.push(...part.skipped);
    }
    return result;
  };
}

/** The outermost node whose token range is exactly `[start, end)`. */
export function findNodeByRange(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart(sourceFile) > start || node.getEnd() < end) return;
    if (node.getStart(sourceFile) === start && node.getEnd() === end) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** Applies edits to a text; edits must not overlap (the caller drops conflicting ones first). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/**
 * Applies one prepared edit per site (the edit ESLint's fix carries), skipping a site whose edit overlaps one
 * already taken: it is re-found on the new text in the next pass. Sites without an edit are skipped.
 */
export function applySiteEdits(
  text: string,
  sites: readonly { site: Site; edit: TextEdit | undefined }[],
  normalize: (inserted: string) => string = (inserted) => inserted,
): FileRewrite & { text: string } {
  const result: FileRewrite & { text: string } = { text, edits: [], rewritten: [], skipped: [] };
  for (const { site, edit } of [...sites].sort((a, b) => a.site.start - b.site.start)) {
    if (!edit) {
      result.skipped.push({ site, reason: 'no rewrite was offered for this finding' });
    } else if (result.edits.some((taken) => taken.start < edit.end && edit.start < taken.end)) {
      result.skipped.push({ site, reason: 'overlaps another rewrite (applied on the next pass)' });
    } else {
      result.edits.push({ ...edit, text: normalize(edit.text) });
      result.rewritten.push(site);
    }
  }
  result.text = applyEdits(text, result.edits);
  return result;
}
