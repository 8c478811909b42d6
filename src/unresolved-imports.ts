import { existsSync } from 'node:fs';
import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import { declaredDependencyNames } from '../rules/project/npm-versions.js';
import { ancestorDirs, repoPath } from '../rules/project/paths.js';

/** An import of a declared dependency that the program could not resolve. */
export interface UnresolvedImport {
  /** Repository-relative POSIX path of the importing file. */
  file: string;
  /** The package, as the import names it (`@motion-canvas/core` for `@motion-canvas/core/lib/x`). */
  dependency: string;
}

/**
 * Imports of a package that a `package.json` above the file declares, which the compiler cannot resolve: a workspace
 * package not built yet, dependencies not installed, a package without types. Calls through them have no types (and
 * a helper they declare `@deprecated` is not seen), so the kinds that need types see nothing there, and a count of 0
 * would say nothing of why. Read from the scoped files' text (an import or `require` of a quoted specifier), each
 * distinct specifier resolved once from its package's directory: no parse, a few resolutions a run.
 */
export function unresolvedDependencies(options: ts.CompilerOptions, files: readonly { absPath: string; text: string }[], repoRoot: string): UnresolvedImport[] {
  const declared = declaredDependencies(repoRoot);
  const resolved = new Map<string, boolean>();
  const found: UnresolvedImport[] = [];
  for (const { absPath, text } of files) {
    const dir = path.dirname(absPath);
    for (const [, specifier] of text.matchAll(IMPORTED)) {
      const dependency = packageOf(specifier!);
      const { names, packageDir } = declared(dir);
      if (!names.has(dependency)) continue;
      const key = `${packageDir}\0${specifier}`;
      if (!resolved.has(key)) resolved.set(key, ts.resolveModuleName(specifier!, path.join(packageDir, 'index.ts'), options, ts.sys).resolvedModule !== undefined);
      if (!resolved.get(key)) found.push({ file: repoPath(repoRoot, absPath), dependency });
    }
  }
  return found;
}

/** A bare specifier an `import … from`, `export … from`, `import(…)` or `require(…)` names. */
const IMPORTED = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]((?:@[\w.-]+\/)?[\w][\w.-]*(?:\/[^'"\s]*)?)['"]/g;

/** `@scope/name` or `name`, without the subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The dependencies every `package.json` from a directory up to the repository root declares, and the nearest
 * directory with one (where its imports resolve from), once per directory.
 */
function declaredDependencies(repoRoot: string): (dir: string) => { names: ReadonlySet<string>; packageDir: string } {
  const byDir = new Map<string, { names: ReadonlySet<string>; packageDir: string }>();
  return (dir) => {
    let found = byDir.get(dir);
    if (!found) {
      const dirs = ancestorDirs(dir, repoRoot);
      const packageDir = dirs.find((candidate) => existsSync(path.join(candidate, 'package.json'))) ?? repoRoot;
      byDir.set(dir, (found = { names: new Set(dirs.flatMap(declaredDependencyNames)), packageDir }));
    }
    return found;
  };
}
