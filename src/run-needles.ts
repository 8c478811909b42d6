import type { Program } from 'typescript';
import type { KindId } from '../rules/kinds.js';
import { deprecatedNamesOf } from '../transforms/deprecated-helper/index-names.js';

/**
 * Needle words that only the run knows, for kinds whose findings no fixed text marks (`findingFilter` in
 * `lint.ts`): a call of a deprecated helper holds the helper's name, never its `@deprecated` tag, so the kind's
 * words are the names the run's program declares `@deprecated`. Without a program the kind finds nothing, and
 * its words are none.
 */
export function runNeedles(program: Program | undefined): Partial<Record<KindId, readonly string[]>> {
  return { 'deprecated-helper': program ? [...deprecatedNamesOf(program)] : [] };
}
