import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import ts = require('typescript'); // require: see src/project.ts
import type { ReasonId } from '../kinds.js';
import type { Detector } from '../util/detector.js';
import { findModuleUses } from '../util/import-origins.js';
import { referencesOfExports } from '../util/library-references.js';
import { libraryGate, libraryVersionText } from '../util/versions.js';
import { TRANSFORM_CALLBACK } from '../../transforms/rewrite/transform-callback.js';
import { someNodeAround, type CandidateTest } from '../util/candidate.js';

/**
 * `class-transformer-transform-callback`: since class-transformer 0.3.2 (re-released as 0.4.0, its changelog says:
 * "the @Transform decorator receives the transformation parameters in a wrapper object"), a `@Transform` callback
 * is called with one object `{ value, key, obj, type, options }`. An old positional callback `(value, obj, type)`
 * silently receives that object as `value`: no error, wrong data. Matched by import origin of `Transform` (named,
 * aliased, namespace, require) and gated on the installed version ≥ 0.3.2 (below: the positional form is right).
 *
 * What is old-style: an inline arrow or function expression with one to three parameters, unless it is already
 * new-style — its only parameter is destructured, typed `TransformFnParams`, named `params`, or read as
 * `p.value` / `p.obj` / `p.key` / `p.type` / `p.options`. The rewrite destructures the positional names
 * (`(value) => …` → `({ value }) => …`, `(v, o) => …` → `({ value: v, obj: o }) => …`): a repair. A function
 * reference, a rest, default or destructured parameter, or `arguments` in the body is fix none: by hand.
 */

const NEW_STYLE_MEMBERS = new Set(['value', 'key', 'obj', 'type', 'options']);

/** Every import of `Transform` from the library names both: a text without them has nothing to look at. */
const mayImportTransform = (text: string): boolean => text.includes(TRANSFORM_CALLBACK.module) && text.includes('Transform');

export const detectTransformCallback: Detector = (context, report) => ({
  Program() {
    if (!mayImportTransform(context.sourceCode.text)) return;
    const isLibraryModule = (module: string): boolean => module === TRANSFORM_CALLBACK.module || module.startsWith(`${TRANSFORM_CALLBACK.module}/`);
    const uses = findModuleUses(context, isLibraryModule);
    if (uses.sources.length === 0) return;
    const gate = libraryGate(context, 'class-transformer', TRANSFORM_CALLBACK.since);
    if (gate === 'below') return;
    for (const reference of referencesOfExports(uses, (name) => name === 'Transform')) {
      if (reference.via !== 'binding' && reference.via !== 'member') continue;
      const call = reference.node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.node) continue;
      const callback = call.arguments[0];
      if (!callback) continue;
      const verdict = judgeCallback(context, callback);
      if (verdict === 'new-style') continue;
      report({
        node: callback,
        kind: 'class-transformer-transform-callback',
        reason: gate === 'unknown' ? 'version-unknown' : verdict,
        data: { callback: describeCallback(context, callback) },
        repairs: `${libraryVersionText(context, 'class-transformer')} calls it with one object { value, key, obj, type, options }, so \`${firstName(callback) ?? 'its first parameter'}\` receives that object, not the value`,
      });
    }
  },
});

/**
 * Where `class-transformer-transform-callback` can report: a reference of `Transform` reaches a call only through a
 * name or member the text spells `Transform` (an alias is made where it is imported or destructured under that
 * name). So the file is a candidate unless every identifier or string `Transform` is either a plain
 * `import { Transform }` (its uses are identifiers `Transform` too) or the callee (`Transform(…)`, `x.Transform(…)`)
 * of a call whose first argument the detector calls new-style by its shape alone: none, or a function with no
 * parameter or with one destructured parameter (`({ value }) => …`). Anything else — an alias, a `Transform`
 * passed around, an old-style or unknown callback — is a candidate.
 */
export const transformCallbackCandidate: CandidateTest = (sourceFile) => {
  if (!mayImportTransform(sourceFile.text)) return false;
  let named = 0;
  let accounted = 0;
  const isTransform = (node: ts.Node | undefined): boolean => node !== undefined && ts.isIdentifier(node) && node.text === 'Transform';
  const candidate = someNodeAround(sourceFile, 'Transform', (node) => {
    if ((ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && node.text === 'Transform') named += 1;
    if (ts.isImportSpecifier(node)) {
      if (isTransform(node.propertyName)) return true;
      if (isTransform(node.name) && node.propertyName === undefined) accounted += 1;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const calleeName = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      if (isTransform(calleeName)) {
        if (!isNewStyleByShape(node.arguments[0])) return true;
        accounted += 1;
      }
    }
    return false;
  });
  return candidate || named > accounted;
};

/** The detector's `new-style` verdicts that need no scope: no argument, or a function with no or one destructured parameter. */
function isNewStyleByShape(argument: ts.Expression | undefined): boolean {
  if (argument === undefined) return true;
  if (!ts.isArrowFunction(argument) && !ts.isFunctionExpression(argument)) return false;
  const { parameters } = argument;
  if (parameters.length === 0) return true;
  const [only] = parameters;
  return parameters.length === 1 && ts.isObjectBindingPattern(only.name) && only.initializer === undefined && only.dotDotDotToken === undefined;
}

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

function isFunction(node: TSESTree.Node): node is Callback {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** How the message names the callback: `(v, o) => …`, `function (value) {…}`, or the reference as written. */
function describeCallback(context: Parameters<Detector>[0], callback: TSESTree.Node): string {
  if (!isFunction(callback)) {
    const text = context.sourceCode.getText(callback).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  const params = callback.params.map((param) => context.sourceCode.getText(param)).join(', ');
  return callback.type === AST_NODE_TYPES.ArrowFunctionExpression ? `(${params}) => …` : `function (${params}) {…}`;
}

function firstName(callback: TSESTree.Node): string | undefined {
  return isFunction(callback) && callback.params[0]?.type === AST_NODE_TYPES.Identifier ? callback.params[0].name : undefined;
}

/** `new-style` (not a finding), `undefined` (old-style, rewritable), or why it needs a human. */
function judgeCallback(context: Parameters<Detector>[0], callback: TSESTree.Node): 'new-style' | ReasonId | undefined {
  // a reference, a spread, a call that returns the callback: what it expects cannot be seen here
  if (!isFunction(callback)) return 'callback-not-inline';
  const { params } = callback;
  if (params.length === 0) return 'new-style'; // reads no argument
  const [first] = params;
  if (params.length === 1) {
    if (first.type === AST_NODE_TYPES.ObjectPattern) return 'new-style';
    if (first.type === AST_NODE_TYPES.Identifier && (first.name === 'params' || isTransformFnParams(first) || readsNewStyleMembers(context, callback, first))) {
      return 'new-style';
    }
  }
  if (params.length > 3) return 'callback-not-inline';
  if (!params.every((param) => param.type === AST_NODE_TYPES.Identifier && !param.optional)) return 'callback-not-inline';
  // all typed or none: a partial annotation has no faithful object type
  const typed = params.filter((param) => (param as TSESTree.Identifier).typeAnnotation).length;
  if (typed !== 0 && typed !== params.length) return 'callback-not-inline';
  if (callback.type === AST_NODE_TYPES.FunctionExpression && usesArguments(context, callback)) return 'callback-not-inline';
  return undefined;
}

function isTransformFnParams(param: TSESTree.Identifier): boolean {
  const type = param.typeAnnotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName;
  return (name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : '') === 'TransformFnParams';
}

/** `(p) => p.value`: the one parameter is already the object (0.4 style), whatever it is called. */
function readsNewStyleMembers(context: Parameters<Detector>[0], callback: Callback, param: TSESTree.Identifier): boolean {
  const variable = context.sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === param.name);
  return (variable?.references ?? []).some((reference) => {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) return false;
    const name = parent.computed ? (parent.property.type === AST_NODE_TYPES.Literal ? String(parent.property.value) : undefined) : (parent.property as TSESTree.Identifier).name;
    return name !== undefined && NEW_STYLE_MEMBERS.has(name);
  });
}

function usesArguments(context: Parameters<Detector>[0], callback: TSESTree.FunctionExpression): boolean {
  const scope = context.sourceCode.getScope(callback.body);
  const variable = ASTUtils.findVariable(scope, 'arguments');
  return (variable?.references.length ?? 0) > 0;
}
