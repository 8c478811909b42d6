import ts = require('typescript'); // require: see src/project.ts
import { moduleOfExpression } from '../bindings.js';

/**
 * The repository modules a file reaches a helper through: its own module, and each module between it and the file
 * that imports it: the barrel the caller imports (`export *`, `export { x } from`, an imported name exported again,
 * `export * as ns`) and every barrel on the way. A test that mocks any of them replaces what the caller's call runs
 * (a `jest.mock` of a barrel that re-exports `utcnow`), so each is a module whose mocks hold the call.
 * `exported` is the name the helper's module exports it (or, for a method, its class) under. Names only: a walk
 * that does not end at the helper's file adds nothing.
 */
export function modulesReaching(checker: ts.TypeChecker, caller: ts.SourceFile, helperFile: ts.SourceFile, exported: string): string[] {
  const files = new Set([helperFile.fileName]);
  const seen = new Set<string>();
  const reaches = (file: ts.SourceFile, name: string, depth: number): boolean => {
    if (file === helperFile) return true;
    const key = `${file.fileName}\0${name}`;
    if (seen.has(key) || depth > MAX_DEPTH) return false;
    seen.add(key);
    let found = false;
    for (const [next, inner] of reExports(checker, file, name)) if (reaches(next, inner, depth + 1)) found = true;
    if (found) files.add(file.fileName);
    return found;
  };
  for (const [module, name] of importsOf(caller, exported)) {
    const file = sourceFileOf(checker, module);
    if (file) reaches(file, name, 0);
  }
  return [...files];
}

/** Barrels re-exporting barrels: deeper than this is a cycle the `seen` set missed, or not a repository's shape. */
const MAX_DEPTH = 32;

/** The module literals `file` takes `name` from, with the name each exports it under: named, namespace and `require` imports. */
function importsOf(file: ts.SourceFile, name: string): [ts.StringLiteralLike, string][] {
  const found: [ts.StringLiteralLike, string][] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) found.push([statement.moduleSpecifier, name]);
      else if (bindings) for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === name) found.push([statement.moduleSpecifier, name]);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteralLike(statement.moduleReference.expression)) {
      found.push([statement.moduleReference.expression, name]);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const module = declaration.initializer && moduleOfExpression(declaration.initializer);
        if (!module) continue;
        // a module object from `require`, or `const { utcnow } = require(…)` naming the export
        const names = ts.isObjectBindingPattern(declaration.name) ? declaration.name.elements.map((element) => (element.propertyName ?? element.name).getText()) : [name];
        if (names.includes(name)) found.push([module, name]);
      }
    }
  }
  return found;
}

/** The modules `file` passes its export `name` on from, with the name each exports it under. */
function reExports(checker: ts.TypeChecker, file: ts.SourceFile, name: string): [ts.SourceFile, string][] {
  const found: [ts.SourceFile, string][] = [];
  const add = (module: ts.Expression | undefined, inner: string) => {
    const next = module && ts.isStringLiteralLike(module) ? sourceFileOf(checker, module) : undefined;
    if (next) found.push([next, inner]);
  };
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    // `export * from`, and `export * as ns from` (the call reaches it as `ns.name`)
    if (!clause || ts.isNamespaceExport(clause)) {
      add(statement.moduleSpecifier, name);
      continue;
    }
    for (const element of clause.elements) {
      if (element.name.text !== name) continue;
      const local = (element.propertyName ?? element.name).text;
      if (statement.moduleSpecifier) add(statement.moduleSpecifier, local);
      // an imported name exported again: `export { utcnow }` below `import { utcnow } from …`
      else for (const [module, inner] of importsOf(file, local)) add(module, inner);
    }
  }
  return found;
}

/** The repository source file a module literal resolves to (undefined for a package's declarations). */
function sourceFileOf(checker: ts.TypeChecker, module: ts.StringLiteralLike): ts.SourceFile | undefined {
  const declaration = checker.getSymbolAtLocation(module)?.declarations?.[0];
  return declaration && ts.isSourceFile(declaration) && !declaration.isDeclarationFile ? declaration : undefined;
}
