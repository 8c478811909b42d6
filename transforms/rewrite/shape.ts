import ts = require('typescript'); // require: see src/project.ts
import type { Site, TextEdit } from '../edit.js';

/**
 * Small TypeScript-AST helpers shared by the shape-based rewriters (Annex B, fake UTC, Buffer, JSON clone):
 * locating a site's node, deleting text without losing the comments in it, and deciding parentheses.
 */

/**
 * The node of kind `test` whose token range is exactly the site's. A site names an ESTree node; the TS AST can
 * have several nodes with that range (an `ExpressionStatement` without `;` around its call), so look through them.
 */
export function findSiteNode<T extends ts.Node>(sourceFile: ts.SourceFile, site: Site, test: (node: ts.Node) => node is T): T | undefined {
  // Only nodes whose full range (`pos`, leading trivia included) holds the site are measured, and a list of
  // siblings is binary-searched: a file with thousands of findings in one array stays linear, not quadratic.
  const covers = (node: ts.Node) => node.pos <= site.start && site.end <= node.end;
  let found: T | undefined;
  const visit = (node: ts.Node): boolean => {
    if (!covers(node)) return false;
    if (node.getStart(sourceFile) > site.start) return false;
    if (node.getStart(sourceFile) === site.start && node.getEnd() === site.end && test(node)) {
      found = node;
      return true;
    }
    return ts.forEachChild(node, visit, visitList) ?? false;
  };
  const visitList = (nodes: ts.NodeArray<ts.Node>): boolean => {
    let low = 0;
    let high = nodes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (nodes[middle].end < site.start) low = middle + 1;
      else high = middle - 1;
    }
    // Siblings' full ranges do not overlap, but an empty node or one ending where the site starts may come first.
    for (let index = low; index < nodes.length && nodes[index].pos <= site.start; index++) if (visit(nodes[index])) return true;
    return false;
  };
  ts.forEachChild(sourceFile, visit, visitList);
  return found;
}

/**
 * The comments inside `[start, end)`, space-separated; a `//` comment keeps its line break. A leading space
 * keeps a comment apart from the code before it when it was apart, and a trailing space
 * separates the last block comment from a token that follows directly, as in `new <comment> Buffer(1)`.
 */
export function commentsIn(sourceFile: ts.SourceFile, start: number, end: number): string {
  const scanner = ts.createScanner(sourceFile.languageVersion, false, sourceFile.languageVariant, sourceFile.text, undefined, start, end - start);
  const comments: string[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && regexMayFollow(previous)) {
      token = scanner.reScanSlashToken(); // a regex literal in deleted code (`.replace(/Z$/, '')`) is not a comment
    }
    if (token === ts.SyntaxKind.SingleLineCommentTrivia) comments.push(`${scanner.getTokenText()}\n`);
    else if (token === ts.SyntaxKind.MultiLineCommentTrivia) comments.push(scanner.getTokenText());
    else if (token !== ts.SyntaxKind.WhitespaceTrivia && token !== ts.SyntaxKind.NewLineTrivia) previous = token;
  }
  if (comments.length === 0) return '';
  // Keep a comment as far from the code before it as it was: `x /* it */)` stays `x /* it */`.
  const lead = /^\s/.test(sourceFile.text.slice(start, start + 1)) ? ' ' : '';
  const text = lead + comments.join(' ').replace(/\n /g, '\n');
  const touchesNextToken = /^[\w$'"`([{]/.test(sourceFile.text.slice(end, end + 1));
  return !text.endsWith('\n') && touchesNextToken ? `${text} ` : text;
}

function regexMayFollow(previous: ts.SyntaxKind | undefined): boolean {
  return (
    previous === undefined ||
    previous === ts.SyntaxKind.OpenParenToken ||
    previous === ts.SyntaxKind.CommaToken ||
    previous === ts.SyntaxKind.EqualsToken ||
    previous === ts.SyntaxKind.OpenBracketToken ||
    previous === ts.SyntaxKind.ColonToken
  );
}

/** Removes `[start, end)` but keeps any comment written there. */
export function deleteKeepingComments(sourceFile: ts.SourceFile, start: number, end: number): TextEdit {
  return { start, end, text: commentsIn(sourceFile, start, end) };
}

/** Replaces `[start, end)` with `text`, then the comments that were written there. */
export function replaceKeepingComments(sourceFile: ts.SourceFile, start: number, end: number, text: string): TextEdit {
  return { start, end, text: text + commentsIn(sourceFile, start, end) };
}

export function renameIdentifier(sourceFile: ts.SourceFile, name: ts.Identifier | ts.PrivateIdentifier, text: string): TextEdit {
  return { start: name.getStart(sourceFile), end: name.getEnd(), text };
}

export function skipParentheses(node: ts.Node): ts.Node {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** The value of a numeric literal as written (`60_000`, `60e3`, `0xEA60`), or undefined. */
export function numericLiteralValue(node: ts.Node, sourceFile: ts.SourceFile): number | undefined {
  const inner = skipParentheses(node);
  if (!ts.isNumericLiteral(inner)) return undefined;
  return Number(inner.getText(sourceFile).replace(/_/g, ''));
}

const LOWER_THAN_ADDITIVE = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
]);

/**
 * Whether an additive expression (`a - b`) can replace `node` without parentheses: the parent either delimits
 * it (an argument, an initializer, a statement) or binds more loosely than `+`/`-` on that side.
 */
export function additiveFitsWithoutParens(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.MinusToken) return parent.left === node;
    if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) return parent.right === node;
    return LOWER_THAN_ADDITIVE.has(operator);
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return (parent.arguments ?? []).some((argument) => argument === node);
  if (ts.isElementAccessExpression(parent)) return parent.argumentExpression === node;
  if (ts.isArrowFunction(parent)) return parent.body === node;
  return (
    ts.isParenthesizedExpression(parent) ||
    ts.isExpressionStatement(parent) ||
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isBindingElement(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isThrowStatement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isConditionalExpression(parent) ||
    ts.isIfStatement(parent) ||
    ts.isWhileStatement(parent) ||
    ts.isDoStatement(parent) ||
    ts.isSwitchStatement(parent) ||
    ts.isCaseClause(parent) ||
    ts.isJsxExpression(parent)
  );
}
