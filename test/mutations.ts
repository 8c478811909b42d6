/**
 * Meaning-preserving edits of fixture inputs, for the property tests (test/properties.test.ts): the program a user
 * could have written instead — locals renamed, the body wrapped in a function, comments and blank lines between
 * statements, a declaration with non-ASCII identifiers and strings, tab indentation, CRLF line endings. Imports stay
 * at the top level and the names the rules look for (library imports, globals) are never renamed, so the findings
 * stay findable. Every edit works on a parse of the text, never on a guess about its layout.
 */
import ts = require('typescript');
import { parsePython, type PyNode } from '../transforms/python/syntax.js';

export interface Mutation {
  /** TS/JS: rename the function-local variables and parameters whose bit is set in `renameMask`. */
  rename: boolean;
  renameMask: number;
  /** Move everything after the import block into a function (`export` modifiers dropped). */
  wrap: boolean;
  /** Statement indices (modulo the count) that get a comment line before them. */
  comments: number[];
  /** Statement indices (modulo the count) that get a blank line before them. */
  blankLines: number[];
  /** Add `ünïcödé = "naïve café ÿ ©"` after the import block. */
  unicode: boolean;
  /** Indent with tabs instead of spaces. */
  tabs: boolean;
  crlf: boolean;
  /** Start with a `#!` line. */
  shebang: boolean;
  /** Start with a byte order mark. */
  bom: boolean;
}

export const IDENTITY: Mutation = { rename: false, renameMask: 0, wrap: false, comments: [], blankLines: [], unicode: false, tabs: false, crlf: false, shebang: false, bom: false };

export function mutate(text: string, python: boolean, mutation: Mutation): string {
  let result = text.replace(/\r\n/g, '\n');
  if (python) {
    if (mutation.wrap) result = wrapPython(result);
    result = insertBeforeStatements(result, pythonStatementStarts(result), mutation, '#');
    if (mutation.unicode) result = insertAt(result, pythonHeadEnd(result), 'ünïcödé = "naïve café ÿ ©"\n');
    if (mutation.tabs) result = indentWithTabs(result, pythonStringRanges(result));
  } else {
    if (mutation.rename) result = renameLocals(result, mutation.renameMask);
    if (mutation.wrap) result = wrapTypeScript(result);
    result = insertBeforeStatements(result, typeScriptStatementStarts(result), mutation, '//');
    if (mutation.unicode) result = insertAt(result, typeScriptHeadEnd(result), 'const ünïcödé = "naïve café ÿ ©";\n');
    if (mutation.tabs) result = indentWithTabs(result, typeScriptStringRanges(result));
  }
  if (mutation.shebang) result = `${python ? '#!/usr/bin/env python3' : '#!/usr/bin/env node'}\n${result}`;
  if (mutation.crlf) result = result.replace(/\n/g, '\r\n');
  return mutation.bom ? `\uFEFF${result}` : result;
}

function insertAt(text: string, offset: number, inserted: string): string {
  return text.slice(0, offset) + inserted + text.slice(offset);
}

/** Applies insertions (offset → text) from the end, so earlier offsets stay valid. */
function applyInsertions(text: string, insertions: Map<number, string>): string {
  return [...insertions].sort(([a], [b]) => b - a).reduce((result, [offset, inserted]) => insertAt(result, offset, inserted), text);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * A comment line (with non-ASCII text) or a blank line before the chosen statements — only before a statement that
 * begins its line, so that the comment gets the statement's own indentation.
 */
function insertBeforeStatements(text: string, starts: number[], mutation: Mutation, commentMarker: string): string {
  const ownLine = starts.filter((start) => /^[ \t]*$/.test(text.slice(lineStartOf(text, start), start)));
  if (ownLine.length === 0) return text;
  const insertions = new Map<number, string>();
  for (const index of mutation.comments) {
    const start = ownLine[index % ownLine.length];
    const indent = text.slice(lineStartOf(text, start), start);
    insertions.set(start, `${commentMarker} note: naïve ©\n${indent}`);
  }
  for (const index of mutation.blankLines) {
    const lineStart = lineStartOf(text, ownLine[index % ownLine.length]);
    insertions.set(lineStart, `\n${insertions.get(lineStart) ?? ''}`);
  }
  return applyInsertions(text, insertions);
}

/**
 * Leading spaces become tabs, one tab per `unit` spaces where `unit` divides every indentation of the file, so
 * Python's indentation stays consistent. Lines that begin inside a multi-line string keep their spaces (they are
 * the string's content).
 */
function indentWithTabs(text: string, strings: [number, number][]): string {
  const lines: { start: number; width: number }[] = [];
  for (let start = 0; start < text.length; start = text.indexOf('\n', start) + 1 || text.length) {
    if (strings.some(([from, to]) => from < start && start < to)) continue;
    const width = /^ */.exec(text.slice(start))![0].length;
    if (width > 0 && text[start + width] !== '\n' && start + width < text.length) lines.push({ start, width });
  }
  if (lines.length === 0) return text;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const unit = lines.reduce((divisor, line) => gcd(divisor, line.width), 0);
  let result = text;
  for (const { start, width } of lines.reverse()) result = result.slice(0, start) + '\t'.repeat(width / unit) + result.slice(start + width);
  return result;
}

// ---------------------------------------------------------------- TypeScript / JavaScript

function parseTypeScript(text: string): ts.SourceFile {
  return ts.createSourceFile('input.ts', text, ts.ScriptTarget.Latest, true);
}

/** Whether a top-level statement belongs to the head that stays at the top: directives, imports, `require`s. */
function isHeadStatement(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return true;
  if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) return true;
  return ts.isVariableStatement(statement) && statement.declarationList.declarations.every((declaration) => declaration.initializer && isRequire(declaration.initializer));
}

function isRequire(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require';
}

/** The index of the first statement after the head. */
function headLength(sourceFile: ts.SourceFile): number {
  const index = sourceFile.statements.findIndex((statement) => !isHeadStatement(statement));
  return index === -1 ? sourceFile.statements.length : index;
}

/** Where a line added after the head goes: the start of the line after the head (or the file's start). */
export function typeScriptHeadEnd(text: string): number {
  const sourceFile = parseTypeScript(text);
  const length = headLength(sourceFile);
  if (length === 0) return 0;
  const end = sourceFile.statements[length - 1].end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

/** The start of every statement and class member, at any depth. */
function typeScriptStatementStarts(text: string): number[] {
  const sourceFile = parseTypeScript(text);
  const starts: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      for (const statement of node.statements) starts.push(statement.getStart(sourceFile));
    }
    if (ts.isClassLike(node)) for (const member of node.members) starts.push(member.getStart(sourceFile));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** String and template literals that span lines (their line starts are content, not indentation). */
function typeScriptStringRanges(text: string): [number, number][] {
  const sourceFile = parseTypeScript(text);
  const ranges: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) ranges.push([node.getStart(sourceFile), node.end]);
    ts.forEachChild(node, visit);
    if (ts.isTemplateExpression(node)) {
      ranges.push([node.head.getStart(sourceFile), node.head.end]);
      for (const span of node.templateSpans) ranges.push([span.literal.getStart(sourceFile), span.literal.end]);
    }
  };
  visit(sourceFile);
  return ranges;
}

/**
 * The body (everything after the head) inside `function wrapped() { … }`, its `export` modifiers dropped: the same
 * statements, one scope deeper. Files whose body has what a function cannot hold (re-exports, `export default`,
 * namespaces, `declare`) are left as they are.
 */
function wrapTypeScript(text: string): string {
  const sourceFile = parseTypeScript(text);
  const body = sourceFile.statements.slice(headLength(sourceFile));
  if (body.length === 0) return text;
  const unwrappable = body.some(
    (statement) =>
      ts.isExportDeclaration(statement) ||
      ts.isExportAssignment(statement) ||
      ts.isModuleDeclaration(statement) ||
      ts.isImportDeclaration(statement) ||
      ts.isImportEqualsDeclaration(statement) ||
      ts.getModifiers(statement as ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword),
  );
  if (unwrappable) return text;
  const isModule = sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) || ts.getModifiers(statement as ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword));
  const removals: [number, number][] = [];
  for (const statement of body) {
    const exported = ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) : undefined;
    if (exported) removals.push([exported.getStart(sourceFile), exported.end + /^\s*/.exec(text.slice(exported.end))![0].length]);
  }
  let inner = text;
  for (const [start, end] of removals.reverse()) inner = inner.slice(0, start) + inner.slice(end);
  const bodyStart = lineStartOf(inner, body[0].getStart(sourceFile));
  // A module stays a module (its exports are gone): the wrapper is exported.
  return `${inner.slice(0, bodyStart)}${isModule ? 'export ' : ''}function wrapped() {\n${inner.slice(bodyStart).replace(/\n?$/, '\n')}}\n`;
}

/**
 * Renames the chosen function-local variables and parameters (`name` → `name_é`), every reference with it. Never a
 * top-level binding (imports, exports, what other files use), a name used in shorthand (`{ value }` — its property
 * name would change), or a parameter property.
 */
function renameLocals(text: string, mask: number): string {
  const sourceFile = parseTypeScript(text);
  const host = ts.createCompilerHost({});
  host.getSourceFile = (name) => (name === 'input.ts' ? sourceFile : undefined);
  const program = ts.createProgram({ rootNames: ['input.ts'], options: { noLib: true, noResolve: true, allowJs: true }, host });
  const checker = program.getTypeChecker();
  const shorthand = new Set<string>();
  const identifiers: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) shorthand.add(node.name.text);
    if (ts.isBindingElement(node) && !node.propertyName && ts.isIdentifier(node.name) && ts.isObjectBindingPattern(node.parent)) shorthand.add(node.name.text);
    if (ts.isIdentifier(node)) identifiers.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const candidates: ts.Symbol[] = [];
  for (const identifier of identifiers) {
    const declaration = identifier.parent;
    const isLocal =
      ((ts.isVariableDeclaration(declaration) && declaration.name === identifier) ||
        (ts.isParameter(declaration) && declaration.name === identifier && !ts.getModifiers(declaration)?.length)) &&
      insideFunction(declaration) &&
      identifier.text !== 'this' &&
      !shorthand.has(identifier.text);
    const symbol = isLocal ? checker.getSymbolAtLocation(identifier) : undefined;
    if (symbol && !candidates.includes(symbol)) candidates.push(symbol);
  }
  const chosen = candidates.filter((_, index) => (mask >> index % 30) & 1);
  const edits: [number, number, string][] = [];
  for (const identifier of identifiers) {
    const symbol = checker.getSymbolAtLocation(identifier);
    // `x.name` where `name` is spelled like a local is a property: its symbol is not the local's, so it stays.
    if (symbol && chosen.includes(symbol)) edits.push([identifier.getStart(sourceFile), identifier.end, `${identifier.text}_é`]);
  }
  let result = text;
  for (const [start, end, name] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + name + result.slice(end);
  return result;
}

function insideFunction(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return true;
  return false;
}

// ---------------------------------------------------------------- Python

function parseModule(text: string): PyNode {
  const parsed = parsePython(text);
  if (!parsed.ok) throw new Error(`mutation produced invalid Python: ${JSON.stringify(parsed.errors)}\n${text}`);
  return parsed.ast;
}

/** Imports and comments; the docstring, when only comments precede it (`from __future__` must follow it). */
function pythonHeadLength(module: PyNode): number {
  const isHead = (node: PyNode, index: number): boolean =>
    ['import_statement', 'import_from_statement', 'future_import_statement', 'comment'].includes(node.type) ||
    (node.type === 'expression_statement' && node.children[0]?.type === 'string' && module.children.slice(0, index).every((before) => before.type === 'comment'));
  const index = module.children.findIndex((child, position) => !isHead(child, position));
  return index === -1 ? module.children.length : index;
}

export function pythonHeadEnd(text: string): number {
  const module = parseModule(text);
  const length = pythonHeadLength(module);
  if (length === 0) return 0;
  const end = module.children[length - 1].range[1];
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

function walkPython(node: PyNode, visit: (node: PyNode) => void): void {
  visit(node);
  for (const child of node.children) walkPython(child, visit);
}

function pythonStatementStarts(text: string): number[] {
  const starts: number[] = [];
  walkPython(parseModule(text), (node) => {
    if (node.type === 'module' || node.type === 'block') for (const child of node.children) if (child.type !== 'comment') starts.push(child.range[0]);
  });
  return [...new Set(starts)].sort((a, b) => a - b);
}

function pythonStringRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  walkPython(parseModule(text), (node) => {
    if (node.type === 'string') ranges.push([node.range[0], node.range[1]]);
  });
  return ranges;
}

/** The body after the imports indented under `def wrapped():` (string contents keep their lines). */
function wrapPython(text: string): string {
  const module = parseModule(text);
  const length = pythonHeadLength(module);
  const body = module.children.slice(length);
  if (body.length === 0) return text;
  const strings = pythonStringRanges(text);
  const bodyStart = lineStartOf(text, body[0].range[0]);
  let inner = text.slice(bodyStart);
  const lines = inner.split('\n');
  let offset = bodyStart;
  inner = lines
    .map((line) => {
      const start = offset;
      offset += line.length + 1;
      const inString = strings.some(([from, to]) => from < start && start < to);
      return line.trim() === '' || inString ? line : `    ${line}`;
    })
    .join('\n');
  return `${text.slice(0, bodyStart)}def wrapped():\n${inner}`;
}
