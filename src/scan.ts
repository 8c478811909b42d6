import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { globSync } from 'tinyglobby';
import type { RuleName } from '../rules/kinds.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { isSourceFile } from './languages.js';
import { lintScope, type Finding } from './lint.js';
import { findRepoRoot } from './manifest.js';
import type { Progress } from './progress.js';
import { countFindings, type Failure } from './report.js';
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

/** `deprecfix scan`: lint a scope or explicit paths with full type information, and only count. */
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
  const linted = lintScope(repoRoot, files, { rules: request.rules, config }, request.progress);
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
      const file = path.relative(repoRoot, match).split(path.sep).join('/');
      if (isSourceFile(file)) files.add(file);
    }
  }
  return [...files].sort();
}

export function renderScan(result: ScanResult, options: { format: string; color: boolean; quiet?: boolean }): string {
  const counts = countFindings(result.findings);
  if (options.format === 'json') {
    return `${JSON.stringify({ files: result.files.length, findings: result.findings, counts, failures: result.failures }, null, 2)}\n`;
  }
  if (options.format === 'markdown') {
    const rows = Object.entries(counts.byRule).map(([rule, count]) => `| ${rule} | ${count} |`);
    return [`### deprecfix scan: ${counts.total} finding${counts.total === 1 ? '' : 's'} in ${result.files.length} files`, '', '| rule | findings |', '| --- | ---: |', ...rows, ''].join('\n');
  }
  const colors = pc.createColors(options.color);
  const lines: string[] = [];
  if (!options.quiet) {
    const byFile = new Map<string, Finding[]>();
    for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
    for (const [file, findings] of byFile) {
      lines.push(colors.underline(file));
      for (const finding of findings) {
        const fix = finding.fix === 'safe' ? colors.green('safe  ') : finding.fix === 'unsafe' ? colors.yellow('unsafe') : colors.dim('none  ');
        const reason = finding.reason ? colors.dim(` (${finding.reason})`) : '';
        lines.push(`  ${colors.dim(`${finding.line}:${finding.column}`.padEnd(8))} ${fix}  ${finding.message}${reason}  ${colors.dim(finding.kind)}`);
      }
      lines.push('');
    }
  }
  for (const failure of result.failures) lines.push(`${colors.red('error')} ${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message}`);
  const fixable = result.findings.filter((finding) => finding.fix === 'safe').length;
  lines.push(
    `${colors.bold(`${counts.total} finding${counts.total === 1 ? '' : 's'}`)} in ${result.files.length} files (${fixable} safely fixable with \`deprecfix fix\`)`,
  );
  return `${lines.join('\n')}\n`;
}
