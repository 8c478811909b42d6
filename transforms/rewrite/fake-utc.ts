import ts = require('typescript'); // require: see src/project.ts
import type { FileRewrite, Rewriter, TextEdit } from '../edit.js';
import { deleteKeepingComments, findSiteNode, skipParentheses } from './shape.js';

/**
 * Fake-UTC Dates, by deleting what fakes them (all three are unsafe: the faked value differs from the real one):
 *   new Date(Date.now() + new Date().getTimezoneOffset() * 60000)   → new Date()
 *   new Date(d.getTime() - d.getTimezoneOffset() * 60 * 1000)         → new Date(d.getTime())
 *   new Date(x.toLocaleString('en-US', { timeZone: 'UTC' }))          → new Date(x)      (new Date() for x = new Date())
 *   new Date(d.toISOString().slice(0, -1))                            → new Date(d)      (new Date() for d = new Date())
 * The rule has checked that the Dates involved are Dates; this only locates the parts to delete.
 */

type DateConstruction = ts.NewExpression & { arguments: ts.NodeArray<ts.Expression> };

export const rewriteFakeUtc: Rewriter = (sourceFile, sites) => {
  const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
  for (const site of sites) {
    const construction = findSiteNode(sourceFile, site, isDateConstruction);
    let edit: TextEdit | undefined;
    if (construction) {
      if (site.kind === 'fake-utc-offset') edit = offsetEdit(sourceFile, construction);
      if (site.kind === 'fake-utc-locale') edit = readBackEdit(sourceFile, construction, ['toLocaleString']);
      if (site.kind === 'naive-iso-parse') edit = readBackEdit(sourceFile, construction, ['toISOString']);
    }
    if (!edit) {
      result.skipped.push({ site, reason: 'not a recognised fake-UTC Date construction' });
      continue;
    }
    result.edits.push(edit);
    result.rewritten.push(site);
  }
  return result;
};

function isDateConstruction(node: ts.Node): node is DateConstruction {
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && node.arguments?.length === 1;
}

/** `new Date()` / `new Date`: the current time. */
function isNow(node: ts.Node): boolean {
  const inner = skipParentheses(node);
  return ts.isNewExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'Date' && !inner.arguments?.length;
}

/** Empties `new Date(…)`'s parentheses. */
function emptyArguments(sourceFile: ts.SourceFile, construction: DateConstruction): TextEdit {
  return deleteKeepingComments(sourceFile, construction.arguments.pos, construction.arguments.end);
}

function isCallOf(node: ts.Node, method: string): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === method;
}

function isTimezoneOffsetTerm(node: ts.Node): boolean {
  const inner = skipParentheses(node);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    return isTimezoneOffsetTerm(inner.left) || isTimezoneOffsetTerm(inner.right);
  }
  return isCallOf(inner, 'getTimezoneOffset');
}

/** `Date.now()`, `new Date().getTime()`, `new Date().valueOf()`, `+new Date()`. */
function isNowTimeValue(node: ts.Node): boolean {
  const inner = skipParentheses(node);
  if (isCallOf(inner, 'now')) return ts.isIdentifier(inner.expression.expression) && inner.expression.expression.text === 'Date';
  if (isCallOf(inner, 'getTime') || isCallOf(inner, 'valueOf')) return isNow(inner.expression.expression);
  return ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.PlusToken && isNow(inner.operand);
}

function offsetEdit(sourceFile: ts.SourceFile, construction: DateConstruction): TextEdit | undefined {
  const shift = skipParentheses(construction.arguments[0]);
  if (!ts.isBinaryExpression(shift)) return undefined;
  const operator = shift.operatorToken.kind;
  if (operator !== ts.SyntaxKind.PlusToken && operator !== ts.SyntaxKind.MinusToken) return undefined;
  const baseIsLeft = isTimezoneOffsetTerm(shift.right);
  if (!baseIsLeft && !(operator === ts.SyntaxKind.PlusToken && isTimezoneOffsetTerm(shift.left))) return undefined;
  const base = baseIsLeft ? shift.left : shift.right;
  if (isNowTimeValue(base)) return emptyArguments(sourceFile, construction);
  return baseIsLeft
    ? deleteKeepingComments(sourceFile, base.getEnd(), shift.getEnd())
    : deleteKeepingComments(sourceFile, shift.getStart(sourceFile), base.getStart(sourceFile));
}

/**
 * `new Date(x.toLocaleString(…))`, `new Date(d.toISOString().slice(0, -1))`: keep only `x`, the Date whose
 * string form was read back. Walks from the argument down the chain of string operations to `reader`'s call.
 */
function readBackEdit(sourceFile: ts.SourceFile, construction: DateConstruction, readers: string[]): TextEdit | undefined {
  const argument = skipParentheses(construction.arguments[0]);
  let node: ts.Node = argument;
  while (!readers.some((reader) => isCallOf(node, reader))) {
    if (ts.isElementAccessExpression(node)) node = node.expression;
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) node = node.expression.expression;
    else return undefined;
  }
  const date = ((node as ts.CallExpression).expression as ts.PropertyAccessExpression).expression;
  if (isNow(date)) return emptyArguments(sourceFile, construction);
  return deleteKeepingComments(sourceFile, date.getEnd(), argument.getEnd());
}
