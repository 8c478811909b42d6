import ts = require('typescript'); // require: see src/project.ts

/**
 * Which declaration a name resolves to, from the TypeScript AST alone (there may be no checker): a small lexical
 * scope walk. The rules decide (with ESLint's scope manager) which references came from a library; the rewriters
 * receive only sites, and still need to know whether any other reference keeps an import specifier alive.
 */

/** The declaration `name` resolves to at `at`, or undefined when nothing in the file declares it (a global). */
export function resolveName(at: ts.Node, name: string): ts.Node | undefined {
  for (let scope: ts.Node | undefined = at.parent; scope; scope = scope.parent) {
    const declaration = declaredIn(scope, name);
    if (declaration) return declaration;
  }
  return undefined;
}

/** Every identifier of the file in a reference position that resolves to `declaration` under `name`. */
export function referencesOf(sourceFile: ts.SourceFile, declaration: ts.Node, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (node.text === name && isReferencePosition(node) && resolveName(node, name) === declaration) found.push(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Whether an identifier names something in scope (a reference), rather than a property, label or declaration. */
export function isReferencePosition(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === id;
  if (ts.isQualifiedName(parent)) return parent.left === id;
  if (ts.isExportSpecifier(parent)) {
    if (parent.parent.parent.moduleSpecifier) return false;
    return (parent.propertyName ?? parent.name) === id;
  }
  if (
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isNamespaceExport(parent) ||
    ts.isImportEqualsDeclaration(parent) ||
    ts.isLabeledStatement(parent) ||
    ts.isBreakOrContinueStatement(parent) ||
    ts.isMetaProperty(parent) ||
    ts.isJsxAttribute(parent)
  ) {
    return false;
  }
  if (ts.isBindingElement(parent)) return parent.initializer === id;
  if (ts.isPropertyAssignment(parent) || ts.isEnumMember(parent) || ts.isNamedTupleMember(parent)) return parent.name !== id;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) ||
    ts.isClassExpression(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isEnumDeclaration(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isTypeParameterDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent)
  ) {
    return (parent as ts.NamedDeclaration).name !== id;
  }
  return true;
}

/** The declaration of `name` that `scope` itself introduces (not its ancestors'). */
function declaredIn(scope: ts.Node, name: string): ts.Node | undefined {
  if (ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
    return findInStatements(scope.statements, name) ?? findHoistedVar(scope, name);
  }
  if (ts.isBlock(scope)) {
    const inBlock = findInStatements(scope.statements, name, true);
    if (inBlock) return inBlock;
  }
  if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) {
      const inClause = findInStatements(clause.statements, name, true);
      if (inClause) return inClause;
    }
  }
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      const inParameter = findInBindingName(parameter.name, name);
      if (inParameter) return inParameter === parameter.name ? parameter : inParameter;
    }
    for (const typeParameter of scope.typeParameters ?? []) if (typeParameter.name.text === name) return typeParameter;
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return scope;
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body) return findHoistedVar(body, name);
  }
  if (ts.isClassLike(scope) || ts.isInterfaceDeclaration(scope) || ts.isTypeAliasDeclaration(scope)) {
    for (const typeParameter of scope.typeParameters ?? []) if (typeParameter.name.text === name) return typeParameter;
    if (ts.isClassExpression(scope) && scope.name?.text === name) return scope;
  }
  if ((ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) && scope.initializer) {
    if (ts.isVariableDeclarationList(scope.initializer)) {
      for (const declaration of scope.initializer.declarations) {
        const found = findInBindingName(declaration.name, name);
        if (found) return found === declaration.name ? declaration : found;
      }
    }
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    const found = findInBindingName(scope.variableDeclaration.name, name);
    if (found) return found === scope.variableDeclaration.name ? scope.variableDeclaration : found;
  }
  return undefined;
}

/** Declarations among a list of statements: imports, functions, classes, types, and let/const (var too at top level). */
function findInStatements(statements: ts.NodeArray<ts.Statement>, name: string, blockScoped = false): ts.Node | undefined {
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if (element.name.text === name) return element;
      }
    } else if (ts.isImportEqualsDeclaration(statement) && statement.name.text === name) {
      return statement;
    } else if (ts.isVariableStatement(statement)) {
      if (blockScoped && !(statement.declarationList.flags & ts.NodeFlags.BlockScoped)) continue; // var: found by hoisting
      for (const declaration of statement.declarationList.declarations) {
        const found = findInBindingName(declaration.name, name);
        if (found) return found === declaration.name ? declaration : found;
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name?.text === name
    ) {
      return statement;
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && statement.name.text === name) {
      return statement;
    }
  }
  return undefined;
}

/** A `var` declared anywhere inside `root` but not inside a nested function (var is function-scoped). */
function findHoistedVar(root: ts.Node, name: string): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (node !== root && ts.isFunctionLike(node))) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) {
        const hit = findInBindingName(declaration.name, name);
        if (hit) {
          found = hit === declaration.name ? declaration : hit;
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** The identifier (for a plain name) or binding element declaring `name` inside a binding pattern. */
function findInBindingName(binding: ts.BindingName, name: string): ts.Node | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? binding : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const found = findInBindingName(element.name, name);
    if (found) return found === element.name ? element : found;
  }
  return undefined;
}

/** The scope a declaration list declares its names in: the module for imports, else the enclosing block. */
export function declarationScope(container: ts.Node): ts.Node {
  let node = container.parent;
  while (!ts.isSourceFile(node) && !ts.isBlock(node) && !ts.isModuleBlock(node) && !ts.isCaseClause(node) && !ts.isDefaultClause(node) && !ts.isFunctionLike(node)) {
    node = node.parent;
  }
  return node;
}
