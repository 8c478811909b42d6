import path from 'node:path';
import { readBaseline, resolveBaselinePath } from '../baseline.js';
import { UsageError } from '../errors.js';
import { findRepoRoot } from '../manifest/find-manifest.js';
import { compareStrings, sortFailures, sortFindings } from '../printers/printer.js';
import { judgeCheck, type CheckVerdict } from './gate.js';
import { CHECK_RESULT_TYPE, readCheckResult, type CheckResult } from './result.js';

/**
 * Merging the shards of one CI run: their `CheckResult`s (written by `check --shard i/n --output`) become the result
 * of the whole repository, or a usage error when they do not belong together.
 */

export interface MergeRequest {
  cwd: string;
  /** Results written by `check --shard i/n --output <file>`. */
  files: string[];
  baseline?: string;
  strict?: boolean;
}

/** `deprecfix report merge`: the shards of one run as one result, judged by the same gate as `check`. */
export function runMerge(request: MergeRequest): CheckVerdict {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const baselineFile = resolveBaselinePath(repoRoot, cwd, request.baseline);
  const baseline = readBaseline(baselineFile, cwd);
  const merged = mergeCheckResults(
    request.files.map((file) => readCheckResult(file, cwd)),
    request.files,
  );
  return judgeCheck(merged, baseline, { repoRoot, baselineFile, baselineOption: request.baseline, strict: request.strict ?? false });
}

/**
 * Combines the shards of one run: they must come from the same checkout, version and rules, and together cover
 * the file list exactly once — otherwise the merged counts would silently miss or double files.
 */
export function mergeCheckResults(results: readonly CheckResult[], names: readonly string[] = results.map((_, i) => `#${i + 1}`)): CheckResult {
  if (results.length === 0) throw new UsageError('nothing to merge', 'pass the files written by `deprecfix check --shard i/n --output <file>`');
  const [first] = results;
  const hint = 'merge the outputs of one CI run: every shard 1/n … n/n of the same commit, with the same deprecfix version and --rules';
  for (const [i, result] of results.entries()) {
    const mismatch =
      result.tool.version !== first.tool.version
        ? `deprecfix ${result.tool.version} vs ${first.tool.version}`
        : result.fileSet !== first.fileSet
          ? 'a different list of files (another commit?)'
          : result.shard.count !== first.shard.count
            ? `shard count ${result.shard.count} vs ${first.shard.count}`
            : result.rules.join() !== first.rules.join()
              ? `rules ${result.rules.join(', ')} vs ${first.rules.join(', ')}`
              : undefined;
    if (mismatch) throw new UsageError(`${names[i]} does not belong with ${names[0]}: ${mismatch}`, hint);
  }
  const count = first.shard.count;
  const byIndex = new Map<number, string>();
  for (const [i, result] of results.entries()) {
    const previous = byIndex.get(result.shard.index);
    if (previous) throw new UsageError(`${names[i]} and ${previous} are both shard ${result.shard.index}/${count}`, hint);
    byIndex.set(result.shard.index, names[i]);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing`, hint);
  const files = results.flatMap((result) => result.files);
  if (new Set(files).size !== files.length || files.length !== first.totalFiles) {
    throw new UsageError(`the shards do not split the same ${first.totalFiles} files exactly once (file sizes differ between the machines?)`, hint);
  }
  return {
    tool: first.tool,
    type: CHECK_RESULT_TYPE,
    shard: { index: 1, count: 1 },
    fileSet: first.fileSet,
    totalFiles: first.totalFiles,
    rules: first.rules,
    files: files.sort(compareStrings),
    findings: sortFindings(results.flatMap((result) => result.findings)),
    failures: sortFailures(results.flatMap((result) => result.failures)),
    // Every shard listed the same repository, so each carries the same skipped files.
    ...(first.skipped ? { skipped: first.skipped } : {}),
  };
}
