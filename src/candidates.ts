/**
 * Which files the lint stage hands to ESLint. First the text: a file must hold a needle of an enabled kind
 * (`findingFilter`). Then, where the run has a program, the candidate pre-pass: for the kinds whose needle the file
 * holds, the kinds' own candidate tests (`rules/detect/candidates.ts`) ask the SourceFile the program parsed, and its
 * checker, whether the detector could report there; a needle such as `slice` or `Transform` is in many files that
 * cannot hold a finding, and ESLint's AST conversion costs far more than the TypeScript walk.
 */
import type { Program } from 'typescript';
import { CANDIDATE_TESTS } from '../rules/detect/candidates.js';
import { KINDS, RULES, type KindId, type KindInfo, type RuleName } from '../rules/kinds.js';
import { toPosix } from '../rules/project/paths.js';

/** In TS/JS only an escape (`\u0067etYear`, `'\x63lass-transformer'`) could spell a name without its letters. */
const ESCAPE = String.raw`\\[ux0-7]`;

/** Each enabled kind of a language with its needle; `undefined` for a kind no text marks (looked for in every file). */
interface KindNeedle {
  kind: KindId;
  needle: RegExp | undefined;
}

function kindNeedles(rules: readonly RuleName[], words: Partial<Record<KindId, readonly string[]>>, language: 'ts/js' | 'python'): KindNeedle[] {
  const kinds = (Object.keys(KINDS) as KindId[]).filter((kind) => rules.includes(KINDS[kind].rule) && RULES[KINDS[kind].rule].language === language);
  return kinds.flatMap((kind): KindNeedle[] => {
    const info: KindInfo = KINDS[kind];
    const given = words[kind]?.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // A kind its options configure has no needle when they configure nothing: it is off.
    const needles = given ?? (info.needle !== undefined ? [info.needle] : info.optionNeedles ? [] : undefined);
    if (needles === undefined) return [{ kind, needle: undefined }];
    return needles.length === 0 ? [] : [{ kind, needle: new RegExp(needles.join('|')) }];
  });
}

/**
 * A cheap test that a text of one language may hold a finding of the enabled rules: it contains some kind's needle
 * (the name its detector matches). In TS/JS a text with an escape is always linted; a Python name has no escapes.
 * `words`: a kind's needles given by the run (`src/run-needles.ts`); a kind with neither is looked for in every file.
 */
export function findingFilter(
  rules: readonly RuleName[],
  words: Partial<Record<KindId, readonly string[]>> = {},
  language: 'ts/js' | 'python' = 'ts/js',
): (text: string) => boolean {
  const kinds = kindNeedles(rules, words, language);
  if (kinds.some(({ needle }) => needle === undefined)) return () => true;
  const all = [...kinds.map(({ needle }) => needle!.source), ...(language === 'ts/js' ? [ESCAPE] : [])];
  if (all.length === 0) return () => false;
  const needle = new RegExp(all.join('|'));
  return (text) => needle.test(text);
}

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
    // `parseDiagnostics`: internal and stable (see `syntaxErrorOf` in src/lint.ts); ESLint reports what it finds.
    if ((sourceFile as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length > 0) return true;
    const held = kinds.filter(({ needle }) => needle === undefined || needle.test(text));
    if (held.some(({ test }) => test === undefined)) return true;
    const checker = program.getTypeChecker();
    return held.some(({ test }) => test!(sourceFile, checker));
  };
}
