import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../../rules/kinds.js';
import { pruneBaseline, readBaseline, resolveBaselinePath, updateBaseline, writeBaseline, type Baseline } from '../baseline.js';
import { loadConfig } from '../config.js';
import type { Failure } from '../lint.js';
import { findRepoRoot } from '../manifest/find-manifest.js';
import type { Progress } from '../progress.js';
import { countFindings } from '../report.js';
import { checkRepository, notesOf } from './result.js';

/**
 * `deprecfix baseline [--prune]`: lints the repository as `check` does and writes its counts into the baseline
 * file (`src/baseline.ts` owns the file's format and how counts update or prune it).
 */

export interface BaselineRequest {
  cwd: string;
  baseline?: string;
  prune?: boolean;
  rules?: RuleName[];
  config?: string;
  cache?: boolean;
  progress?: Progress;
}

export interface BaselineOutcome {
  file: string;
  prune: boolean;
  /** False when the file already said exactly this. */
  written: boolean;
  before: Baseline;
  after: Baseline;
  rules: string[];
  files: number;
  failures: Failure[];
  notes: string[];
  exitCode: 0 | 3;
}

/** Writes the current counts (or, with `prune`, only lowers them); other rules' entries stay as they were. */
export async function runBaseline(request: BaselineRequest): Promise<BaselineOutcome> {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const file = resolveBaselinePath(repoRoot, cwd, request.baseline);
  // --prune tightens an existing baseline and needs one; a first `baseline` starts from nothing.
  const before = request.prune || existsSync(file) ? readBaseline(file, cwd) : {};
  const config = loadConfig(repoRoot, request.config, cwd);
  const result = await checkRepository(repoRoot, { rules: request.rules, config, cache: request.cache, progress: request.progress });
  const counts = countFindings(result.findings).byFile;
  const scope = { rules: result.rules, files: new Set(result.files), unknown: new Set(result.failures.map((failure) => failure.file)) };
  const after = request.prune ? pruneBaseline(before, counts, scope) : updateBaseline(before, counts, scope);
  const written = writeBaseline(file, after);
  return {
    file,
    prune: request.prune ?? false,
    written,
    before,
    after,
    rules: result.rules,
    files: result.files.length,
    failures: result.failures,
    notes: notesOf(result),
    exitCode: result.failures.length > 0 ? 3 : 0,
  };
}
