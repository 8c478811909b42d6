import ts = require('typescript'); // require: see src/project.ts
import { overrideAffecting, overridesOf } from '../model-method-checks.js';
import { isInstanceOf } from '../model-methods.js';
import { exportBindingOf, resolveAlias, skipParentheses, type ExportBinding } from '../bindings.js';
import { isHelperDeclaration, isRepositoryFile, type HelperDeclaration } from './index-names.js';
import { findReplacement, namesNonMethodMember, replacementNameOf, visibilityOf, type Replacement } from './replacement.js';
import { signatureFit } from './signature-fit.js';

/**
 * One use of a deprecated helper, judged: the rewrite it allows (the token to rename and how), or why it is left.
 * The detector reports from it and the rewriter edits from it, so `deprecfix fix`, `eslint --fix` and the report
 * never disagree. The checker decides every step; a step it cannot prove is a reason, never a guess.
 */

/** Why a use keeps fix `none`; the rules' catalogue words each (`REASONS`). */
export type HelperReason =
  | 'helper-not-called'
  | 'helper-class'
  | 'helper-replacement-not-found'
  | 'helper-replacement-not-method'
  | 'helper-replacement-not-exported'
  | 'helper-replacement-inaccessible'
  | 'helper-overridden'
  | 'helper-inside-replacement'
  | 'helper-overloaded'
  | 'helper-generic'
  | 'helper-union'
  | 'helper-before-replacement'
  | 'helper-signature-differs'
  | 'name-conflict'
  | 'unsupported-form';

export type HelperUse = {
  /** The helper's name as written at the use, and the replacement its `@deprecated` tag names. */
  name: string;
  replacement: string;
} & (
  | {
      fix: true;
      /** The helper's and the replacement's names as declared: what a spy names. */
      declaredNames: [string, string];
      /** The helper's file, and the name it exports the helper (a method: its class) under: what a module mock reaches. */
      exportedFrom: { file: ts.SourceFile; name: string };
      /** The token that names the helper here: a callee identifier or a member name. */
      token: ts.Identifier;
      /** Set when the token is bound by an import: the import is edited with it (added, extended or renamed). */
      binding?: ExportBinding;
    }
  | { fix: false; reason: HelperReason; difference?: string }
);

/**
 * The use at `node` (a call, a `new`, or a reference that is not called), or undefined when it is not a use of a
 * repository function, method or class whose JSDoc says `@deprecated` and names a replacement.
 */
export function helperUseAt(checker: ts.TypeChecker, node: ts.Node, program?: ts.Program): HelperUse | undefined {
  const call = ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
  const callee = call ? skipParentheses(call.expression) : node;
  const token = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name : undefined;
  if (!token) return undefined;
  const helper = helperAt(checker, token, call);
  if (!helper) return undefined;
  const replacement = replacementNameOf(helper.tag);
  if (replacement === undefined) return undefined;
  const refuse = (reason: HelperReason, difference?: string): HelperUse => ({ name: token.text, replacement, fix: false, reason, difference });

  if (!call) return refuse('helper-not-called');
  if (ts.isPropertyAccessExpression(callee) && !everyMemberHas(checker, callee, helper.declaration)) return refuse('helper-union');
  if (ts.isClassDeclaration(helper.declaration)) return refuse('helper-class');
  if (ts.isNewExpression(call)) return refuse('unsupported-form');
  const found = findReplacement(helper.declaration, replacement);
  const target = found && checker.getSymbolAtLocation(found.declarations[0]!.name as ts.Node);
  if (!found || !target) return refuse(namesNonMethodMember(helper.declaration, replacement) ? 'helper-replacement-not-method' : 'helper-replacement-not-found');
  const named = { ...found, symbol: target };
  if (found.declarations.some((declaration) => contains(declaration, call))) return refuse('helper-inside-replacement');
  // `const nowUtc = () => …` later in the same module: a call before it (or in a function run before it) would
  // throw where the helper worked.
  if (found.declarations.some((declaration) => ts.isVariableDeclaration(declaration) && declaration.getSourceFile() === call.getSourceFile() && call.getStart() < declaration.getStart())) {
    return refuse('helper-before-replacement');
  }
  if (ts.isMethodDeclaration(helper.declaration) && visibilityOf(found.declarations[0]!) < visibilityOf(helper.declaration)) {
    return refuse('helper-replacement-inaccessible');
  }
  // Both as declared: a generic class's methods compare in terms of its own type parameters.
  const name = helper.declaration.name;
  const declared = (name && checker.getSymbolAtLocation(name)) || helper.symbol;
  const fit = signatureFit(checker, callSignatures(checker, declared), callSignatures(checker, target));
  if (!fit.fits) return refuse(fit.reason, fit.difference);
  const access = accessAt(checker, callee as ts.Identifier | ts.PropertyAccessExpression, token, named, ts.isMethodDeclaration(helper.declaration));
  if (typeof access === 'string') return refuse(access);
  if (ts.isMethodDeclaration(helper.declaration) && ts.isPropertyAccessExpression(callee) && overriddenBelow(checker, program, helper.declaration, callee, found.name)) {
    return refuse('helper-overridden');
  }
  const declaredName = name && ts.isIdentifier(name) ? name.text : token.text;
  const owner = ts.isMethodDeclaration(helper.declaration) && ts.isClassLike(helper.declaration.parent) ? helper.declaration.parent.name?.text : declaredName;
  const exportedFrom = { file: helper.declaration.getSourceFile(), name: owner ?? declaredName };
  return { name: token.text, replacement: found.name, fix: true, declaredNames: [declaredName, found.name], exportedFrom, token, binding: access.binding };
}

/**
 * Whether a class the receiver may be at runtime overrides the deprecated method or its replacement: `task.toDict()`
 * on a `Task` runs an `AuditedTask`'s own `toDict()` when the value is one, and `task.toPlain()` would skip it; a
 * `Special` overriding `toPlain()` changes what the new call runs but not the old. `super.toDict()` is bound to the
 * parent's method, which may dispatch to an override of the replacement through `this`, where `super.toPlain()`
 * would not. Only a program can say (an override may live in any file: `lintScope` puts the files naming these
 * methods in it); without one (the rewriter, which re-judges sites the detector already proved) the detector's
 * verdict stands.
 */
function overriddenBelow(checker: ts.TypeChecker, program: ts.Program | undefined, method: ts.MethodDeclaration, callee: ts.PropertyAccessExpression, replacement: string): boolean {
  if (!program) return false;
  const owner = method.parent;
  const ownerSymbol = ts.isClassLike(owner) && owner.name ? checker.getSymbolAtLocation(owner.name) : undefined;
  if (!ownerSymbol || !ts.isIdentifier(method.name)) return true;
  const ofReplacement = overridesOf(program, ownerSymbol, replacement);
  if (callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
    // `this` is the enclosing class or one below it: only their overrides of the replacement can be reached.
    let enclosing: ts.Node | undefined = callee.parent;
    while (enclosing && !ts.isClassLike(enclosing)) enclosing = enclosing.parent;
    const self = enclosing && (enclosing as ts.ClassLikeDeclaration).name ? checker.getSymbolAtLocation((enclosing as ts.ClassLikeDeclaration).name!) : undefined;
    return self ? ofReplacement.some((override) => isInstanceOf(checker, override.type, self)) : ofReplacement.length > 0;
  }
  const receiver = receiverType(checker, callee);
  const members = receiver.isUnion() ? receiver.types : [receiver];
  const overrides = [...overridesOf(program, ownerSymbol, method.name.text), ...ofReplacement];
  // `new Task().toDict()`: the value is exactly a Task, so only an override Task itself inherits matters.
  if (ts.isNewExpression(skipParentheses(callee.expression))) return overrides.some((override) => members.some((member) => isInstanceOf(checker, member, override.symbol)));
  return overrideAffecting(checker, members, overrides) !== undefined;
}

/**
 * Whether every type the receiver may be has the deprecated declaration as its member: `x.old()` on `A | B` is the
 * deprecated `A.old` only for an `A`; `B.old` is another method, which its own `neu` need not match.
 */
function everyMemberHas(checker: ts.TypeChecker, callee: ts.PropertyAccessExpression, declaration: HelperDeclaration): boolean {
  const receiver = receiverType(checker, callee);
  if (!receiver.isUnion()) return true;
  return receiver.types.every((member) => checker.getPropertyOfType(checker.getApparentType(member), callee.name.text)?.declarations?.includes(declaration) === true);
}

interface Helper {
  symbol: ts.Symbol;
  declaration: HelperDeclaration;
  tag: ts.JSDocDeprecatedTag;
}

/** The deprecated repository declaration a name resolves to (through imports); a call picks its overload's tag. */
function helperAt(checker: ts.TypeChecker, token: ts.Identifier, call: ts.CallExpression | ts.NewExpression | undefined): Helper | undefined {
  const symbol = resolveAlias(checker, checker.getSymbolAtLocation(token));
  const declarations = (symbol?.declarations ?? []).filter(isHelperDeclaration);
  if (!symbol || declarations.length === 0 || !declarations.every((declaration) => isRepositoryFile(declaration.getSourceFile()))) return undefined;
  const resolved = call && declarations.length > 1 ? checker.getResolvedSignature(call)?.declaration : undefined;
  // Of overloads, only the one the call resolves to says whether the call is deprecated (as TypeScript sees it).
  const candidates = resolved && isHelperDeclaration(resolved) && declarations.includes(resolved) ? [resolved] : declarations;
  for (const declaration of candidates) {
    const tag = ts.getJSDocDeprecatedTag(declaration);
    if (tag) return { symbol, declaration, tag };
  }
  return undefined;
}

function callSignatures(checker: ts.TypeChecker, symbol: ts.Symbol): readonly ts.Signature[] {
  return checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call);
}

/**
 * The type a method call's receiver has where the method runs: `p?.toDict()` on a `Task | undefined` calls it on a
 * `Task` only (without strict null checks, and on `x!`, the type has no `undefined` to drop).
 */
function receiverType(checker: ts.TypeChecker, callee: ts.PropertyAccessExpression): ts.Type {
  return checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.getSourceFile() === inner.getSourceFile() && outer.pos <= inner.pos && inner.end <= outer.end;
}

/**
 * Whether the replacement is what its name means where the helper is used: a member of the receiver (not an
 * override of it), an export of the module the helper was imported from (a barrel must re-export it too), or the
 * declaration the name resolves to in the helper's own module.
 */
function accessAt(
  checker: ts.TypeChecker,
  callee: ts.Identifier | ts.PropertyAccessExpression,
  token: ts.Identifier,
  replacement: Replacement & { symbol: ts.Symbol },
  isMethod: boolean,
): HelperReason | { binding?: ExportBinding } {
  // By declaration: a member of an instantiated type (`Box<string>`, a class whose methods return `this`) is a
  // symbol of its own, and a module's scope holds an exported function's local symbol, not its export symbol.
  const declarations: readonly ts.Node[] = replacement.declarations;
  const isReplacement = (symbol: ts.Symbol | undefined) => {
    const resolved = symbol && resolveAlias(checker, symbol);
    const target = resolved && checker.getExportSymbolOfSymbol(resolved);
    return (target?.declarations ?? resolved?.declarations ?? []).some((declaration) => declarations.includes(declaration));
  };
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = checker.getApparentType(receiverType(checker, callee));
    const member = checker.getPropertyOfType(receiver, replacement.name);
    if (isReplacement(member)) return {};
    return isMethod ? (member ? 'helper-overridden' : 'helper-replacement-not-found') : 'helper-replacement-not-exported';
  }
  const local = checker.getSymbolAtLocation(token);
  const visible = () => checker.getSymbolsInScope(token, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((symbol) => symbol.name === replacement.name);
  if (!local || !(local.flags & ts.SymbolFlags.Alias)) return isReplacement(visible()) ? {} : 'name-conflict';
  const binding = exportBindingOf(local.declarations?.[0]);
  if (!binding?.container || binding.imported === 'default') return 'unsupported-form';
  const module = checker.getSymbolAtLocation(binding.module);
  if (!module || !isReplacement(checker.tryGetMemberInModuleExports(replacement.name, module))) return 'helper-replacement-not-exported';
  const aliased = binding.importedName !== undefined && binding.importedName.text !== binding.local.text;
  if (!aliased) {
    const taken = visible();
    if (taken && !isReplacement(taken)) return 'name-conflict';
  }
  return { binding };
}
