import ts = require('typescript'); // require: see src/project.ts
import { moduleObjectOf, moduleOfExpression, moduleSpecifierOwner } from './bindings.js';
import { renameToken } from './import-edits.js';
import type { LibraryRewrite } from './library-rewrite.js';
import { resolveName } from './scopes.js';

/**
 * The token a renamed site changes, by the site's shape: a reference, a namespace member, a re-export, a string
 * naming an export for a spy, or a subpath module literal. Edits go to the file's `LibraryRewrite`.
 */

/** A renamed name: a reference, a namespace member (`ct.x`, `ct['x']`, `ct.X<T>`), or a subpath module literal. */
export function renameSite(rewrite: LibraryRewrite, node: ts.Node): string | undefined {
  const sourceFile = rewrite.sourceFile;
  if (ts.isStringLiteralLike(node) && moduleSpecifierOwner(node)) return rewrite.moveModule(node);
  if (ts.isIdentifier(node) && ts.isExportSpecifier(node.parent) && node.parent.parent.parent.moduleSpecifier) {
    // `export { old as other } from 'pkg'`: the public name stays, only the imported name changes.
    const name = rewrite.library.renames[node.text];
    if (name === undefined || node.parent.propertyName !== node) return 'the re-export has no replacement';
    const moved = rewrite.moveModule(node.parent.parent.parent.moduleSpecifier as ts.StringLiteralLike);
    if (moved) return moved;
    rewrite.addEdit(renameToken(sourceFile, node, name));
    return undefined;
  }
  const spyName = spyNameToken(node);
  if (spyName) {
    // Renamed only together with every call the spy observes (the rule's spy policy decides).
    const name = rewrite.library.renames[spyName.text];
    if (name === undefined) return 'the spied name has no replacement';
    rewrite.addEdit(renameToken(sourceFile, spyName, name));
    return undefined;
  }
  if (ts.isIdentifier(node)) return rewrite.renameReference(node);
  const member = memberName(node);
  if (!member) return `cannot rename a ${ts.SyntaxKind[node.kind]}`;
  const name = rewrite.library.renames[member.name.text];
  if (name === undefined) return 'the member has no replacement';
  const moved = moveNamespaceModule(rewrite, member.object);
  if (moved) return moved;
  rewrite.addEdit(renameToken(sourceFile, member.name, name));
  return undefined;
}

/** A string naming an export: the argument of `jest.spyOn(ns, 'name')`, or a key of a mock factory's object. */
function spyNameToken(node: ts.Node): ts.StringLiteralLike | ts.Identifier | undefined {
  if (ts.isStringLiteralLike(node) && ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as ts.Expression)) return node;
  const parent = node.parent;
  const isKey = (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === node && ts.isObjectLiteralExpression(parent.parent);
  return isKey && (ts.isIdentifier(node) || ts.isStringLiteralLike(node)) ? node : undefined;
}

/** `ns.name`, `ns['name']`, `ns.Name<T>` (type position): the namespace expression and the name token. */
export function memberName(node: ts.Node): { object: ts.Node; name: ts.Identifier | ts.StringLiteralLike } | undefined {
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) return { object: node.expression, name: node.name };
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return { object: node.expression, name: node.argumentExpression };
  if (ts.isQualifiedName(node)) return { object: node.left, name: node.right };
  return undefined;
}

/** A member of a namespace bound from a subpath: the subpath import moves to the root with it. */
export function moveNamespaceModule(rewrite: LibraryRewrite, object: ts.Node): string | undefined {
  const module = ts.isIdentifier(object) ? moduleObjectOf(resolveName(object, object.text)) : ts.isExpression(object) ? moduleOfExpression(object) : undefined;
  return module && rewrite.isLibraryModule(module.text) ? rewrite.moveModule(module) : undefined;
}
