import type { Program } from 'typescript';
import type { KindId, RuleName } from '../rules/kinds.js';
import { deprecatedNamesOf } from '../transforms/deprecated-helper/index-names.js';

/**
 * Needle words that only the run knows, for kinds whose findings no fixed text marks (`findingFilter` in
 * `lint.ts`): a call of a deprecated helper holds the helper's name, never its `@deprecated` tag, so the kind's
 * words are the names the run's program declares `@deprecated`. Without a program the kind finds nothing, and
 * its words are none. Only the enabled rules' kinds are looked at (the index walks files).
 */
export function runNeedles(program: Program | undefined, rules: readonly RuleName[]): Partial<Record<KindId, readonly string[]>> {
  if (!rules.includes('no-deprecated-helper')) return {};
  return { 'deprecated-helper': program ? [...deprecatedNamesOf(program)] : [] };
}
