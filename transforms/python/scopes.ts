/**
 * Python names, for every Python rewrite: which binding a name refers to at a point of the file (Python's scoping:
 * function, class and comprehension scopes, `global`/`nonlocal`, class bodies invisible to the functions inside
 * them).
 *
 * Bindings are collected generously (every target of every assignment, `del`, `for`, `with … as`, `except … as`,
 * walrus, match capture…): a name bound in more ways than expected only makes a rule report less, never rewrite
 * something that is not what it looks like.
 */
import { dottedText, nodeText, type PyNode } from './syntax.js';

export type PyScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export interface PyBinding {
  name: string;
  kind: 'import' | 'wildcard-import' | 'definition' | 'parameter' | 'assignment' | 'other';
  /**
   * What an import binds: `from m import x [as y]` → `{ module: 'm', name: 'x' }`; `import m [as y]` →
   * `{ module: 'm' }` (`import a.b` binds `a`: `{ module: 'a' }`); `from m import *` → `{ module: 'm' }`.
   * Relative modules keep their dots (`.models`).
   */
  origin?: { module: string; name?: string };
  /** The node that binds: the import statement's name element, the definition, the target identifier… */
  node: PyNode;
  /** The statement that contains the binding. */
  statement: PyNode;
  /** The statement is nested in an `if`/`try`/`with`/`for`/`while`/`match` of its scope, so may not run. */
  conditional: boolean;
  /** Inside `if TYPE_CHECKING:`: never bound at run time. */
  typeCheckingOnly: boolean;
}

export interface PyScope {
  kind: PyScopeKind;
  node: PyNode;
  parent: PyScope | undefined;
  bindings: Map<string, PyBinding[]>;
  /** `from m import *` (module scope only): binds names nobody can list here. */
  wildcards: PyBinding[];
  globals: Set<string>;
  nonlocals: Set<string>;
}

/** Where a name resolves: the scope that binds it and every binding it has there. */
export interface PyResolution {
  scope: PyScope;
  bindings: PyBinding[];
}

export interface PyScopes {
  module: PyScope;
  /** The scope a node is evaluated in (a default value is evaluated outside its function, a body inside). */
  scopeOf(node: PyNode): PyScope;
  /**
   * What `name` refers to if it were written at `node`'s place; undefined for a free (or builtin) name. `inLambda`:
   * written inside a `lambda` put there (which, like any function, does not see an enclosing class body).
   */
  resolve(node: PyNode, name: string, inLambda?: boolean): PyResolution | undefined;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
/** Node types whose identifiers (recursively) are assignment targets. */
const TARGET_CONTAINERS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'list_splat_pattern',
  'list_splat',
  'parenthesized_expression',
  'expression_list',
  'as_pattern_target',
]);

/** Builds the scopes of a module once; resolving is then a walk up a few scopes. */
export function analyzeScopes(text: string, root: PyNode): PyScopes {
  const scopes: PyScope[] = [];
  const newScope = (kind: PyScopeKind, node: PyNode, parent: PyScope | undefined): PyScope => {
    const scope: PyScope = { kind, node, parent, bindings: new Map(), wildcards: [], globals: new Set(), nonlocals: new Set() };
    scopes.push(scope);
    return scope;
  };
  const module = newScope('module', root, undefined);
  // Only where a node's scope differs from its parent's (a few per function): `scopeOf` walks up to the nearest.
  const scopeByNode = new Map<PyNode, PyScope>();
  const nameOf = (node: PyNode): string => nodeText(text, node);
  const dotted = (node: PyNode | undefined): string => dottedText(text, node);

  const bind = (scope: PyScope, name: string, kind: PyBinding['kind'], node: PyNode, origin?: PyBinding['origin']): void => {
    const statement = statementOf(node);
    const binding: PyBinding = {
      name,
      kind,
      ...(origin ? { origin } : {}),
      node,
      statement,
      conditional: statement.parent !== bodyOf(scope),
      typeCheckingOnly: underTypeChecking(text, node, scope.node),
    };
    if (kind === 'wildcard-import') scope.wildcards.push(binding);
    else scope.bindings.set(name, [...(scope.bindings.get(name) ?? []), binding]);
  };

  const bindTargets = (scope: PyScope, target: PyNode, kind: PyBinding['kind']): void => {
    if (target.type === 'identifier') bind(scope, nameOf(target), kind, target);
    else if (TARGET_CONTAINERS.has(target.type)) target.children.forEach((child) => bindTargets(scope, child, kind));
    // `a.b = …` and `a[i] = …` bind nothing.
  };

  const bindParameters = (parameters: PyNode | undefined, inner: PyScope, outer: PyScope): void => {
    for (const parameter of parameters?.children ?? []) {
      // `x`, `x=1`, `x: int`, `*args`, `**kwargs`, `*args: int`: the name, possibly inside a splat.
      const named = parameter.fields.name ?? parameter.children.find((child) => child.fieldName !== 'type' && child.fieldName !== 'value');
      const declared = parameter.type === 'identifier' ? parameter : named;
      const name = declared?.type === 'identifier' ? declared : declared?.children.find((child) => child.type === 'identifier');
      if (name) {
        bind(inner, nameOf(name), 'parameter', name);
        scopeByNode.set(name, inner);
      }
      if (declared && declared !== name) scopeByNode.set(declared, inner);
      // Defaults and annotations are evaluated where the function is defined.
      for (const child of parameter.children) if (child !== declared) visit(child, outer, outer);
      if (parameter !== name) scopeByNode.set(parameter, outer);
    }
    if (parameters) scopeByNode.set(parameters, outer);
  };

  /** A match capture (`case x:`, `case [x, *rest]:`, `case P(a=x) as whole:`): bound in the enclosing scope. */
  const bindCaptures = (scope: PyScope, pattern: PyNode): void => {
    const capture = (node: PyNode): void => {
      if (node.type === 'dotted_name' && node.children.length === 1 && node.parent?.type !== 'class_pattern') {
        bind(scope, nameOf(node.children[0]), 'other', node);
      } else if ((node.type === 'splat_pattern' || node.type === 'as_pattern') && node.children.at(-1)?.type === 'identifier') {
        bind(scope, nameOf(node.children.at(-1)!), 'other', node);
      }
      if (node.type === 'keyword_pattern') node.children.slice(1).forEach(capture);
      else node.children.forEach(capture);
    };
    capture(pattern);
  };

  function visit(node: PyNode, scope: PyScope, parentScope: PyScope | undefined): void {
    if (scope !== parentScope) scopeByNode.set(node, scope);
    switch (node.type) {
      case 'function_definition':
      case 'lambda': {
        const inner = newScope('function', node, scope);
        if (node.type === 'function_definition' && node.fields.name) {
          bind(scope, nameOf(node.fields.name), 'definition', node);
          scopeByNode.set(node.fields.name, scope);
        }
        bindParameters(node.fields.parameters, inner, scope);
        for (const child of node.children) {
          if (child === node.fields.name || child === node.fields.parameters) continue;
          visit(child, child.fieldName === 'body' || child.fieldName === 'type_parameters' ? inner : scope, scope);
        }
        return;
      }
      case 'class_definition': {
        const inner = newScope('class', node, scope);
        if (node.fields.name) {
          bind(scope, nameOf(node.fields.name), 'definition', node);
          scopeByNode.set(node.fields.name, scope);
        }
        for (const child of node.children) if (child !== node.fields.name) visit(child, child.fieldName === 'body' ? inner : scope, scope);
        return;
      }
      case 'import_statement':
        for (const element of node.children.filter((child) => child.fieldName === 'name')) {
          if (element.type === 'aliased_import' && element.fields.alias) {
            bind(scope, nameOf(element.fields.alias), 'import', element, { module: dotted(element.fields.name) });
          } else if (element.type === 'dotted_name') {
            const first = nameOf(element.children[0]);
            bind(scope, first, 'import', element, { module: first });
          }
        }
        break;
      case 'import_from_statement': {
        const moduleName = dotted(node.fields.module_name);
        for (const element of node.children) {
          if (element.type === 'wildcard_import') bind(scope, '*', 'wildcard-import', element, { module: moduleName });
          if (element.fieldName !== 'name') continue;
          if (element.type === 'aliased_import' && element.fields.alias) {
            bind(scope, nameOf(element.fields.alias), 'import', element, { module: moduleName, name: dotted(element.fields.name) });
          } else if (element.type === 'dotted_name') {
            bind(scope, dotted(element), 'import', element, { module: moduleName, name: dotted(element) });
          }
        }
        break;
      }
      case 'assignment':
      case 'augmented_assignment':
        if (node.fields.left) bindTargets(scope, node.fields.left, 'assignment');
        break;
      case 'type_alias_statement':
        if (node.fields.left) bindTargets(scope, node.fields.left.children[0] ?? node.fields.left, 'assignment');
        break;
      case 'for_statement':
        if (node.fields.left) bindTargets(scope, node.fields.left, 'other');
        break;
      case 'as_pattern_target':
        bindTargets(scope, node, 'other');
        break;
      case 'named_expression': {
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        if (node.fields.name) bind(target, nameOf(node.fields.name), 'assignment', node.fields.name);
        break;
      }
      case 'delete_statement':
        node.children.forEach((child) => bindTargets(scope, child, 'other'));
        break;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const child of node.children) {
          if (child.type === 'identifier') (node.type === 'global_statement' ? scope.globals : scope.nonlocals).add(nameOf(child));
        }
        break;
      case 'case_clause':
        for (const child of node.children) if (child.type === 'case_pattern') bindCaptures(scope, child);
        break;
      default:
        if (COMPREHENSIONS.has(node.type)) {
          const inner = newScope('comprehension', node, scope);
          const firstClause = node.children.find((child) => child.type === 'for_in_clause');
          for (const child of node.children) {
            if (child.type !== 'for_in_clause') {
              visit(child, inner, scope);
              continue;
            }
            scopeByNode.set(child, inner);
            if (child.fields.left) bindTargets(inner, child.fields.left, 'other');
            // The first iterable is evaluated in the enclosing scope, the rest inside the comprehension.
            for (const part of child.children) visit(part, child === firstClause && part.fieldName === 'right' ? scope : inner, inner);
          }
          return;
        }
    }
    for (const child of node.children) visit(child, scope, scope);
  }

  visit(root, module, undefined);
  const scopeOf = (node: PyNode): PyScope => {
    for (let current: PyNode | null = node; current; current = current.parent) {
      const scope = scopeByNode.get(current);
      if (scope) return scope;
    }
    return module;
  };
  moveDeclaredBindings(scopes, module);

  return {
    module,
    scopeOf,
    resolve: (node, name, inLambda = false) => resolveIn(scopeOf(node), name, inLambda),
  };
}

/** `global x` / `nonlocal x` make a function's bindings of x belong to the module / the enclosing function. */
function moveDeclaredBindings(scopes: PyScope[], module: PyScope): void {
  for (const scope of scopes) {
    for (const name of [...scope.globals, ...scope.nonlocals]) {
      const moved = scope.bindings.get(name);
      if (!moved) continue;
      const target = scope.globals.has(name) ? module : enclosingFunction(scope);
      if (!target) continue;
      scope.bindings.delete(name);
      target.bindings.set(name, [...(target.bindings.get(name) ?? []), ...moved]);
    }
  }
}

function enclosingFunction(scope: PyScope): PyScope | undefined {
  for (let outer = scope.parent; outer; outer = outer.parent) if (outer.kind === 'function' || outer.kind === 'comprehension') return outer;
  return undefined;
}

function resolveIn(start: PyScope, name: string, fromFunction = false): PyResolution | undefined {
  let scope: PyScope | undefined = start;
  while (scope) {
    if (scope.globals.has(name)) return moduleResolution(rootOf(scope), name);
    if (scope.nonlocals.has(name)) {
      const outer = enclosingFunction(scope);
      return outer ? resolveIn(outer, name) : undefined;
    }
    // A class body is not visible to the functions and comprehensions inside it.
    const visible = !(scope.kind === 'class' && fromFunction);
    if (visible) {
      if (scope.kind === 'module') return moduleResolution(scope, name);
      const bindings = scope.bindings.get(name);
      if (bindings?.length) return { scope, bindings };
    }
    if (scope.kind !== 'class') fromFunction = true;
    scope = scope.parent;
  }
  return undefined;
}

/**
 * A module-level name: its explicit bindings, plus each `from m import *` that is not followed by an unconditional
 * explicit binding (which would overwrite whatever the star import bound).
 */
function moduleResolution(module: PyScope, name: string): PyResolution | undefined {
  const explicit = module.bindings.get(name) ?? [];
  const wildcards = module.wildcards.filter(
    (wildcard) => !explicit.some((binding) => !binding.conditional && binding.statement.range[0] > wildcard.statement.range[0]),
  );
  const bindings = [...explicit, ...wildcards];
  return bindings.length ? { scope: module, bindings } : undefined;
}

function rootOf(scope: PyScope): PyScope {
  let root = scope;
  while (root.parent) root = root.parent;
  return root;
}

/** The block (or module) whose direct statements are unconditional in this scope. */
function bodyOf(scope: PyScope): PyNode | undefined {
  return scope.kind === 'module' ? scope.node : scope.kind === 'comprehension' ? undefined : scope.node.fields.body;
}

/** The statement that holds a node: its nearest ancestor directly inside a block or the module. */
export function statementOf(node: PyNode): PyNode {
  let current = node;
  while (current.parent && current.parent.type !== 'block' && current.parent.type !== 'module') current = current.parent;
  // A decorated definition is one statement with its decorators.
  return current;
}

/** Inside the body of `if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` (up to the scope's own node). */
function underTypeChecking(text: string, node: PyNode, scopeNode: PyNode): boolean {
  for (let child = node, parent = node.parent; parent && parent !== scopeNode; child = parent, parent = parent.parent) {
    if (parent.type === 'if_statement' && child.fieldName === 'consequence' && /^(?:\w+\.)?TYPE_CHECKING$/.test(dottedText(text, parent.fields.condition))) {
      return true;
    }
  }
  return false;
}
