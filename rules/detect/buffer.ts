import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import ts = require('typescript'); // require: see src/project.ts
import type { Detector } from '../util/detector.js';
import { someNodeAround, type CandidateTest } from '../util/candidate.js';
import { skipParentheses } from '../../transforms/bindings.js';
import { isBufferCreation, isNodeBufferReference } from '../util/globals.js';
import { classifyBufferArgument, mayBeNodeBuffer, nodeBufferProof, subarrayFitsContext } from '../../transforms/type-proofs.js';
import { typeServicesOf } from '../util/type-services.js';

/**
 * Node's deprecated Buffer APIs:
 *   buffer-constructor   `new Buffer(x)` / `Buffer(x)` (global, or imported from `buffer`/`node:buffer`)
 *   buffer-slice         `b.slice(…)` on a Node Buffer
 *
 * Node's constructor is `typeof x === 'number' ? Buffer.alloc(x) : Buffer.from(x, …rest)`, so the argument's
 * type picks the replacement and an unknown one (`any`, a union with number, no program) has none.
 */
export const detectBuffer: Detector = (context, report) => {
  const services = typeServicesOf(context);

  function reportConstructor(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
    const name = node.type === AST_NODE_TYPES.NewExpression ? `new ${context.sourceCode.getText(node.callee)}()` : `${context.sourceCode.getText(node.callee)}()`;
    const detection = { node, kind: 'buffer-constructor' as const, data: { name } };
    const [first] = node.arguments;
    const hasPlainArguments = first !== undefined && node.arguments.every((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
    if (!hasPlainArguments || node.typeArguments) return report({ ...detection, reason: 'unsupported-form' });
    const tsArgument = services.tsNode(first) as ts.Expression | undefined;
    const kind = tsArgument ? classifyBufferArgument(services.checker, tsArgument) : 'unknown';
    if (kind === 'unknown') return report({ ...detection, reason: 'unresolved-type' });
    // `new Buffer(n, 'utf8')` throws and `new Buffer(n, 1)` ignores the 1; `Buffer.alloc` would fill with them.
    if (kind === 'number' && node.arguments.length > 1) return report({ ...detection, reason: 'unsupported-form' });
    report(detection);
  }

  /**
   * `b.slice()` is reported only on a proven Buffer (by type, or by syntax: `Buffer.from(…).slice()`) and, with
   * types, on a union that contains Buffer. Any other receiver stays silent: `slice` is everywhere on strings,
   * arrays and other Uint8Arrays (whose `slice` copies), so guessing would bury the real findings in noise.
   */
  function reportSlice(node: TSESTree.CallExpression, receiver: TSESTree.Expression): void {
    const tsCall = services.tsNode(node) as ts.CallExpression | undefined;
    const tsReceiver = services.tsNode(receiver) as ts.Expression | undefined;
    const checker = services.checker;
    const proof = isBufferCreation(context, receiver) ? 'yes' : checker && tsReceiver ? nodeBufferProof(checker, tsReceiver) : 'unknown';
    if (proof === 'yes') {
      const fits = !checker || !tsCall || subarrayFitsContext(checker, tsCall);
      return report({ node, kind: 'buffer-slice', reason: fits ? undefined : 'wider-static-type' });
    }
    if (proof === 'unknown' && checker && tsReceiver && mayBeNodeBuffer(checker, tsReceiver)) {
      report({ node, kind: 'buffer-slice', reason: 'unresolved-type' });
    }
  }

  return {
    NewExpression(node) {
      if (isNodeBufferReference(context, node.callee)) reportConstructor(node);
    },
    CallExpression(node) {
      const callee = node.callee;
      if (!node.optional && isNodeBufferReference(context, callee)) return reportConstructor(node);
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'slice') {
        reportSlice(node, callee.object);
      }
    },
  };
};

/**
 * Where `buffer-slice` can report: a `.slice(…)` call whose receiver may be a Node Buffer by the detector's own type
 * test (`mayBeNodeBuffer`, which every proven Buffer passes), or a `new`/call receiver in a file that names `Buffer`
 * (the detector's syntactic proof, `Buffer.from(…).slice()`, needs a callee bound to the name `Buffer`). A Buffer from
 * `fs.readFileSync()` needs no `Buffer` in the text: its type says so.
 */
export const bufferSliceCandidate: CandidateTest = (sourceFile, checker) => {
  const namesBuffer = sourceFile.text.includes('Buffer');
  return someNodeAround(sourceFile, 'slice', (node) => {
    if (!ts.isCallExpression(node)) return false;
    // `(b.slice)(0, 1)`: the parentheses are gone in the detector's ESTree.
    const callee = skipParentheses(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (!ts.isIdentifier(callee.name) || callee.name.text !== 'slice') return false;
    const receiver = skipParentheses(callee.expression);
    if (namesBuffer && (ts.isNewExpression(receiver) || ts.isCallExpression(receiver))) return true;
    return mayBeNodeBuffer(checker, receiver);
  });
};

/**
 * Where `buffer-constructor` can report: `isNodeBufferReference` accepts only a name or member the text spells
 * `Buffer` (the global, a binding imported or destructured as `Buffer`, `ns.Buffer`). So the file is a candidate
 * unless every identifier `Buffer` is used as a namespace or a type — `Buffer.from(…)`, `b: Buffer`,
 * `NodeJS.Buffer`, a plain `import { Buffer }` (whose uses are identifiers `Buffer` too). A call or `new` of it, an
 * alias, a `Buffer` passed around: a candidate. (Every file with an escape is linted anyway.)
 */
export const bufferConstructorCandidate: CandidateTest = (sourceFile) => {
  let named = 0;
  let accounted = 0;
  const isBuffer = (node: ts.Node | undefined): boolean => node !== undefined && ts.isIdentifier(node) && node.text === 'Buffer';
  someNodeAround(sourceFile, 'Buffer', (node) => {
    if (isBuffer(node)) named += 1;
    else if (ts.isPropertyAccessExpression(node) && isBuffer(node.expression)) accounted += 1;
    else if (ts.isTypeReferenceNode(node) && isBuffer(node.typeName)) accounted += 1;
    else if (ts.isQualifiedName(node) && isBuffer(node.right)) accounted += 1;
    else if (ts.isImportSpecifier(node) && node.propertyName === undefined && isBuffer(node.name)) accounted += 1;
    return false;
  });
  return named > accounted;
};
