import ts = require('typescript'); // require: see src/project.ts
import { classifyBufferArgument } from '../type-proofs.js';
import type { FileRewrite, Rewriter, Site, TextEdit } from '../edit.js';
import { deleteKeepingComments, findSiteNode, renameIdentifier } from './shape.js';

/**
 * Node's deprecated Buffer APIs, by the smallest edit that gives the same call:
 *   new Buffer(10)            → Buffer.alloc(10)           (a number: Node's constructor calls alloc itself)
 *   new Buffer(s, 'hex')      → Buffer.from(s, 'hex')      (anything else: it calls from with every argument)
 *   Buffer(arr)               → Buffer.from(arr)
 *   b.slice(1, 3)             → b.subarray(1, 3)           (Buffer#slice is already a view, exactly like subarray)
 * The callee is kept as written (`B.alloc` for `import { Buffer as B }`, `buffer.Buffer.from` for a namespace).
 */
export const rewriteBuffer: Rewriter = (sourceFile, sites, checker) => {
  const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
  for (const site of sites) {
    const outcome = site.kind === 'buffer-slice' ? sliceEdits(sourceFile, site) : constructorEdits(sourceFile, site, checker);
    if (typeof outcome === 'string') {
      result.skipped.push({ site, reason: outcome });
      continue;
    }
    result.edits.push(...outcome);
    result.rewritten.push(site);
  }
  return result;
};

function sliceEdits(sourceFile: ts.SourceFile, site: Site): TextEdit[] | string {
  const call = findSiteNode(
    sourceFile,
    site,
    (node): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } =>
      ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'slice',
  );
  return call ? [renameIdentifier(sourceFile, call.expression.name, 'subarray')] : 'not a `.slice()` call';
}

function constructorEdits(sourceFile: ts.SourceFile, site: Site, checker: ts.TypeChecker | undefined): TextEdit[] | string {
  const construction = findSiteNode(sourceFile, site, (node): node is ts.NewExpression | ts.CallExpression => ts.isNewExpression(node) || ts.isCallExpression(node));
  const [first, ...rest] = construction?.arguments ?? [];
  if (!construction || !first || construction.typeArguments || construction.arguments?.some(ts.isSpreadElement)) {
    return 'not a plain Buffer constructor call';
  }
  const kind = classifyBufferArgument(checker, first);
  if (kind === 'unknown') return 'the argument type is not proven';
  if (kind === 'number' && rest.length > 0) return 'Buffer.alloc would read the extra arguments as a fill value';
  const callee = construction.expression;
  const edits: TextEdit[] = [{ start: callee.getEnd(), end: callee.getEnd(), text: kind === 'number' ? '.alloc' : '.from' }];
  if (ts.isNewExpression(construction)) {
    // Drop the `new` keyword and the space after it; a comment between `new` and the callee stays.
    edits.push(deleteKeepingComments(sourceFile, construction.getStart(sourceFile), callee.getStart(sourceFile)));
  }
  return edits;
}
