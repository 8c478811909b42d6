/**
 * Resolution of pydantic model classes across the repository (CONTRACT §9, `py-pydantic-v1` "receiver proof"). A
 * call is only rewritten on a receiver proven to be a pydantic 2 model, and models are usually defined in another
 * file than the one in scope (`schemas.py` beside `main.py`), so the resolver follows the imports of a linted file
 * through the model index and class bases across files: `class AdminOut(UserOut)` in one module,
 * `class UserOut(Base)` in another, `Base = pydantic.BaseModel` under an alias in a third. It answers what a name
 * is, whether a class is a pydantic 2 model, its hierarchy, and the type an annotation denotes — on demand, so only
 * the files a linted file actually reaches are read.
 */
import path from 'node:path';
import { keyId, unionTy, UNKNOWN, type ClassKey, type Ty } from './inferred-type.js';
import type { ModelIndex } from './model-index.js';
import { NON_MODEL_MODULES, V2_ROOTS } from './model-roots.js';
import type { Binding, ClassSummary, ModuleRef, ModuleSummary } from './module-summary.js';
import type { TypeExpr } from './type-expr.js';

/** What a name refers to. */
export type Symbol =
  | { kind: 'class'; key: ClassKey }
  | { kind: 'module'; file?: string; dir?: string }
  | { kind: 'function'; file: string; returns?: TypeExpr; isAsync: boolean }
  /** Something of a library (module, class or function), by dotted path. */
  | { kind: 'external'; dotted: string }
  | { kind: 'value' }
  /** A type alias or a TypeVar's bound (`Binding` `type`), read in the file that declares it. */
  | { kind: 'type'; denotes: TypeExpr; file: string }
  | { kind: 'unknown' };

export type ModelStatus = 'v2' | 'v1' | 'not-model' | 'unknown';

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
  /** Type aliases and TypeVar bounds being evaluated: one that leads back to itself proves nothing. */
  private readonly aliasesInFlight = new Set<string>();
  private readonly statusMemo = new Map<string, ModelStatus>();
  private readonly localClasses = new Map<string, ClassSummary>();
  /** Per linted file: the file system is asked once per module name and directory, a hierarchy is walked once. */
  private readonly moduleMemo = new Map<string, Symbol>();
  private readonly chainMemo = new Map<string, { classes: ChainClass[]; roots: Set<string> }>();
  private readonly summaryMemo = new Map<string, ModuleSummary | undefined>();

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
    if (file === this.currentFile) return this.currentSummary;
    // the index checks a file's mtime on every call; within one linted file the answer is read once
    if (!this.summaryMemo.has(file)) this.summaryMemo.set(file, this.index.summaryOf(file));
    return this.summaryMemo.get(file);
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
      case 'type':
        return { kind: 'type', denotes: binding.denotes, file };
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
        if (symbol.kind === 'type') {
          // (an alias or bound that leads back to its own name is no proof)
          const id = `${symbol.file}\0${expr.path.join('.')}`;
          if (this.aliasesInFlight.has(id)) return UNKNOWN;
          this.aliasesInFlight.add(id);
          try {
            return this.evalType(symbol.denotes, symbol.file, self);
          } finally {
            this.aliasesInFlight.delete(id);
          }
        }
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
