import ts = require('typescript'); // require: see src/project.ts
import type { FileRewrite, Rewriter, Site, TextEdit } from '../edit.js';
import { additiveFitsWithoutParens, commentsIn, findSiteNode, numericLiteralValue, renameIdentifier } from './shape.js';

/**
 * Annex B Date methods, renamed in place:
 *   d.toGMTString()          → d.toUTCString()
 *   d.getYear()              → d.getFullYear() - 1900      (parenthesised where the context binds tighter)
 *   d.getYear() + 1900       → d.getFullYear()             (either operand order)
 *   d.setYear(2024)          → d.setFullYear(2024)
 * The rule has already proven the receiver a Date and graded the site; the rewriter only re-checks the shape.
 */

const RENAMES: Partial<Record<Site['kind'], { from: string; to: string }>> = {
  'annexb-togmtstring': { from: 'toGMTString', to: 'toUTCString' },
  'annexb-getyear': { from: 'getYear', to: 'getFullYear' },
  'annexb-setyear': { from: 'setYear', to: 'setFullYear' },
};

type MethodCall = ts.CallExpression & { expression: ts.PropertyAccessExpression };

export const rewriteAnnexB: Rewriter = (sourceFile, sites) => {
  const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
  for (const site of sites) {
    const rename = RENAMES[site.kind];
    const call = findSiteNode(sourceFile, site, (node): node is MethodCall => isMethodCall(node, rename?.from));
    if (!rename || !call) {
      result.skipped.push({ site, reason: 'not an Annex B Date method call' });
      continue;
    }
    if (site.kind === 'annexb-setyear' && !isSetYearLiteral(call, sourceFile)) {
      result.skipped.push({ site, reason: 'setYear argument is not a single literal year ≥ 100' });
      continue;
    }
    const edits = [renameIdentifier(sourceFile, call.expression.name, rename.to)];
    if (site.kind === 'annexb-getyear') edits.push(...getYearOffsetEdits(sourceFile, call));
    result.edits.push(...edits);
    result.rewritten.push(site);
  }
  return result;
};

function isMethodCall(node: ts.Node, name: string | undefined): node is MethodCall {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === name;
}

function isSetYearLiteral(call: MethodCall, sourceFile: ts.SourceFile): boolean {
  const value = call.arguments.length === 1 ? numericLiteralValue(call.arguments[0], sourceFile) : undefined;
  return value !== undefined && value >= 100;
}

/** `getYear()` is `getFullYear() - 1900`; a `+ 1900` around the call cancels out instead. */
function getYearOffsetEdits(sourceFile: ts.SourceFile, call: MethodCall): TextEdit[] {
  const parent = call.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const other = parent.left === call ? parent.right : parent.left;
    // Only drop text that holds no comment; otherwise fall through to the plain `- 1900` form.
    if (numericLiteralValue(other, sourceFile) === 1900) {
      const [start, end] = parent.left === call ? [call.getEnd(), parent.getEnd()] : [parent.getStart(sourceFile), call.getStart(sourceFile)];
      if (commentsIn(sourceFile, start, end) === '') return [{ start, end, text: '' }];
    }
  }
  if (additiveFitsWithoutParens(call)) return [{ start: call.getEnd(), end: call.getEnd(), text: ' - 1900' }];
  return [
    { start: call.getStart(sourceFile), end: call.getStart(sourceFile), text: '(' },
    { start: call.getEnd(), end: call.getEnd(), text: ' - 1900)' },
  ];
}
