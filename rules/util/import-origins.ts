import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { ReasonId } from '../kinds.js';
import type { RuleContext } from './report.js';

/**
 * Import origins on the ESTree side: which variables and expressions of a file hold a module or one of its
 * exports, in every import form (named, aliased, default, namespace, `import x = require()`, `require()`,
 * `await import()`, destructuring from any of those or from a namespace variable), and where each is used.
 * Library kinds match by origin + exported name, never by a name alone: a local `function classToPlain() {}`
 * or a parameter that shadows an import has no origin.
 */

type Variable = TSESLint.Scope.Variable;

/** A module specifier literal of a matching module, and the statement or expression it belongs to. */
export interface ModuleSource {
  literal: TSESTree.StringLiteral;
  module: string;
  owner:
    | TSESTree.ImportDeclaration
    | TSESTree.ExportNamedDeclaration
    | TSESTree.ExportAllDeclaration
    | TSESTree.TSImportEqualsDeclaration
    | TSESTree.CallExpression
    | TSESTree.ImportExpression;
}

/** A variable bound to one export: `import { a as b }`, `import d from`, `const { a: b } = require(m)` or `= ns`. */
export interface ExportBinding {
  variable: Variable;
  /** The export's name; `default` for a default import. */
  imported: string;
  /** The local name differs from the export's name as written (`a as b`, `{ a: b }`, a default import). */
  aliased: boolean;
  declaration: TSESTree.ImportSpecifier | TSESTree.ImportDefaultSpecifier | TSESTree.Property;
  source: ModuleSource;
}

/** The module value itself, in a variable (`import * as ns`, `const ns = require()`) or inline (`require(m).x`). */
export interface ModuleObject {
  variable?: Variable;
  expression?: TSESTree.Expression;
  kind: 'namespace' | 'import-equals' | 'value';
  source: ModuleSource;
}

/** `export { a as b } from 'm'`. */
export interface ReExport {
  specifier: TSESTree.ExportSpecifier;
  imported: string;
  exported: string;
  source: ModuleSource;
}

/** `jest.mock('m', factory)` / `vi.mock(…)`: the factory names exports by string. */
export interface ModuleMock {
  call: TSESTree.CallExpression;
  module: string;
  factory?: TSESTree.Node;
}

export interface ModuleUses {
  sources: ModuleSource[];
  exports: ExportBinding[];
  objects: ModuleObject[];
  reexports: ReExport[];
  mocks: ModuleMock[];
}

const MOCK_OBJECTS = new Set(['jest', 'vi']);
const MOCK_METHODS = new Set(['mock', 'doMock', 'unstable_mockModule', 'setMock']);

/** Every import, require, re-export and mock of a module that `matches` accepts. */
export function findModuleUses(context: RuleContext, matches: (module: string) => boolean): ModuleUses {
  const sourceCode = context.sourceCode;
  const uses: ModuleUses = { sources: [], exports: [], objects: [], reexports: [], mocks: [] };

  const addSource = (literal: TSESTree.Node | null | undefined, owner: ModuleSource['owner']): ModuleSource | undefined => {
    if (!literal || literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string' || !matches(literal.value)) return undefined;
    const source: ModuleSource = { literal: literal as TSESTree.StringLiteral, module: literal.value, owner };
    uses.sources.push(source);
    return source;
  };

  const visit = (node: TSESTree.Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.ImportDeclaration: {
        const source = addSource(node.source, node);
        if (source) for (const specifier of node.specifiers) bindImportSpecifier(specifier, source);
        break;
      }
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const source = addSource(node.source, node);
        if (source) {
          for (const specifier of node.specifiers) {
            uses.reexports.push({ specifier, imported: nameOf(specifier.local), exported: nameOf(specifier.exported), source });
          }
        }
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        addSource(node.source, node);
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        if (node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
          const source = addSource(node.moduleReference.expression, node);
          const variable = sourceCode.scopeManager?.getDeclaredVariables(node)[0];
          if (source && variable) uses.objects.push({ variable, kind: 'import-equals', source });
        }
        break;
      case AST_NODE_TYPES.ImportExpression: {
        const source = addSource(node.source, node);
        if (source && node.parent.type === AST_NODE_TYPES.AwaitExpression) bindModuleValue(node.parent, source);
        break;
      }
      case AST_NODE_TYPES.CallExpression:
        if (isRequireCall(context, node)) {
          const source = addSource(node.arguments[0], node);
          if (source) bindModuleValue(node, source);
        } else {
          const mock = moduleMockOf(node);
          if (mock && matches(mock.module)) uses.mocks.push(mock);
        }
        break;
      default:
        break;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        visit(child as TSESTree.Node);
      }
    }
  };

  const bindImportSpecifier = (specifier: TSESTree.ImportClause, source: ModuleSource): void => {
    const variable = sourceCode.scopeManager?.getDeclaredVariables(specifier)[0];
    if (!variable) return;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
      uses.objects.push({ variable, kind: 'namespace', source });
    } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      uses.exports.push({ variable, imported: 'default', aliased: true, declaration: specifier, source });
    } else {
      const imported = nameOf(specifier.imported);
      uses.exports.push({ variable, imported, aliased: imported !== specifier.local.name, declaration: specifier, source });
    }
  };

  /** `const ns = <module value>` / `const { a } = <module value>`; anything else leaves it inline. */
  const bindModuleValue = (expression: TSESTree.Expression, source: ModuleSource): void => {
    const parent = expression.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === expression) {
      if (parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(context, parent.id);
        if (variable && !isReassigned(variable)) uses.objects.push({ variable, kind: 'value', source });
        return;
      }
      if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        bindPattern(parent.id, source);
        return;
      }
    }
    uses.objects.push({ expression, kind: 'value', source });
  };

  const bindPattern = (pattern: TSESTree.ObjectPattern, source: ModuleSource): void => {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type !== AST_NODE_TYPES.Identifier) continue;
      const imported = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
      const variable = variableOf(context, value);
      if (imported === undefined || !variable || isReassigned(variable)) continue;
      uses.exports.push({ variable, imported, aliased: imported !== value.name, declaration: property, source });
    }
  };

  visit(sourceCode.ast);

  // Follow module variables into `const { a } = ns` and `const ns2 = ns` (new objects are followed in turn).
  for (let index = 0; index < uses.objects.length; index++) {
    const object = uses.objects[index]!;
    for (const ref of readReferences(object.variable)) {
      const parent = ref.parent;
      if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== ref) continue;
      if (parent.id.type === AST_NODE_TYPES.ObjectPattern) bindPattern(parent.id, object.source);
      else if (parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(context, parent.id);
        if (variable && !isReassigned(variable)) uses.objects.push({ variable, kind: object.kind, source: object.source });
      }
    }
  }
  return uses;
}

/** The identifiers that read a variable (its initialisation excluded). */
export function readReferences(variable: Variable | undefined): TSESTree.Identifier[] {
  if (!variable) return [];
  return variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier as TSESTree.Identifier);
}

/** How a module value is used at one place. */
export type ObjectUse =
  | { type: 'member'; node: TSESTree.MemberExpression | TSESTree.TSQualifiedName; name: string; expression: TSESTree.Node }
  | { type: 'argument'; call: TSESTree.CallExpression; expression: TSESTree.Node }
  | { type: 'binding'; expression: TSESTree.Node }
  | { type: 'other'; expression: TSESTree.Node };

export function usesOfObject(object: ModuleObject): ObjectUse[] {
  const expressions: TSESTree.Node[] = object.variable ? readReferences(object.variable) : [object.expression!];
  return expressions.map((expression) => {
    const parent = expression.parent!;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === expression) {
      const name = staticPropertyName(parent);
      return name === undefined ? { type: 'other', expression } : { type: 'member', node: parent, name, expression };
    }
    if (parent.type === AST_NODE_TYPES.TSQualifiedName && parent.left === expression) {
      return { type: 'member', node: parent, name: parent.right.name, expression };
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(expression as TSESTree.CallExpressionArgument)) {
      return { type: 'argument', call: parent, expression };
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === expression) return { type: 'binding', expression };
    return { type: 'other', expression };
  });
}

/** `o.name`, `o['name']`, ``o[`name`]``. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return stringValue(member.property);
}

/** The value of a string literal or a template literal without substitutions. */
export function stringValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `require('m')` with the real `require` (not a local function of that name). */
export function isRequireCall(context: RuleContext, node: TSESTree.CallExpression): boolean {
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require' || node.arguments.length !== 1) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), 'require');
  return !variable || variable.defs.length === 0;
}

function moduleMockOf(node: TSESTree.CallExpression): ModuleMock | undefined {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const method = staticPropertyName(callee);
  if (!MOCK_OBJECTS.has(callee.object.name) || method === undefined || !MOCK_METHODS.has(method)) return undefined;
  const module = node.arguments[0] ? stringValue(node.arguments[0]) : undefined;
  return module === undefined ? undefined : { call: node, module, factory: node.arguments[1] };
}

export function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

function variableOf(context: RuleContext, id: TSESTree.Identifier): Variable | undefined {
  return ASTUtils.findVariable(context.sourceCode.getScope(id), id) ?? undefined;
}

/** A `let`/`var` that is assigned again may hold something else by the time it is used. */
function isReassigned(variable: Variable): boolean {
  return variable.references.some((ref) => ref.isWrite() && !ref.init);
}

/** Every variable named `name` visible from `node` that the file declares (lib globals do not count). */
export function localVariable(context: RuleContext, node: TSESTree.Node, name: string): Variable | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), name);
  return variable && variable.defs.length > 0 ? variable : undefined;
}

/**
 * A plain (not aliased) binding is renamed with its references: the new name must not already name something
 * else where they are, unless it is the same export imported under that name (then the old element goes).
 */
export function renameConflict(context: RuleContext, uses: ModuleUses, binding: ExportBinding, name: string): ReasonId | undefined {
  if (binding.aliased) return undefined;
  const reusable = (variable: unknown): boolean => uses.exports.some((other) => other.variable === variable && other.imported === name && !other.aliased);
  const declaredBeside = binding.variable.scope.set.get(name);
  if (declaredBeside && !reusable(declaredBeside)) return 'name-conflict';
  for (const ref of readReferences(binding.variable)) {
    const taken = localVariable(context, ref, name);
    if (taken && !reusable(taken)) return 'name-conflict';
  }
  return undefined;
}
