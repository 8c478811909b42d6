import ts = require('typescript'); // require: see src/project.ts
import type { TextEdit } from './edit.js';

/**
 * Import declarations edited as text: renaming a token, changing an element list (`{ a, b }`) in its own layout,
 * and joining a moved import into a declaration of the same module. Only what changes is touched, so the file's
 * quotes, semicolons, spacing and line endings stay its own.
 */

/** Replaces a name token, keeping the quotes of a string name (`{ "a" as b }`, `ns['a']`). */
export function renameToken(sourceFile: ts.SourceFile, token: ts.Node, name: string): TextEdit {
  const start = token.getStart(sourceFile);
  if (ts.isStringLiteralLike(token)) return { start: start + 1, end: token.getEnd() - 1, text: name };
  return { start, end: token.getEnd(), text: name };
}

/** A module literal pointing somewhere else, in its own quotes. */
export function replaceModule(sourceFile: ts.SourceFile, literal: ts.StringLiteralLike, module: string): TextEdit {
  return { start: literal.getStart(sourceFile) + 1, end: literal.getEnd() - 1, text: module };
}

export function lineEndingOf(text: string): string {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/** What happens to one element list (`{ a, b }` of an import or a destructuring). */
export interface ContainerChange {
  /** Element → its new export name (the local name follows when it is not aliased). */
  renames: Map<ts.Node, string>;
  /** Elements whose binding is no longer referenced. */
  removals: Set<ts.Node>;
  /** Names to add (each once); `type ` prefixed names for type-only specifiers. */
  additions: string[];
}

export function emptyChange(): ContainerChange {
  return { renames: new Map(), removals: new Set(), additions: [] };
}

/**
 * The edits for one element list, touching only what changes: a renamed element's name token, a removed
 * element with one separator, an added name after the last remaining element in the list's own layout (same
 * line, or a new line with the same indentation and the file's line ending; a trailing comma stays last).
 * A removed element's slot is reused for an addition, so `{ serialize }` becomes `{ instanceToPlain }`.
 */
export function containerEdits(sourceFile: ts.SourceFile, container: ts.NamedImports | ts.ObjectBindingPattern, change: ContainerChange): TextEdit[] {
  const elements = [...container.elements] as ts.Node[];
  const edits: TextEdit[] = [];
  const additions = change.additions.filter((name, index) => change.additions.indexOf(name) === index);
  const kept = new Set<ts.Node>();

  for (const element of elements) {
    if (change.removals.has(element)) {
      const addition = additions.shift();
      if (addition === undefined) continue;
      edits.push({ start: element.getStart(sourceFile), end: element.getEnd(), text: addition });
      kept.add(element);
      continue;
    }
    kept.add(element);
    const name = change.renames.get(element);
    if (name !== undefined) edits.push(renameElement(sourceFile, element, name));
  }

  if (kept.size === 0) return removeContainer(sourceFile, container);

  // Removals in runs, so that neighbouring removals never produce overlapping edits.
  for (let index = 0; index < elements.length; ) {
    if (kept.has(elements[index]!)) {
      index++;
      continue;
    }
    let last = index;
    while (last + 1 < elements.length && !kept.has(elements[last + 1]!)) last++;
    const next = elements[last + 1];
    if (next) edits.push({ start: elements[index]!.getStart(sourceFile), end: next.getStart(sourceFile), text: '' });
    else edits.push({ start: elements[index - 1]!.getEnd(), end: elements[last]!.getEnd(), text: '' });
    index = last + 1;
  }

  if (additions.length > 0) {
    const lastKept = [...elements].reverse().find((element) => kept.has(element))!;
    const text = sourceFile.text;
    const multiLine = lineOf(sourceFile, lastKept.getStart(sourceFile)) !== lineOf(sourceFile, container.getStart(sourceFile));
    const separator = multiLine ? `,${lineEndingOf(text)}${indentationAt(text, lastKept.getStart(sourceFile))}` : ', ';
    edits.push({ start: lastKept.getEnd(), end: lastKept.getEnd(), text: additions.map((name) => `${separator}${name}`).join('') });
  }
  return edits;
}

function renameElement(sourceFile: ts.SourceFile, element: ts.Node, name: string): TextEdit {
  if (ts.isImportSpecifier(element) || ts.isBindingElement(element)) return renameToken(sourceFile, element.propertyName ?? element.name, name);
  throw new Error(`cannot rename a ${ts.SyntaxKind[element.kind]}`);
}

/** Every element of the list is gone: drop the whole import (or the destructuring declaration). */
function removeContainer(sourceFile: ts.SourceFile, container: ts.NamedImports | ts.ObjectBindingPattern): TextEdit[] {
  if (ts.isNamedImports(container)) {
    const clause = container.parent;
    if (clause.name) return [{ start: clause.name.getEnd(), end: container.getEnd(), text: '' }]; // `d, { a }` → `d`
    return [removeStatement(sourceFile, clause.parent as ts.ImportDeclaration)];
  }
  const declaration = container.parent;
  if (
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    declaration.parent.declarations.length === 1 &&
    ts.isVariableStatement(declaration.parent.parent)
  ) {
    return [removeStatement(sourceFile, declaration.parent.parent)];
  }
  return [{ start: container.getStart(sourceFile), end: container.getEnd(), text: '{}' }];
}

/** A whole statement with its line, when nothing else is on that line. */
function removeStatement(sourceFile: ts.SourceFile, statement: ts.Statement): TextEdit {
  const text = sourceFile.text;
  let start = statement.getStart(sourceFile);
  let end = statement.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && rest) {
    start = lineStart;
    end += rest[0].length;
  }
  return { start, end, text: '' };
}

function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line;
}

function indentationAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))![0];
}

/**
 * Sorts edits, drops exact duplicates (several sites share one import edit) and joins edits that touch, so the
 * result is a set of non-overlapping edits. Returns undefined when two different edits overlap.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] | undefined {
  const unique = new Map<string, TextEdit>();
  for (const edit of edits) unique.set(`${edit.start}:${edit.end}:${edit.text}`, edit);
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const result: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = result[result.length - 1];
    if (previous && edit.start < previous.end) return undefined;
    if (previous && edit.start === previous.end && (edit.start === edit.end || previous.start === previous.end)) {
      // An insertion next to a replacement: one edit, so ESLint never sees two fixes at one position.
      result[result.length - 1] = { start: previous.start, end: edit.end, text: previous.text + edit.text };
      continue;
    }
    result.push(edit);
  }
  return result;
}


// ---------------------------------------------------------------------------------------------------------
// Joining moved imports

/**
 * Where each moved import declaration joins another one. A subpath import that moves to a module the file
 * already imports from would otherwise leave two declarations of one module (`import/no-duplicates` flags it):
 * its names go into the first declaration of that module and the same kind instead — type-only joins only
 * `import type { … }`, a value import only a value import — when that one has a `{ … }` list to extend
 * (`import ns from`, `import * as ns from` and imports with attributes have none, and are left alone). Moved
 * declarations that meet no such declaration join each other, in source order.
 *
 * `movedTo`: each moved declaration and its new module; `namedDefaults`: moved default imports that became one
 * named specifier (`import f from 'pkg/f'` → `{ f }`), which can join too.
 */
export function planImportJoins(
  sourceFile: ts.SourceFile,
  movedTo: ReadonlyMap<ts.ImportDeclaration, string>,
  namedDefaults: ReadonlyMap<ts.ImportClause, string>,
): Map<ts.ImportDeclaration, ts.NamedImports> {
  const declarations: ts.ImportDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) declarations.push(node);
    else if (ts.isSourceFile(node) || ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) ts.forEachChild(node, visit);
  };
  visit(sourceFile);

  // Keyed by the statement list the declaration sits in (a `declare module` block has its own), module and kind.
  const keyOf = (declaration: ts.ImportDeclaration, module: string): string => `${declaration.parent.pos}:${phaseOf(declaration)}:${module}`;
  const hosts = new Map<string, ts.ImportDeclaration>();
  for (const declaration of declarations) {
    const module = (declaration.moduleSpecifier as ts.StringLiteralLike).text;
    const key = keyOf(declaration, module);
    if (!movedTo.has(declaration) && extendableList(declaration) && !hosts.has(key)) hosts.set(key, declaration);
  }
  const joins = new Map<ts.ImportDeclaration, ts.NamedImports>();
  for (const declaration of declarations) {
    const module = movedTo.get(declaration);
    if (module === undefined || !canJoin(declaration, namedDefaults)) continue;
    const key = keyOf(declaration, module);
    const host = hosts.get(key);
    if (host) joins.set(declaration, extendableList(host)!);
    else if (extendableList(declaration) && !namedDefaults.has(declaration.importClause!)) hosts.set(key, declaration);
  }
  return joins;
}

/** The specifiers a joining declaration brings, as they will read: kept and renamed elements, then additions. */
export function joinedSpecifiers(
  sourceFile: ts.SourceFile,
  declaration: ts.ImportDeclaration,
  change: ContainerChange | undefined,
  namedDefault: string | undefined,
): string[] {
  const specifiers = namedDefault === undefined ? [] : [namedDefault];
  const bindings = declaration.importClause?.namedBindings;
  for (const element of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
    if (change?.removals.has(element)) continue;
    const name = change?.renames.get(element);
    const text = element.getText(sourceFile);
    if (name === undefined) {
      specifiers.push(text);
      continue;
    }
    const rename = renameElement(sourceFile, element, name);
    const offset = element.getStart(sourceFile);
    specifiers.push(text.slice(0, rename.start - offset) + rename.text + text.slice(rename.end - offset));
  }
  specifiers.push(...(change?.additions ?? []));
  return specifiers.filter((specifier, index) => specifiers.indexOf(specifier) === index);
}

/** Removes a joined declaration with its line. */
export function removeImport(sourceFile: ts.SourceFile, declaration: ts.ImportDeclaration): TextEdit {
  return removeStatement(sourceFile, declaration);
}

/** `type` for `import type { … }`, `defer` for `import defer`, `` for a plain value import. */
function phaseOf(declaration: ts.ImportDeclaration): string {
  const phase = declaration.importClause?.phaseModifier;
  return phase === undefined ? '' : ts.tokenToString(phase)!;
}

/** The `{ … }` list names can be added to: not `import d from`, `import * as ns from`, `import 'm'`, nor one with attributes. */
function extendableList(declaration: ts.ImportDeclaration): ts.NamedImports | undefined {
  const bindings = declaration.importClause?.namedBindings;
  return bindings && ts.isNamedImports(bindings) && !declaration.attributes ? bindings : undefined;
}

/** A declaration whose bindings can all be written as specifiers of another `{ … }` list. */
function canJoin(declaration: ts.ImportDeclaration, namedDefaults: ReadonlyMap<ts.ImportClause, string>): boolean {
  const clause = declaration.importClause;
  if (!clause || declaration.attributes) return false;
  if (clause.name) return namedDefaults.has(clause) && !clause.namedBindings;
  return clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings);
}

/** Renames one reference; a shorthand property keeps its key (`{ old }` → `{ old: new }`). */
export function renameReferenceToken(sourceFile: ts.SourceFile, ref: ts.Identifier, name: string): TextEdit {
  if (ts.isShorthandPropertyAssignment(ref.parent) && ref.parent.name === ref) {
    return { start: ref.getStart(sourceFile), end: ref.getEnd(), text: `${ref.text}: ${name}` };
  }
  return renameToken(sourceFile, ref, name);
}
