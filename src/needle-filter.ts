/**
 * Which files may hold a finding, by their text alone: a file must hold a needle of an enabled kind (the name its
 * detector matches, `rules/kinds.ts`, or words the run gives, `src/run-needles.ts`). Plain text, no TypeScript: a
 * Python-only run reads it too. Where a run has a program, `src/candidates.ts` narrows the TS/JS files further.
 */
import { KINDS, RULES, type KindId, type KindInfo, type RuleName } from '../rules/kinds.js';
import { escapeRegExp } from '../rules/util/regexp.js';

/** In TS/JS only an escape (`\u0067etYear`, `'\x63lass-transformer'`) could spell a name without its letters. */
export const ESCAPE = String.raw`\\[ux0-7]`;

/** Each enabled kind of a language with its needle; `undefined` for a kind no text marks (looked for in every file). */
export interface KindNeedle {
  kind: KindId;
  needle: RegExp | undefined;
}

export function kindNeedles(rules: readonly RuleName[], words: Partial<Record<KindId, readonly string[]>>, language: 'ts/js' | 'python'): KindNeedle[] {
  const kinds = (Object.keys(KINDS) as KindId[]).filter((kind) => rules.includes(KINDS[kind].rule) && RULES[KINDS[kind].rule].language === language);
  return kinds.flatMap((kind): KindNeedle[] => {
    const info: KindInfo = KINDS[kind];
    const given = words[kind]?.map(escapeRegExp);
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
