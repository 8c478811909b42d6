import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from './report.js';

/**
 * Scope questions about the few globals deprecfix's shape-based kinds build on: is this `Date`, `JSON` or
 * `Buffer` the real one, or a local binding that merely shares the name?
 */

const { DefinitionType } = TSESLint.Scope;

const NODE_BUFFER_MODULES = new Set(['buffer', 'node:buffer']);

/** The variable a name resolves to from `node`'s scope, or undefined for an undeclared (implicit) global. */
function resolve(context: RuleContext, node: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  return ASTUtils.findVariable(context.sourceCode.getScope(node), name) ?? undefined;
}

/** Declared in this file (a value binding with a definition); lib and configured globals have no definitions. */
function isLocalValue(variable: TSESLint.Scope.Variable): boolean {
  // A type-only declaration (`interface Date {…}` augmenting the global) does not shadow the value.
  const isValue = 'isValueVariable' in variable ? variable.isValueVariable : true;
  return isValue && variable.defs.length > 0;
}

/** `node` is the identifier `name` and it names the global, not a binding of this file. */
export function isGlobalReference(context: RuleContext, node: TSESTree.Node, name: string): node is TSESTree.Identifier {
  if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name) return false;
  const variable = resolve(context, node, name);
  return variable === undefined || !isLocalValue(variable);
}

/** Whether `name` can be used at `node` to reach the global (nothing in scope declares it). */
export function isGlobalAvailable(context: RuleContext, node: TSESTree.Node, name: string): boolean {
  const variable = resolve(context, node, name);
  return variable === undefined || !isLocalValue(variable);
}

/** `object.property` (not computed, not optional) where `object` is the global `objectName`. */
export function isGlobalMember(
  context: RuleContext,
  node: TSESTree.Node,
  objectName: string,
  propertyName: string,
): node is TSESTree.MemberExpression {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    !node.optional &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === propertyName &&
    isGlobalReference(context, node.object, objectName)
  );
}

/** `new Date(…)` with the global `Date` (with or without arguments). */
export function isDateConstruction(context: RuleContext, node: TSESTree.Node): node is TSESTree.NewExpression {
  return node.type === AST_NODE_TYPES.NewExpression && isGlobalReference(context, node.callee, 'Date');
}

/** `new Date()` / `new Date`: the current time. */
export function isNowConstruction(context: RuleContext, node: TSESTree.Node): node is TSESTree.NewExpression {
  return isDateConstruction(context, node) && node.arguments.length === 0;
}

function isRequireOf(context: RuleContext, node: TSESTree.Node | null | undefined, modules: Set<string>): boolean {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    isGlobalReference(context, node.callee, 'require') &&
    node.arguments.length === 1 &&
    node.arguments[0].type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string' &&
    modules.has(node.arguments[0].value)
  );
}

/** `import … from 'buffer'`, `import x = require('buffer')` or `const … = require('buffer')` defines `variable`. */
function bufferModuleBinding(context: RuleContext, variable: TSESLint.Scope.Variable):
  | { form: 'named'; imported: string }
  | { form: 'namespace' }
  | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type === DefinitionType.ImportBinding) {
    const node = def.node;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      const fromBuffer =
        reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        reference.expression.type === AST_NODE_TYPES.Literal &&
        NODE_BUFFER_MODULES.has(String(reference.expression.value));
      return fromBuffer ? { form: 'namespace' } : undefined;
    }
    const declaration = node.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || !NODE_BUFFER_MODULES.has(declaration.source.value)) return undefined;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      return { form: 'named', imported };
    }
    return { form: 'namespace' };
  }
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && isRequireOf(context, def.node.init, NODE_BUFFER_MODULES)) {
    const id = def.node.id;
    if (id.type === AST_NODE_TYPES.Identifier) return { form: 'namespace' };
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of id.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const target = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (target === def.name && property.key.type === AST_NODE_TYPES.Identifier) return { form: 'named', imported: property.key.name };
      }
    }
  }
  return undefined;
}

/**
 * `node` evaluates to Node's `Buffer` constructor: the unshadowed global, a named import of `Buffer` from
 * `buffer`/`node:buffer` (aliased or destructured from `require`), or `ns.Buffer` / `require('buffer').Buffer`.
 */
export function isNodeBufferReference(context: RuleContext, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(context, node, node.name);
    if (variable === undefined || !isLocalValue(variable)) return node.name === 'Buffer';
    const binding = bufferModuleBinding(context, variable);
    return binding?.form === 'named' && binding.imported === 'Buffer';
  }
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    !node.optional &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === 'Buffer'
  ) {
    if (isRequireOf(context, node.object, NODE_BUFFER_MODULES)) return true;
    if (node.object.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = resolve(context, node.object, node.object.name);
    return variable !== undefined && isLocalValue(variable) && bufferModuleBinding(context, variable)?.form === 'namespace';
  }
  return false;
}

/** `Buffer.from(…)`, `Buffer.alloc(…)`, `Buffer.concat(…)` …: an expression that can only produce a Node Buffer. */
export function isBufferCreation(context: RuleContext, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) return isNodeBufferReference(context, node.callee);
  if (node.type !== AST_NODE_TYPES.CallExpression || node.optional) return false;
  const callee = node.callee;
  if (isNodeBufferReference(context, callee)) return true; // the deprecated `Buffer(x)` call form
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    !callee.optional &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    BUFFER_FACTORIES.has(callee.property.name) &&
    isNodeBufferReference(context, callee.object)
  );
}

const BUFFER_FACTORIES = new Set(['from', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'concat', 'copyBytesFrom']);
