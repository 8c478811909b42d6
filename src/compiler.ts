import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';
import { resolvePackageVersion } from '../rules/project/npm-versions.js';
// `require`, not `import`: see src/project.ts.
import ts = require('typescript');

/**
 * The TypeScript compiler whose judgement counts for a repository: §7.6 asks whether a rewrite made *the project*
 * unhappier, and TypeScript 6 (deprecfix's own) defaults differently from the TypeScript 5 most projects compile
 * with (`strict`, `types`, `target`, `module`, …), so our compiler with the project's tsconfig is not the project's
 * compiler. The type-check after rewriting uses this; linting keeps deprecfix's own compiler (see README).
 */

export type TypeScript = typeof ts;

export interface ProjectCompiler {
  ts: TypeScript;
  /** The version whose semantics apply: the installed compiler's, else the declared major's. */
  version: string;
  /** `installed`: the project's own `typescript`; `declared`: ours with that major's defaults; `bundled`: ours. */
  origin: 'installed' | 'declared' | 'bundled';
  /** The options this compiler needs on top of the tsconfig's to judge as the project's compiler would. */
  defaults(options: ts.CompilerOptions): ts.CompilerOptions;
}

/**
 * Installed compilers deprecfix can drive: TypeScript 4 and 5 (and a 6 other than ours) have the program API it
 * uses (`createProgram` with a host, `preProcessFile`, `resolveModuleName`); TypeScript 7 ships a native compiler
 * whose package has no such API, and older ones are too rare to be worth the risk.
 */
export const INSTALLED_COMPILERS = '>=4.0.0 <7.0.0';

export function projectCompiler(repoRoot: string, use: { installed: boolean } = { installed: true }): ProjectCompiler {
  const installed = use.installed ? installedCompiler(repoRoot) : undefined;
  if (installed) return installed;
  const resolved = resolvePackageVersion('typescript', repoRoot, repoRoot);
  const lowest = resolved?.version ?? (resolved?.range && semver.validRange(resolved.range) ? semver.minVersion(resolved.range)?.version : undefined);
  if (lowest && semver.major(lowest) < 6) return { ts, version: lowest, origin: 'declared', defaults: typescript5Defaults };
  return { ts, version: ts.version, origin: 'bundled', defaults: () => ({}) };
}

/** The repository's `node_modules/typescript`, when deprecfix can drive it. */
function installedCompiler(repoRoot: string): ProjectCompiler | undefined {
  const manifest = path.join(repoRoot, 'node_modules', 'typescript', 'package.json');
  return existsSync(manifest) ? loadCompiler(manifest) : undefined;
}

function loadCompiler(manifest: string): ProjectCompiler | undefined {
  try {
    if (realpathSync(manifest) === realpathSync(OWN_MANIFEST)) return { ts, version: ts.version, origin: 'bundled', defaults: () => ({}) };
    const requireHere = createRequire(manifest);
    const version = (requireHere(manifest) as { version?: string }).version;
    if (!version || !semver.satisfies(version, INSTALLED_COMPILERS)) return undefined;
    const loaded = requireHere(path.dirname(manifest)) as TypeScript;
    if (typeof loaded.createProgram !== 'function' || typeof loaded.preProcessFile !== 'function') return undefined;
    return { ts: loaded, version: loaded.version, origin: 'installed', defaults: () => ({}) };
  } catch {
    return undefined; // a broken install judges nothing; the declared major does
  }
}

const OWN_MANIFEST = createRequire(import.meta.url).resolve('typescript/package.json');

/**
 * What TypeScript 5 (and 4) assumed for options a tsconfig leaves unset, where 6.0 changed it, stated explicitly so
 * that our TypeScript 6 judges as the project's compiler would (values from TypeScript 5.9's `computedOptions`):
 * `strict` off (6.0 turned it on) and `alwaysStrict` with it; every `@types` package visible (6.0: none unless
 * listed); `target` ES5 (6.0: the latest; TypeScript 4's ES3 no longer exists, ES5 is nearest); `module` from the
 * target and `moduleResolution` from the module as 5.x chose them (6.0 resolves CommonJS as a bundler would);
 * `esModuleInterop`/`allowSyntheticDefaultImports` off outside Node modules (6.0: always on);
 * `noUncheckedSideEffectImports` off and `libReplacement` on (6.0 flipped both). Not emulated: 6.0's `lib: ["dom"]`
 * includes `dom.iterable`, which only matters to code iterating DOM collections.
 */
function typescript5Defaults(options: ts.CompilerOptions): ts.CompilerOptions {
  const { ModuleKind, ModuleResolutionKind, ScriptTarget } = ts;
  const nodeModule = (kind: ts.ModuleKind | undefined) => kind !== undefined && kind >= ModuleKind.Node16 && kind <= ModuleKind.NodeNext;
  const target =
    options.target ??
    ({ [ModuleKind.Node16]: ScriptTarget.ES2022, [ModuleKind.Node18]: ScriptTarget.ES2022, [ModuleKind.Node20]: ScriptTarget.ES2023, [ModuleKind.NodeNext]: ScriptTarget.ESNext } as Record<number, ts.ScriptTarget>)[
      options.module ?? -1
    ] ??
    ScriptTarget.ES5;
  const module = options.module ?? (target >= ScriptTarget.ES2015 ? ModuleKind.ES2015 : ModuleKind.CommonJS);
  const moduleResolution =
    options.moduleResolution ??
    (module === ModuleKind.CommonJS
      ? ModuleResolutionKind.Node10
      : module === ModuleKind.NodeNext
        ? ModuleResolutionKind.NodeNext
        : nodeModule(module)
          ? ModuleResolutionKind.Node16
          : module === ModuleKind.Preserve
            ? ModuleResolutionKind.Bundler
            : ModuleResolutionKind.Classic);
  const esModuleInterop = options.esModuleInterop ?? (nodeModule(module) || module === ModuleKind.Preserve);
  return {
    target,
    module,
    moduleResolution,
    esModuleInterop,
    allowSyntheticDefaultImports:
      options.allowSyntheticDefaultImports ?? (esModuleInterop || module === ModuleKind.System || moduleResolution === ModuleResolutionKind.Bundler),
    strict: options.strict ?? false,
    alwaysStrict: options.alwaysStrict ?? options.strict === true,
    types: options.types ?? ['*'],
    noUncheckedSideEffectImports: options.noUncheckedSideEffectImports ?? false,
    libReplacement: options.libReplacement ?? true,
    // The old values above are deprecated in 6.0: say that we know, so no option diagnostic is made of them.
    ignoreDeprecations: options.ignoreDeprecations ?? '6.0',
  };
}
