import type ts from 'typescript';
import { applyRewriters, type TransformResult } from '../transforms/apply-rewriters.js';
import type { Site } from '../transforms/edit.js';
import { noDeprecatedHelperRewriters } from './no-deprecated-helper.js';
import { noLegacySerializationRewriters } from './no-legacy-serialization.js';
import { noUtcnowDateRewriters } from './no-utcnow-date.js';

/** Every TypeScript/JavaScript kind's rewrite, by kind (the Python rules edit text of their own). */
export const REWRITERS = { ...noUtcnowDateRewriters, ...noLegacySerializationRewriters, ...noDeprecatedHelperRewriters };

/**
 * Rewrites the given sites of one file with every rule's rewrites (see `applyRewriters`). The checker proves
 * the types a rewrite's shape depends on; without one, those sites are skipped with the reason.
 */
export function rewriteSites(
  sourceFile: ts.SourceFile,
  sites: readonly Site[],
  checker: ts.TypeChecker | undefined,
  normalize?: (text: string) => string,
): TransformResult {
  return applyRewriters(sourceFile, sites, checker, REWRITERS, normalize);
}
