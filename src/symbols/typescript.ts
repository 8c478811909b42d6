/**
 * The symbol table of a TypeScript or JavaScript file, read from a parse alone (no program, no types): function
 * declarations, functions and classes assigned to a variable, classes and their members, object-literal methods,
 * namespaces as containers, and the default export under its own name (or `default` when it has none).
 */
import { createRequire } from 'node:module';
import type TS from 'typescript';
import type { SymbolEntry, SymbolKind, SymbolTableResult } from './symbol.js';
import { parseDiagnosticsOf } from '../parse-diagnostics.js';

/**
 * TypeScript, required when a TS/JS file's symbols are read, not when this module loads: `path#Symbol` entries of a
 * Python-only scope never load it. `require`, not `import`: see src/project.ts.
 */
let loaded: typeof TS | undefined;
const typescript = (): typeof TS => (loaded ??= createRequire(import.meta.url)('typescript') as typeof TS);

export function typeScriptSymbols(file: string, text: string): SymbolTableResult {
  const ts = typescript();
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const symbols: SymbolEntry[] = [];
  /** The entry of an overload signature (no body), which the next declaration of the same name extends. */
  let pendingOverload: { entry: SymbolEntry; container: string } | undefined;

  const add = (name: string, kind: SymbolKind, rangeNode: TS.Node, hasBody: boolean, container: string): SymbolEntry => {
    const start = rangeNode.getStart(sourceFile);
    const end = rangeNode.getEnd();
    if (pendingOverload && pendingOverload.container === container && pendingOverload.entry.name === name && pendingOverload.entry.kind === kind) {
      const entry = pendingOverload.entry;
      entry.end = end;
      entry.endLine = lastLineOf(end);
      pendingOverload = hasBody ? undefined : pendingOverload;
      return entry;
    }
    const entry: SymbolEntry = { name, kind, start, end, startLine: lineOf(start), endLine: lastLineOf(end) };
    symbols.push(entry);
    pendingOverload = hasBody ? undefined : { entry, container };
    return entry;
  };
  const lineOf = (offset: number) => sourceFile.getLineAndCharacterOfPosition(offset).line + 1;
  /** The line of the last character of a range ending (exclusive) at `end`. */
  const lastLineOf = (end: number) => lineOf(Math.max(0, end - 1));

  const visit = (node: TS.Node, prefix: string): void => {
    const qualified = (name: string) => (prefix ? `${prefix}.${name}` : name);
    if (ts.isFunctionDeclaration(node)) {
      const name = node.name?.text ?? (isDefaultExport(node) ? 'default' : undefined);
      if (name) {
        add(qualified(name), 'function', node, node.body !== undefined, prefix);
        if (node.body) visitChildren(node.body, qualified(name));
        return;
      }
    } else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const name = node.name?.text ?? (ts.isClassDeclaration(node) && isDefaultExport(node) ? 'default' : undefined);
      if (name && ts.isClassDeclaration(node)) {
        add(qualified(name), 'class', node, true, prefix);
        visitMembers(node, qualified(name));
        return;
      }
    } else if (ts.isVariableStatement(node)) {
      const declarations = node.declarationList.declarations;
      for (const declaration of declarations) {
        // A lone declaration's range is the statement's (`export const f = …;`), so it starts where a reader sees it.
        visitVariable(declaration, declarations.length === 1 ? node : declaration, prefix);
      }
      return;
    } else if (ts.isExportAssignment(node) && !node.isExportEquals) {
      // `export default () => {}`, `export default class {}`, `export default { get() {} }`: the name is `default`.
      const value = unwrap(node.expression);
      if (defineValue(value, qualified('default'), node, prefix)) return;
    } else if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) {
      if (node.body) visitChildren(node.body, qualified(node.name.text));
      return;
    } else if (ts.isVariableDeclaration(node)) {
      visitVariable(node, node, prefix);
      return;
    }
    visitChildren(node, prefix);
  };

  const visitChildren = (node: TS.Node, prefix: string) => ts.forEachChild(node, (child) => visit(child, prefix));

  const visitVariable = (declaration: TS.VariableDeclaration, rangeNode: TS.Node, prefix: string) => {
    const value = declaration.initializer && unwrap(declaration.initializer);
    if (ts.isIdentifier(declaration.name) && value && defineValue(value, prefix ? `${prefix}.${declaration.name.text}` : declaration.name.text, rangeNode, prefix)) return;
    visitChildren(declaration, prefix);
  };

  /** A function, class or object literal given a name by a variable, a property or `export default`. */
  const defineValue = (value: TS.Expression, name: string, rangeNode: TS.Node, container: string): boolean => {
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
      add(name, 'function', rangeNode, true, container);
      visitChildren(value.body, name);
      return true;
    }
    if (ts.isClassExpression(value)) {
      add(name, 'class', rangeNode, true, container);
      visitMembers(value, name);
      return true;
    }
    if (ts.isObjectLiteralExpression(value)) {
      visitObjectLiteral(value, name);
      return true;
    }
    return false;
  };

  const visitMembers = (node: TS.ClassLikeDeclaration, className: string) => {
    for (const member of node.members) {
      const name = memberName(member.name);
      const qualified = `${className}.${name ?? ''}`;
      if (ts.isConstructorDeclaration(member)) {
        add(`${className}.constructor`, 'constructor', member, member.body !== undefined, className);
        if (member.body) visitChildren(member.body, `${className}.constructor`);
      } else if (name !== undefined && ts.isMethodDeclaration(member)) {
        add(qualified, 'method', member, member.body !== undefined, className);
        if (member.body) visitChildren(member.body, qualified);
      } else if (name !== undefined && (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member))) {
        add(qualified, ts.isGetAccessorDeclaration(member) ? 'getter' : 'setter', member, true, className);
        if (member.body) visitChildren(member.body, qualified);
      } else if (name !== undefined && ts.isPropertyDeclaration(member) && member.initializer) {
        // `handle = () => {}` is a method to its reader; any other field's initializer may hold named functions.
        const value = unwrap(member.initializer);
        if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
          add(qualified, 'method', member, true, className);
          visitChildren(value.body, qualified);
        } else {
          visitChildren(member, className);
        }
      } else {
        visitChildren(member, className); // static blocks, computed names
      }
    }
  };

  const visitObjectLiteral = (node: TS.ObjectLiteralExpression, objectName: string) => {
    for (const property of node.properties) {
      const name = memberName(property.name);
      if (name === undefined) {
        visitChildren(property, objectName);
        continue;
      }
      const qualified = `${objectName}.${name}`;
      if (ts.isMethodDeclaration(property)) {
        add(qualified, 'method', property, true, objectName);
        if (property.body) visitChildren(property.body, qualified);
      } else if (ts.isGetAccessorDeclaration(property) || ts.isSetAccessorDeclaration(property)) {
        add(qualified, ts.isGetAccessorDeclaration(property) ? 'getter' : 'setter', property, true, objectName);
        if (property.body) visitChildren(property.body, qualified);
      } else if (ts.isPropertyAssignment(property)) {
        const value = unwrap(property.initializer);
        if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) {
          add(qualified, 'method', property, true, objectName);
          visitChildren(value.body, qualified);
        } else if (ts.isObjectLiteralExpression(value)) {
          visitObjectLiteral(value, qualified);
        } else {
          visitChildren(property, objectName);
        }
      } else {
        visitChildren(property, objectName);
      }
    }
  };

  visitChildren(sourceFile, '');
  const [diagnostic] = parseDiagnosticsOf(sourceFile);
  if (!diagnostic) return { symbols };
  const position = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
  return {
    symbols,
    syntaxError: { message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '), line: position.line + 1, column: position.character + 1 },
  };
}

/** An identifier, string or numeric member name as written; computed and private (`#x`) names have none. */
function memberName(name: TS.PropertyName | undefined): string | undefined {
  const ts = typescript();
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x` → `x`. */
function unwrap(expression: TS.Expression): TS.Expression {
  const ts = typescript();
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function isDefaultExport(node: TS.FunctionDeclaration | TS.ClassDeclaration): boolean {
  const ts = typescript();
  const modifiers = ts.getModifiers(node) ?? [];
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
}

function scriptKindOf(file: string): TS.ScriptKind {
  const ts = typescript();
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The end offset of the file's leading imports (directives, imports and `import x = require()`); 0 when none lead. */
export function typeScriptImportsEnd(file: string, text: string): number {
  const ts = typescript();
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
  let end = 0;
  for (const statement of sourceFile.statements) {
    const directive = ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
    if (!ts.isImportDeclaration(statement) && !ts.isImportEqualsDeclaration(statement) && !directive) break;
    end = statement.getEnd();
  }
  return end;
}
