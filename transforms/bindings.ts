import ts = require('typescript'); // require: see src/project.ts
import { resolveName } from './scopes.js';

/** Modules and the names bound from them: `import`, `require`, `await import()`, and destructurings of those. */

export function skipParentheses(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** The symbol an import or export alias stands for; any other symbol itself. */
export function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** `require('m')` (with the real `require`) or `await import('m')`: the module literal it loads. */
export function moduleOfExpression(expression: ts.Expression): ts.StringLiteralLike | undefined {
  let inner = skipParentheses(expression);
  const awaited = ts.isAwaitExpression(inner);
  if (ts.isAwaitExpression(inner)) inner = skipParentheses(inner.expression);
  if (!ts.isCallExpression(inner) || inner.arguments.length !== 1) return undefined;
  const argument = inner.arguments[0]!;
  if (!ts.isStringLiteralLike(argument)) return undefined;
  if (awaited && inner.expression.kind === ts.SyntaxKind.ImportKeyword) return argument;
  if (!awaited && ts.isIdentifier(inner.expression) && inner.expression.text === 'require' && !resolveName(inner.expression, 'require')) {
    return argument;
  }
  return undefined;
}

/** The import/export/require that a module specifier literal belongs to. */
export function moduleSpecifierOwner(literal: ts.Node): ts.ImportDeclaration | ts.ExportDeclaration | ts.ImportEqualsDeclaration | ts.Expression | undefined {
  const parent = literal.parent;
  if ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === literal) return parent;
  if (ts.isExternalModuleReference(parent)) return parent.parent;
  if (ts.isCallExpression(parent) && ts.isStringLiteralLike(literal) && moduleOfExpression(parent) === literal) return parent;
  if (ts.isCallExpression(parent) && ts.isAwaitExpression(parent.parent) && moduleOfExpression(parent.parent) === literal) return parent.parent;
  return undefined;
}

/** A declaration that binds a whole module: `import * as m`, `import m = require()`, `const m = require()`. */
export function moduleObjectOf(declaration: ts.Node | undefined): ts.StringLiteralLike | undefined {
  if (!declaration) return undefined;
  if (ts.isNamespaceImport(declaration)) return declaration.parent.parent.moduleSpecifier as ts.StringLiteralLike;
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const expression = declaration.moduleReference.expression;
    return ts.isStringLiteralLike(expression) ? expression : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer) {
    const module = moduleOfExpression(declaration.initializer);
    if (module) return module;
    const initializer = skipParentheses(declaration.initializer);
    if (ts.isIdentifier(initializer)) return moduleObjectOf(resolveName(initializer, initializer.text));
  }
  return undefined;
}

/** One export bound to a local name: `import { a as b }`, `import d from`, `const { a: b } = require(m)` or `= ns`. */
export interface ExportBinding {
  element: ts.ImportSpecifier | ts.ImportClause | ts.BindingElement;
  /** The export's name (`default` for a default import). */
  imported: string;
  local: ts.Identifier;
  /** The token that names the export, when it is written separately from the local name (`a` in `a as b`). */
  importedName?: ts.Identifier | ts.StringLiteral;
  /** The list the element sits in; undefined for a default import. */
  container?: ts.NamedImports | ts.ObjectBindingPattern;
  /** The module literal the export comes from. */
  module: ts.StringLiteralLike;
}

export function exportBindingOf(declaration: ts.Node | undefined): ExportBinding | undefined {
  if (!declaration) return undefined;
  if (ts.isImportSpecifier(declaration)) {
    const importedName = declaration.propertyName;
    return {
      element: declaration,
      imported: importedName ? importedName.text : declaration.name.text,
      local: declaration.name,
      importedName: importedName as ts.Identifier | ts.StringLiteral | undefined,
      container: declaration.parent,
      module: declaration.parent.parent.parent.moduleSpecifier as ts.StringLiteralLike,
    };
  }
  if (ts.isImportClause(declaration) && declaration.name) {
    return { element: declaration, imported: 'default', local: declaration.name, module: declaration.parent.moduleSpecifier as ts.StringLiteralLike };
  }
  if (ts.isBindingElement(declaration) && ts.isIdentifier(declaration.name) && !declaration.dotDotDotToken && ts.isObjectBindingPattern(declaration.parent)) {
    const pattern = declaration.parent;
    const holder = pattern.parent;
    if (!ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
    const module = moduleOfExpression(holder.initializer) ?? namespaceModule(holder.initializer);
    const propertyName = declaration.propertyName;
    if (!module || (propertyName && !ts.isIdentifier(propertyName) && !ts.isStringLiteral(propertyName))) return undefined;
    return {
      element: declaration,
      imported: propertyName ? (propertyName as ts.Identifier | ts.StringLiteral).text : declaration.name.text,
      local: declaration.name,
      importedName: propertyName as ts.Identifier | ts.StringLiteral | undefined,
      container: pattern,
      module,
    };
  }
  return undefined;
}

function namespaceModule(expression: ts.Expression): ts.StringLiteralLike | undefined {
  const inner = skipParentheses(expression);
  return ts.isIdentifier(inner) ? moduleObjectOf(resolveName(inner, inner.text)) : undefined;
}

/** Every export binding of the file whose module satisfies `matches`. */
export function exportBindingsOf(sourceFile: ts.SourceFile, matches: (module: string) => boolean): ExportBinding[] {
  const found: ExportBinding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isBindingElement(node)) {
      const binding = exportBindingOf(node);
      if (binding && matches(binding.module.text)) found.push(binding);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Locating sites

/** The nodes whose token range is exactly `[start, end)`, outermost first (`x` can be a statement and a name). */
export function nodesAtRange(sourceFile: ts.SourceFile, start: number, end: number): ts.Node[] {
  const chain: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    const nodeStart = node.getStart(sourceFile);
    if (nodeStart > start || node.getEnd() < end) return;
    if (nodeStart === start && node.getEnd() === end) chain.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return chain;
}

/** How an import or require binds the module value itself (not one of its exports). */
export type ModuleValueBinding =
  | { kind: 'default'; local: ts.Identifier } // import f from 'm'
  | { kind: 'object'; local: ts.Identifier } // const f = require('m')
  | { kind: 'namespace' } // import * as f from 'm'
  | { kind: 'import-equals' } // import f = require('m')
  | { kind: 'expression' }; // require('m').x, f(require('m'))

export function moduleValueBinding(owner: ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.Expression): ModuleValueBinding | undefined {
  if (ts.isImportEqualsDeclaration(owner)) return { kind: 'import-equals' };
  if (ts.isImportDeclaration(owner)) {
    const clause = owner.importClause;
    if (clause?.name) return { kind: 'default', local: clause.name };
    if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) return { kind: 'namespace' };
    return undefined;
  }
  const declaration = owner.parent;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer === owner) {
    if (ts.isIdentifier(declaration.name)) return { kind: 'object', local: declaration.name };
    if (ts.isObjectBindingPattern(declaration.name)) return undefined;
  }
  if (ts.isExpressionStatement(declaration)) return undefined; // require('m') for its side effects
  return { kind: 'expression' };
}

/** The named elements of an import (`{ a, b }`) or of a destructured require (`const { a, b } = require()`). */
export function namedElementsOf(owner: ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.Expression): readonly ts.Node[] {
  if (ts.isImportDeclaration(owner)) {
    const bindings = owner.importClause?.namedBindings;
    return bindings && ts.isNamedImports(bindings) ? bindings.elements : [];
  }
  if (ts.isImportEqualsDeclaration(owner)) return [];
  const declaration = owner.parent;
  if (ts.isVariableDeclaration(declaration) && ts.isObjectBindingPattern(declaration.name)) return declaration.name.elements;
  return [];
}
