import ts = require('typescript'); // require: see src/project.ts
import type { Rewriter, Site } from '../edit.js';
import { nodesAtRange } from '../bindings.js';
import { renameToken } from '../import-edits.js';
import { LibraryRewrite, type LibraryRenames } from '../library-rewrite.js';
import { memberName, moveNamespaceModule, renameSite } from '../rename-site.js';
import { resolveName } from '../scopes.js';

/**
 * class-transformer 0.4.1 renamed its class-based API to instance-based names and dropped the 0.3 type
 * `ClassType` and the flat subpath modules; 0.5.1 brought `classToPlain`/`plainToClass` back as deprecated
 * aliases only. Names checked against the published 0.4.1 and 0.5.1 type declarations.
 */
export const CLASS_TRANSFORMER: LibraryRenames = {
  root: 'class-transformer',
  renames: {
    classToPlain: 'instanceToPlain',
    plainToClass: 'plainToInstance',
    classToClass: 'instanceToInstance',
    TransformClassToPlain: 'TransformInstanceToPlain',
    TransformClassToClass: 'TransformInstanceToInstance',
    TransformPlainToClass: 'TransformPlainToInstance',
    ClassType: 'ClassConstructor',
  },
  // 0.4.1 has no `exports` map and no flat modules: everything public comes from the root.
  moveSubpath: (module) => (module.startsWith('class-transformer/') ? { module: 'class-transformer' } : undefined),
};

/** The JSON helpers and the export that replaces each (their 0.5.1 bodies are exactly the replacement). */
export const SERIALIZE_REPLACEMENTS: Readonly<Record<string, 'instanceToPlain' | 'plainToInstance'>> = {
  serialize: 'instanceToPlain',
  deserialize: 'plainToInstance',
  deserializeArray: 'plainToInstance',
};

/** Deprecated with no replacement. */
export const FROM_EXIST_NAMES: readonly string[] = ['classToPlainFromExist', 'plainToClassFromExist', 'classToClassFromExist'];

/** The type-only exports (interfaces, and 0.3's `ClassType`): an import of nothing else is erased by the compiler. */
export const TYPE_EXPORTS: ReadonlySet<string> = new Set([
  'ClassType',
  'ClassConstructor',
  'ClassTransformOptions',
  'DiscriminatorDescriptor',
  'ExcludeMetadata',
  'ExcludeOptions',
  'ExposeMetadata',
  'ExposeOptions',
  'TargetMap',
  'TransformFnParams',
  'TransformMetadata',
  'TransformOptions',
  'TypeHelpOptions',
  'TypeMetadata',
  'TypeOptions',
]);

/** What the package root exports from 0.4.1 on (a subpath import can move to the root only for these). */
export const ROOT_EXPORTS: ReadonlySet<string> = new Set([
  'ClassTransformer',
  'classToPlainFromExist',
  'plainToClassFromExist',
  'classToClassFromExist',
  'instanceToPlain',
  'plainToInstance',
  'instanceToInstance',
  'serialize',
  'deserialize',
  'deserializeArray',
  'Exclude',
  'Expose',
  'Transform',
  'Type',
  'TransformInstanceToInstance',
  'TransformInstanceToPlain',
  'TransformPlainToInstance',
  'TransformationType',
  ...[...TYPE_EXPORTS].filter((name) => name !== 'ClassType'),
]);

/** The argument counts each JSON helper accepts (the optional options last). */
const SERIALIZE_ARITY: Readonly<Record<string, [number, number]>> = { serialize: [1, 2], deserialize: [2, 3], deserializeArray: [2, 3] };

/**
 * Renames references, namespace members and subpath imports; turns `serialize(o, opt)` into
 * `JSON.stringify(instanceToPlain(o, opt))` and `deserialize(C, s, opt)` / `deserializeArray(C, s, opt)` into
 * `plainToInstance(C, JSON.parse(s), opt)`. Imports follow: new names are added to the existing element list,
 * unused ones dropped.
 */
export const rewriteClassTransformer: Rewriter = (sourceFile, sites) => {
  const rewrite = new LibraryRewrite(sourceFile, CLASS_TRANSFORMER);
  const rewritten: Site[] = [];
  const skipped: { site: Site; reason: string }[] = [];
  for (const site of sites) {
    const node = nodesAtRange(sourceFile, site.start, site.end).at(-1);
    const reason = !node
      ? 'no node at this range'
      : // By shape, not by site kind: an ESLint fix group carries all the file's sites under its own kind.
        rewrite.attempt(() => (ts.isCallExpression(node) ? rewriteSerializeCall(rewrite, node) : renameSite(rewrite, node)));
    if (reason === undefined) rewritten.push(site);
    else skipped.push({ site, reason });
  }
  const edits = rewrite.finish();
  if (!edits) return { edits: [], rewritten: [], skipped: sites.map((site) => ({ site, reason: 'the edits of these sites collide' })) };
  return { edits, rewritten, skipped };
};

function rewriteSerializeCall(rewrite: LibraryRewrite, node: ts.Node): string | undefined {
  const sourceFile = rewrite.sourceFile;
  if (!ts.isCallExpression(node)) return 'not a call';
  const callee = node.expression;
  const member = ts.isIdentifier(callee) ? undefined : memberName(callee);
  const binding = ts.isIdentifier(callee) ? rewrite.bindingOfReference(callee) : undefined;
  const helper = member ? member.name.text : binding?.imported;
  const target = helper === undefined ? undefined : SERIALIZE_REPLACEMENTS[helper];
  if (!helper || !target) return 'not a class-transformer JSON helper';

  const unsupported = unsupportedSerializeCall(node, helper);
  if (unsupported) return unsupported;

  let local: string;
  if (member) {
    const moved = moveNamespaceModule(rewrite, member.object);
    if (moved) return moved;
    rewrite.addEdit(renameToken(sourceFile, member.name, target));
    local = '';
  } else {
    const name = rewrite.importedNameFor(target, node, binding!);
    if (name === undefined) return `\`${target}\` already names something else here`;
    const consumed = rewrite.consumeReference(callee as ts.Identifier);
    if (consumed) return consumed;
    local = name;
  }

  if (helper === 'serialize') {
    if (member) rewrite.addEdit({ start: node.getStart(sourceFile), end: node.getStart(sourceFile), text: 'JSON.stringify(' });
    else rewrite.addEdit({ start: callee.getStart(sourceFile), end: callee.getEnd(), text: `JSON.stringify(${local}` });
    rewrite.addEdit({ start: node.getEnd(), end: node.getEnd(), text: ')' });
    return undefined;
  }

  if (!member) rewrite.addEdit({ start: callee.getStart(sourceFile), end: callee.getEnd(), text: local });
  // TypeScript picks plainToInstance's overload by the subtype relation first, and `any` (what JSON.parse returns)
  // is no subtype of `V[]`: the single-instance overload wins. Right for `deserialize`; `deserializeArray`
  // returned `T[]`, so its parsed JSON is typed `unknown[]` to keep that type (erased at runtime).
  const json = node.arguments[1]!;
  const asArray = helper === 'deserializeArray' && isTypeScriptFile(sourceFile) ? ' as unknown[]' : '';
  rewrite.addEdit({ start: json.getStart(sourceFile), end: json.getStart(sourceFile), text: 'JSON.parse(' });
  rewrite.addEdit({ start: json.getEnd(), end: json.getEnd(), text: `)${asArray}` });
  if (node.typeArguments) rewrite.addEdit({ start: node.typeArguments.end, end: node.typeArguments.end, text: ', unknown' });
  return undefined;
}

/** Why a JSON helper call has no behaviour-preserving rewrite (undefined when it has one). */
export function unsupportedSerializeCall(call: ts.CallExpression, helper: string): string | undefined {
  const [min, max] = SERIALIZE_ARITY[helper]!;
  if (call.questionDotToken) return 'an optional call';
  if (call.arguments.some(ts.isSpreadElement)) return 'spread arguments';
  if (call.arguments.length < min || call.arguments.length > max) return 'an unexpected number of arguments';
  if (resolveName(call, 'JSON')) return '`JSON` is a local binding here';
  // JSON.parse now runs before the options argument is evaluated: only fine when evaluating it does nothing.
  if (helper !== 'serialize' && call.arguments[2] && !isSideEffectFree(call.arguments[2])) return 'the options argument has side effects';
  return undefined;
}

/** Expressions whose evaluation cannot be observed: literals, names, member chains, literals of those, functions. */
export function isSideEffectFree(expression: ts.Expression): boolean {
  if (
    ts.isIdentifier(expression) ||
    ts.isLiteralExpression(expression) ||
    ts.isNoSubstitutionTemplateLiteral(expression) ||
    ts.isArrowFunction(expression) ||
    ts.isFunctionExpression(expression) ||
    [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.ThisKeyword].includes(expression.kind)
  ) {
    return true;
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return isSideEffectFree(expression.expression);
  }
  if (ts.isPropertyAccessExpression(expression)) return isSideEffectFree(expression.expression);
  if (ts.isPrefixUnaryExpression(expression)) return [ts.SyntaxKind.MinusToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.ExclamationToken].includes(expression.operator) && isSideEffectFree(expression.operand);
  if (ts.isArrayLiteralExpression(expression)) return expression.elements.every((element) => !ts.isSpreadElement(element) && isSideEffectFree(element));
  if (ts.isObjectLiteralExpression(expression)) {
    return expression.properties.every(
      (property) =>
        (ts.isPropertyAssignment(property) && !ts.isComputedPropertyName(property.name) && isSideEffectFree(property.initializer)) ||
        ts.isShorthandPropertyAssignment(property) ||
        ts.isMethodDeclaration(property),
    );
  }
  return false;
}

function isTypeScriptFile(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?tsx?$/i.test(sourceFile.fileName);
}
