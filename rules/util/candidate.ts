import ts = require('typescript'); // require: see src/project.ts

/**
 * A kind's candidate test: whether its detector could report anything in a file, asked of the SourceFile the run's
 * program already parsed (and its checker, where a type decides). It must answer `true` wherever the detector
 * reports (a superset: `false` lets the CLI skip ESLint for the file), so it asks only what the detector itself
 * requires — the same type proof, the place in the syntax the detector looks at — and answers `true` when in doubt.
 * Each test lives beside its detector; `rules/detect/candidates.ts` is the table the lint stage reads.
 */
export type CandidateTest = (sourceFile: ts.SourceFile, checker: ts.TypeChecker) => boolean;

/**
 * Whether some node of the file that spans an occurrence of `word` in its text passes `test`; stops at the first.
 * Only the subtrees around the word are walked (a needle file is mostly other code). JSDoc is not visited.
 */
export function someNodeAround(sourceFile: ts.SourceFile, word: string, test: (node: ts.Node) => boolean): boolean {
  const { text } = sourceFile;
  const offsets: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) offsets.push(at);
  const spansWord = (node: ts.Node): boolean => {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (offsets[middle] < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < offsets.length && offsets[low] < node.end;
  };
  const visit = (node: ts.Node): boolean => spansWord(node) && (test(node) || ts.forEachChild(node, visit) === true);
  return visit(sourceFile);
}

/**
 * For detectors that look only inside `new X(…)`'s arguments (the fake-UTC kinds look inside `new Date(…)`): the
 * file has a `new` expression whose argument text holds `word`, the method name every finding of the kind calls.
 */
export function wordInNewArguments(word: string): CandidateTest {
  return (sourceFile) =>
    someNodeAround(sourceFile, word, (node) => ts.isNewExpression(node) && node.arguments !== undefined && sourceFile.text.slice(node.arguments.pos, node.arguments.end).includes(word));
}
