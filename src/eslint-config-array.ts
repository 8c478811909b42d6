import { createRequire } from 'node:module';
import type { Linter } from 'eslint';

/**
 * ESLint's `FlatConfigArray`, the class `Linter.verify` normalises a plain config array into. It is not exported, so
 * it is loaded by its file next to ESLint's entry point (a relative path is not subject to the package's `exports`).
 */
interface FlatConfigArrayClass {
  new (configs: Linter.Config[], options: { basePath: string }): Linter.Config[] & { normalizeSync(): unknown; getConfig(file: string): unknown };
}

const flatConfigArrayClass = ((): FlatConfigArrayClass | undefined => {
  try {
    const eslintRequire = createRequire(createRequire(import.meta.url).resolve('eslint'));
    const { FlatConfigArray } = eslintRequire('./config/flat-config-array.js') as { FlatConfigArray?: FlatConfigArrayClass };
    return typeof FlatConfigArray === 'function' && typeof FlatConfigArray.prototype.getConfig === 'function' ? FlatConfigArray : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The config normalised once for every `Linter.verify` of a run. Given a plain array, `verify` builds a new
 * `FlatConfigArray` for each file, normalises it and computes the file's config (rule options validated with ajv)
 * afresh: ~1 ms a file, a fifth of a small Python file's lint. An array with `getConfig` is taken as normalised
 * (ESLint's own duck typing, `Linter#verify`), and it caches the config of each combination of matching entries.
 * Where ESLint's internals have moved, the plain array: the same results, at the old cost.
 */
export function preparedConfig(config: Linter.Config[], cwd: string): Linter.Config[] {
  if (!flatConfigArrayClass) return config;
  try {
    const array = new flatConfigArrayClass(config, { basePath: cwd });
    array.normalizeSync();
    return array;
  } catch {
    return config;
  }
}
