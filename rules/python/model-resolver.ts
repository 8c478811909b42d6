/**
 * The repository index of pydantic model classes (CONTRACT §9, `py-pydantic-v1` "receiver proof"). A call is only
 * rewritten on a receiver proven to be a pydantic 2 model, and models are usually defined in another file than the
 * one in scope (`schemas.py` beside `main.py`), so the rule reads the modules a file imports — in scope or not,
 * never writing them — and follows class bases across files: `class AdminOut(UserOut)` in one module,
 * `class UserOut(Base)` in another, `Base = pydantic.BaseModel` under an alias in a third.
 *
 * Modules are summarised once into plain data (bindings, classes, bases, fields, config) and cached per repository
 * root, per file, keyed on mtime and size; everything else is resolved on demand, so only the files a linted file
 * actually reaches are read.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parsePython, type PyNode } from '../../transforms/python/syntax.js';

// --- summaries -------------------------------------------------------------------------------------------------

/** An annotation or base-class expression, as plain data (summaries are cached without their ASTs). */
export type TypeExpr =
  | { t: 'name'; path: string[] }
  | { t: 'generic'; base: string[]; args: TypeExpr[] }
  | { t: 'union'; items: TypeExpr[] }
  | { t: 'none' }
  | { t: 'ellipsis' }
  | { t: 'unknown' };

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
  /** Bound in several different ways (`try: from pydantic.v1 import BaseModel` / `except: from pydantic import …`). */
  | { kind: 'ambiguous' };

export interface ModuleSummary {
  /** Module-level names (statements nested in `if`/`try`/`with` blocks included, function and class bodies not). */
  bindings: Map<string, Binding>;
  /** `from m import *`. */
  stars: ModuleRef[];
}

export function nodeText(text: string, node: PyNode): string {
  return text.slice(node.range[0], node.range[1]);
}

/** Named children without comments. */
export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((child) => child.type !== 'comment');
}

/** The value of a plain string literal (no interpolation), else undefined. */
export function stringValue(text: string, node: PyNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const parts = node.children.filter((child) => child.type !== 'string_start' && child.type !== 'string_end');
  if (parts.some((part) => part.type !== 'string_content')) return undefined;
  return parts.map((part) => nodeText(text, part)).join('');
}

/** `a.b.c` → `['a', 'b', 'c']` for identifiers and attribute chains; undefined for anything else. */
export function dottedPath(text: string, node: PyNode): string[] | undefined {
  if (node.type === 'identifier') return [nodeText(text, node)];
  if (node.type === 'attribute' && node.fields.object && node.fields.attribute) {
    const object = dottedPath(text, node.fields.object);
    return object ? [...object, nodeText(text, node.fields.attribute)] : undefined;
  }
  if (node.type === 'dotted_name') return namedChildren(node).map((part) => nodeText(text, part));
  return undefined;
}

/** Reads an annotation (a `type` node or an expression) into a TypeExpr; string annotations are parsed too. */
export function typeExprOf(text: string, node: PyNode | undefined): TypeExpr {
  if (!node) return { t: 'unknown' };
  switch (node.type) {
    case 'type':
    case 'parenthesized_expression': {
      const inner = namedChildren(node)[0];
      return inner ? typeExprOf(text, inner) : { t: 'unknown' };
    }
    case 'none':
      return { t: 'none' };
    case 'ellipsis':
      return { t: 'ellipsis' };
    case 'identifier':
    case 'attribute': {
      const parts = dottedPath(text, node);
      return parts ? { t: 'name', path: parts } : { t: 'unknown' };
    }
    case 'string': {
      const value = stringValue(text, node);
      if (value === undefined) return { t: 'unknown' };
      const parsed = parsePython(value.trim());
      const statement = parsed.ok ? namedChildren(parsed.ast) : [];
      const expression = statement.length === 1 && statement[0].type === 'expression_statement' ? namedChildren(statement[0]) : [];
      return expression.length === 1 ? typeExprOf(value.trim(), expression[0]) : { t: 'unknown' };
    }
    case 'subscript': {
      const base = node.fields.value ? dottedPath(text, node.fields.value) : undefined;
      if (!base) return { t: 'unknown' };
      const args = node.children.filter((child) => child.fieldName === 'subscript').map((child) => typeExprOf(text, child));
      return { t: 'generic', base, args };
    }
    case 'generic_type': {
      const [head, parameters] = namedChildren(node);
      const base = head ? dottedPath(text, head) : undefined;
      if (!base) return { t: 'unknown' };
      const args = parameters ? namedChildren(parameters).map((child) => typeExprOf(text, child)) : [];
      return { t: 'generic', base, args };
    }
    case 'binary_operator': {
      const { left, right } = node.fields;
      if (!left || !right || !text.slice(left.range[1], right.range[0]).includes('|')) return { t: 'unknown' };
      const items = [typeExprOf(text, left), typeExprOf(text, right)].flatMap((item) => (item.t === 'union' ? item.items : [item]));
      return { t: 'union', items };
    }
    default:
      return { t: 'unknown' };
  }
}

/** The function_definition of a (possibly decorated) definition, with its decorators. */
export function unwrapDecorated(node: PyNode): { definition: PyNode; decorators: PyNode[] } {
  if (node.type !== 'decorated_definition') return { definition: node, decorators: [] };
  return { definition: node.fields.definition ?? node, decorators: node.children.filter((child) => child.type === 'decorator') };
}

/** Names a decorator refers to: `@classmethod` → `classmethod`, `@validator("x")` → `validator`, `@a.b` → `b`. */
export function decoratorName(text: string, decorator: PyNode): string | undefined {
  let expression: PyNode | undefined = namedChildren(decorator)[0];
  if (expression?.type === 'call') expression = expression.fields.function;
  const parts = expression ? dottedPath(text, expression) : undefined;
  return parts?.at(-1);
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
      case 'expression_statement':
        for (const child of namedChildren(definition)) {
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

// --- the index ------------------------------------------------------------------------------------------------

interface CachedModule {
  mtimeMs: number;
  size: number;
  summary: ModuleSummary | undefined;
}

/** Module summaries of one repository root, per file, re-read when a file's mtime or size changes. */
export class ModelIndex {
  private readonly modules = new Map<string, CachedModule>();

  /** `root` bounds what is read: files outside it are never opened (undefined: no bound). */
  constructor(readonly root: string | undefined) {}

  /** The summary of a `.py` file, or undefined when it does not exist, is outside the root, or does not parse. */
  summaryOf(file: string): ModuleSummary | undefined {
    if (!this.contains(file)) return undefined;
    let stats: { mtimeMs: number; size: number; isFile(): boolean };
    try {
      stats = statSync(file);
    } catch {
      this.modules.delete(file);
      return undefined;
    }
    if (!stats.isFile()) return undefined;
    const cached = this.modules.get(file);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.summary;
    let summary: ModuleSummary | undefined;
    try {
      const text = readFileSync(file, 'utf8');
      const parsed = parsePython(text);
      summary = parsed.ok ? summarizeModule(text, parsed.ast) : undefined;
    } catch {
      summary = undefined;
    }
    this.modules.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, summary });
    return summary;
  }

  exists(file: string): boolean {
    if (!this.contains(file)) return false;
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  }

  isDirectory(dir: string): boolean {
    if (!this.contains(dir)) return false;
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  }

  contains(file: string): boolean {
    if (this.root === undefined) return true;
    const relative = path.relative(this.root, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }
}

const indexes = new Map<string, ModelIndex>();

/** The index of one repository root (ESLint's cwd in the CLI), shared by every file linted under it. */
export function modelIndexFor(root: string | undefined): ModelIndex {
  const key = root ?? '';
  let index = indexes.get(key);
  if (!index) indexes.set(key, (index = new ModelIndex(root)));
  return index;
}

/** For tests: forget every cached module. */
export function clearModelIndexCache(): void {
  indexes.clear();
}

// --- resolution -----------------------------------------------------------------------------------------------

/** A class: one of the repository (`file` + `name`, `start` for classes defined inside functions) or a library's. */
export type ClassKey = { file: string; name: string; start?: number } | { external: string };

export type Symbol =
  | { kind: 'class'; key: ClassKey }
  | { kind: 'module'; file?: string; dir?: string }
  | { kind: 'function'; file: string; returns?: TypeExpr; isAsync: boolean }
  /** Something of a library (module, class or function), by dotted path. */
  | { kind: 'external'; dotted: string }
  | { kind: 'value' }
  | { kind: 'unknown' };

export type ModelStatus = 'v2' | 'v1' | 'not-model' | 'unknown';

/** Classes that make a class a pydantic 2 model (every import path they are known under). */
export const V2_ROOTS = new Set([
  'pydantic.BaseModel',
  'pydantic.main.BaseModel',
  'pydantic.RootModel',
  'pydantic.root_model.RootModel',
  'sqlmodel.SQLModel',
  'sqlmodel.main.SQLModel',
  'pydantic_settings.BaseSettings',
  'pydantic_settings.main.BaseSettings',
]);

/** The roots whose deprecated methods are exactly pydantic's own (SQLModel, RootModel, BaseSettings add their own). */
export const PLAIN_ROOTS = new Set(['pydantic.BaseModel', 'pydantic.main.BaseModel']);

export const SQLMODEL_ROOTS = new Set(['sqlmodel.SQLModel', 'sqlmodel.main.SQLModel']);

/** Libraries (and the standard library) that define no pydantic models. */
const NON_MODEL_MODULES = new Set([
  'builtins', 'typing', 'typing_extensions', 'abc', 'enum', 'dataclasses', 'collections', 'json', 'datetime', 'decimal',
  'uuid', 'pathlib', 're', 'os', 'sys', 'io', 'logging', 'asyncio', 'functools', 'itertools', 'contextlib', 'copy',
  'http', 'urllib', 'email', 'csv', 'time', 'math', 'random', 'string', 'types', 'inspect', 'threading', 'subprocess',
  'requests', 'httpx', 'aiohttp', 'urllib3', 'starlette', 'sqlalchemy',
]);

const BUILTINS = new Set([
  'object', 'type', 'super', 'dict', 'list', 'tuple', 'set', 'frozenset', 'str', 'bytes', 'bytearray', 'int', 'float',
  'complex', 'bool', 'range', 'slice', 'memoryview', 'property', 'classmethod', 'staticmethod', 'Exception',
  'BaseException', 'ValueError', 'TypeError', 'KeyError', 'RuntimeError', 'print', 'len', 'open', 'isinstance',
  'getattr', 'setattr', 'hasattr', 'iter', 'next', 'map', 'filter', 'zip', 'enumerate', 'sorted', 'reversed', 'min',
  'max', 'sum', 'any', 'all', 'abs', 'round', 'repr', 'hash', 'id', 'vars', 'dir', 'callable', 'format',
]);

/** `typing` generics, by their last name: how a receiver of that annotation is read. */
const CONTAINER_GENERICS = new Set([
  'list', 'List', 'Sequence', 'MutableSequence', 'Iterable', 'Iterator', 'Collection', 'set', 'Set', 'frozenset',
  'FrozenSet', 'AbstractSet', 'MutableSet', 'Generator', 'AsyncIterator', 'AsyncIterable', 'AsyncGenerator', 'deque', 'Deque',
]);
const MAPPING_GENERICS = new Set(['dict', 'Dict', 'Mapping', 'MutableMapping', 'DefaultDict', 'defaultdict', 'OrderedDict']);
const WRAPPER_GENERICS = new Set(['Annotated', 'ClassVar', 'Final', 'Required', 'NotRequired', 'ReadOnly']);

/** What an expression is known to be, as far as the receiver proof cares. */
export type Ty =
  /** `open`: `self`/`cls`, which may be a subclass that adds a base (a mixin's `self` in a model). */
  | { k: 'inst'; classes: ClassKey[]; open?: boolean }
  | { k: 'cls'; classes: ClassKey[]; open?: boolean }
  /** A list/sequence/set/iterator: not a model, iterating it gives `elem`. */
  | { k: 'iter'; elem: Ty }
  /** A dict/mapping: not a model, subscripting it gives `value`. */
  | { k: 'map'; value: Ty }
  | { k: 'none' }
  | { k: 'not-model' }
  | { k: 'unknown' };

export const UNKNOWN: Ty = { k: 'unknown' };
export const NOT_MODEL: Ty = { k: 'not-model' };

/** The union of two inferred types; `None` drops out (a method call on `None` fails the same way under either name). */
export function unionTy(a: Ty, b: Ty): Ty {
  if (a.k === 'none') return b;
  if (b.k === 'none') return a;
  if (a.k === 'unknown' || b.k === 'unknown') return UNKNOWN;
  if ((a.k === 'inst' && b.k === 'inst') || (a.k === 'cls' && b.k === 'cls')) {
    return { k: a.k, classes: uniqueKeys([...a.classes, ...b.classes]), ...(a.open || b.open ? { open: true } : {}) };
  }
  if (a.k === 'iter' && b.k === 'iter') return { k: 'iter', elem: unionTy(a.elem, b.elem) };
  if (a.k === 'map' && b.k === 'map') return { k: 'map', value: unionTy(a.value, b.value) };
  const notModel = (ty: Ty): boolean => ty.k === 'not-model' || ty.k === 'iter' || ty.k === 'map';
  if (notModel(a) && notModel(b)) return NOT_MODEL;
  return UNKNOWN;
}

function keyId(key: ClassKey): string {
  return 'external' in key ? `ext:${key.external}` : `${key.file}#${key.name}#${key.start ?? ''}`;
}

function uniqueKeys(keys: ClassKey[]): ClassKey[] {
  const seen = new Map<string, ClassKey>();
  for (const key of keys) seen.set(keyId(key), key);
  return [...seen.values()];
}

/** One class of a chain: the project class with its summary and the file it lives in. */
export interface ChainClass {
  key: { file: string; name: string; start?: number };
  file: string;
  summary: ClassSummary;
}

/**
 * Resolves names, annotations and class hierarchies for one linted file over the index. The linted file is taken
 * from its in-memory text (`current`), never from disk; every other module is read through the index.
 */
export class ModelResolver {
  private readonly statusMemo = new Map<string, ModelStatus>();
  private readonly localClasses = new Map<string, ClassSummary>();
  /** Per linted file: the file system is asked once per module name and directory, a hierarchy is walked once. */
  private readonly moduleMemo = new Map<string, Symbol>();
  private readonly chainMemo = new Map<string, { classes: ChainClass[]; roots: Set<string> }>();

  constructor(
    readonly index: ModelIndex,
    readonly currentFile: string,
    readonly currentSummary: ModuleSummary,
  ) {}

  /** A class defined inside a function of the linted file. */
  registerLocalClass(summary: ClassSummary): ClassKey {
    const key = { file: this.currentFile, name: summary.name, start: summary.start };
    this.localClasses.set(keyId(key), summary);
    return key;
  }

  summaryOf(file: string): ModuleSummary | undefined {
    return file === this.currentFile ? this.currentSummary : this.index.summaryOf(file);
  }

  classSummary(key: ClassKey): ClassSummary | undefined {
    if ('external' in key) return undefined;
    if (key.start !== undefined) return this.localClasses.get(keyId(key));
    const binding = this.summaryOf(key.file)?.bindings.get(key.name);
    return binding?.kind === 'class' ? binding.summary : undefined;
  }

  // --- modules and names ---

  /** Where an imported module lives: a project file / package directory, else a library (`external`). */
  resolveModule(ref: ModuleRef, fromFile: string): Symbol {
    const id = `${ref.level}:${ref.path.join('.')}:${path.dirname(fromFile)}`;
    let module = this.moduleMemo.get(id);
    if (!module) this.moduleMemo.set(id, (module = this.findModule(ref, fromFile)));
    return module;
  }

  private findModule(ref: ModuleRef, fromFile: string): Symbol {
    if (ref.level > 0) {
      let base = path.dirname(fromFile);
      for (let level = 1; level < ref.level; level++) base = path.dirname(base);
      return this.projectModule(path.join(base, ...ref.path)) ?? { kind: 'unknown' };
    }
    if (ref.path.length === 0) return { kind: 'unknown' };
    const found = new Map<string, Symbol>();
    for (const root of this.sourceRoots(fromFile)) {
      const module = this.projectModule(path.join(root, ...ref.path));
      if (module && module.kind === 'module') found.set(module.file ?? `dir:${module.dir}`, module);
    }
    const files = [...found.values()].filter((module) => module.kind === 'module' && module.file);
    if (files.length > 1) return { kind: 'unknown' }; // two project modules answer to the name: do not guess
    if (files.length === 1) return files[0];
    const dirs = [...found.values()];
    if (dirs.length > 0) return dirs[0];
    return { kind: 'external', dotted: ref.path.join('.') };
  }

  /** Directories an absolute import may start from: the file's directory and each one above it up to the root, and `<root>/src`. */
  private sourceRoots(fromFile: string): string[] {
    const roots: string[] = [];
    let dir = path.dirname(fromFile);
    for (;;) {
      if (!this.index.contains(dir)) break;
      roots.push(dir);
      if (this.index.root !== undefined && dir === this.index.root) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (this.index.root !== undefined) roots.push(path.join(this.index.root, 'src'));
    return roots;
  }

  private projectModule(base: string): Symbol | undefined {
    const file = this.index.exists(`${base}.py`) ? `${base}.py` : this.index.exists(path.join(base, '__init__.py')) ? path.join(base, '__init__.py') : undefined;
    const dir = this.index.isDirectory(base) ? base : undefined;
    if (!file && !dir) return undefined;
    return { kind: 'module', ...(file ? { file } : {}), ...(dir ? { dir } : {}) };
  }

  /** A name of a project module: its own binding, a star import, or a submodule of the package. */
  memberOfModule(module: Symbol, name: string, visiting = new Set<string>()): Symbol {
    if (module.kind === 'external') return { kind: 'external', dotted: `${module.dotted}.${name}` };
    if (module.kind !== 'module') return { kind: 'unknown' };
    if (module.file) {
      const found = this.lookupInFile(module.file, name, visiting);
      if (found.kind !== 'unknown') return found;
    }
    if (module.dir) return this.projectModule(path.join(module.dir, name)) ?? { kind: 'unknown' };
    return { kind: 'unknown' };
  }

  /** What a module-level name of a project file is, following imports and re-exports across files. */
  lookupInFile(file: string, name: string, visiting = new Set<string>()): Symbol {
    const id = `${file}\0${name}`;
    if (visiting.has(id)) return { kind: 'unknown' };
    visiting.add(id);
    const summary = this.summaryOf(file);
    if (!summary) return { kind: 'unknown' };
    const binding = summary.bindings.get(name);
    if (binding) return this.symbolOfBinding(binding, file, name, visiting);
    for (const star of summary.stars) {
      const module = this.resolveModule(star, file);
      if (module.kind === 'external') continue; // a library's star export: unknown names
      const found = this.memberOfModule(module, name, visiting);
      if (found.kind !== 'unknown') return found;
    }
    if (summary.stars.length === 0 && BUILTINS.has(name)) return { kind: 'external', dotted: `builtins.${name}` };
    return { kind: 'unknown' };
  }

  symbolOfBinding(binding: Binding, file: string, name: string, visiting = new Set<string>()): Symbol {
    switch (binding.kind) {
      case 'class':
        return { kind: 'class', key: { file, name } };
      case 'function':
        return { kind: 'function', file, isAsync: binding.isAsync, ...(binding.returns ? { returns: binding.returns } : {}) };
      case 'import': {
        const module = this.resolveModule(binding.module, file);
        if (binding.name === undefined) return module;
        return this.memberOfModule(module, binding.name, visiting);
      }
      case 'value':
        return { kind: 'value' };
      default:
        return { kind: 'unknown' };
    }
  }

  /** A dotted name (`schemas.User`, `pydantic.BaseModel`) as seen from the module level of `file`. */
  resolveDotted(parts: string[], file: string): Symbol {
    let symbol = this.lookupInFile(file, parts[0]);
    for (const part of parts.slice(1)) {
      if (symbol.kind === 'module' || symbol.kind === 'external') symbol = this.memberOfModule(symbol, part);
      else return { kind: 'unknown' };
    }
    return symbol;
  }

  // --- classes ---

  classOf(symbol: Symbol): ClassKey | undefined {
    if (symbol.kind === 'class') return symbol.key;
    if (symbol.kind === 'external') return { external: symbol.dotted };
    return undefined;
  }

  /** Whether a class is a pydantic 2 model, a pydantic.v1 model, proven none, or unknown. */
  status(key: ClassKey): ModelStatus {
    const id = keyId(key);
    const memo = this.statusMemo.get(id);
    if (memo !== undefined) return memo;
    this.statusMemo.set(id, 'unknown'); // a cycle of bases proves nothing
    const status = this.computeStatus(key);
    this.statusMemo.set(id, status);
    return status;
  }

  private computeStatus(key: ClassKey): ModelStatus {
    if ('external' in key) {
      const dotted = key.external;
      if (V2_ROOTS.has(dotted)) return 'v2';
      if (dotted.startsWith('pydantic.v1.')) return 'v1';
      const top = dotted.split('.')[0];
      return NON_MODEL_MODULES.has(top) ? 'not-model' : 'unknown';
    }
    const summary = this.classSummary(key);
    if (!summary) return 'unknown';
    const statuses = summary.bases.map((base) => {
      const resolved = this.baseClass(base, key.file);
      return resolved ? this.status(resolved) : 'unknown';
    });
    if (statuses.includes('v1')) return 'v1';
    if (statuses.includes('v2')) return 'v2';
    return statuses.every((status) => status === 'not-model') ? 'not-model' : 'unknown';
  }

  /** The class a base expression names (`Page[int]` → `Page`). */
  private baseClass(base: TypeExpr, file: string): ClassKey | undefined {
    const parts = base.t === 'name' ? base.path : base.t === 'generic' ? base.base : undefined;
    return parts ? this.classOf(this.resolveDotted(parts, file)) : undefined;
  }

  /** The project classes of a class's hierarchy in method resolution order (depth first, left to right), and its library roots. */
  chain(key: ClassKey): { classes: ChainClass[]; roots: Set<string> } {
    const id = keyId(key);
    let chain = this.chainMemo.get(id);
    if (!chain) this.chainMemo.set(id, (chain = this.walkChain(key)));
    return chain;
  }

  private walkChain(key: ClassKey): { classes: ChainClass[]; roots: Set<string> } {
    const classes: ChainClass[] = [];
    const roots = new Set<string>();
    const seen = new Set<string>();
    const walk = (current: ClassKey): void => {
      const id = keyId(current);
      if (seen.has(id)) return;
      seen.add(id);
      if ('external' in current) {
        roots.add(current.external);
        return;
      }
      const summary = this.classSummary(current);
      if (!summary) return;
      classes.push({ key: current, file: current.file, summary });
      for (const base of summary.bases) {
        const resolved = this.baseClass(base, current.file);
        if (resolved) walk(resolved);
        else roots.add('?');
      }
    };
    walk(key);
    return { classes, roots };
  }

  // --- annotations ---

  /** The type an annotation denotes, its names resolved at the module level of `file`. */
  evalType(expr: TypeExpr, file: string, self?: Ty): Ty {
    switch (expr.t) {
      case 'none':
        return { k: 'none' };
      case 'name': {
        const symbol = this.resolveDotted(expr.path, file);
        if (symbol.kind === 'external' && /^typing(?:_extensions)?\.Self$/.test(symbol.dotted)) return self ?? UNKNOWN;
        if (symbol.kind === 'external' && /^typing(?:_extensions)?\.Any$/.test(symbol.dotted)) return UNKNOWN;
        const key = this.classOf(symbol);
        return key ? { k: 'inst', classes: [key] } : UNKNOWN;
      }
      case 'union':
        return expr.items.map((item) => this.evalType(item, file, self)).reduce(unionTy);
      case 'generic': {
        const symbol = this.resolveDotted(expr.base, file);
        const name = symbol.kind === 'external' && /^(?:typing|typing_extensions|builtins|collections|collections\.abc)\./.test(symbol.dotted) ? symbol.dotted.split('.').at(-1)! : undefined;
        const args = expr.args;
        if (name === 'Optional' && args.length === 1) return unionTy(this.evalType(args[0], file, self), { k: 'none' });
        if (name === 'Union' && args.length > 0) return args.map((arg) => this.evalType(arg, file, self)).reduce(unionTy);
        if (name && WRAPPER_GENERICS.has(name) && args.length > 0) return this.evalType(args[0], file, self);
        if ((name === 'type' || name === 'Type') && args.length === 1) {
          const inner = this.evalType(args[0], file, self);
          return inner.k === 'inst' ? { k: 'cls', classes: inner.classes } : UNKNOWN;
        }
        if (name && CONTAINER_GENERICS.has(name)) return { k: 'iter', elem: args.length > 0 ? this.evalType(args[0], file, self) : UNKNOWN };
        if ((name === 'tuple' || name === 'Tuple') && args.length === 2 && args[1].t === 'ellipsis') return { k: 'iter', elem: this.evalType(args[0], file, self) };
        if (name === 'tuple' || name === 'Tuple') return { k: 'iter', elem: UNKNOWN };
        if (name && MAPPING_GENERICS.has(name)) return { k: 'map', value: args.length === 2 ? this.evalType(args[1], file, self) : UNKNOWN };
        // a generic class of the project or a library (`Page[Item]`, `RootModel[list[int]]`)
        const key = name ? undefined : this.classOf(symbol);
        return key ? { k: 'inst', classes: [key] } : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }
}
