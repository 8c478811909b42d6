/**
 * The receiver proof of `py-pydantic-v1` (CONTRACT §9): whether the receiver of a v1 method or attribute is proven
 * a pydantic 2 model — a parameter or variable annotated with a model class, a value built by one, `self`/`cls` in
 * a model's methods, the class itself — by inferring what each expression is (`Ty`) from the file's binding sites
 * and the repository's model classes (`model-resolver.ts`).
 */
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { BindingSites, methodClass, type Scope, type Site } from './binding-sites.js';
import { NOT_MODEL, unionTy, UNKNOWN, type ClassKey, type Ty } from './inferred-type.js';
import { modelIndexFor } from './model-index.js';
import { ModelResolver, type Symbol } from './model-resolver.js';
import { PLAIN_ROOTS } from './model-roots.js';
import { importBindings, summarizeClass, summarizeModule } from './module-summary.js';
import { decoratorName, namedChildren, unwrapDecorated } from './syntax-readers.js';
import { typeExprOf } from './type-expr.js';

/** Class methods that return an instance of the class they are called on. */
const CONSTRUCTORS = new Set([
  'parse_obj', 'parse_raw', 'parse_file', 'from_orm', 'construct', 'validate',
  'model_validate', 'model_validate_json', 'model_validate_strings', 'model_construct',
]);
const COPIES = new Set(['copy', 'model_copy']);
const LITERALS = new Set([
  'string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'list', 'dictionary', 'set', 'tuple',
  'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'lambda',
  'comparison_operator', 'not_operator',
]);

/** What the proof found for one receiver: a pydantic 2 model (`classes`), proven something else (`silent`), or unknown. */
export type Proof =
  | { state: 'proven'; classes: ClassKey[]; isClass: boolean; skipSelf: boolean }
  | { state: 'silent' }
  | { state: 'unproven' };

/** The receiver proof for one file: its scopes, bindings and the repository's model classes. */
export class ReceiverProof {
  readonly resolver: ModelResolver;
  readonly sites: BindingSites;
  private readonly inferring = new Set<PyNode>();
  /** Each variable's type, once per scope (a recursion cut short is remembered as unknown: conservative). */
  private readonly nameTypes = new Map<Scope, Map<string, Ty>>();

  constructor(
    readonly text: string,
    ast: PyNode,
    readonly file: string,
    root: string | undefined,
  ) {
    this.resolver = new ModelResolver(modelIndexFor(root), file, summarizeModule(text, ast));
    this.sites = new BindingSites(text);
  }

  /**
   * The class as a pydantic 2 model: undefined when it is not proven one; `plain` when every root is
   * `pydantic.BaseModel` (whose config is a `ConfigDict`); whether it also sets `model_config`.
   */
  modelFacts(classNode: PyNode): { plain: boolean; hasModelConfig: boolean } | undefined {
    const key = this.classKeyOf(classNode);
    if (this.resolver.status(key) !== 'v2') return undefined;
    const { classes, roots } = this.resolver.chain(key);
    return { plain: [...roots].every((root) => PLAIN_ROOTS.has(root)), hasModelConfig: classes[0]?.summary.members.includes('model_config') ?? false };
  }

  /** Whether the receiver of `.name` is proven a pydantic 2 model, proven something else, or unknown. */
  prove(receiver: PyNode, name: string): Proof {
    if (isMockPatcher(this.text, receiver)) return { state: 'silent' };
    const superClass = this.superReceiver(receiver);
    const ty = superClass ?? this.infer(receiver);
    if (ty.k === 'none' || ty.k === 'not-model' || ty.k === 'iter' || ty.k === 'map') return { state: 'silent' };
    if (ty.k !== 'inst' && ty.k !== 'cls') return { state: 'unproven' };
    const skipSelf = superClass !== undefined;
    // a class of the project that defines the name itself (`def from_orm(cls, row)`) is not calling pydantic's
    if (ty.classes.some((key) => this.definesInChain(key, name, skipSelf))) return { state: 'silent' };
    const statuses = ty.classes.map((key) => this.resolver.status(key));
    if (statuses.every((status) => status === 'v2')) return { state: 'proven', classes: ty.classes, isClass: ty.k === 'cls', skipSelf };
    if (statuses.includes('v1') && statuses.every((status) => status === 'v1' || status === 'not-model')) return { state: 'silent' };
    // a class proven not a model is silent — unless it is `self`/`cls`, whose subclass may add the model base
    if (statuses.every((status) => status === 'not-model') && !ty.open) return { state: 'silent' };
    return { state: 'unproven' };
  }

  /** `super()` in a method: the enclosing class, whose own definitions `super()` skips. */
  private superReceiver(receiver: PyNode): Ty | undefined {
    if (receiver.type !== 'call' || receiver.fields.function?.type !== 'identifier') return undefined;
    if (nodeText(this.text, receiver.fields.function) !== 'super' || this.sites.lookup('super', receiver)) return undefined;
    const method = this.enclosingMethod(receiver);
    if (!method) return UNKNOWN;
    const first = this.firstParameterTy(method.fn, method.classNode);
    return first ?? UNKNOWN;
  }

  private definesInChain(key: ClassKey, name: string, skipSelf: boolean): boolean {
    const { classes } = this.resolver.chain(key);
    return classes.some((entry, index) => !(skipSelf && index === 0) && entry.summary.members.includes(name));
  }

  // --- inference ---

  infer(node: PyNode, awaited = false): Ty {
    if (this.inferring.has(node)) return UNKNOWN; // `x = x.copy()`
    this.inferring.add(node);
    try {
      return this.inferNode(node, awaited);
    } finally {
      this.inferring.delete(node);
    }
  }

  private inferNode(node: PyNode, awaited: boolean): Ty {
    switch (node.type) {
      case 'list':
      case 'set':
      case 'tuple': {
        const items = namedChildren(node);
        return { k: 'iter', elem: items.length > 0 && items.every((item) => !item.type.endsWith('splat')) ? items.map((item) => this.infer(item)).reduce(unionTy) : UNKNOWN };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return { k: 'iter', elem: node.fields.body ? this.infer(node.fields.body) : UNKNOWN };
      case 'dictionary_comprehension':
        return { k: 'map', value: node.fields.body?.fields.value ? this.infer(node.fields.body.fields.value) : UNKNOWN };
    }
    if (LITERALS.has(node.type)) return NOT_MODEL;
    switch (node.type) {
      case 'none':
        return { k: 'none' };
      case 'identifier':
        return this.inferName(node);
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        return inner ? this.infer(inner, awaited) : UNKNOWN;
      }
      case 'await': {
        const inner = namedChildren(node)[0];
        return inner ? this.infer(inner, true) : UNKNOWN;
      }
      case 'call':
        return this.inferCall(node, awaited);
      case 'attribute':
        return this.inferAttribute(node);
      case 'subscript': {
        const container = node.fields.value ? this.infer(node.fields.value) : UNKNOWN;
        const index = node.fields.subscript;
        if (container.k === 'iter' && index?.type !== 'slice') return container.elem;
        if (container.k === 'map') return container.value;
        return UNKNOWN;
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = namedChildren(node);
        return whenTrue && whenFalse ? unionTy(this.infer(whenTrue), this.infer(whenFalse)) : UNKNOWN;
      }
      case 'boolean_operator':
        return node.fields.left && node.fields.right ? unionTy(this.infer(node.fields.left), this.infer(node.fields.right)) : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private inferName(node: PyNode): Ty {
    const name = nodeText(this.text, node);
    const found = this.sites.lookup(name, node);
    if (!found) return this.symbolTy(this.resolver.lookupInFile(this.file, name));
    let memo = this.nameTypes.get(found.scope);
    if (!memo) this.nameTypes.set(found.scope, (memo = new Map()));
    const known = memo.get(name);
    if (known) return known;
    const sites = found.sites;
    // an annotated declaration (`user: User = …`) is the variable's type, as for a type checker
    const declared = sites.filter((site) => (site.kind === 'assign' || site.kind === 'param') && site.annotation);
    const ty = (declared.length > 0 ? declared : sites).map((site) => this.siteTy(site)).reduce(unionTy);
    memo.set(name, ty);
    return ty;
  }

  private siteTy(site: Site): Ty {
    switch (site.kind) {
      case 'param': {
        if (site.annotation) return this.annotationTy(site.annotation);
        if (site.index === 0 && !site.hasDefault) {
          const classNode = methodClass(site.fn);
          if (classNode) return this.firstParameterTy(site.fn, classNode) ?? UNKNOWN;
        }
        return UNKNOWN;
      }
      case 'assign':
        if (site.annotation) return this.annotationTy(site.annotation);
        return site.value ? this.infer(site.value) : UNKNOWN;
      case 'for': {
        if (site.part !== undefined) return this.partOfItem(site.iterable, site.part);
        const iterable = this.infer(site.iterable);
        return iterable.k === 'iter' ? iterable.elem : UNKNOWN;
      }
      case 'def':
        return NOT_MODEL;
      case 'class':
        return { k: 'cls', classes: [this.classKeyOf(site.node)] };
      case 'import': {
        const bound = importBindings(this.text, site.statement).find((entry) => entry.name === site.name);
        return bound ? this.symbolTy(this.resolver.symbolOfBinding(bound.binding, this.file, site.name)) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /**
   * Part `part` of each item a loop unpacks: `zip(a, b)` gives an item of `a`, then of `b`; `enumerate(xs)` a count,
   * then an item of `xs`; `d.items()` a key, then a value of `d`. Any other iterable: unknown (no tuple types here).
   */
  private partOfItem(iterable: PyNode, part: number): Ty {
    const callee = iterable.type === 'call' ? iterable.fields.function : undefined;
    if (!callee) return UNKNOWN;
    const args = namedChildren(iterable.fields.arguments ?? iterable);
    const itemOf = (node: PyNode | undefined): Ty => {
      const ty = node && !node.type.endsWith('splat') && node.type !== 'keyword_argument' ? this.infer(node) : UNKNOWN;
      return ty.k === 'iter' ? ty.elem : UNKNOWN;
    };
    const symbol = callee.type === 'identifier' ? this.symbolOf(callee) : undefined;
    const builtin = symbol?.kind === 'external' ? symbol.dotted : undefined;
    if (builtin === 'builtins.zip') return args.some((arg) => arg.type.endsWith('splat')) ? UNKNOWN : itemOf(args[part]);
    if (builtin === 'builtins.enumerate') return part === 0 ? NOT_MODEL : part === 1 ? itemOf(args[0]) : UNKNOWN;
    if (callee.type === 'attribute' && callee.fields.object && nodeText(this.text, callee.fields.attribute) === 'items' && args.length === 0 && part === 1) {
      const mapping = this.infer(callee.fields.object);
      return mapping.k === 'map' ? mapping.value : UNKNOWN;
    }
    return UNKNOWN;
  }

  /** `self` / `cls` of a method: the class, as an instance or (classmethods, validators, `cls`) as the class. */
  private firstParameterTy(fn: PyNode, classNode: PyNode): Ty | undefined {
    const decorators = unwrapDecorated(fn.parent?.type === 'decorated_definition' ? fn.parent : fn).decorators.map((decorator) => decoratorName(this.text, decorator));
    if (decorators.includes('staticmethod')) return undefined;
    const first = fn.fields.parameters ? namedChildren(fn.fields.parameters)[0] : undefined;
    const firstName = first?.type === 'identifier' ? nodeText(this.text, first) : undefined;
    const key = this.classKeyOf(classNode);
    const isClass = decorators.includes('classmethod') || firstName === 'cls' || (fn.fields.name && nodeText(this.text, fn.fields.name) === '__new__');
    return { k: isClass ? 'cls' : 'inst', classes: [key], open: true };
  }

  private enclosingMethod(node: PyNode): { fn: PyNode; classNode: PyNode } | undefined {
    for (let current = this.sites.scopeNode(node); current.type !== 'module'; current = this.sites.scopeNode(current)) {
      if (current.type === 'function_definition') {
        const classNode = methodClass(current);
        return classNode ? { fn: current, classNode } : undefined;
      }
    }
    return undefined;
  }

  private classKeyOf(classNode: PyNode): ClassKey {
    const name = classNode.fields.name ? nodeText(this.text, classNode.fields.name) : '';
    if (this.sites.scopeNode(classNode).type === 'module') {
      const binding = this.resolver.currentSummary.bindings.get(name);
      if (binding?.kind === 'class' && binding.summary.start === classNode.range[0]) return { file: this.file, name };
    }
    return this.resolver.registerLocalClass(summarizeClass(this.text, classNode));
  }

  private annotationTy(annotation: PyNode): Ty {
    return this.resolver.evalType(typeExprOf(this.text, annotation), this.file);
  }

  private symbolTy(symbol: Symbol): Ty {
    switch (symbol.kind) {
      case 'class':
        return { k: 'cls', classes: [symbol.key] };
      case 'external':
        return { k: 'cls', classes: [{ external: symbol.dotted }] };
      case 'module':
      case 'function':
        return NOT_MODEL;
      default:
        return UNKNOWN;
    }
  }

  /** What a name or dotted name refers to when it is a module, class or function (not a local value). */
  private symbolOf(node: PyNode): Symbol | undefined {
    if (node.type === 'identifier') {
      const name = nodeText(this.text, node);
      const found = this.sites.lookup(name, node);
      if (!found) return this.resolver.lookupInFile(this.file, name);
      if (found.sites.length !== 1) return undefined;
      const [site] = found.sites;
      if (site.kind === 'import') {
        const bound = importBindings(this.text, site.statement).find((entry) => entry.name === site.name);
        return bound ? this.resolver.symbolOfBinding(bound.binding, this.file, name) : undefined;
      }
      if (site.kind === 'def') {
        const returns = site.node.fields.return_type;
        return { kind: 'function', file: this.file, isAsync: /^async\b/.test(nodeText(this.text, site.node)), ...(returns ? { returns: typeExprOf(this.text, returns) } : {}) };
      }
      if (site.kind === 'class') return { kind: 'class', key: this.classKeyOf(site.node) };
      return undefined;
    }
    if (node.type === 'attribute' && node.fields.object && node.fields.attribute) {
      const object = this.symbolOf(node.fields.object);
      if (object?.kind === 'module' || object?.kind === 'external') return this.resolver.memberOfModule(object, nodeText(this.text, node.fields.attribute));
    }
    return undefined;
  }

  private inferCall(call: PyNode, awaited: boolean): Ty {
    const callee = call.fields.function;
    if (!callee) return UNKNOWN;
    const symbol = this.symbolOf(callee);
    if (symbol?.kind === 'function') {
      if (!symbol.returns || symbol.isAsync !== awaited) return UNKNOWN; // an un-awaited coroutine is not its result
      return this.resolver.evalType(symbol.returns, symbol.file);
    }
    if (symbol?.kind === 'external' && symbol.dotted === 'builtins.type') {
      const args = namedChildren(call.fields.arguments ?? call);
      const inner = args.length === 1 ? this.infer(args[0]) : UNKNOWN;
      return inner.k === 'inst' ? { k: 'cls', classes: inner.classes } : UNKNOWN;
    }
    if (callee.type === 'attribute' && callee.fields.object && callee.fields.attribute) {
      const method = nodeText(this.text, callee.fields.attribute);
      const receiver = this.infer(callee.fields.object);
      if (receiver.k === 'inst' || receiver.k === 'cls') {
        const declared = this.methodReturn(receiver.classes, method, receiver);
        if (declared) return declared;
        const userDefined = receiver.classes.some((key) => this.definesInChain(key, method, false));
        // pydantic's constructors and copies (v1's too) return an instance of the class they are called on
        const models = receiver.classes.every((key) => ['v2', 'v1'].includes(this.resolver.status(key)));
        if (!userDefined && models) {
          if (receiver.k === 'cls' && CONSTRUCTORS.has(method)) return { k: 'inst', classes: receiver.classes };
          if (receiver.k === 'inst' && COPIES.has(method)) return receiver;
        }
        return UNKNOWN;
      }
    }
    const calleeTy = symbol ? this.symbolTy(symbol) : this.infer(callee);
    if (calleeTy.k === 'cls') return { k: 'inst', classes: calleeTy.classes }; // a constructor call
    return UNKNOWN;
  }

  /** The declared return type of a project method called on these classes (`-> Self` is the receiver). */
  private methodReturn(classes: ClassKey[], method: string, receiver: Ty): Ty | undefined {
    let result: Ty | undefined;
    for (const key of classes) {
      const entry = this.resolver.chain(key).classes.find((candidate) => candidate.summary.members.includes(method));
      const returns = entry?.summary.returns[method];
      if (!entry || !returns) return undefined;
      const self: Ty = receiver.k === 'cls' ? { k: 'inst', classes: [key] } : { k: 'inst', classes: [key] };
      const ty = this.resolver.evalType(returns, entry.file, self);
      result = result ? unionTy(result, ty) : ty;
    }
    return result;
  }

  private inferAttribute(node: PyNode): Ty {
    const symbol = this.symbolOf(node);
    if (symbol) return this.symbolTy(symbol);
    const object = node.fields.object;
    const attribute = node.fields.attribute;
    if (!object || !attribute) return UNKNOWN;
    const receiver = this.infer(object);
    if (receiver.k !== 'inst') return UNKNOWN;
    const name = nodeText(this.text, attribute);
    let result: Ty | undefined;
    for (const key of receiver.classes) {
      const entry = this.resolver.chain(key).classes.find((candidate) => Object.hasOwn(candidate.summary.fields, name));
      if (!entry) return UNKNOWN;
      const ty = this.resolver.evalType(entry.summary.fields[name], entry.file);
      result = result ? unionTy(result, ty) : ty;
    }
    return result ?? UNKNOWN;
  }
}

/**
 * `patch` or `….patch` (`mock.patch.dict(os.environ, …)`, pytest-mock's `mocker.patch.dict(…)`): unittest.mock's
 * dictionary patcher, the commonest `.dict(` in a test suite, and no model.
 */
function isMockPatcher(text: string, receiver: PyNode): boolean {
  const name = receiver.type === 'identifier' ? receiver : receiver.type === 'attribute' ? receiver.fields.attribute : undefined;
  return name !== undefined && nodeText(text, name) === 'patch';
}
