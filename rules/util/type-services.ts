import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { dateProof, type Proof } from '../../transforms/type-proofs.js';
import type { RuleContext } from './report.js';

/** The rule side of the type questions: the checker (when the file has a program) and the ESTree → TS node map. */
export interface TypeServices {
  /** Undefined without type information (plain `eslint` with no `parserOptions.project`). */
  checker: ts.TypeChecker | undefined;
  /** The TypeScript node of an ESTree node; undefined when the parser is not typescript-eslint's. */
  tsNode(node: TSESTree.Node): ts.Node | undefined;
}

export function typeServicesOf(context: RuleContext): TypeServices {
  const services = context.sourceCode.parserServices;
  const map = services?.esTreeNodeToTSNodeMap;
  const checker = map && services?.program ? (services.program.getTypeChecker() as ts.TypeChecker) : undefined;
  return {
    checker,
    tsNode: (node) => (map ? (map.get(node as never) as unknown as ts.Node | undefined) : undefined),
  };
}

/** `dateProof` for an ESTree expression; without types only the caller's syntactic proof can say `yes`. */
export function dateProofOf(services: TypeServices, node: TSESTree.Node): Proof {
  const tsNode = services.tsNode(node);
  if (!services.checker || !tsNode) return 'unknown';
  return dateProof(services.checker, tsNode as ts.Expression);
}
