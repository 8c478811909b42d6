/**
 * Which files the lint stage hands to ESLint. First the text: a file must hold a needle of an enabled kind
 * (`findingFilter`, src/needle-filter.ts). Then, where the run has a program, the candidate pre-pass: for the kinds whose needle the file
 * holds, the kinds' own candidate tests (`rules/detect/candidates.ts`) ask the SourceFile the program parsed, and its
 * checker, whether the detector could report there; a needle such as `slice` or `Transform` is in many files that
 * cannot hold a finding, and ESLint's AST conversion costs far more than the TypeScript walk.
 */
import type { Program } from 'typescript';
import { CANDIDATE_TESTS } from '../rules/detect/candidates.js';
import type { KindId, RuleName } from '../rules/kinds.js';
import { ESCAPE, kindNeedles } from './needle-filter.js';
import { parseDiagnosticsOf } from './parse-diagnostics.js';
import { toPosix } from '../rules/project/paths.js';

/** A TS/JS file of the program, by its absolute path and the text the lint stage holds for it. */
export interface CandidateInput {
  absPath: string;
  text: string;
}

/**
 * The pre-pass for a TS/JS file that holds a needle: `true` when some kind whose needle it holds has no candidate
 * test or passes it. A file the program does not hold (or holds with another text), one with a syntax error or an
 * escape, is linted as before the pre-pass existed.
 */
export function candidateFilter(program: Program, rules: readonly RuleName[], words: Partial<Record<KindId, readonly string[]>> = {}): (input: CandidateInput) => boolean {
  const kinds = kindNeedles(rules, words, 'ts/js').map(({ kind, needle }) => ({ needle, test: CANDIDATE_TESTS[kind] }));
  if (kinds.some(({ needle, test }) => needle === undefined && test === undefined)) return () => true;
  const escape = new RegExp(ESCAPE);
  return ({ absPath, text }) => {
    const sourceFile = program.getSourceFile(toPosix(absPath));
    if (!sourceFile || sourceFile.text !== text || escape.test(text)) return true;
    // A syntax error: ESLint reports what it finds.
    if (parseDiagnosticsOf(sourceFile).length > 0) return true;
    const held = kinds.filter(({ needle }) => needle === undefined || needle.test(text));
    if (held.some(({ test }) => test === undefined)) return true;
    const checker = program.getTypeChecker();
    return held.some(({ test }) => test!(sourceFile, checker));
  };
}
