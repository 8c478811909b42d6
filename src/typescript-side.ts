import { isPythonFile } from './languages.js';
import type * as TypeScriptModules from './typescript-side-modules.js';

/**
 * The TypeScript side of a run (TypeScript, typescript-eslint, the TS/JS rules; ~0.5 s to load), loaded only by a run
 * that lints or type-checks a TS/JS file: a Python-only `scan`, `fix` or `check` never pays for it.
 *
 * An ES module loads another lazily only through `await import()` (a synchronous `require` of ESM needs Node 20.19,
 * and the tests run the sources, which `require` cannot load), so an entry point that may meet a TS/JS file loads it
 * before its synchronous pipeline runs: `scan` and `fix` when the scope holds one, `fix`'s repository totals and
 * `check`/`baseline` when the repository holds one, `history` always. The lint stage reads it with `typeScriptSide()`.
 * A synchronous, TS-only entry point (the jscodeshift transforms) imports the modules itself and gives them to
 * `lintFiles` (`LintOptions.typescript`).
 */
export type TypeScriptSide = typeof TypeScriptModules;

let loaded: TypeScriptSide | undefined;

export async function loadTypeScriptSide(): Promise<TypeScriptSide> {
  loaded ??= await import('./typescript-side-modules.js');
  return loaded;
}

/** The side when `files` hold a TS/JS file (loaded then); undefined, and nothing loaded, for Python files only. */
export async function loadTypeScriptSideFor(files: readonly string[]): Promise<TypeScriptSide | undefined> {
  return files.some((file) => !isPythonFile(file)) ? loadTypeScriptSide() : undefined;
}

/** The loaded side; a TS/JS file reaching the lint stage without it is deprecfix's own defect, never the user's. */
export function typeScriptSide(): TypeScriptSide {
  if (!loaded) throw new Error('internal error: a TS/JS file reached the lint stage before the TypeScript side was loaded (loadTypeScriptSide)');
  return loaded;
}
