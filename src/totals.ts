import { createHash } from 'node:crypto';
import path from 'node:path';
import { cacheDir, readCacheFile, writeCacheFile } from './cache.js';
import { listRepoFiles } from './files.js';
import { enabledRules, largeFileDetail, lintFiles, withoutSecondFindings, type Finding, type LintInput, type LintOptions } from './lint.js';
import type { Progress } from './progress.js';
import { countFindings, type Counts } from './report.js';
import { TOOL_VERSION } from '../rules/package.js';
import { resolveGatedVersions } from '../rules/project/npm-versions.js';
import { readSource } from './write.js';
import { loadTypeScriptSideFor } from './typescript-side.js';
import type { RepositoryScripts } from './run-needles.js';

interface CacheFile {
  key: string;
  files: Record<string, { hash: string; findings: Finding[] }>;
}

/**
 * The findings outside the scope (CONTRACT §8), so a reviewer sees the debt left elsewhere. These files are only
 * counted, never rewritten, so they are linted without a program (types decide fix safety, not whether most
 * kinds are found) and cached by content: a second run on an unchanged repository costs about one hash per file.
 */
export async function countRepoTotals(
  repoRoot: string,
  inScope: ReadonlySet<string>,
  /** `scripts`: the repository's TS/JS files as the run already read them (the scope's lint), not read again. */
  options: Pick<LintOptions, 'rules' | 'config'> & { scripts?: RepositoryScripts },
  progress?: Progress,
  /** Findings of in-scope files that lie outside their listed symbols (`splitBySymbols` in src/scope.ts). */
  outsideSymbols: readonly Finding[] = [],
): Promise<Counts> {
  // The same files `check` lints: vendored bundles and generated files are neither in a scope nor in the totals.
  const repoFiles = listRepoFiles(repoRoot, options.config ?? {}).files;
  const files = repoFiles.filter((file) => !inScope.has(file));
  const cachePath = path.join(cacheDir(repoRoot), 'repo-totals.json');
  // TypeScript only for a repository with a TS/JS file; its TS/JS files, read once for both typed scans below.
  const typescript = await loadTypeScriptSideFor(repoFiles);
  const scripts = typescript && (options.scripts ?? typescript.repositoryScripts(repoRoot, options.config));
  // Its own lazy import: through the TypeScript side it would close an import loop (it lints, and the lint stage reads the side).
  const typed = scripts && (await import('./typed-totals.js')).typedTotals(repoRoot, scripts, options.rules, options.config);
  // Findings depend on the rules and on the library versions they are gated on, not only on the file's text; a
  // deprecated helper's calls on the files that declare it.
  const key = JSON.stringify([TOOL_VERSION, options.rules ?? 'all', options.config?.rules, options.config?.python, options.config?.modelMethods ?? [], resolveGatedVersions(repoRoot, repoRoot), typed?.key]);
  const cache = readCacheFile<CacheFile>(cachePath, (candidate) => candidate.key === key && !!candidate.files) ?? { key, files: {} };
  const next: CacheFile = { key, files: {} };
  const stale: { file: string; absPath: string; text: string; hash: string }[] = [];
  const scriptTexts = new Map(scripts?.().map((script) => [script.file, script.text]));
  for (const file of files) {
    const absPath = path.join(repoRoot, file);
    let text = scriptTexts.get(file);
    try {
      text ??= readSource(absPath).text;
    } catch {
      continue; // unreadable files are not counted; they are not the scope's business
    }
    const hash = createHash('sha1').update(text).digest('hex');
    const cached = cache.files[file];
    if (cached?.hash === hash) next.files[file] = cached;
    else stale.push({ file, absPath, text, hash });
  }
  progress?.start('Counting findings outside the scope', stale.length);
  for (const entry of stale) next.files[entry.file] = { hash: entry.hash, findings: [] };
  // `model-method-rename` is found only on a receiver the checker proves a model: the files that name a configured
  // method are linted with a program (holding the other such files, where overrides live), the rest without.
  // `deprecated-helper` likewise, by `typedTotals`, which alone counts that rule.
  const modelSources = (scripts && typescript?.modelOverrideFiles(scripts, options.config, inScope)) ?? [];
  const modelFiles = new Set(modelSources.map((file) => file.absPath));
  const modelStale = stale.filter((entry) => modelFiles.has(entry.absPath));
  const program = typescript && modelStale.length > 0 ? typescript.createSourceProject(repoRoot, modelSources).program() : undefined;
  const withoutHelperRule = { ...options, rules: enabledRules(options).filter((rule) => rule !== 'no-deprecated-helper') };
  const onFile = () => progress?.tick();
  const onLarge = (input: LintInput) => progress?.working(largeFileDetail(input));
  const untyped = stale.filter((entry) => !modelFiles.has(entry.absPath));
  const findings = [
    ...lintFiles(untyped, { repoRoot, ...options }, onFile, onLarge).findings,
    ...(program ? lintFiles(modelStale, { repoRoot, ...withoutHelperRule, program }, onFile, onLarge).findings : []),
    ...(typed?.lint(stale) ?? []),
  ];
  for (const finding of withoutSecondFindings(findings, (finding) => finding.kind)) {
    next.files[finding.file].findings.push(finding);
  }
  if (stale.length > 0 || Object.keys(cache.files).length !== files.length) writeCacheFile(cachePath, next);
  return countFindings([...Object.values(next.files).flatMap((entry) => entry.findings), ...outsideSymbols]);
}
