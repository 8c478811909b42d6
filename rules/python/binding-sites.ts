/**
 * Python's scoping rules over one file, for the receiver proof: which statements bind a name where it is read
 * (assignments, parameters, loops, imports, definitions), scope by scope, with `global`/`nonlocal` and class scopes
 * that do not enclose their methods.
 */
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { importBindings } from './module-summary.js';
import { namedChildren } from './syntax-readers.js';

const SCOPE_TYPES = new Set(['module', 'function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** A statement that binds a name, as the receiver proof reads it. */
export type Site =
  | { kind: 'param'; fn: PyNode; index: number; name: string; annotation?: PyNode; hasDefault: boolean }
  | { kind: 'assign'; value?: PyNode; annotation?: PyNode }
  /** A loop name; `part`: its place in the tuple each item is unpacked into (`for i, u in enumerate(us)`). */
  | { kind: 'for'; iterable: PyNode; part?: number }
  | { kind: 'def'; node: PyNode }
  | { kind: 'class'; node: PyNode }
  | { kind: 'import'; statement: PyNode; name: string }
  | { kind: 'opaque' };

/** One scope (module, function, lambda, class or comprehension) and the sites of the names it binds. */
export interface Scope {
  node: PyNode;
  parent: Scope | undefined;
  sites: Map<string, Site[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

/** The binding sites of one file's scopes, collected scope by scope as names are looked up. */
export class BindingSites {
  private readonly scopes = new Map<PyNode, Scope>();

  constructor(private readonly text: string) {}

  /** The node that owns the scope `node` is evaluated in. */
  scopeNode(node: PyNode): PyNode {
    let child = node;
    let parent = node.parent;
    let skipComprehension = false;
    while (parent) {
      if (COMPREHENSIONS.has(parent.type)) {
        if (!skipComprehension) return parent;
        skipComprehension = false;
      } else if ((parent.type === 'function_definition' || parent.type === 'lambda' || parent.type === 'class_definition') && child.fieldName === 'body') {
        return parent;
      } else if (parent.type === 'for_in_clause' && child.fieldName === 'right' && parent.parent && firstForIn(parent.parent) === parent) {
        skipComprehension = true; // the first iterable is evaluated in the enclosing scope
      }
      child = parent;
      parent = parent.parent;
    }
    return child;
  }

  private scope(node: PyNode): Scope {
    const owner = SCOPE_TYPES.has(node.type) ? node : this.scopeNode(node);
    let scope = this.scopes.get(owner);
    if (scope) return scope;
    scope = {
      node: owner,
      parent: owner.type === 'module' ? undefined : this.scope(this.scopeNode(owner)),
      sites: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
    };
    this.scopes.set(owner, scope);
    this.collectSites(scope);
    return scope;
  }

  private collectSites(scope: Scope): void {
    const text = this.text;
    const add = (name: string, site: Site): void => {
      const list = scope.sites.get(name);
      if (list) list.push(site);
      else scope.sites.set(name, [site]);
    };
    const opaqueTargets = (target: PyNode): void => {
      if (target.type === 'identifier') add(nodeText(text, target), { kind: 'opaque' });
      else namedChildren(target).forEach(opaqueTargets);
    };
    /** `for u in us`, and one level of unpacking (`for i, u in …`, `for (k, v) in …`): each name with its part. */
    const bindLoopTargets = (left: PyNode, iterable: PyNode | undefined): void => {
      const parts = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? namedChildren(left) : undefined;
      if (left.type === 'identifier' && iterable) add(nodeText(text, left), { kind: 'for', iterable });
      else if (parts && iterable && parts.every((part) => part.type === 'identifier')) parts.forEach((part, index) => add(nodeText(text, part), { kind: 'for', iterable, part: index }));
      else opaqueTargets(left);
    };
    const bindWalrusTargets = (node: PyNode): void => {
      if (node.type === 'lambda' || node.type === 'function_definition' || node.type === 'class_definition') return;
      if (node.type === 'named_expression' && node.fields.name) add(nodeText(text, node.fields.name), { kind: 'opaque' });
      node.children.forEach(bindWalrusTargets);
    };
    const visit = (node: PyNode): void => {
      switch (node.type) {
        case 'function_definition':
        case 'class_definition':
          if (node.fields.name) add(nodeText(text, node.fields.name), node.type === 'class_definition' ? { kind: 'class', node } : { kind: 'def', node });
          return; // their bodies are scopes of their own
        case 'lambda':
          return;
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          // `(x := …)` in a comprehension binds x here, in the enclosing scope
          bindWalrusTargets(node);
          return;
        case 'assignment': {
          let value: PyNode | undefined = node;
          const targets: PyNode[] = [];
          while (value?.type === 'assignment') {
            if (value.fields.left) targets.push(value.fields.left);
            if (value.fields.type && value.fields.left?.type === 'identifier') {
              add(nodeText(text, value.fields.left), { kind: 'assign', annotation: value.fields.type, ...(value.fields.right && value.fields.right.type !== 'assignment' ? { value: value.fields.right } : {}) });
              targets.pop();
            }
            value = value.fields.right;
          }
          for (const target of targets) {
            if (target.type === 'identifier') add(nodeText(text, target), { kind: 'assign', ...(value ? { value } : {}) });
            else if (target.type !== 'attribute' && target.type !== 'subscript') opaqueTargets(target);
          }
          if (value) visit(value);
          return;
        }
        case 'augmented_assignment':
          if (node.fields.left?.type === 'identifier') add(nodeText(text, node.fields.left), { kind: 'opaque' });
          break;
        case 'for_statement':
          if (node.fields.left) bindLoopTargets(node.fields.left, node.fields.right);
          break;
        case 'as_pattern_target':
        case 'case_pattern':
          opaqueTargets(node);
          return;
        case 'named_expression':
          if (node.fields.name && node.fields.value) add(nodeText(text, node.fields.name), { kind: 'assign', value: node.fields.value });
          break;
        case 'import_statement':
        case 'import_from_statement':
          for (const { name } of importBindings(text, node)) add(name, { kind: 'import', statement: node, name });
          return;
        case 'global_statement':
          namedChildren(node).forEach((child) => scope.globals.add(nodeText(text, child)));
          return;
        case 'nonlocal_statement':
          namedChildren(node).forEach((child) => scope.nonlocals.add(nodeText(text, child)));
          return;
      }
      node.children.forEach(visit);
    };
    const owner = scope.node;
    if (owner.type === 'function_definition' || owner.type === 'lambda') {
      const parameters = owner.fields.parameters;
      (parameters ? namedChildren(parameters) : []).forEach((parameter, index) => {
        const site = parameterSite(text, owner, parameter, index);
        if (site) add(site.name, site);
      });
      const body = owner.fields.body;
      if (body) visit(body);
    } else if (owner.type === 'class_definition') {
      if (owner.fields.body) visit(owner.fields.body);
    } else if (COMPREHENSIONS.has(owner.type)) {
      for (const clause of owner.children.filter((child) => child.type === 'for_in_clause')) {
        const { left, right } = clause.fields;
        if (left) bindLoopTargets(left, right);
      }
    } else {
      owner.children.forEach(visit);
    }
  }

  /** The sites that bind `name` where `from` reads it, by Python's scoping rules (class scopes are not enclosing). */
  lookup(name: string, from: PyNode): { scope: Scope; sites: Site[] } | undefined {
    let scope: Scope | undefined = this.scope(from);
    let first = true;
    while (scope) {
      if (scope.globals.has(name)) {
        while (scope.parent) scope = scope.parent;
      }
      if (first || scope.node.type !== 'class_definition') {
        const sites = scope.sites.get(name);
        if (sites && !scope.nonlocals.has(name)) return { scope, sites };
      }
      first = false;
      scope = scope.parent;
    }
    return undefined;
  }
}

/** The class whose body defines a function directly (a method), if any. */
export function methodClass(fn: PyNode): PyNode | undefined {
  const statement = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const block = statement.parent;
  return block?.type === 'block' && block.parent?.type === 'class_definition' && block.fieldName === 'body' ? block.parent : undefined;
}

function firstForIn(comprehension: PyNode): PyNode | undefined {
  return comprehension.children.find((child) => child.type === 'for_in_clause');
}

function parameterSite(text: string, fn: PyNode, parameter: PyNode, index: number): Extract<Site, { kind: 'param' }> | undefined {
  const site = (nameNode: PyNode | undefined, annotation: PyNode | undefined, hasDefault: boolean) =>
    nameNode?.type === 'identifier' ? { kind: 'param' as const, fn, index, name: nodeText(text, nameNode), ...(annotation ? { annotation } : {}), hasDefault } : undefined;
  switch (parameter.type) {
    case 'identifier':
      return site(parameter, undefined, false);
    case 'typed_parameter': {
      const target = namedChildren(parameter)[0];
      // `*args: User` is a tuple of users, not a user
      if (target?.type !== 'identifier') return target ? site(namedChildren(target)[0], undefined, true) : undefined;
      return site(target, parameter.fields.type, false);
    }
    case 'default_parameter':
      return site(parameter.fields.name, undefined, true);
    case 'typed_default_parameter':
      return site(parameter.fields.name, parameter.fields.type, true);
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return site(namedChildren(parameter)[0], undefined, true);
    default:
      return undefined;
  }
}
