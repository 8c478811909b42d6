import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { KindId, ReasonId } from '../kinds.js';
import type { Detector } from '../util/detector.js';
import { isDateConstruction } from '../util/globals.js';
import { isStandardDateMember, type Proof } from '../../transforms/type-proofs.js';
import { dateProofOf, typeServicesOf } from '../util/type-services.js';

/**
 * Annex B Date methods: `toGMTString()`, `getYear()`, `setYear()`. The names are only deprecated on a Date, so
 * the receiver's type decides: a proven Date is a finding with a fix, an unknown one (`any`, no program) a
 * finding with reason `unresolved-type`, a proven non-Date (a class with its own `getYear`) no finding at all.
 * TypeScript's lib does not declare these methods, so the call itself never resolves; only the receiver can.
 */

const ANNEX_B_METHODS = new Map<string, { kind: KindId; replacement: string }>([
  ['toGMTString', { kind: 'annexb-togmtstring', replacement: 'toUTCString' }],
  ['getYear', { kind: 'annexb-getyear', replacement: 'getFullYear' }],
  ['setYear', { kind: 'annexb-setyear', replacement: 'setFullYear' }],
]);

export const detectAnnexB: Detector = (context, report) => {
  const services = typeServicesOf(context);

  /** Is the receiver a Date whose `method` is Date.prototype's, and is its `replacement` Date.prototype's too? */
  function receiverProof(receiver: TSESTree.Expression, method: string, replacement: string): Proof | 'own-replacement' {
    if (isDateConstruction(context, receiver)) return 'yes';
    const proof = dateProofOf(services, receiver);
    if (proof !== 'yes' || !services.checker) return proof;
    const tsReceiver = services.tsNode(receiver) as ts.Expression;
    if (!isStandardDateMember(services.checker, tsReceiver, method)) return 'no';
    return isStandardDateMember(services.checker, tsReceiver, replacement) ? 'yes' : 'own-replacement';
  }

  function reasonFor(kind: KindId, call: TSESTree.CallExpression): ReasonId | undefined {
    if (kind === 'annexb-getyear' && inShortCircuitingChain(call)) {
      // `d?.getYear()` is undefined for a nullish d, `d?.getFullYear() - 1900` is NaN.
      return 'unsupported-form';
    }
    if (kind === 'annexb-setyear') {
      // setFullYear reads a second argument as the month; setYear ignores it.
      if (call.arguments.length > 1) return 'unsupported-form';
      const [year] = call.arguments;
      // setYear maps 0–99 to 1900–1999; only a literal proves the year is outside that range.
      const isLiteralYear = year?.type === AST_NODE_TYPES.Literal && typeof year.value === 'number' && year.value >= 100;
      if (!isLiteralYear) return 'setyear-non-literal';
    }
    return undefined;
  }

  return {
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return;
      const method = ANNEX_B_METHODS.get(callee.property.name);
      if (!method) return;
      const proof = receiverProof(callee.object, callee.property.name, method.replacement);
      if (proof === 'no') return;
      if (proof === 'unknown') return report({ node, kind: method.kind, reason: 'unresolved-type' });
      if (proof === 'own-replacement') return report({ node, kind: method.kind, reason: 'unsupported-form' });
      report({ node, kind: method.kind, reason: reasonFor(method.kind, node) });
    },
  };
};

/** The call is skipped when something before it in the chain is nullish (`a?.d.getYear()`, `d?.getYear()`). */
function inShortCircuitingChain(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  for (;;) {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (node.optional) return true;
      node = node.callee;
    } else if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.optional) return true;
      node = node.object;
    } else if (node.type === AST_NODE_TYPES.TSNonNullExpression) {
      node = node.expression;
    } else {
      return false;
    }
  }
}
