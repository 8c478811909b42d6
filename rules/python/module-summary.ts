/**
 * What a Python module defines, as plain data: its module-level bindings (classes with their bases, fields, method
 * return annotations and model configuration; functions; imports) and star imports. The model index caches these
 * per file; the receiver proof reads the linted file's own summary.
 */
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { dottedPath, namedChildren, stringValue, unwrapDecorated } from './syntax-readers.js';
import { typeExprOf, type TypeExpr } from './type-expr.js';

export interface ClassSummary {
  name: string;
  /** Where the class statement starts in its file (tells local classes of the same name apart). */
  start: number;
  bases: TypeExpr[];
  /** Every name the class body defines: methods, fields, class attributes, nested classes. */
  members: string[];
  /** Annotated attributes (pydantic fields): name → annotation. */
  fields: Record<string, TypeExpr>;
  /** Return annotations of the methods that have one. */
  returns: Record<string, TypeExpr>;
  /** Model configuration from class keywords, `model_config = ConfigDict(…)` / `{…}` and `class Config:`; values are source text. */
  config: Record<string, string>;
  /** `model_config` is set from something that cannot be read statically. */
  configOpaque: boolean;
  /** Private attributes (`_secret: str`, `_cache = PrivateAttr()`). */
  hasPrivate: boolean;
}

/** `from .a.b import c` → `{ level: 1, path: ['a', 'b'] }`; `import a.b` → `{ level: 0, path: ['a', 'b'] }`. */
export interface ModuleRef {
  level: number;
  path: string[];
}

export type Binding =
  | { kind: 'class'; summary: ClassSummary }
  | { kind: 'function'; returns?: TypeExpr; isAsync: boolean }
  /** `from m import name` (name set) or `import m` / `import m as x` (the module itself). */
  | { kind: 'import'; module: ModuleRef; name?: string }
  | { kind: 'value' }
  /**
   * A name an annotation may use for another type: a type alias (`Users = List[User]`, `X: TypeAlias = …`,
   * `type X = …`), or a TypeVar's bound (`T = TypeVar("T", bound=Model)`: a value annotated `T` is an instance of
   * the bound, as one annotated `Model` is).
   */
  | { kind: 'type'; denotes: TypeExpr }
  /** Bound in several different ways (`try: from pydantic.v1 import BaseModel` / `except: from pydantic import …`). */
  | { kind: 'ambiguous' };

export interface ModuleSummary {
  /** Module-level names (statements nested in `if`/`try`/`with` blocks included, function and class bodies not). */
  bindings: Map<string, Binding>;
  /** `from m import *`. */
  stars: ModuleRef[];
}

const CONFIG_CLASS_KEYWORDS_IGNORED = new Set(['metaclass']);

export function summarizeClass(text: string, node: PyNode): ClassSummary {
  const summary: ClassSummary = {
    name: node.fields.name ? nodeText(text, node.fields.name) : '',
    start: node.range[0],
    bases: [],
    members: [],
    fields: {},
    returns: {},
    config: {},
    configOpaque: false,
    hasPrivate: false,
  };
  const superclasses = node.fields.superclasses;
  for (const argument of superclasses ? namedChildren(superclasses) : []) {
    if (argument.type === 'keyword_argument') {
      const name = argument.fields.name ? nodeText(text, argument.fields.name) : '';
      if (!CONFIG_CLASS_KEYWORDS_IGNORED.has(name) && argument.fields.value) summary.config[name] = nodeText(text, argument.fields.value);
    } else if (argument.type !== 'list_splat' && argument.type !== 'dictionary_splat') {
      summary.bases.push(typeExprOf(text, argument));
    } else {
      summary.bases.push({ t: 'unknown' });
    }
  }
  const configClass: Record<string, string> = {};
  const body = node.fields.body;
  for (const statement of body ? namedChildren(body) : []) {
    const { definition } = unwrapDecorated(statement);
    if (definition.type === 'function_definition' && definition.fields.name) {
      const name = nodeText(text, definition.fields.name);
      summary.members.push(name);
      if (definition.fields.return_type) summary.returns[name] = typeExprOf(text, definition.fields.return_type);
    } else if (definition.type === 'class_definition' && definition.fields.name) {
      const name = nodeText(text, definition.fields.name);
      summary.members.push(name);
      if (name === 'Config') readConfigClass(text, definition, configClass);
    } else if (statement.type === 'expression_statement') {
      for (const assignment of namedChildren(statement).filter((child) => child.type === 'assignment')) {
        const target = assignment.fields.left;
        if (target?.type !== 'identifier') continue;
        const name = nodeText(text, target);
        summary.members.push(name);
        if (assignment.fields.type) summary.fields[name] = typeExprOf(text, assignment.fields.type);
        if (name.startsWith('_') && !name.startsWith('__')) summary.hasPrivate = true;
        const value = assignment.fields.right;
        if (value && /^\s*(?:pydantic\.)?PrivateAttr\s*\(/.test(nodeText(text, value))) summary.hasPrivate = true;
        if (name === 'model_config' && value) readModelConfig(text, value, summary);
      }
    }
  }
  for (const [key, value] of Object.entries(configClass)) summary.config[key] ??= value;
  return summary;
}

/** `model_config = ConfigDict(from_attributes=True)` or `= {"from_attributes": True}`. */
function readModelConfig(text: string, value: PyNode, summary: ClassSummary): void {
  // pydantic's ConfigDict, pydantic-settings' SettingsConfigDict, SQLModel's SQLModelConfig: typed dicts of keywords
  if (value.type === 'call' && value.fields.function && /(?:^|\.)(?:\w*ConfigDict|SQLModelConfig)$/.test(nodeText(text, value.fields.function))) {
    for (const argument of namedChildren(value.fields.arguments ?? value)) {
      if (argument.type === 'keyword_argument' && argument.fields.name && argument.fields.value) {
        summary.config[nodeText(text, argument.fields.name)] = nodeText(text, argument.fields.value);
      } else {
        summary.configOpaque = true; // `ConfigDict(**base_config)`
      }
    }
    return;
  }
  if (value.type === 'dictionary') {
    for (const pair of namedChildren(value)) {
      const key = pair.type === 'pair' && pair.fields.key ? stringValue(text, pair.fields.key) : undefined;
      if (key === undefined || !pair.fields.value) summary.configOpaque = true;
      else summary.config[key] = nodeText(text, pair.fields.value);
    }
    return;
  }
  summary.configOpaque = true;
}

/**
 * The v1 `class Config:` body. pydantic 2 still reads it (deprecated), but ignores the v1 keys it renamed or removed
 * (`orm_mode` is kept as written and has no effect), so readers must not take `orm_mode` for `from_attributes`.
 */
function readConfigClass(text: string, node: PyNode, into: Record<string, string>): void {
  for (const statement of namedChildren(node.fields.body ?? node)) {
    if (statement.type !== 'expression_statement') continue;
    for (const assignment of namedChildren(statement)) {
      if (assignment.type === 'assignment' && assignment.fields.left?.type === 'identifier' && assignment.fields.right) {
        into[nodeText(text, assignment.fields.left)] = nodeText(text, assignment.fields.right);
      }
    }
  }
}

/** The module reference of an `import` / `from … import` module name. */
export function moduleRefOf(text: string, node: PyNode): ModuleRef {
  if (node.type === 'relative_import') {
    const prefix = node.children.find((child) => child.type === 'import_prefix');
    const dotted = node.children.find((child) => child.type === 'dotted_name');
    return { level: prefix ? nodeText(text, prefix).length : 0, path: dotted ? dottedPath(text, dotted) ?? [] : [] };
  }
  return { level: 0, path: dottedPath(text, node) ?? [] };
}

/** What an import statement binds: local name → binding. */
export function importBindings(text: string, node: PyNode): { name: string; binding: Binding; node: PyNode }[] {
  const bound: { name: string; binding: Binding; node: PyNode }[] = [];
  if (node.type === 'import_statement') {
    for (const item of node.children.filter((child) => child.fieldName === 'name')) {
      if (item.type === 'aliased_import' && item.fields.name && item.fields.alias) {
        bound.push({ name: nodeText(text, item.fields.alias), binding: { kind: 'import', module: moduleRefOf(text, item.fields.name) }, node: item.fields.alias });
      } else if (item.type === 'dotted_name') {
        const parts = dottedPath(text, item) ?? [];
        // `import a.b.c` binds `a`, the top-level package
        if (parts.length > 0) bound.push({ name: parts[0], binding: { kind: 'import', module: { level: 0, path: [parts[0]] } }, node: item });
      }
    }
  } else if (node.type === 'import_from_statement' && node.fields.module_name) {
    const module = moduleRefOf(text, node.fields.module_name);
    for (const item of node.children.filter((child) => child.fieldName === 'name')) {
      if (item.type === 'aliased_import' && item.fields.name && item.fields.alias) {
        bound.push({ name: nodeText(text, item.fields.alias), binding: { kind: 'import', module, name: nodeText(text, item.fields.name) }, node: item.fields.alias });
      } else if (item.type === 'dotted_name') {
        const name = nodeText(text, item);
        bound.push({ name, binding: { kind: 'import', module, name }, node: item });
      }
    }
  }
  return bound;
}

/** Statements whose bodies still bind module-level names. */
const TRANSPARENT_STATEMENTS = new Set([
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'for_statement',
  'while_statement',
]);

/** Summarises a module: its module-level bindings and star imports. */
export function summarizeModule(text: string, ast: PyNode): ModuleSummary {
  const bindings = new Map<string, Binding>();
  const stars: ModuleRef[] = [];
  const bind = (name: string, binding: Binding): void => {
    const previous = bindings.get(name);
    if (previous === undefined || JSON.stringify(previous) === JSON.stringify(binding)) bindings.set(name, binding);
    else bindings.set(name, { kind: 'ambiguous' });
  };
  const bindTargets = (target: PyNode | undefined): void => {
    if (!target) return;
    if (target.type === 'identifier') bind(nodeText(text, target), { kind: 'value' });
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(target.type)) {
      namedChildren(target).forEach(bindTargets);
    }
  };
  const visit = (statement: PyNode): void => {
    const { definition } = unwrapDecorated(statement);
    switch (definition.type) {
      case 'class_definition':
        if (definition.fields.name) bind(nodeText(text, definition.fields.name), { kind: 'class', summary: summarizeClass(text, definition) });
        return;
      case 'function_definition':
        if (definition.fields.name) {
          bind(nodeText(text, definition.fields.name), {
            kind: 'function',
            ...(definition.fields.return_type ? { returns: typeExprOf(text, definition.fields.return_type) } : {}),
            isAsync: /^async\b/.test(nodeText(text, definition)),
          });
        }
        return;
      case 'import_statement':
      case 'import_from_statement':
        if (definition.children.some((child) => child.type === 'wildcard_import') && definition.fields.module_name) {
          stars.push(moduleRefOf(text, definition.fields.module_name));
        }
        for (const { name, binding } of importBindings(text, definition)) bind(name, binding);
        return;
      case 'type_alias_statement': {
        const alias = typeNameOf(text, definition);
        if (alias) bind(alias.name, { kind: 'type', denotes: alias.denotes });
        return;
      }
      case 'expression_statement':
        for (const child of namedChildren(definition)) {
          const alias = typeNameOf(text, child);
          if (alias) {
            bind(alias.name, { kind: 'type', denotes: alias.denotes });
            continue;
          }
          let assignment: PyNode | undefined = child;
          while (assignment?.type === 'assignment') {
            bindTargets(assignment.fields.left);
            assignment = assignment.fields.right;
          }
          if (child.type === 'augmented_assignment') bindTargets(child.fields.left);
        }
        return;
      default:
        if (definition.type === 'for_statement') bindTargets(definition.fields.left);
        if (definition.type === 'with_statement') {
          for (const clause of definition.children.filter((child) => child.type === 'with_clause')) {
            for (const item of clause.children) {
              const alias = item.fields.value?.fields.alias;
              if (alias) namedChildren(alias).forEach(bindTargets);
            }
          }
        }
        if (TRANSPARENT_STATEMENTS.has(definition.type)) {
          for (const child of definition.children) {
            if (child.fieldName === 'condition' || child.fieldName === 'left' || child.fieldName === 'right') continue;
            if (TRANSPARENT_STATEMENTS.has(child.type)) child.children.forEach(visit);
            else visit(child);
          }
        }
    }
  };
  ast.children.forEach(visit);
  return { bindings, stars };
}

/**
 * A module-level name for a type (`Binding` `type`): `T = TypeVar("T", bound=Model)` (`typing.TypeVar`, a string
 * bound), `Users = List[User]` (a subscript or a `|` union on the right: an alias as the typing docs write one),
 * `X: TypeAlias = …`, and 3.12's `type X = …`. Undefined for any other statement.
 */
function typeNameOf(text: string, statement: PyNode): { name: string; denotes: TypeExpr } | undefined {
  const { left, right } = statement.fields;
  if (statement.type === 'type_alias_statement') {
    const name = left && namedChildren(left)[0];
    return name?.type === 'identifier' && right ? { name: nodeText(text, name), denotes: typeExprOf(text, right) } : undefined;
  }
  if (statement.type !== 'assignment' || left?.type !== 'identifier' || !right) return undefined;
  const name = nodeText(text, left);
  if (right.type === 'call') {
    if (!right.fields.function || dottedPath(text, right.fields.function)?.at(-1) !== 'TypeVar') return undefined;
    const bound = namedChildren(right.fields.arguments ?? right).find((argument) => argument.type === 'keyword_argument' && argument.fields.name && nodeText(text, argument.fields.name) === 'bound');
    return bound?.fields.value ? { name, denotes: typeExprOf(text, bound.fields.value) } : undefined;
  }
  const declared = statement.fields.type && namedChildren(statement.fields.type)[0];
  const isTypeAlias = declared !== undefined && dottedPath(text, declared)?.at(-1) === 'TypeAlias';
  return isTypeAlias || right.type === 'subscript' || right.type === 'generic_type' || (right.type === 'binary_operator' && typeExprOf(text, right).t === 'union')
    ? { name, denotes: typeExprOf(text, right) }
    : undefined;
}
