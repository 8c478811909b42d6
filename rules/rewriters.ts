import type ts from 'typescript';
import { applyRewriters, type TransformResult } from '../transforms/apply-rewriters.js';
import type { Site } from '../transforms/edit.js';
import { noDeprecatedHelperRewriters } from './no-deprecated-helper.js';
import { noLegacySerializationRewriters } from './no-legacy-serialization.js';
import { noUtcnowDateRewriters } from './no-utcnow-date.js';
import type { ModelClass } from '../transforms/model-methods.js';
import { rewriteModelMethods } from '../transforms/rewrite/model-method.js';

/** Every TypeScript/JavaScript kind's rewrite, by kind (the Python rules edit text of their own). */
export const REWRITERS = { ...noUtcnowDateRewriters, ...noLegacySerializationRewriters, ...noDeprecatedHelperRewriters };

/**
 * Rewrites the given sites of one file with every rule's rewrites (see `applyRewriters`). The checker proves
 * the types a rewrite's shape depends on; without one, those sites are skipped with the reason. `modelClasses`
 * (the configured `modelMethods`, resolved in the checker's program) names what `model-method-rename` renames;
 * without them its sites are skipped.
 */
export function rewriteSites(
  sourceFile: ts.SourceFile,
  sites: readonly Site[],
  checker: ts.TypeChecker | undefined,
  normalize?: (text: string) => string,
  modelClasses: readonly ModelClass[] = [],
): TransformResult {
  const rewriters = modelClasses.length > 0 ? { ...REWRITERS, 'model-method-rename': rewriteModelMethods(modelClasses) } : REWRITERS;
  return applyRewriters(sourceFile, sites, checker, rewriters, normalize);
}
