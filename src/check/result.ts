import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLUGIN_PREFIX, RULES, type RuleName } from '../../rules/kinds.js';
import { TOOL_VERSION } from '../../rules/package.js';
import { displayPath } from '../baseline.js';
import type { DeprecfixConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { listRepoFiles, skippedNote, type SkippedFile } from '../files.js';
import type { Failure, Finding } from '../lint.js';
import { sortFindings } from '../printers/printer.js';
import type { Progress } from '../progress.js';
import { TOOL_NAME } from '../report.js';
import { lintRepository } from './lint-repository.js';
import { fileSetHash, shardFiles, type Shard } from './shards.js';
import { loadTypeScriptSideFor } from '../typescript-side.js';

/**
 * The `CheckResult`: what one check run (the whole repository or one shard of it) saw, before any baseline judges
 * it. `checkRepository` produces it; `check --output` writes it with `formatCheckResult` and `report merge` reads
 * it back with `readCheckResult`.
 */

/** What one check run saw: written by `check --output`, read back by `report merge`. */
export interface CheckResult {
  tool: { name: string; version: string };
  /** Marks the file as a check result, so `report merge` rejects anything else by name. */
  type: typeof CHECK_RESULT_TYPE;
  shard: Shard;
  /** Hash of the whole repository's file list: shards of different checkouts must not be merged. */
  fileSet: string;
  totalFiles: number;
  /** Rule ids that ran; the baseline entries of other rules are not judged. */
  rules: string[];
  /** The files this run linted (all of them, or this shard's). */
  files: string[];
  findings: Finding[];
  failures: Failure[];
  /** `check --changed <ref>`: only the files changed since `ref` were linted and judged (`GIVEN_PATHS`: only the files given). */
  changed?: string;
  /** Files of the repository left out as vendored, minified or generated, or by the config's `ignores`. */
  skipped?: SkippedFile[];
}

export const CHECK_RESULT_TYPE = 'deprecfix-check-result';

/** The `changed` of a result judged on files given on the command line (`check <files...>`), not `--changed <ref>`. */
export const GIVEN_PATHS = 'the given paths';

/** Lints the repository (or one shard of it) into a `CheckResult`. */
export async function checkRepository(
  repoRoot: string,
  options: { rules?: RuleName[]; config: DeprecfixConfig; shard?: Shard; cache?: boolean; progress?: Progress; changed?: { ref: string; files: ReadonlySet<string> } },
): Promise<CheckResult> {
  // git lists a tracked file deleted in the working tree; for the gate it is gone.
  const listed = listRepoFiles(repoRoot, options.config);
  const allFiles = listed.files.filter((file) => existsSync(path.join(repoRoot, file)));
  const shard = options.shard ?? { index: 1, count: 1 };
  // --changed lints only the changed files, with the whole repository still the program their types come from.
  const files = options.changed ? allFiles.filter((file) => options.changed!.files.has(file)) : shard.count === 1 ? allFiles : shardFiles(repoRoot, allFiles, shard);
  // TypeScript and typescript-eslint only for a repository with a TS/JS file (src/typescript-side.ts).
  await loadTypeScriptSideFor(allFiles);
  const linted = lintRepository(repoRoot, allFiles, files, options);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    type: CHECK_RESULT_TYPE,
    shard,
    fileSet: fileSetHash(allFiles),
    totalFiles: allFiles.length,
    rules: ruleIdsOf(options.rules, options.config),
    files,
    findings: sortFindings(linted.findings),
    failures: linted.failures,
    ...(options.changed ? { changed: options.changed.ref } : {}),
    ...(listed.skipped.length > 0 ? { skipped: listed.skipped } : {}),
  };
}

/** The note a check or baseline run prints about the files it left out. */
export function notesOf(result: CheckResult): string[] {
  const note = skippedNote(result.skipped ?? [], 'in the repository');
  return note ? [note] : [];
}

/** The rule ids a run with these options reports, as the baseline names them. */
export function ruleIdsOf(rules: readonly RuleName[] | undefined, config: DeprecfixConfig): string[] {
  return (rules ?? (Object.keys(RULES) as RuleName[])).filter((name) => config.rules[name] !== 'off').map((name) => `${PLUGIN_PREFIX}/${name}`).sort();
}

/** Reads a result written by `check --output`; anything else is a usage error naming the file. */
export function readCheckResult(file: string, cwd = process.cwd()): CheckResult {
  const shown = displayPath(path.resolve(cwd, file), cwd);
  const hint = 'pass the files written by `deprecfix check --shard i/n --output <file>`';
  let data: Partial<CheckResult>;
  try {
    data = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8')) as Partial<CheckResult>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${shown}: ${code ? `cannot read (${code})` : `not valid JSON (${(error as Error).message})`}`, hint);
  }
  const valid =
    data?.type === CHECK_RESULT_TYPE &&
    data.tool?.name === TOOL_NAME &&
    Number.isInteger(data.shard?.index) &&
    Number.isInteger(data.shard?.count) &&
    typeof data.fileSet === 'string' &&
    Number.isInteger(data.totalFiles) &&
    [data.rules, data.files, data.findings, data.failures].every(Array.isArray);
  if (!valid) throw new UsageError(`${shown}: not a deprecfix check result`, hint);
  return data as CheckResult;
}

export function formatCheckResult(result: CheckResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
