import type ts from 'typescript';

/** A replacement of `[start, end)` in a file's text (offsets into the text without BOM). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A reported finding located in the file: the range of the node the rule reported. */
export interface Site {
  /** The finding's kind (`rules/kinds.ts` names them; this layer only matches rewriters to them). */
  kind: string;
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

/** Each kind's rewriter, by kind name. */
export type RewriterTable = Readonly<Partial<Record<string, Rewriter>>>;

/** Runs each kind's rewriter on that kind's sites and joins the results. */
export function combineRewriters(byKind: RewriterTable): Rewriter {
  return (sourceFile, sites, checker) => {
    const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
    const groups = new Map<Rewriter, Site[]>();
    for (const site of sites) {
      const rewriter = byKind[site.kind];
      if (!rewriter) {
        result.skipped.push({ site, reason: 'no rewrite exists for this kind' });
        continue;
      }
      const group = groups.get(rewriter);
      if (group) group.push(site);
      else groups.set(rewriter, [site]);
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

/** Applies edits to a text; edits must not overlap (the caller drops conflicting ones first). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // One pass over the text (slicing the whole text per edit is quadratic on a file with thousands of edits). Edits at
  // the same offset keep the order a back-to-front loop gives them: an insertion's text before a replacement's, and
  // of two insertions at one offset the later one's text first.
  const pieces: string[] = [];
  let position = 0;
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  for (const { edit } of ordered) {
    pieces.push(text.slice(position, edit.start), edit.text);
    position = Math.max(position, edit.end);
  }
  pieces.push(text.slice(position));
  return pieces.join('');
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
  // The taken edits, sorted by (start, end). They do not overlap, so their ends are sorted too, and the only one an
  // edit can overlap is the last taken edit that starts before it ends: a binary search, not a scan of all of them.
  const taken: TextEdit[] = [];
  const before = (edit: TextEdit, other: TextEdit) => other.start < edit.start || (other.start === edit.start && other.end <= edit.end);
  for (const { site, edit } of [...sites].sort((a, b) => a.site.start - b.site.start)) {
    if (!edit) {
      result.skipped.push({ site, reason: 'no rewrite was offered for this finding' });
      continue;
    }
    const last = lastIndexWhere(taken, (other) => other.start < edit.end);
    if (last >= 0 && edit.start < taken[last].end) {
      result.skipped.push({ site, reason: 'overlaps another rewrite (applied on the next pass)' });
    } else {
      taken.splice(lastIndexWhere(taken, (other) => before(edit, other)) + 1, 0, edit);
      result.edits.push({ ...edit, text: normalize(edit.text) });
      result.rewritten.push(site);
    }
  }
  result.text = applyEdits(text, result.edits);
  return result;
}

/** The last index of a sorted array whose element passes a test that holds for a prefix of it; -1 when none does. */
function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
