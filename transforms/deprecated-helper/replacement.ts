import ts = require('typescript'); // require: see src/project.ts
import { isFunctionExpression, type HelperDeclaration } from './index-names.js';

/**
 * The replacement a `@deprecated` tag names, found where the contract allows it: a function of the same module,
 * a method of the same class. Nothing is guessed from a name declared anywhere else.
 */

/**
 * The name the tag's text gives as the replacement: `{@link nowUtc}`, `{@linkcode Task.toPlain}`,
 * `{@link Task#toPlain | text}`, "use `nowUtc` instead", "Use nowUtc()", "use nowUtc instead". Undefined when the
 * text names none ("do not use", "will be removed"): the helper has no replacement to rewrite to.
 */
export function replacementNameOf(tag: ts.JSDocDeprecatedTag): string | undefined {
  const comment = tag.comment;
  if (comment === undefined) return undefined;
  if (typeof comment !== 'string') {
    for (const part of comment) {
      if ((ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) && part.name) return entityText(part.name);
    }
  }
  const text = typeof comment === 'string' ? comment : ts.getTextOfJSDocComment(comment) ?? '';
  const link = /\{@link(?:code|plain)?\s+([\w$]+(?:[.#][\w$]+)*)/.exec(text);
  if (link) return link[1];
  const IDENT = String.raw`[A-Za-z_$][\w$]*(?:[.#][A-Za-z_$][\w$]*)*`;
  const named = new RegExp(String.raw`\buse\s+(?:\`(${IDENT})(?:\(\))?\`|(${IDENT})\(|(${IDENT})\s+instead\b)`, 'i').exec(text);
  return named ? (named[1] ?? named[2] ?? named[3]) : undefined;
}

function entityText(name: ts.EntityName | ts.JSDocMemberName): string {
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isQualifiedName(name)) return `${entityText(name.left)}.${name.right.text}`;
  return `${entityText(name.left)}.${name.right.text}`;
}

/** The declarations of the replacement: a function's overloads, or a method's. */
export type Replacement = { name: string; declarations: (ts.FunctionDeclaration | ts.VariableDeclaration | ts.MethodDeclaration)[] };

/**
 * The replacement declared beside the deprecated helper: for a module-level function, a function (or
 * function-valued variable) of the same module under that name; for a method, a method of the same class,
 * static if the helper is. `Task.toPlain` must name the helper's own class.
 */
/** Whether a deprecated method's replacement names a property or accessor of its class (`{@link Task.label}`, a getter). */
export function namesNonMethodMember(helper: HelperDeclaration, name: string): boolean {
  const owner = ts.isMethodDeclaration(helper) ? helper.parent : undefined;
  const member = name.split(/[.#]/).at(-1);
  return (
    owner !== undefined &&
    ts.isClassLike(owner) &&
    owner.members.some((candidate) => (ts.isPropertyDeclaration(candidate) || ts.isGetAccessorDeclaration(candidate) || ts.isSetAccessorDeclaration(candidate)) && candidate.name.getText() === member)
  );
}

export function findReplacement(helper: HelperDeclaration, name: string): Replacement | undefined {
  const parts = name.split(/[.#]/);
  if (ts.isMethodDeclaration(helper)) {
    const owner = helper.parent;
    if (!ts.isClassLike(owner)) return undefined;
    if (parts.length > 2 || (parts.length === 2 && owner.name?.text !== parts[0])) return undefined;
    const member = parts.at(-1)!;
    const isStatic = hasStatic(helper);
    const declarations = owner.members.filter(
      (candidate): candidate is ts.MethodDeclaration =>
        ts.isMethodDeclaration(candidate) && candidate !== helper && candidate.name.getText() === member && hasStatic(candidate) === isStatic,
    );
    return declarations.length > 0 ? { name: member, declarations } : undefined;
  }
  if (parts.length !== 1) return undefined;
  const container = moduleOf(helper);
  if (!container) return undefined;
  const declarations: Replacement['declarations'] = [];
  for (const statement of container.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) declarations.push(statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer && isFunctionExpression(declaration.initializer)) {
          declarations.push(declaration);
        }
      }
    }
  }
  return declarations.length > 0 && !declarations.includes(helper as never) ? { name, declarations } : undefined;
}

/** The statements a module-level helper sits among: its file, or its namespace's block. */
function moduleOf(helper: HelperDeclaration): ts.SourceFile | ts.ModuleBlock | undefined {
  const statement = ts.isVariableDeclaration(helper) ? helper.parent.parent : helper;
  const parent = statement.parent;
  return ts.isSourceFile(parent) || ts.isModuleBlock(parent) ? parent : undefined;
}

function hasStatic(member: ts.ClassElement): boolean {
  return (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
}

/** private < protected < public, as TypeScript's modifiers (or a `#name`) say. */
export function visibilityOf(member: ts.Declaration): number {
  if (ts.isMethodDeclaration(member) && ts.isPrivateIdentifier(member.name)) return 0;
  const flags = ts.getCombinedModifierFlags(member);
  return flags & ts.ModifierFlags.Private ? 0 : flags & ts.ModifierFlags.Protected ? 1 : 2;
}
