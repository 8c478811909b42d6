import ts = require('typescript'); // require: see src/project.ts
import type { FileRewrite, Rewriter } from '../edit.js';
import { deleteKeepingComments, findSiteNode } from './shape.js';

/**
 * `JSON.parse(JSON.stringify(x))` → `structuredClone(x)` (unsafe). Three edits around `x`, which is never
 * retyped: `JSON.parse` becomes `structuredClone`, `JSON.stringify(` and its `)` go. Whatever sits between the
 * two calls' parentheses (line breaks, comments, a trailing comma) stays where it was.
 */
export const rewriteJsonClone: Rewriter = (sourceFile, sites) => {
  const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
  for (const site of sites) {
    const parse = findSiteNode(sourceFile, site, ts.isCallExpression);
    const stringify = parse?.arguments.length === 1 ? parse.arguments[0] : undefined;
    if (!parse || !stringify || !ts.isCallExpression(stringify) || stringify.arguments.length !== 1) {
      result.skipped.push({ site, reason: 'not a JSON.parse(JSON.stringify(x)) call' });
      continue;
    }
    const value = stringify.arguments[0];
    result.edits.push(
      { start: parse.expression.getStart(sourceFile), end: parse.expression.getEnd(), text: 'structuredClone' },
      // `arguments.pos` is just after the `(`: `x` keeps its own leading comments.
      { start: stringify.getStart(sourceFile), end: stringify.arguments.pos, text: '' },
      // From `x` to the inner `)`, with an inner trailing comma (the outer call may have its own).
      deleteKeepingComments(sourceFile, value.getEnd(), stringify.getEnd()),
    );
    result.rewritten.push(site);
  }
  return result;
};
