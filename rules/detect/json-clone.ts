import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Detector } from '../util/detector.js';
import { isGlobalAvailable, isGlobalMember } from '../util/globals.js';
import ts = require('typescript'); // require: see src/project.ts
import { someNodeAround, type CandidateTest } from '../util/candidate.js';
import { skipParentheses } from '../../transforms/bindings.js';

/**
 * `JSON.parse(JSON.stringify(x))`, the lossy deep clone, with the global `JSON` and no reviver or replacer
 * (with one, the round trip is a transformation, not a clone). The fix is unsafe: `structuredClone` keeps
 * Dates, Maps and `undefined`, ignores `toJSON()` and throws on functions.
 */
export const detectJsonClone: Detector = (context, report) => ({
  CallExpression(node) {
    if (node.optional || !isGlobalMember(context, node.callee, 'JSON', 'parse') || node.arguments.length !== 1) return;
    const inner = node.arguments[0];
    if (!isCallWithOneValue(inner) || !isGlobalMember(context, inner.callee, 'JSON', 'stringify')) return;
    // A local `structuredClone` would be called instead of the global one.
    const reason = isGlobalAvailable(context, node, 'structuredClone') ? undefined : 'unsupported-form';
    report({ node, kind: 'json-roundtrip-clone', reason });
  },
});

/** A call with one plain argument (the callee is checked by the caller). */
function isCallWithOneValue(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    !node.optional &&
    node.arguments.length === 1 &&
    node.arguments[0].type !== AST_NODE_TYPES.SpreadElement
  );
}

/** Where `json-roundtrip-clone` can report: a `JSON.parse(…)` call whose first argument is a `JSON.stringify(…)` call. */
export const jsonCloneCandidate: CandidateTest = (sourceFile) => {
  // Parentheses anywhere in `(JSON).parse` or `(JSON.parse)(…)` are gone in the detector's ESTree.
  const isJsonCall = (node: ts.Node, method: string): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const callee = skipParentheses(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return false;
    const object = skipParentheses(callee.expression);
    return ts.isIdentifier(object) && object.text === 'JSON';
  };
  return someNodeAround(sourceFile, 'parse', (node) => {
    if (!isJsonCall(node, 'parse')) return false;
    const [first] = node.arguments;
    return first !== undefined && isJsonCall(skipParentheses(first), 'stringify');
  });
};
