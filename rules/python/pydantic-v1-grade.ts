/**
 * The grade of one `py-pydantic-v1` site on a proven pydantic 2 model: by the arguments the call carries and the
 * configuration the model's classes set, whether the v2 method is a safe rewrite, an unsafe one, a repair of a call
 * that fails on pydantic 2, or no rewrite at all — and the rewrite itself (`transforms/python/pydantic.ts` makes the
 * edits).
 */
import type { ReasonId } from '../kinds.js';
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { PYDANTIC_V2_NAMES, type PydanticRewrite } from '../../transforms/python/pydantic.js';
import { PLAIN_ROOTS, SQLMODEL_ROOTS, V2_ROOTS } from './model-roots.js';
import type { V1Member } from './pydantic-v1-members.js';
import type { Proof, ReceiverProof } from './receiver-proof.js';
import { namedChildren } from './syntax-readers.js';

export interface Grade {
  reason?: ReasonId;
  unsafe?: boolean;
  /** The old call fails on pydantic 2: which exception, and why (`dict()` no longer takes `skip_defaults`). */
  repairs?: { raises: string; because: string };
  rewrite?: PydanticRewrite;
}

/** Grades the v1 `member` (`.name`, called by `call` if any) on a receiver the proof found a pydantic 2 model. */
export function gradeV1Member(
  analysis: ReceiverProof,
  member: PyNode,
  name: string,
  info: V1Member,
  call: PyNode | undefined,
  proof: Extract<Proof, { state: 'proven' }>,
): Grade {
  const chains = proof.classes.map((key) => ({ key, ...analysis.resolver.chain(key) }));
  const roots = new Set(chains.flatMap((chain) => [...chain.roots]));
  const defines = (method: string): boolean => chains.some((chain) => chain.classes.some((entry, index) => !(proof.skipSelf && index === 0) && entry.summary.members.includes(method)));
  // a library base other than the known roots may configure anything
  const readable = [...roots].every((root) => V2_ROOTS.has(root) || analysis.resolver.status({ external: root }) === 'not-model');
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
  const args = callArguments(analysis.text, call);
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
      const deep = keywords.has('deep') && nodeText(analysis.text, keywords.get('deep')!.fields.value!) !== 'False';
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
      const statement = call.parent?.type === 'expression_statement' && analysis.sites.scopeNode(call).type === 'module';
      const sameModule = proof.isClass && proof.classes.every((key) => !('external' in key) && key.file === analysis.file && key.start === undefined);
      return { unsafe: !(statement && sameModule), rewrite: rename({ append: { argumentList: args.list, arguments: ['force=True'] } }) };
    }
    case 'schema_json':
    case 'parse_file':
      return { reason: 'no-replacement' };
    default:
      return unsupported;
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
export function keywordNames(text: string, call: PyNode): string[] {
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
