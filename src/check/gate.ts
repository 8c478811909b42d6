import path from 'node:path';
import type { RuleName } from '../../rules/kinds.js';
import { allowedTotal, compareWithBaseline, readBaseline, resolveBaselinePath, type Baseline, type BaselineEntry } from '../baseline.js';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { Finding } from '../lint.js';
import { workingTreeSides } from '../git-diff.js';
import { changedEntries } from '../manifest/changed-entries.js';
import { findRepoRoot } from '../manifest/find-manifest.js';
import type { Progress } from '../progress.js';
import { countFindings } from '../report.js';
import { checkRepository, GIVEN_PATHS, type CheckResult } from './result.js';
import type { Shard } from './shards.js';
import { repoPath } from '../../rules/project/paths.js';

/**
 * The CI gate (CONTRACT §6): lint every supported file of the repository with full type information, exactly as
 * plain ESLint with `configs.strict` would (`./result.ts`, `./lint-repository.ts`), and compare the counts per file
 * and rule with the baseline (`src/baseline.ts`) into a `CheckVerdict`. A run can be one shard of a CI matrix
 * (`./shards.ts`); its `CheckResult` is written with `--output` and `deprecfix report merge` (`./merge.ts`) combines
 * the shards and applies the same gate.
 */

/** A finding counted against the baseline entry it exceeds. */
export interface Regression extends BaselineEntry {
  /** Every finding of the file and rule: which of them are new, the count-only baseline cannot tell. */
  findings: Finding[];
}

/** The gate's decision on a result: what `check` and `report merge` print and exit with. */
export interface CheckVerdict {
  result: CheckResult;
  repoRoot: string;
  /** Absolute path of the baseline file. */
  baselineFile: string;
  /** `--baseline` as the user would type it again in the tighten hint, when it is not the default. */
  baselineOption?: string;
  strict: boolean;
  /** The whole repository was seen (not one shard): files in the baseline that were not linted are gone. */
  complete: boolean;
  regressions: Regression[];
  stale: BaselineEntry[];
  /** Findings counted, and what the baseline allows for the judged files and rules. */
  total: number;
  allowed: number;
  /** 0 pass, 1 regression (or a stale baseline with --strict), 3 some files could not be linted. */
  exitCode: 0 | 1 | 3;
}

export interface CheckRequest {
  cwd: string;
  baseline?: string;
  strict?: boolean;
  rules?: RuleName[];
  config?: string;
  shard?: Shard;
  /** `--changed <ref>`: judge only the supported files changed between `ref` and the working tree (untracked included). */
  changed?: string;
  /**
   * Files given on the command line (relative to `cwd`): judge only these — what a pre-commit hook passes (the staged
   * files; pre-commit and lint-staged hide unstaged changes meanwhile, so the working tree holds what is committed).
   */
  paths?: string[];
  /** Reuse findings of unchanged files (and unchanged dependencies) from the last run; default true. */
  cache?: boolean;
  progress?: Progress;
}

export async function runCheck(request: CheckRequest): Promise<CheckVerdict> {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const baselineFile = resolveBaselinePath(repoRoot, cwd, request.baseline);
  // Before the long part: a missing or malformed baseline is exit 2 at once.
  const baseline = readBaseline(baselineFile, cwd);
  const config = loadConfig(repoRoot, request.config, cwd);
  const changed =
    request.paths !== undefined
      ? { ref: GIVEN_PATHS, files: new Set(request.paths.map((file) => givenPath(repoRoot, cwd, file))) }
      : request.changed === undefined
        ? undefined
        : { ref: request.changed, files: new Set(changedEntries(repoRoot, workingTreeSides(request.changed), { policy: config, untracked: true }).entries) };
  const result = await checkRepository(repoRoot, { rules: request.rules, config, shard: request.shard, cache: request.cache, progress: request.progress, changed });
  return judgeCheck(result, baseline, { repoRoot, baselineFile, baselineOption: request.baseline, strict: request.strict ?? false });
}

/** A path given on the command line as the repository-relative path the file lists use. */
function givenPath(repoRoot: string, cwd: string, file: string): string {
  const relative = repoPath(repoRoot, path.resolve(cwd, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`${file} is outside the repository ${repoRoot}`, 'pass files of the repository');
  return relative;
}

/** The gate: regressions fail (exit 1); a stale baseline passes with a hint, or fails with `strict`. */
export function judgeCheck(
  result: CheckResult,
  baseline: Baseline,
  options: { repoRoot: string; baselineFile: string; baselineOption?: string; strict: boolean },
): CheckVerdict {
  // A shard or a --changed run saw part of the repository: baseline entries of files it did not lint are not judged.
  const complete = result.shard.count === 1 && result.changed === undefined;
  const unknown = new Set(result.failures.map((failure) => failure.file));
  const files = new Set(result.files);
  const counts = countFindings(result.findings).byFile;
  const { regressions, stale } = compareWithBaseline(baseline, counts, { rules: result.rules, files, unknown, complete });
  const judged: Baseline = complete ? baseline : Object.fromEntries(Object.entries(baseline).filter(([file]) => files.has(file)));
  const failed = regressions.length > 0 || (options.strict && stale.length > 0);
  return {
    result,
    repoRoot: options.repoRoot,
    baselineFile: options.baselineFile,
    ...(options.baselineOption ? { baselineOption: options.baselineOption } : {}),
    strict: options.strict,
    complete,
    regressions: regressions.map((entry) => ({
      ...entry,
      findings: result.findings.filter((finding) => finding.file === entry.file && finding.ruleId === entry.ruleId),
    })),
    stale,
    total: result.findings.length,
    allowed: allowedTotal(judged, result.rules),
    exitCode: failed ? 1 : result.failures.length > 0 ? 3 : 0,
  };
}
