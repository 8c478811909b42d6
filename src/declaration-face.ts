import ts = require('typescript'); // require: see src/project.ts

/**
 * What the files importing a TypeScript module can see of it, as text: the file with every function body that cannot
 * shape a type outside it left out, and each import reduced to its module and the bindings the rest still names.
 * A body is left out when its function's type does not depend on it: a function, method, arrow or getter with a
 * declared return type, a constructor, a setter. Everything else stays: parameters, initializers, decorators,
 * class members, unannotated functions (their return type is inferred from the body), comments outside bodies.
 *
 * Importers are type-checked against a module's exported declarations and its global and module augmentations; all
 * of them are in the face. So when a rewrite leaves the face unchanged (a call renamed inside an annotated method,
 * the import it came from), no importer can gain a diagnostic and only the file itself is judged
 * (src/type-check.ts). Undefined (nothing proven, the importers are judged) for JavaScript, whose types the
 * compiler infers from bodies (`this.x = …` declares a member), and for declaration files.
 */
export function declarationFace(fileName: string, text: string): string | undefined {
  if (!/\.[cm]?tsx?$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName)) return undefined;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const hidden: { start: number; end: number }[] = [];
  const named = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || (ts.isImportEqualsDeclaration(node) && !hasExportModifier(node))) return;
    if (ts.isIdentifier(node)) named.add(node.text);
    if (isFunctionWithBody(node) && typeIgnoresBody(node)) {
      const body = node.body;
      hidden.push({ start: body.getStart(sourceFile), end: body.end });
      ts.forEachChild(node, (child) => (child === body ? undefined : visit(child)));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);

  let face = '';
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || (ts.isImportEqualsDeclaration(statement) && !hasExportModifier(statement))) {
      face += text.slice(statement.pos, statement.getStart(sourceFile)) + importFace(statement, named, sourceFile);
      continue;
    }
    let at = statement.pos;
    for (const range of hidden.filter((candidate) => candidate.start >= statement.pos && candidate.end <= statement.end)) {
      face += `${text.slice(at, range.start)}{…}`;
      at = range.end;
    }
    face += text.slice(at, statement.end);
  }
  return face + text.slice(sourceFile.endOfFileToken.pos);
}

/** The files whose face differs between two texts, or cannot be compared. */
export function changedFaces(files: Iterable<{ fileName: string; before: string; after: string }>): string[] {
  const changed: string[] = [];
  for (const { fileName, before, after } of files) {
    const face = declarationFace(fileName, after);
    if (face === undefined || declarationFace(fileName, before) !== face) changed.push(fileName);
  }
  return changed;
}

type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

function isFunctionWithBody(node: ts.Node): node is FunctionWithBody {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
}

/** Whether the function's type, and so every type outside it, is the same whatever its body says. */
function typeIgnoresBody(node: FunctionWithBody): boolean {
  if (ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node)) return true;
  return node.type !== undefined;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** `import 'm' { a as b }` with only the bindings the face still names; the module always (it can augment). */
function importFace(statement: ts.ImportDeclaration | ts.ImportEqualsDeclaration, named: ReadonlySet<string>, sourceFile: ts.SourceFile): string {
  if (ts.isImportEqualsDeclaration(statement)) {
    return named.has(statement.name.text) ? statement.getText(sourceFile) : `import ${statement.moduleReference.getText(sourceFile)};`;
  }
  const clause = statement.importClause;
  const bindings: string[] = [];
  if (clause?.name && named.has(clause.name.text)) bindings.push(`default as ${clause.name.text}`);
  const elements = clause?.namedBindings;
  if (elements && ts.isNamespaceImport(elements) && named.has(elements.name.text)) bindings.push(`* as ${elements.name.text}`);
  if (elements && ts.isNamedImports(elements)) {
    for (const element of elements.elements) if (named.has(element.name.text)) bindings.push(element.getText(sourceFile));
  }
  const typeOnly = clause?.isTypeOnly ? 'type ' : '';
  const attributes = statement.attributes ? ` ${statement.attributes.getText(sourceFile)}` : '';
  return `import ${typeOnly}${statement.moduleSpecifier.getText(sourceFile)} { ${bindings.join(', ')} }${attributes};`;
}
