import type ts from 'typescript';
import type { TransformResult } from '../../transforms/apply-rewriters.js';
import type { Site } from '../../transforms/edit.js';
import { rewriteSites } from '../../rules/rewriters.js';

/**
 * The transform for ts-morph users: the same rewrite on a ts-morph `SourceFile`, with its project's checker proving
 * types. (The CLI builds its program with the `typescript` package instead; ts-morph bundles its own copy.)
 */
export function transformSourceFile(sourceFile: MorphSourceFile, sites: readonly Site[], normalize?: (text: string) => string): TransformResult {
  return rewriteSites(sourceFile.compilerNode as ts.SourceFile, sites, sourceFile.getProject().getTypeChecker().compilerObject as ts.TypeChecker, normalize);
}

/**
 * What is used of a ts-morph `SourceFile`, described here so that deprecfix's types do not need ts-morph installed
 * (an optional peer). Its nodes come from ts-morph's own TypeScript, which has the same shape as ours.
 */
export interface MorphSourceFile {
  readonly compilerNode: object;
  getProject(): { getTypeChecker(): { readonly compilerObject: object } };
}
