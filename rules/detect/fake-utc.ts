import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { KindId, ReasonId } from '../kinds.js';
import type { Detector } from '../util/detector.js';
import { isDateConstruction, isGlobalMember } from '../util/globals.js';
import type { Proof } from '../../transforms/type-proofs.js';
import { dateProofOf, typeServicesOf } from '../util/type-services.js';
import { wordInNewArguments, type CandidateTest } from '../util/candidate.js';

/**
 * Dates faked into "UTC", all inside `new Date(…)` with the global Date:
 *   fake-utc-offset   new Date(base ± d.getTimezoneOffset() * 60000)       base: Date.now(), d.getTime(), +d, d.valueOf()
 *   fake-utc-locale   new Date(x.toLocaleString(locale, { timeZone: 'UTC' }))
 *   naive-iso-parse   new Date(d.toISOString().slice(0, -1))  (and `.replace('Z', '')`, `.replace(/Z$/, '')`,
 *                     `.substring(0, 23)`, `.split('Z')[0]`)
 * Every Date the pattern reads must be one: `new Date(…)`/`Date.now()` by syntax, or by type. A proven non-Date
 * (a moment or dayjs object has `toISOString()` too) is not a finding; an unknown one is, with `unresolved-type`.
 */

/** Where each kind can report: the detector looks only inside `new Date(…)`, at a call of the kind's method. */
export const fakeUtcCandidates = {
  'fake-utc-offset': wordInNewArguments('getTimezoneOffset'),
  'fake-utc-locale': wordInNewArguments('toLocaleString'),
  'naive-iso-parse': wordInNewArguments('toISOString'),
} satisfies Partial<Record<KindId, CandidateTest>>;

const MS_PER_MINUTE = 60_000;
const UTC_ZONES = /^(etc\/)?(utc|gmt|uct|zulu)$/i;

/** What the offset or string operation was applied to, and whether the pattern is complete enough to rewrite. */
interface Match {
  kind: KindId;
  /** Expressions that must be Dates for this to be the deprecated pattern (not proven by syntax yet). */
  dates: TSESTree.Expression[];
  reason?: ReasonId;
}

export const detectFakeUtc: Detector = (context, report) => {
  const services = typeServicesOf(context);

  function proofOf(node: TSESTree.Expression): Proof {
    return isDateConstruction(context, node) ? 'yes' : dateProofOf(services, node);
  }

  /** `d.getTimezoneOffset() * 60000` in any factor order (`* 60 * 1000`, `60_000`, `60e3`). */
  function timezoneOffsetReceiver(node: TSESTree.Node): TSESTree.Expression | undefined {
    const factors = multiplicationFactors(node);
    const calls = factors.filter((factor) => isMethodCall(factor, 'getTimezoneOffset', 0));
    if (calls.length !== 1) return undefined;
    const constants = factors.filter((factor) => factor !== calls[0]).map(numericValue);
    if (constants.some((value) => value === undefined)) return undefined;
    const product = constants.reduce<number>((total, value) => total * (value as number), 1);
    return product === MS_PER_MINUTE ? receiverOf(calls[0] as TSESTree.CallExpression) : undefined;
  }

  /** The Date a time-value expression reads: `Date.now()` (none needed), `d.getTime()`, `d.valueOf()`, `+d`. */
  function timeValueBase(node: TSESTree.Node): { date?: TSESTree.Expression } | undefined {
    if (node.type === AST_NODE_TYPES.CallExpression && !node.optional && node.arguments.length === 0 && isGlobalMember(context, node.callee, 'Date', 'now')) {
      return {};
    }
    if (isMethodCall(node, 'getTime', 0) || isMethodCall(node, 'valueOf', 0)) return { date: receiverOf(node) };
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '+') return { date: node.argument };
    return undefined;
  }

  function matchOffset(argument: TSESTree.Node): Match | undefined {
    if (argument.type !== AST_NODE_TYPES.BinaryExpression || (argument.operator !== '+' && argument.operator !== '-')) return undefined;
    const orders: [TSESTree.Node, TSESTree.Node][] = [[argument.left, argument.right]];
    if (argument.operator === '+') orders.push([argument.right, argument.left]);
    for (const [baseNode, offsetNode] of orders) {
      const base = timeValueBase(baseNode);
      const offsetDate = timezoneOffsetReceiver(offsetNode);
      if (base && offsetDate) return { kind: 'fake-utc-offset', dates: base.date ? [base.date, offsetDate] : [offsetDate] };
    }
    return undefined;
  }

  function matchLocale(argument: TSESTree.Node): Match | undefined {
    if (!isMethodCall(argument, 'toLocaleString', 2)) return undefined;
    const options = argument.arguments[1];
    if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    let zone: string | undefined;
    for (const property of options.properties) {
      if (property.type !== AST_NODE_TYPES.Property) return undefined; // a spread may set timeZone too
      const key = property.computed ? undefined : propertyName(property.key);
      if (key === 'timeZone') zone = property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string' ? property.value.value : '';
    }
    if (zone === undefined || !UTC_ZONES.test(zone)) return undefined;
    return { kind: 'fake-utc-locale', dates: [receiverOf(argument)] };
  }

  function matchIsoStrip(argument: TSESTree.Node): Match | undefined {
    const strip = zStripOperand(argument);
    if (!strip || !isMethodCall(strip.operand, 'toISOString', 0)) return undefined;
    const date = (strip.operand.callee as TSESTree.MemberExpression).object;
    // `.slice(0, 19)` also drops the milliseconds on purpose: `new Date(d)` would keep them.
    return { kind: 'naive-iso-parse', dates: [date], reason: strip.onlyTheZ ? undefined : 'unsupported-form' };
  }

  return {
    NewExpression(node) {
      if (!isDateConstruction(context, node) || node.arguments.length !== 1) return;
      const [argument] = node.arguments;
      const match = matchOffset(argument) ?? matchLocale(argument) ?? matchIsoStrip(argument);
      if (!match) return;
      const proofs = match.dates.map(proofOf);
      if (proofs.includes('no')) return;
      const reason = proofs.includes('unknown') ? 'unresolved-type' : match.reason;
      report({ node, kind: match.kind, reason });
    },
  };
};

/**
 * The string an operation cuts the trailing `Z` from: `.slice(0, -1)`, `.slice/substring/substr(0, 23)`,
 * `.replace('Z', '')`, `.replace(/Z$/, '')`, `.replaceAll('Z', '')`, `.split('Z')[0]`; `onlyTheZ` is false
 * for `(0, 16)` and `(0, 19)`, which cut the seconds or milliseconds as well.
 */
function zStripOperand(node: TSESTree.Node): { operand: TSESTree.Expression; onlyTheZ: boolean } | undefined {
  if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && !node.optional && numericValue(node.property) === 0) {
    const split = node.object;
    if (isMethodCall(split, 'split', 1) && stringValue(split.arguments[0]) === 'Z') return { operand: receiverOf(split), onlyTheZ: true };
    return undefined;
  }
  if (isMethodCall(node, 'slice', 2) && numericValue(node.arguments[0]) === 0 && numericValue(node.arguments[1]) === -1) {
    return { operand: receiverOf(node), onlyTheZ: true };
  }
  const truncation = truncationLength(node);
  if (truncation === 23) return { operand: receiverOf(node as TSESTree.CallExpression), onlyTheZ: true };
  if (truncation === 16 || truncation === 19) return { operand: receiverOf(node as TSESTree.CallExpression), onlyTheZ: false };
  if ((isMethodCall(node, 'replace', 2) || isMethodCall(node, 'replaceAll', 2)) && stringValue(node.arguments[1]) === '') {
    const pattern = node.arguments[0];
    const isZ =
      stringValue(pattern) === 'Z' ||
      (pattern.type === AST_NODE_TYPES.Literal && 'regex' in pattern && /^Z\$?$/.test(pattern.regex.pattern) && !pattern.regex.flags.includes('y'));
    return isZ ? { operand: receiverOf(node), onlyTheZ: true } : undefined;
  }
  return undefined;
}

function receiverOf(call: TSESTree.CallExpression): TSESTree.Expression {
  return (call.callee as TSESTree.MemberExpression).object;
}

/** `n` of `.slice(0, n)`, `.substring(0, n)` or `.substr(0, n)` for a positive literal n. */
function truncationLength(node: TSESTree.Node): number | undefined {
  const isTruncation = ['slice', 'substring', 'substr'].some((method) => isMethodCall(node, method, 2));
  if (!isTruncation) return undefined;
  const [start, length] = (node as TSESTree.CallExpression).arguments;
  return numericValue(start) === 0 ? numericValue(length) : undefined;
}

function isMethodCall(node: TSESTree.Node, method: string, argumentCount: number): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    !node.optional &&
    node.arguments.length === argumentCount &&
    node.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement) &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    !node.callee.computed &&
    !node.callee.optional &&
    node.callee.property.type === AST_NODE_TYPES.Identifier &&
    node.callee.property.name === method
  );
}

/** Operands of a `*` chain (`a * 60 * 1000` is `(a * 60) * 1000`). */
function multiplicationFactors(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '*') {
    return [...multiplicationFactors(node.left), ...multiplicationFactors(node.right)];
  }
  return [node];
}

/** A numeric literal's value, with a leading `-` allowed. */
function numericValue(node: TSESTree.Node): number | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return node.value;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '-') {
    const value = numericValue(node.argument);
    return value === undefined ? undefined : -value;
  }
  return undefined;
}

function stringValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function propertyName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return stringValue(key);
}
