/**
 * The py-utcnow rewrite (CONTRACT §9, Python): `datetime.utcnow()` and `datetime.utcfromtimestamp(ts)` (called,
 * or passed uncalled as a factory) become their timezone-aware forms, together with the import the new form needs.
 *
 *   naive (default, safe):   datetime.now(timezone.utc).replace(tzinfo=None)
 *                            datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None)
 *   aware (unsafe):          datetime.now(timezone.utc), datetime.fromtimestamp(ts, tz=timezone.utc)
 *   references:              lambda: <the call form>   (lambda ts: … for utcfromtimestamp)
 *
 * CPython computes `utcnow()` as `_fromtimestamp(time.time(), utc=True, tz=None)` and `now(timezone.utc)` as the same
 * conversion followed by `timezone.utc.fromutc`, a zero shift; `utcfromtimestamp(ts)` and
 * `fromtimestamp(ts, timezone.utc)` share one gmtime conversion (same rounding, same errors for the same inputs).
 * Dropping the tzinfo again gives the very same naive value, so the naive form is safe. The aware form is not:
 * comparing it with naive datetimes raises, and `isoformat()` gains `+00:00`.
 *
 * Edits are minimal: the method name, a text inserted into the parentheses, `.replace(tzinfo=None)` appended; the
 * receiver (`datetime`, `dt.datetime`, an alias) and the arguments are never reprinted.
 */
import { nodeText, type PyNode } from './syntax.js';
import type { TextEdit } from '../edit.js';
import { addNameToFromImport, importedElements, importedNameOf } from './imports.js';
import type { PyBinding, PyResolution, PyScope, PyScopes } from './scopes.js';

export type UtcnowStyle = 'naive' | 'aware';

export type UtcnowMethod = 'utcnow' | 'utcfromtimestamp';

export const UTCNOW_METHODS: readonly UtcnowMethod[] = ['utcnow', 'utcfromtimestamp'];

/** What `from datetime import *` binds (`datetime.__all__`; `UTC` since 3.11). */
const DATETIME_EXPORTS = new Set(['date', 'datetime', 'time', 'timedelta', 'timezone', 'tzinfo', 'MINYEAR', 'MAXYEAR', 'UTC']);

/** The `datetime` class as the code names it. */
export interface DatetimeReceiver {
  /** `class`: a name bound by `from datetime import datetime [as X]` (or `*`); `module`: `M.datetime` under `import datetime [as M]`. */
  form: 'class' | 'module';
  /** The identifier the receiver starts with: the class name, or the module name. */
  root: PyNode;
  /** Where `root` resolves. */
  resolution: PyResolution;
}

/**
 * Whether `receiver` (the object of `….utcnow`) is the standard library's `datetime` class at this point of the
 * file: every binding of its name in the scope it resolves to must be that import (any other binding — a
 * parameter, an assignment, a class or function of the project, a star import of another module — may shadow it,
 * so the call is not a finding).
 */
export function datetimeReceiver(scopes: PyScopes, text: string, receiver: PyNode): DatetimeReceiver | undefined {
  if (receiver.type === 'identifier') {
    const resolution = scopes.resolve(receiver, nodeText(text, receiver));
    return resolution && isOnly(resolution, (binding) => importsFromDatetime(binding, 'datetime'))
      ? { form: 'class', root: receiver, resolution }
      : undefined;
  }
  if (receiver.type === 'attribute' && receiver.fields.object?.type === 'identifier' && nodeText(text, receiver.fields.attribute) === 'datetime') {
    const root = receiver.fields.object;
    const resolution = scopes.resolve(root, nodeText(text, root));
    return resolution && isOnly(resolution, isDatetimeModuleImport) ? { form: 'module', root, resolution } : undefined;
  }
  return undefined;
}

/** Every binding of the name is such an import, and one of them exists at run time (not only for type checkers). */
function isOnly(resolution: PyResolution, isImport: (binding: PyBinding) => boolean): boolean {
  return resolution.bindings.every(isImport) && resolution.bindings.some((binding) => !binding.typeCheckingOnly);
}

/** `from datetime import <name>`, or `from datetime import *` for a name it exports. */
function importsFromDatetime(binding: PyBinding, name: string): boolean {
  if (binding.origin?.module !== 'datetime') return false;
  if (binding.kind === 'wildcard-import') return DATETIME_EXPORTS.has(name);
  return binding.kind === 'import' && binding.origin.name === name;
}

function isDatetimeModuleImport(binding: PyBinding): boolean {
  return binding.kind === 'import' && binding.origin?.module === 'datetime' && binding.origin.name === undefined;
}

export interface UtcnowSite {
  /** The reported node: the call, or the uncalled `….utcnow` attribute. */
  node: PyNode;
  /** The `….utcnow` attribute. */
  attribute: PyNode;
  method: UtcnowMethod;
  called: boolean;
  receiver: DatetimeReceiver;
}

export interface UtcnowOptions {
  style: UtcnowStyle;
  /** The project's Python is ≥ 3.11: `UTC` instead of `timezone.utc`. */
  useUtcAlias: boolean;
}

export type UtcnowRewrite =
  | { edits: TextEdit[]; replacement: string }
  | { reason: 'unsupported-form' | 'name-conflict'; replacement: string };

/** The edits of one finding: the call or reference, and the import its new form needs (all in one fix). */
export function rewriteUtcnow(text: string, scopes: PyScopes, site: UtcnowSite, options: UtcnowOptions): UtcnowRewrite {
  const receiverText = nodeText(text, site.attribute.fields.object);
  const timezone = planTimezone(text, scopes, site, options);
  const replacement = replacementText(text, site, receiverText, timezone.expression, options.style);
  if ('reason' in timezone) return { reason: timezone.reason, replacement };

  const method = site.attribute.fields.attribute!;
  const rename: TextEdit = { start: method.range[0], end: method.range[1], text: site.method === 'utcnow' ? 'now' : 'fromtimestamp' };
  const naiveTail = options.style === 'naive' ? '.replace(tzinfo=None)' : '';

  if (!site.called) {
    if (!lambdaFits(scopes, site.node) || !visibleFromLambda(site, timezone.scope)) return { reason: 'unsupported-form', replacement };
    const parameter = site.method === 'utcfromtimestamp' ? lambdaParameter(receiverText, timezone.expression) : '';
    const callArguments = site.method === 'utcnow' ? `(${timezone.expression})` : `(${parameter}, tz=${timezone.expression})`;
    return {
      edits: [
        ...timezone.edits,
        { start: site.node.range[0], end: site.node.range[0], text: parameter ? `lambda ${parameter}: ` : 'lambda: ' },
        rename,
        { start: site.node.range[1], end: site.node.range[1], text: `${callArguments}${naiveTail}` },
      ],
      replacement,
    };
  }

  const argumentList = site.node.fields.arguments;
  if (argumentList?.type !== 'argument_list') return { reason: 'unsupported-form', replacement };
  const callArguments = argumentList.children.filter((child) => child.type !== 'comment');
  const callEdits: TextEdit[] = [rename];
  if (site.method === 'utcnow') {
    // utcnow() takes no arguments: any argument already raises, and the rewrite must not hide that.
    if (callArguments.length > 0) return { reason: 'unsupported-form', replacement };
    callEdits.push({ start: argumentList.range[0] + 1, end: argumentList.range[0] + 1, text: timezone.expression });
  } else {
    // utcfromtimestamp takes exactly one positional argument (no keywords, no unpacking, which it would reject).
    const [timestamp] = callArguments;
    if (callArguments.length !== 1 || ['keyword_argument', 'list_splat', 'dictionary_splat', 'parenthesized_list_splat'].includes(timestamp.type)) {
      return { reason: 'unsupported-form', replacement };
    }
    callEdits.push({ start: timestamp.range[1], end: timestamp.range[1], text: `, tz=${timezone.expression}` });
  }
  if (naiveTail) callEdits.push({ start: site.node.range[1], end: site.node.range[1], text: naiveTail });
  return { edits: [...timezone.edits, ...callEdits], replacement };
}

type TimezonePlan =
  | { expression: string; edits: TextEdit[]; scope: PyScope }
  | { expression: string; reason: 'unsupported-form' | 'name-conflict' };

/**
 * How the new form names UTC, and the import edit that needs (if any):
 * - under `import datetime [as M]`: `M.timezone.utc` / `M.UTC`, nothing to import;
 * - an existing import of `timezone` or `UTC` (aliases too) that surely runs before the call is reused;
 * - else the name is added to the statement that imports the class, unless it is already bound to something else.
 */
function planTimezone(text: string, scopes: PyScopes, site: UtcnowSite, options: UtcnowOptions): TimezonePlan {
  const wanted = options.useUtcAlias ? 'UTC' : 'timezone';
  const expressionOf = (name: string, origin: string): string => (origin === 'UTC' ? name : `${name}.utc`);
  const { receiver } = site;
  if (receiver.form === 'module') {
    return { expression: `${nodeText(text, receiver.root)}.${expressionOf(wanted, wanted)}`, edits: [], scope: receiver.resolution.scope };
  }

  // An uncalled `datetime.utcnow` becomes a lambda, whose body does not see a class body it sits in.
  const resolve = (name: string) => scopes.resolve(site.node, name, !site.called);
  const origins = options.useUtcAlias ? ['UTC', 'timezone'] : ['timezone', 'UTC'];
  for (const origin of origins) {
    for (const name of candidateNames(scopes, site.node, origin)) {
      const resolution = resolve(name);
      if (resolution && isReusable(resolution, origin, site.node, options)) {
        return { expression: expressionOf(name, origin), edits: [], scope: resolution.scope };
      }
    }
  }

  const expression = expressionOf(wanted, wanted);
  const existing = resolve(wanted);
  if (existing) {
    // Only other imports of the same object may stand there, and not in a scope nearer than the class import's
    // (where the name added to that import would not be seen).
    const sameObject = existing.bindings.every((binding) => importsFromDatetime(binding, wanted));
    if (!sameObject || !isSameOrOuter(existing.scope, receiver.resolution.scope)) return { expression, reason: 'name-conflict' };
  }
  const runtimeBindings = receiver.resolution.bindings.filter((binding) => !binding.typeCheckingOnly);
  // A star import cannot take one more name (and would have bound `timezone` itself).
  if (runtimeBindings.some((binding) => binding.kind !== 'import' || binding.statement.type !== 'import_from_statement')) {
    return { expression, reason: 'unsupported-form' };
  }
  const statements = runtimeBindings.map((binding) => binding.statement);
  const edits = [...new Set(statements)]
    .filter((statement) => !importedElements(statement).some((element) => element.type === 'dotted_name' && importedNameOf(text, element) === wanted))
    .flatMap((statement) => addNameToFromImport(text, statement, wanted));
  return { expression, edits, scope: receiver.resolution.scope };
}

/** Local names that may hold `datetime.<origin>`: the alias of every such import in the scopes visible from the site. */
function candidateNames(scopes: PyScopes, site: PyNode, origin: string): string[] {
  const names = new Set<string>();
  for (let scope: PyScope | undefined = scopes.scopeOf(site); scope; scope = scope.parent) {
    for (const [name, bindings] of scope.bindings) {
      if (bindings.some((binding) => binding.kind === 'import' && binding.origin?.module === 'datetime' && binding.origin.name === origin)) names.add(name);
    }
    if (scope.wildcards.some((wildcard) => wildcard.origin?.module === 'datetime')) names.add(origin);
  }
  return [...names].sort();
}

/**
 * An import is reused only when every binding of the name is `datetime.<origin>` and one of them surely runs
 * before the site: unconditional in its scope, not under `if TYPE_CHECKING:`, earlier in the file.
 */
function isReusable(resolution: PyResolution, origin: string, site: PyNode, options: UtcnowOptions): boolean {
  if (!resolution.bindings.every((binding) => importsFromDatetime(binding, origin))) return false;
  // A star import binds UTC only on Python ≥ 3.11.
  if (origin === 'UTC' && resolution.bindings.some((binding) => binding.kind === 'wildcard-import') && !options.useUtcAlias) return false;
  return resolution.bindings.some(
    (binding) => !binding.conditional && !binding.typeCheckingOnly && binding.statement.range[1] <= site.range[0],
  );
}

function isSameOrOuter(candidate: PyScope, scope: PyScope): boolean {
  for (let current: PyScope | undefined = scope; current; current = current.parent) if (current === candidate) return true;
  return false;
}

/**
 * A lambda is inserted only where it cannot swallow a neighbour: as an argument, an assigned value, a default, a
 * dict value, a returned value, an element of a list/tuple/set, inside parentheses. Elsewhere (`f is
 * datetime.utcnow`, `datetime.utcnow if c else g`, `datetime.utcnow.__name__`) the reference is not a factory.
 * Nor where the value may become a class attribute: a lambda there is a function, so `self.now()` would bind it
 * as a method and pass `self`, where the builtin `datetime.utcnow` stays unbound.
 */
function lambdaFits(scopes: PyScopes, reference: PyNode): boolean {
  const parent = reference.parent;
  if (!parent) return false;
  // `now = datetime.utcnow`, `a, now = x, (datetime.utcnow)`: the value lands in the assignment's targets.
  let value = reference;
  while (value.parent && ['parenthesized_expression', 'expression_list', 'tuple'].includes(value.parent.type)) value = value.parent;
  if (value.parent?.type === 'assignment' && value.fieldName === 'right' && !assignsNamesOutsideClass(scopes, value.parent)) return false;
  switch (parent.type) {
    case 'argument_list':
    case 'parenthesized_expression':
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
    case 'return_statement':
      return true;
    case 'keyword_argument':
    case 'pair':
    case 'default_parameter':
    case 'typed_default_parameter':
      return reference.fieldName === 'value';
    case 'assignment':
      return reference.fieldName === 'right';
    default:
      return false;
  }
}

/** `a = b = …` to plain names, not in a class body (`Cls.now = …`, `class C: now = …` may bind a method). */
function assignsNamesOutsideClass(scopes: PyScopes, assignment: PyNode): boolean {
  const plainTarget = (target: PyNode): boolean =>
    target.type === 'identifier' || (['pattern_list', 'tuple_pattern', 'list_pattern'].includes(target.type) && target.children.every(plainTarget));
  for (let current: PyNode | undefined = assignment; current?.type === 'assignment'; current = current.parent ?? undefined) {
    if (!current.fields.left || !plainTarget(current.fields.left)) return false;
    if (current.parent?.type !== 'assignment') return scopes.scopeOf(current).kind !== 'class';
  }
  return false;
}

/** A lambda's body skips class scopes: the names it uses must not be bound in a class body. */
function visibleFromLambda(site: UtcnowSite, timezoneScope: PyScope): boolean {
  return site.receiver.resolution.scope.kind !== 'class' && timezoneScope.kind !== 'class';
}

/** The lambda parameter of a utcfromtimestamp reference: `ts`, unless the body uses that name. */
function lambdaParameter(receiverText: string, timezoneExpression: string): string {
  const used = new Set([receiverText.split('.')[0], timezoneExpression.split('.')[0]]);
  return ['ts', 'timestamp', 'ts_'].find((name) => !used.has(name))!;
}

/** The message's `{{replacement}}`: the new form as it will read (a long timestamp argument shortened). */
function replacementText(text: string, site: UtcnowSite, receiverText: string, timezone: string, style: UtcnowStyle): string {
  const tail = style === 'naive' ? '.replace(tzinfo=None)' : '';
  if (site.method === 'utcnow') {
    const call = `${receiverText}.now(${timezone})${tail}`;
    return site.called ? call : `lambda: ${call}`;
  }
  if (site.called) {
    const argument = site.node.fields.arguments?.children.find((child) => child.type !== 'comment');
    const argumentText = argument ? nodeText(text, argument).replace(/\s+/g, ' ') : 'ts';
    return `${receiverText}.fromtimestamp(${argumentText.length > 30 ? '…' : argumentText}, tz=${timezone})${tail}`;
  }
  const parameter = lambdaParameter(receiverText, timezone);
  return `lambda ${parameter}: ${receiverText}.fromtimestamp(${parameter}, tz=${timezone})${tail}`;
}
