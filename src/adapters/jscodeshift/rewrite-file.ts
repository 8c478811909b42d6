import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import type { KindId } from '../../../rules/kinds.js';
import { lintFiles } from '../../lint.js';
import * as typescript from '../../typescript-side-modules.js';
import { isPythonFile, isSourceFile } from '../../languages.js';
import { repoPath } from '../../../rules/project/paths.js';
import { planFixes } from '../../plan.js';
import { dominantEol, normalizeEol } from '../../write.js';
import type { Rewriter } from '../../../transforms/edit.js';
import { applyRewriters } from '../../../transforms/apply-rewriters.js';
import { noLegacySerializationRewriters } from '../../../rules/no-legacy-serialization.js';
import { noUtcnowDateRewriters } from '../../../rules/no-utcnow-date.js';
import type { FileInfo, TransformFamily } from './transform.cjs';

/**
 * The rewrite of one file for the jscodeshift transforms (run in their worker thread, see `transform.ts`): lint
 * the text with the family's rule, pick the findings `fix` would pick, and rewrite them with the CLI's
 * `Rewriter`s on the TypeScript AST. jscodeshift's own AST and printer are never used (its printer reformats
 * untouched code).
 *
 * There is no TypeScript program here: kinds whose safety needs a type (a `Date` or `Buffer` receiver) stay
 * unfixed, exactly as in plain `eslint` without type information.
 */

export const FAMILY_REWRITERS: Record<TransformFamily, Partial<Record<KindId, Rewriter>>> = {
  'no-utcnow-date': noUtcnowDateRewriters,
  'no-legacy-serialization': noLegacySerializationRewriters,
};

/** As in the CLI: one pass unless rewrites nest (a rename inside a clone). */
const MAX_PASSES = 3;

const BOM = '\uFEFF';

/**
 * The new source; the input itself when nothing changes (jscodeshift's "unmodified"); undefined for a file the
 * rules do not lint (jscodeshift's "skipped"). Throws when the file does not parse (jscodeshift's "error").
 */
export function rewriteFile(family: TransformFamily, file: FileInfo, unsafeFixes: boolean): string | undefined {
  if (!isSourceFile(file.path) || isPythonFile(file.path)) return undefined;
  const bom = file.source.startsWith(BOM);
  const original = bom ? file.source.slice(BOM.length) : file.source;
  const rewritten = rewriteText(original, path.resolve(file.path), family, unsafeFixes);
  return rewritten === original ? file.source : (bom ? BOM : '') + rewritten;
}

function rewriteText(text: string, absPath: string, family: TransformFamily, unsafeFixes: boolean): string {
  // ESLint's cwd: the version gates read the project's pins from the file's directory up to it.
  const cwd = process.cwd();
  const repoRoot = isInside(cwd, absPath) ? cwd : path.parse(absPath).root;
  const file = repoPath(repoRoot, absPath);
  const eol = dominantEol(text);
  let current = text;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const { findings, failures } = lintFiles([{ absPath, file, text: current }], { repoRoot, rules: [family], typescript });
    if (failures.length > 0) {
      // jscodeshift reports a thrown error against the file and leaves it alone.
      const failure = failures[0];
      const where = `${file}${failure.line ? `:${failure.line}` : ''}`;
      throw new Error(pass === 1 ? `${where}: ${failure.message}` : `${where}: the rewrite produced unparsable code (${failure.message}); file left unchanged`);
    }
    const sites = planFixes(findings, () => current, unsafeFixes).flatMap((plan) => plan.sites);
    if (sites.length === 0) break;
    const sourceFile = ts.createSourceFile(absPath, current, ts.ScriptTarget.Latest, true);
    const next = applyRewriters(sourceFile, sites, undefined, FAMILY_REWRITERS[family], (inserted) => normalizeEol(inserted, eol)).text;
    if (next === current) break;
    current = next;
  }
  return current;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
