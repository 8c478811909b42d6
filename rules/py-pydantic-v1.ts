import type { Rule } from 'eslint';
import path from 'node:path';
import { DOCS_BASE, messagesOfRule, RULES, type KindId, type ReasonId } from './kinds.js';
import type { PyNode } from '../transforms/python/syntax.js';
import {
  decoratorName,
  importBindings,
  modelIndexFor,
  ModelResolver,
  namedChildren,
  nodeText,
  NOT_MODEL,
  PLAIN_ROOTS,
  SQLMODEL_ROOTS,
  summarizeClass,
  V2_ROOTS,
  summarizeModule,
  typeExprOf,
  unionTy,
  UNKNOWN,
  unwrapDecorated,
  type ClassKey,
  type Symbol,
  type Ty,
} from './python/model-resolver.js';
import { reportPyFinding } from './python/report.js';
import { reportConfigClass } from './python/config-finding.js';
import { analyzeScopes } from '../transforms/python/imports.js';
import { pydanticGateForFile } from './project/pydantic-version.js';
import { PYDANTIC_V2_NAMES, pydanticEdits, type PydanticRewrite } from '../transforms/python/pydantic.js';

/**
 * `deprecfix/py-pydantic-v1` (CONTRACT §9, Python): pydantic v1 model methods and attributes on pydantic 2, where
 * they are deprecated. A site is a finding only when its receiver is proven a pydantic 2 model — a parameter or
 * variable annotated with a model class, a value built by one, `self`/`cls` in a model's methods, the class itself
 * — through the repository index of model classes (`python/models.ts`); the rewrite is graded per method by the
 * arguments it carries (`transforms/python/pydantic.ts` makes the edits).
 */

type Kind = Extract<KindId, 'pydantic-v1-method' | 'pydantic-v1-attribute'>;

interface V1Member {
  kind: Kind;
  /** Instance API (`m.dict()`) or class API (`M.parse_obj(d)`, which an instance may call too). */
  on: 'instance' | 'class' | 'any';
  /**
   * Reported on an unproven receiver too (fix none): the name is pydantic's own. Generic names (`json`, `copy`,
   * `validate`, `schema`, `construct`) are not: `response.json()` and `dict.copy()` must stay silent.
   */
  reportUnproven: boolean;
}

const V1_MEMBERS: Record<string, V1Member> = {
  dict: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: true },
  json: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: false },
  copy: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: false },
  parse_obj: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  parse_raw: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  parse_file: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  from_orm: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  construct: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  validate: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  schema: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  schema_json: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  update_forward_refs: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  __fields__: { kind: 'pydantic-v1-attribute', on: 'any', reportUnproven: true },
  __fields_set__: { kind: 'pydantic-v1-attribute', on: 'instance', reportUnproven: true },
};

/** Class methods that return an instance of the class they are called on. */
const CONSTRUCTORS = new Set([
  'parse_obj', 'parse_raw', 'parse_file', 'from_orm', 'construct', 'validate',
  'model_validate', 'model_validate_json', 'model_validate_strings', 'model_construct',
]);
const COPIES = new Set(['copy', 'model_copy']);

/** The replacement as the message shows it, for the methods whose rewrite is more than a rename. */
const REPLACEMENT_TEXT: Record<string, string> = {
  from_orm: 'model_validate(obj, from_attributes=True)',
  update_forward_refs: 'model_rebuild(force=True)',
  schema_json: 'json.dumps(Model.model_json_schema())',
  parse_file: 'model_validate_json(Path(path).read_text())',
};

const SCOPE_TYPES = new Set(['module', 'function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const LITERALS = new Set([
  'string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'list', 'dictionary', 'set', 'tuple',
  'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'lambda',
  'comparison_operator', 'not_operator',
]);
const CANDIDATES = new RegExp(`\\b(?:${[...Object.keys(V1_MEMBERS), 'Config'].join('|')})\\b`);
/** Keywords of pydantic v1's `json()` that pydantic 2 removed, and that no other common `.json()` takes. */
const REMOVED_JSON_KEYWORDS = ['encoder', 'models_as_dict'];

type Site =
  | { kind: 'param'; fn: PyNode; index: number; name: string; annotation?: PyNode; hasDefault: boolean }
  | { kind: 'assign'; value?: PyNode; annotation?: PyNode }
  | { kind: 'for'; iterable: PyNode }
  | { kind: 'def'; node: PyNode }
  | { kind: 'class'; node: PyNode }
  | { kind: 'import'; statement: PyNode; name: string }
  | { kind: 'opaque' };

interface Scope {
  node: PyNode;
  parent: Scope | undefined;
  sites: Map<string, Site[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

type Proof =
  | { state: 'proven'; classes: ClassKey[]; isClass: boolean; skipSelf: boolean }
  | { state: 'silent' }
  | { state: 'unproven' };

interface Grade {
  reason?: ReasonId;
  unsafe?: boolean;
  /** The old call fails on pydantic 2: which exception, and why (`dict()` no longer takes `skip_defaults`). */
  repairs?: { raises: string; because: string };
  rewrite?: PydanticRewrite;
}

const rule: Rule.RuleModule = {
  meta: {
    type: RULES['py-pydantic-v1'].type,
    docs: { description: RULES['py-pydantic-v1'].description, url: `${DOCS_BASE}/py-pydantic-v1.md` },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('py-pydantic-v1'),
    schema: [],
  },
  create(context) {
    const text = context.sourceCode.text;
    if (!CANDIDATES.test(text)) return {};
    const file = path.resolve(context.cwd, context.filename);
    const inside = !path.relative(context.cwd, file).startsWith('..');
    let analysis: FileAnalysis | undefined;
    let scopes: ReturnType<typeof analyzeScopes> | undefined;
    let gate: ReturnType<typeof pydanticGateForFile>['status'] | undefined;
    let versionText: string | undefined;

    const readGate = (): void => {
      if (gate !== undefined) return;
      const { status, resolved } = pydanticGateForFile(context);
      gate = status;
      versionText = `pydantic ${resolved?.version ?? resolved?.specifier ?? '2'}`;
    };
    const analyze = (): FileAnalysis =>
      (analysis ??= new FileAnalysis(text, context.sourceCode.ast as unknown as PyNode, file, inside ? context.cwd : undefined));

    const listeners = {
      class_definition(node: PyNode) {
        if (!node.fields.name || nodeText(text, node.fields.name) !== 'Config') return;
        const model = node.parent?.type === 'block' && node.parent.parent?.type === 'class_definition' ? node.parent.parent : undefined;
        if (!model) return;
        readGate();
        if (gate === 'below') return;
        const facts = analyze().modelFacts(model);
        if (!facts) return;
        reportConfigClass(context, node, {
          text,
          file,
          root: inside ? context.cwd : undefined,
          gate: gate === 'unknown' ? 'unknown' : 'available',
          versionText: versionText!,
          model: { node: model, ...facts },
          scopes: () => (scopes ??= analyzeScopes(text, context.sourceCode.ast as unknown as PyNode)),
        });
      },
      attribute(node: PyNode) {
        const name = node.fields.attribute ? nodeText(text, node.fields.attribute) : '';
        const member = Object.hasOwn(V1_MEMBERS, name) ? V1_MEMBERS[name] : undefined;
        if (!member || !node.fields.object) return;
        readGate();
        if (gate === 'below') return;
        const analysis = analyze();
        const call = node.parent?.type === 'call' && node.fieldName === 'function' ? node.parent : undefined;
        const proof = analysis.prove(node.fields.object, name);
        if (proof.state === 'silent') return;
        // `json(encoder=…)` raises TypeError on pydantic 2 and on requests', httpx's and aiohttp's `.json()` (json.loads
        // rejects the keyword): a finding on any receiver not proven to be something else
        const removedKeyword = name === 'json' && call ? keywordNames(text, call).find((keyword) => REMOVED_JSON_KEYWORDS.includes(keyword)) : undefined;
        if (removedKeyword) {
          reportPyFinding(context, {
            node: call!,
            kind: 'pydantic-v1-json-argument',
            ...(gate === 'unknown' ? { reason: 'version-unknown' as const } : {}),
            data: { name: removedKeyword },
          });
          return;
        }
        const report = (grade: Grade): void => {
          const reason = gate === 'unknown' ? 'version-unknown' : grade.reason;
          reportPyFinding(context, {
            node: member.kind === 'pydantic-v1-method' && call ? call : node,
            kind: member.kind,
            ...(reason ? { reason } : {}),
            ...(grade.unsafe && !reason ? { unsafe: true } : {}),
            ...(grade.repairs && !reason ? { repairs: `raises ${grade.repairs.raises} on ${versionText} (${grade.repairs.because})` } : {}),
            data: messageData(name, member, Boolean(call)),
            ...(grade.rewrite && !reason ? { edits: pydanticEdits(grade.rewrite) } : {}),
          });
        };
        if (proof.state === 'unproven') {
          if (member.reportUnproven && (call || member.kind === 'pydantic-v1-attribute')) report({ reason: 'receiver-unproven' });
          return;
        }
        report(analysis.grade(node, name, member, call, proof));
      },
    };
    return listeners as unknown as Rule.RuleListener;
  },
};

export default rule;

function messageData(name: string, member: V1Member, called: boolean): Record<string, string> {
  const replacement = REPLACEMENT_TEXT[name] ?? (PYDANTIC_V2_NAMES[name] ? `${PYDANTIC_V2_NAMES[name]}${member.kind === 'pydantic-v1-method' ? '()' : ''}` : 'none');
  return { name: member.kind === 'pydantic-v1-method' && called ? `${name}()` : name, replacement };
}

/** Receiver proof and grading for one file: its scopes, bindings and the repository's model classes. */
class FileAnalysis {
  private readonly resolver: ModelResolver;
  private readonly scopes = new Map<PyNode, Scope>();
  private readonly inferring = new Set<PyNode>();
  /** Each variable's type, once per scope (a recursion cut short is remembered as unknown: conservative). */
  private readonly nameTypes = new Map<Scope, Map<string, Ty>>();

  constructor(
    private readonly text: string,
    ast: PyNode,
    private readonly file: string,
    root: string | undefined,
  ) {
    this.resolver = new ModelResolver(modelIndexFor(root), file, summarizeModule(text, ast));
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

  // --- receiver proof ---

  /** Whether the receiver of `.name` is proven a pydantic 2 model, proven something else, or unknown. */
  prove(receiver: PyNode, name: string): Proof {
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
    if (nodeText(this.text, receiver.fields.function) !== 'super' || this.lookup('super', receiver)) return undefined;
    const method = this.enclosingMethod(receiver);
    if (!method) return UNKNOWN;
    const first = this.firstParameterTy(method.fn, method.classNode);
    return first ?? UNKNOWN;
  }

  private definesInChain(key: ClassKey, name: string, skipSelf: boolean): boolean {
    const { classes } = this.resolver.chain(key);
    return classes.some((entry, index) => !(skipSelf && index === 0) && entry.summary.members.includes(name));
  }

  // --- grading ---

  grade(member: PyNode, name: string, info: V1Member, call: PyNode | undefined, proof: Extract<Proof, { state: 'proven' }>): Grade {
    const chains = proof.classes.map((key) => ({ key, ...this.resolver.chain(key) }));
    const roots = new Set(chains.flatMap((chain) => [...chain.roots]));
    const defines = (method: string): boolean => chains.some((chain) => chain.classes.some((entry, index) => !(proof.skipSelf && index === 0) && entry.summary.members.includes(method)));
    // a library base other than the known roots may configure anything
    const readable = [...roots].every((root) => V2_ROOTS.has(root) || this.resolver.status({ external: root }) === 'not-model');
    /**
     * The configuration the nearest class of each chain sets for the first of `keys` it sets (`from_attributes`
     * beside its v1 name `orm_mode`): `undefined` when no class sets any, `null` when the chains cannot be read or
     * disagree.
     */
    const configOf = (...keys: string[]): string | undefined | null => {
      if (!readable) return null;
      const values = new Set<string | undefined>();
      for (const chain of chains) {
        if (chain.classes.some((entry) => entry.summary.configOpaque)) return null;
        const entry = chain.classes.find((candidate) => keys.some((key) => Object.hasOwn(candidate.summary.config, key)));
        const key = entry && keys.find((candidate) => Object.hasOwn(entry.summary.config, candidate));
        values.add(entry && key ? entry.summary.config[key] : undefined);
      }
      return values.size === 1 ? [...values][0] : null;
    };
    const plain = [...roots].every((root) => PLAIN_ROOTS.has(root));
    const sqlmodel = [...roots].some((root) => SQLMODEL_ROOTS.has(root));
    const unsupported: Grade = { reason: 'unsupported-form' };
    const rename = (extra: Omit<PydanticRewrite, 'member' | 'name'> = {}): PydanticRewrite => ({ member, name: PYDANTIC_V2_NAMES[name], ...extra });

    if (info.kind === 'pydantic-v1-attribute') {
      if (isWriteTarget(member)) return unsupported;
      if (info.on === 'instance' && proof.isClass) return unsupported;
      return { rewrite: rename() };
    }
    if (!call) return unsupported; // a method passed around uncalled: its later arguments cannot be checked
    if (info.on === 'instance' && proof.isClass) return unsupported; // `Model.dict(m)`
    const args = callArguments(this.text, call);
    if (!args) return unsupported;
    const { positional, keywords, listSplat, dictSplat } = args;
    const only = (allowed: string[]): boolean => [...keywords.keys()].every((keyword) => allowed.includes(keyword));

    switch (name) {
      case 'dict':
      case 'json': {
        // pydantic 2's `dict()`/`json()` take these keywords only (`json(encoder=…)`, `models_as_dict=`, json.dumps
        // keywords raise TypeError there); `skip_defaults` is v1's deprecated spelling of `exclude_unset`
        if (listSplat || positional.length > 0) return unsupported;
        if (!only(['include', 'exclude', 'by_alias', 'exclude_unset', 'exclude_defaults', 'exclude_none', 'skip_defaults'])) return unsupported;
        if (keywords.has('skip_defaults') && keywords.has('exclude_unset')) return unsupported;
        const renameKeywords = keywords.has('skip_defaults') ? [{ keyword: keywords.get('skip_defaults')!, name: 'exclude_unset' }] : [];
        // pydantic 2's `dict()` has no `skip_defaults` and `json()` passes it to json.dumps: both raise TypeError
        const repairs = keywords.has('skip_defaults') ? { raises: 'TypeError', because: `\`${name}()\` no longer takes \`skip_defaults\`` } : undefined;
        // `dict()` passes `by_alias=False`; since 2.11 `model_dump()` defaults to the config's `serialize_by_alias`
        const byAliasConfig = configOf('serialize_by_alias');
        const pinByAlias = !keywords.has('by_alias') && !dictSplat && byAliasConfig !== undefined;
        const unsafe = dictSplat || defines(name === 'dict' ? 'model_dump' : 'model_dump_json');
        return {
          unsafe,
          ...(repairs ? { repairs } : {}),
          rewrite: rename({ renameKeywords, ...(pinByAlias ? { append: { argumentList: args.list, arguments: ['by_alias=False'] } } : {}) }),
        };
      }
      case 'parse_obj':
      case 'validate': {
        const allowed = name === 'parse_obj' && sqlmodel ? ['update'] : [];
        if (listSplat || dictSplat || positional.length !== 1 || !only(allowed)) return unsupported;
        return { rewrite: rename() };
      }
      case 'construct':
        return { rewrite: rename() }; // `model_construct(_fields_set=None, **values)` has the same signature
      case 'schema': {
        if (listSplat || dictSplat || positional.length > 2 || !only(['by_alias', 'ref_template'])) return unsupported;
        return { rewrite: rename() };
      }
      case 'copy': {
        if (listSplat || dictSplat || positional.length > 0 || !only(['update', 'deep'])) return unsupported; // include/exclude
        const deep = keywords.has('deep') && nodeText(this.text, keywords.get('deep')!.fields.value!) !== 'False';
        const update = keywords.has('update');
        const extra = configOf('extra');
        const extraMayAllow = !plain || extra === null || (extra !== undefined && !/^(?:['"](?:forbid|ignore)['"]|Extra\.(?:forbid|ignore))$/.test(extra));
        const privateAttributes = chains.some((chain) => chain.classes.some((entry) => entry.summary.hasPrivate));
        const unsafe =
          defines('model_copy') || defines('__copy__') || defines('__deepcopy__') ||
          // the old copy deep-copied fields, extras and private attributes apart, and `update` values with them
          (deep && (!plain || privateAttributes || extraMayAllow || update)) ||
          // `model_copy(update=…)` puts unknown keys into the extras of an `extra="allow"` model
          (update && extraMayAllow);
        return { unsafe, rewrite: rename() };
      }
      case 'parse_raw':
        // `model_validate_json` parses and validates in JSON mode: JSON errors and strict-mode coercions differ
        if (listSplat || dictSplat || positional.length !== 1 || keywords.size > 0) return unsupported;
        return { unsafe: true, rewrite: rename() };
      case 'from_orm': {
        const allowed = sqlmodel ? ['update'] : [];
        if (listSplat || dictSplat || positional.length !== 1 || !only(allowed)) return unsupported;
        // pydantic 2's `from_orm` raises PydanticUserError unless the config sets `from_attributes` (v1's `orm_mode`
        // is ignored there); `model_validate(…, from_attributes=True)` does not: where the old call raises, the
        // rewrite is a repair, and where the config cannot be read, unsafe
        const fromAttributes = configOf('from_attributes');
        const proven = fromAttributes === 'True' || (fromAttributes === undefined && sqlmodel);
        const raises = !proven && fromAttributes !== null && !sqlmodel;
        const because = configOf('orm_mode') === 'True'
          ? "`from_orm()` needs `from_attributes=True`; pydantic 2 ignores v1's `orm_mode`"
          : '`from_orm()` needs `from_attributes=True` in the config';
        // an own `model_validate` was called without `from_attributes` and may not take it
        return {
          unsafe: (!proven && !raises) || defines('model_validate'),
          ...(raises ? { repairs: { raises: 'PydanticUserError', because } } : {}),
          rewrite: rename({ append: { argumentList: args.list, arguments: ['from_attributes=True'] } }),
        };
      }
      case 'update_forward_refs': {
        if (positional.length > 0 || keywords.size > 0 || listSplat || dictSplat) return unsupported; // localns is gone in pydantic 2
        // `model_rebuild` resolves names in its caller's frame too, and returns a value: identical only as a
        // statement at the top of the module that defines the class
        const statement = call.parent?.type === 'expression_statement' && this.scopeNode(call).type === 'module';
        const sameModule = proof.isClass && proof.classes.every((key) => !('external' in key) && key.file === this.file && key.start === undefined);
        return { unsafe: !(statement && sameModule), rewrite: rename({ append: { argumentList: args.list, arguments: ['force=True'] } }) };
      }
      case 'schema_json':
      case 'parse_file':
        return { reason: 'no-replacement' };
      default:
        return unsupported;
    }
  }

  // --- scopes ---

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
          if (node.fields.left?.type === 'identifier' && node.fields.right) add(nodeText(text, node.fields.left), { kind: 'for', iterable: node.fields.right });
          else if (node.fields.left) opaqueTargets(node.fields.left);
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
        if (left?.type === 'identifier' && right) add(nodeText(text, left), { kind: 'for', iterable: right });
        else if (left) opaqueTargets(left);
      }
    } else {
      owner.children.forEach(visit);
    }
  }

  /** The sites that bind `name` where `from` reads it, by Python's scoping rules (class scopes are not enclosing). */
  private lookup(name: string, from: PyNode): { scope: Scope; sites: Site[] } | undefined {
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
    const found = this.lookup(name, node);
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
    for (let current = this.scopeNode(node); current.type !== 'module'; current = this.scopeNode(current)) {
      if (current.type === 'function_definition') {
        const classNode = methodClass(current);
        return classNode ? { fn: current, classNode } : undefined;
      }
    }
    return undefined;
  }

  private classKeyOf(classNode: PyNode): ClassKey {
    const name = classNode.fields.name ? nodeText(this.text, classNode.fields.name) : '';
    if (this.scopeNode(classNode).type === 'module') {
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
      const found = this.lookup(name, node);
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

/** The class whose body defines a function directly (a method), if any. */
function methodClass(fn: PyNode): PyNode | undefined {
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

/** Whether the attribute is assigned to or deleted (`m.__fields_set__ = …`, `del M.__fields__`). */
function isWriteTarget(node: PyNode): boolean {
  let current = node;
  while (current.parent && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(current.parent.type)) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && current.fieldName === 'left') return true;
  return parent.type === 'delete_statement';
}

interface CallArguments {
  list: PyNode;
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  listSplat: boolean;
  dictSplat: boolean;
}

/** The names of a call's keyword arguments. */
function keywordNames(text: string, call: PyNode): string[] {
  const list = call.fields.arguments;
  if (list?.type !== 'argument_list') return [];
  return namedChildren(list).flatMap((argument) => (argument.type === 'keyword_argument' && argument.fields.name ? [nodeText(text, argument.fields.name)] : []));
}

/** The arguments of a call; undefined for a generator argument (`f(x for x in y)`). */
function callArguments(text: string, call: PyNode): CallArguments | undefined {
  const list = call.fields.arguments;
  if (list?.type !== 'argument_list') return undefined;
  const result: CallArguments = { list, positional: [], keywords: new Map(), listSplat: false, dictSplat: false };
  for (const argument of namedChildren(list)) {
    if (argument.type === 'keyword_argument' && argument.fields.name) result.keywords.set(nodeText(text, argument.fields.name), argument);
    else if (argument.type === 'list_splat') result.listSplat = true;
    else if (argument.type === 'dictionary_splat') result.dictSplat = true;
    else result.positional.push(argument);
  }
  return result;
}
