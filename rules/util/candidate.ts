import ts = require('typescript'); // require: see src/project.ts

/**
 * A kind's candidate test: whether its detector could report anything in a file, asked of the SourceFile the run's
 * program already parsed (and its checker, where a type decides). It must answer `true` wherever the detector
 * reports (a superset: `false` lets the CLI skip ESLint for the file), so it asks only what the detector itself
 * requires — the same type proof, the place in the syntax the detector looks at — and answers `true` when in doubt.
 * Each test lives beside its detector; `rules/detect/candidates.ts` is the table the lint stage reads.
 */
export type CandidateTest = (sourceFile: ts.SourceFile, checker: ts.TypeChecker) => boolean;

/** Whether some node under `root` (itself included) passes `test`; stops at the first. JSDoc is not visited. */
export function someNode(root: ts.Node, test: (node: ts.Node) => boolean): boolean {
  const visit = (node: ts.Node): boolean => test(node) || ts.forEachChild(node, visit) === true;
  return visit(root);
}

/** The expression inside any parentheses: ESTree has no parentheses, so this is the node a detector sees. */
export function withoutParentheses(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/**
 * For detectors that look only inside `new X(…)`'s arguments (the fake-UTC kinds look inside `new Date(…)`): the
 * file has a `new` expression whose argument text holds `word`, the method name every finding of the kind calls.
 */
export function wordInNewArguments(word: string): CandidateTest {
  return (sourceFile) =>
    sourceFile.text.includes(word) &&
    someNode(sourceFile, (node) => ts.isNewExpression(node) && node.arguments !== undefined && sourceFile.text.slice(node.arguments.pos, node.arguments.end).includes(word));
}
