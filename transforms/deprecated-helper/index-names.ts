import ts = require('typescript'); // require: see src/project.ts

/**
 * The names a program's own code declares `@deprecated`: the only callee names the `deprecated-helper` detector
 * asks the type checker about, and the words the CLI's prefilter looks for in a file (a call site holds the name,
 * not the tag). A text search for the tag picks the files; only those are walked. Cached per program.
 */

const namesByProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

export function deprecatedNamesOf(program: ts.Program): ReadonlySet<string> {
  let names = namesByProgram.get(program);
  if (!names) namesByProgram.set(program, (names = collectNames(program)));
  return names;
}

/** A file of the repository, not a package's (`node_modules`, which holds the TypeScript lib files too). */
export function isRepositoryFile(sourceFile: ts.SourceFile): boolean {
  return !/[\\/]node_modules[\\/]/.test(sourceFile.fileName);
}

function collectNames(program: ts.Program): ReadonlySet<string> {
  const names = new Set<string>();
  for (const sourceFile of program.getSourceFiles()) {
    if (isRepositoryFile(sourceFile)) forEachDeprecatedHelper(sourceFile, (declaration) => names.add(declaration.name.text));
  }
  return names;
}

/** Each helper declaration one file tags `@deprecated`, with its tag (a file without the tag is not walked). Parent pointers needed. */
export function forEachDeprecatedHelper(sourceFile: ts.SourceFile, visit: (declaration: HelperDeclaration & { name: ts.Identifier }, tag: ts.JSDocDeprecatedTag) => void): void {
  if (!sourceFile.text.includes('@deprecated')) return;
  const walk = (node: ts.Node): void => {
    const tag = isHelperDeclaration(node) && node.name && ts.isIdentifier(node.name) ? ts.getJSDocDeprecatedTag(node) : undefined;
    if (tag) visit(node as HelperDeclaration & { name: ts.Identifier }, tag);
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
}

/**
 * The declarations whose calls the kind follows: functions, methods, classes (for `new`), and variables initialised
 * with a function (`const utcnow = () => …`). A deprecated constant is not a helper.
 */
export type HelperDeclaration = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ClassDeclaration | ts.VariableDeclaration;

export function isHelperDeclaration(node: ts.Node): node is HelperDeclaration {
  if (ts.isVariableDeclaration(node)) return node.initializer !== undefined && isFunctionExpression(node.initializer);
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isClassDeclaration(node);
}

export function isFunctionExpression(expression: ts.Expression): boolean {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}
