import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import type { RuleName } from '../rules/kinds.js';
import { loadConfig, type DeprecfixConfig } from './config.js';
import { UsageError } from './errors.js';
import { gitIgnoredTest, selectFiles, skippedNote } from './files.js';
import { isSourceFile } from './languages.js';
import { enabledRules, type Finding } from './lint.js';
import { belowGateNotes, unresolvedImportNotes, versionNotes } from './notes.js';
import { lintScope } from './lint-scope.js';
import { findRepoRoot } from './manifest/find-manifest.js';
import type { Progress } from './progress.js';
import type { Failure } from './lint.js';
import type { Scope } from './manifest/resolve-scope.js';
import { repoPath } from '../rules/project/paths.js';
import { loadScope, splitBySymbols, symbolNotes } from './scope.js';
import { loadTypeScriptSideFor } from './typescript-side.js';

export interface ScanRequest {
  cwd: string;
  manifest?: string;
  scope?: string;
  /** `--changed <ref>` (and `--symbols`): the scope is what changed since `ref` (src/scope.ts). */
  changed?: string;
  symbols?: boolean;
  paths: string[];
  rules?: RuleName[];
  /** `--config`: a deprecfix.config.json other than the one at the repository root. */
  config?: string;
  strictManifest?: boolean;
  progress?: Progress;
}

export interface ScanResult {
  repoRoot: string;
  files: string[];
  findings: Finding[];
  failures: Failure[];
  warnings: string[];
  /** Not warnings: the files left out as vendored, minified or generated, and how to include them. */
  notes: string[];
}

/** `deprecfix scan`: lint a scope or explicit paths with full type information, and only count; `src/printers/` shows the result. */
export async function runScan(request: ScanRequest): Promise<ScanResult> {
  let selection: { repoRoot: string; files: string[]; warnings: string[]; notes: string[]; symbols?: Scope['symbols'] };
  let config: DeprecfixConfig;
  if (request.scope || request.changed !== undefined) {
    selection = loadScope({ cwd: request.cwd, manifest: request.manifest, scope: request.scope, changed: request.changed, symbols: request.symbols, strictManifest: request.strictManifest, config: request.config });
    config = loadConfig(selection.repoRoot, request.config, request.cwd);
  } else {
    const repoRoot = findRepoRoot(path.resolve(request.cwd)) ?? path.resolve(request.cwd);
    config = loadConfig(repoRoot, request.config, request.cwd);
    selection = { repoRoot, ...expandPaths(repoRoot, path.resolve(request.cwd), request.paths, config) };
  }
  const { repoRoot, files, warnings, notes } = selection;
  // TypeScript and typescript-eslint only for a scope with a TS/JS file: a Python-only scan never loads them.
  await loadTypeScriptSideFor(files);
  // Fix safety as `fix` on the same files would see it (they would be rewritten together).
  const linted = lintScope(repoRoot, files, { rules: request.rules, config, rewriteSet: files }, request.progress);
  request.progress?.done();
  // `path#Symbol` entries: only the findings inside the listed symbols are the scope's.
  const symbols = selection.symbols ?? new Map();
  const { inScope, outside } = splitBySymbols({ symbols }, linted.first.findings, linted.textOf);
  const libraryNotes = [...versionNotes(inScope, repoRoot), ...belowGateNotes(files, repoRoot, enabledRules({ rules: request.rules, config }), config), ...unresolvedImportNotes(linted.unresolved)];
  return { repoRoot, files, findings: inScope, failures: linted.first.failures, warnings, notes: [...notes, ...symbolNotes(symbols, outside), ...libraryNotes] };
}

/**
 * Files, directories (every supported file below, node_modules excluded) and globs, relative to the repository,
 * as src/files.ts considers them: what git ignores is left out (named files with a warning), and so are vendored,
 * minified and generated files (with a note).
 */
function expandPaths(repoRoot: string, cwd: string, paths: readonly string[], config: DeprecfixConfig): { files: string[]; warnings: string[]; notes: string[] } {
  const isGitIgnored = gitIgnoredTest(repoRoot);
  const warnings: string[] = [];
  const files = new Set<string>();
  for (const given of paths) {
    const absPath = path.resolve(cwd, given);
    const relative = path.relative(repoRoot, absPath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UsageError(`${given} is outside the repository ${repoRoot}`, 'scan paths inside the repository, or pass --cwd');
    }
    let matches: string[];
    if (existsSync(absPath) && statSync(absPath).isDirectory()) {
      matches = globSync('**/*', { cwd: absPath, ignore: ['**/node_modules/**', '**/.git/**'] }).map((file) => path.join(absPath, file));
    } else if (existsSync(absPath)) {
      matches = [absPath];
    } else {
      matches = globSync(given, { cwd, ignore: ['**/node_modules/**', '**/.git/**'], absolute: true });
      if (matches.length === 0) throw new UsageError(`${given}: no such file, directory or matching glob`);
    }
    for (const match of matches) {
      const file = repoPath(repoRoot, match);
      if (!isSourceFile(file)) continue;
      if (isGitIgnored(file)) {
        if (matches.length === 1 && match === absPath) warnings.push(`${given} is ignored by git (.gitignore); not scanned`);
        continue;
      }
      files.add(file);
    }
  }
  const selected = selectFiles(repoRoot, [...files].sort(), config);
  const note = skippedNote(selected.skipped, 'of the given paths');
  return { files: selected.files, warnings, notes: note ? [note] : [] };
}
