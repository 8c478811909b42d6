import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import type { RuleName } from '../rules/kinds.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { isSourceFile } from './languages.js';
import { lintScope, type Finding } from './lint.js';
import { findRepoRoot } from './manifest.js';
import type { Progress } from './progress.js';
import type { Failure } from './report.js';
import { repoPath } from './paths.js';
import { loadScope } from './scope.js';

export interface ScanRequest {
  cwd: string;
  manifest?: string;
  scope?: string;
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
}

/** `deprecfix scan`: lint a scope or explicit paths with full type information, and only count; `src/printers/` shows the result. */
export function runScan(request: ScanRequest): ScanResult {
  let repoRoot: string;
  let files: string[];
  let warnings: string[] = [];
  if (request.scope) {
    const scope = loadScope({ cwd: request.cwd, manifest: request.manifest, scope: request.scope, strictManifest: request.strictManifest });
    ({ repoRoot, files, warnings } = scope);
  } else {
    repoRoot = findRepoRoot(path.resolve(request.cwd)) ?? path.resolve(request.cwd);
    files = expandPaths(repoRoot, path.resolve(request.cwd), request.paths);
  }
  const config = loadConfig(repoRoot, request.config, request.cwd);
  // Fix safety as `fix` on the same files would see it (they would be rewritten together).
  const linted = lintScope(repoRoot, files, { rules: request.rules, config, rewriteSet: files }, request.progress);
  request.progress?.done();
  return { repoRoot, files, findings: linted.first.findings, failures: linted.first.failures, warnings };
}

/** Files, directories (every supported file below, node_modules excluded) and globs, relative to the repository. */
function expandPaths(repoRoot: string, cwd: string, paths: readonly string[]): string[] {
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
      if (isSourceFile(file)) files.add(file);
    }
  }
  return [...files].sort();
}
