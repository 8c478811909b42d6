import type ts from 'typescript';
import { applyEdits, type Rewriter, type RewriterTable, type Site, type TextEdit } from './edit.js';

export interface TransformResult {
  text: string;
  /** Every applied edit, in the coordinates of the original text. */
  edits: TextEdit[];
  rewritten: Site[];
  skipped: { site: Site; reason: string }[];
}

/**
 * Rewrites the given sites of one file's TypeScript AST and returns the new text (the caller decides whether to
 * keep it). Each kind group's rewriter sees the whole group, so shared import edits are planned once. A group whose
 * edits would overlap an earlier group's (a rename nested in a clone) waits for the next pass, when it is re-found
 * on the new text. `rewriters` decides the kinds (the rules own the tables; the jscodeshift transforms run one
 * family's); a site of a kind without a rewriter is skipped.
 */
export function applyRewriters(
  sourceFile: ts.SourceFile,
  sites: readonly Site[],
  checker: ts.TypeChecker | undefined,
  rewriters: RewriterTable,
  normalize: (text: string) => string = (text) => text,
): TransformResult {
  const result: TransformResult = { text: sourceFile.text, edits: [], rewritten: [], skipped: [] };
  const groups = new Map<Rewriter, Site[]>();
  for (const site of [...sites].sort((a, b) => a.start - b.start)) {
    const rewriter = rewriters[site.kind];
    if (rewriter) {
      const group = groups.get(rewriter);
      if (group) group.push(site);
      else groups.set(rewriter, [site]);
    } else result.skipped.push({ site, reason: 'no rewrite exists for this kind' });
  }
  for (const [rewriter, group] of groups) {
    const rewrite = rewriter(sourceFile, group, checker);
    const accepted = new Set(result.edits.map(editKey));
    const edits = uniqueEdits(rewrite.edits).filter((edit) => !accepted.has(editKey(edit)));
    if (edits.some((edit) => result.edits.some((accepted) => overlaps(accepted, edit)))) {
      result.skipped.push(...group.map((site) => ({ site, reason: 'overlaps another rewrite (applied on the next pass)' })));
      continue;
    }
    result.edits.push(...edits.map((edit) => ({ ...edit, text: normalize(edit.text) })));
    result.rewritten.push(...rewrite.rewritten);
    result.skipped.push(...rewrite.skipped);
  }
  result.text = applyEdits(sourceFile.text, result.edits);
  return result;
}

/** Equal keys, equal edits: a set finds duplicates in one pass (a search per edit is quadratic on 60,000 edits). */
function editKey(edit: TextEdit): string {
  return `${edit.start}:${edit.end}:${edit.text}`;
}

function uniqueEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((edit) => !seen.has(editKey(edit)) && !!seen.add(editKey(edit)));
}

/** Two edits conflict when their ranges intersect, or both insert at the same point. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
