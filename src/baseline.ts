import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { UsageError } from './errors.js';
import { jsonSyntaxProblem } from './strict-json.js';
import { writeAtomically } from './write.js';

/**
 * The CI baseline (CONTRACT §6): ESLint's bulk-suppressions file, so `deprecfix check` and plain
 * `eslint --suppressions-location` read and write the same thing. Per repository-relative POSIX path and rule id,
 * the number of findings the code base is allowed to have; a file or rule that is absent is allowed none.
 *
 * ```json
 * { "backend/api/main.ts": { "deprecfix/no-legacy-serialization": { "count": 5 } } }
 * ```
 *
 * The file may also hold other tools' rules (a team that bulk-suppresses `@typescript-eslint/*` in the same file):
 * deprecfix only ever reads, writes and judges the entries of the rules it ran, and keeps every other entry as is.
 */
export type Baseline = Record<string, Record<string, { count: number }>>;

/** file → rule id → number of findings: what a run counted (`Counts.byFile`). */
export type RuleCounts = Record<string, Record<string, number>>;

export const BASELINE_FILE_NAME = 'eslint-suppressions.json';

/** What one run can say about the baseline: which rules ran over which files, and whose counts are unknown. */
export interface BaselineScope {
  /** Rule ids that ran (`deprecfix/no-utcnow-date`); entries of other rules are never touched or judged. */
  rules: readonly string[];
  /** Files that were linted: their counts are known, 0 where `counts` has none. */
  files: ReadonlySet<string>;
  /** Files that could not be read or parsed: their counts are unknown, so their entries are kept and not judged. */
  unknown?: ReadonlySet<string>;
}

/** One file and rule: what the run counted against what the baseline allows. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  count: number;
  allowed: number;
}

export interface BaselineComparison {
  /** Counts above the baseline (a file missing from it is allowed 0): the gate fails. */
  regressions: BaselineEntry[];
  /** Counts below the baseline, or entries of files that are gone: the baseline can be tightened. */
  stale: BaselineEntry[];
}

/** `--baseline <file>` relative to where the user stands, else `eslint-suppressions.json` at the repository root. */
export function resolveBaselinePath(repoRoot: string, cwd: string, explicit?: string): string {
  return explicit ? path.resolve(cwd, explicit) : path.join(repoRoot, BASELINE_FILE_NAME);
}

/** Reads the baseline; a missing or malformed file is a usage error (exit 2) that says how to get a good one. */
export function readBaseline(file: string, cwd = process.cwd()): Baseline {
  const shown = displayPath(file, cwd);
  if (!existsSync(file)) {
    throw new UsageError(
      `no baseline at ${shown}`,
      `run \`deprecfix baseline${file.endsWith(`${path.sep}${BASELINE_FILE_NAME}`) ? '' : ` --baseline ${shown}`}\` once and commit the file, or pass --baseline <file>`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseBaseline(text, shown);
}

/** Parses ESLint's suppressions format, naming the line and column (or the entry) that is wrong. */
export function parseBaseline(json: string, shown: string): Baseline {
  const text = json.replace(/^\uFEFF/, '');
  const remedy = `fix ${shown} by hand, or delete it and run \`deprecfix baseline\` to write it again`;
  const where = (offset: number): string => {
    const lines = text.slice(0, offset).split('\n');
    return `${shown}:${lines.length}:${lines.at(-1)!.length + 1}`;
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    // In words, at the place a person would look (a trailing comma, a comment), as manifest errors say it.
    const { offset, problem } = errors.length > 0 ? jsonSyntaxProblem(text, errors) : { offset: 0, problem: 'empty file' };
    throw new UsageError(`${where(offset)}: malformed baseline: ${problem}`, remedy);
  }
  const fail = (offset: number, problem: string): never => {
    throw new UsageError(`${where(offset)}: malformed baseline: ${problem}`, remedy);
  };
  if (root.type !== 'object') fail(root.offset, 'expected an object of files ({ "<path>": { "<rule>": { "count": N } } })');
  const baseline: Baseline = {};
  for (const fileProperty of root.children ?? []) {
    const [fileKey, rulesNode] = fileProperty.children ?? [];
    const file = fileKey.value as string;
    if (rulesNode.type !== 'object') fail(rulesNode.offset, `"${file}" must map rule ids to { "count": N }`);
    for (const ruleProperty of rulesNode.children ?? []) {
      const [ruleKey, entryNode] = ruleProperty.children ?? [];
      const ruleId = ruleKey.value as string;
      const countNode = entryNode.type === 'object' ? entryNode.children?.find((property) => property.children?.[0].value === 'count')?.children?.[1] : undefined;
      const count = countNode?.value as unknown;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        fail((countNode ?? entryNode).offset, `"${file}" › "${ruleId}" must be { "count": N } with a whole number N ≥ 0`);
      }
      if (count === 0) continue; // allows nothing: the same as no entry
      (baseline[file] ??= {})[ruleId] = { count: count as number };
    }
  }
  return baseline;
}

/** ESLint's own layout (sorted keys, two-space indent), with a final newline as editors and `git diff` like it. */
export function formatBaseline(baseline: Baseline): string {
  const sorted: Baseline = {};
  for (const file of Object.keys(baseline).sort(compareStrings)) {
    const rules = Object.keys(baseline[file]).sort(compareStrings).filter((ruleId) => baseline[file][ruleId].count > 0);
    if (rules.length > 0) sorted[file] = Object.fromEntries(rules.map((ruleId) => [ruleId, { count: baseline[file][ruleId].count }]));
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Writes the baseline atomically; returns false (and leaves the file alone) when its content would not change. */
export function writeBaseline(file: string, baseline: Baseline): boolean {
  const text = formatBaseline(baseline);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  writeAtomically(file, text, { text: current ?? '', bom: false, eol: '\n', mode: 0o644 });
  return true;
}

/**
 * `deprecfix baseline`: the current counts of the rules that ran, everywhere. Other rules' entries and the
 * entries of files whose counts are unknown are kept; entries of files that are gone are dropped.
 */
export function updateBaseline(previous: Baseline, counts: RuleCounts, scope: BaselineScope): Baseline {
  return rebuild(previous, scope, (file, ruleId) => counts[file]?.[ruleId] ?? 0, counts);
}

/** `deprecfix baseline --prune`: only ever lowers a count (to the current one) and drops what reaches zero. */
export function pruneBaseline(previous: Baseline, counts: RuleCounts, scope: BaselineScope): Baseline {
  return rebuild(previous, scope, (file, ruleId) => Math.min(previous[file]?.[ruleId]?.count ?? 0, counts[file]?.[ruleId] ?? 0), {});
}

function rebuild(previous: Baseline, scope: BaselineScope, countOf: (file: string, ruleId: string) => number, added: RuleCounts): Baseline {
  const owned = new Set(scope.rules);
  const next: Baseline = {};
  const set = (file: string, ruleId: string, count: number): void => {
    if (count > 0) (next[file] ??= {})[ruleId] = { count };
  };
  for (const [file, rules] of Object.entries(previous)) {
    for (const [ruleId, { count }] of Object.entries(rules)) {
      if (!owned.has(ruleId) || scope.unknown?.has(file)) set(file, ruleId, count);
      else if (scope.files.has(file)) set(file, ruleId, countOf(file, ruleId));
      // else: the file is gone (deleted or no longer linted): its entry goes.
    }
  }
  for (const [file, rules] of Object.entries(added)) {
    if (!scope.files.has(file) || scope.unknown?.has(file)) continue;
    for (const ruleId of Object.keys(rules)) if (owned.has(ruleId)) set(file, ruleId, countOf(file, ruleId));
  }
  return next;
}

/**
 * The gate (CONTRACT §6), as ESLint's `applySuppressions` decides it: per file and rule, more findings than the
 * baseline allows is a regression; fewer is stale. `complete` says the run saw the whole repository, so a baseline
 * file it did not lint is gone (stale, never a regression); a shard only judges its own files.
 */
export function compareWithBaseline(baseline: Baseline, counts: RuleCounts, scope: BaselineScope & { complete: boolean }): BaselineComparison {
  const owned = new Set(scope.rules);
  const regressions: BaselineEntry[] = [];
  const stale: BaselineEntry[] = [];
  for (const [file, rules] of Object.entries(counts)) {
    if (scope.unknown?.has(file)) continue;
    for (const [ruleId, count] of Object.entries(rules)) {
      if (!owned.has(ruleId)) continue;
      const allowed = baseline[file]?.[ruleId]?.count ?? 0;
      if (count > allowed) regressions.push({ file, ruleId, count, allowed });
    }
  }
  for (const [file, rules] of Object.entries(baseline)) {
    if (scope.unknown?.has(file)) continue;
    if (!scope.files.has(file) && !scope.complete) continue;
    for (const [ruleId, { count: allowed }] of Object.entries(rules)) {
      if (!owned.has(ruleId)) continue;
      const count = counts[file]?.[ruleId] ?? 0;
      if (count < allowed) stale.push({ file, ruleId, count, allowed });
    }
  }
  return { regressions: regressions.sort(byFileAndRule), stale: stale.sort(byFileAndRule) };
}

/** How many findings the baseline allows in total for the given rules. */
export function allowedTotal(baseline: Baseline, rules: readonly string[]): number {
  const owned = new Set(rules);
  let total = 0;
  for (const entries of Object.values(baseline)) for (const [ruleId, { count }] of Object.entries(entries)) if (owned.has(ruleId)) total += count;
  return total;
}

function byFileAndRule(a: BaselineEntry, b: BaselineEntry): number {
  return compareStrings(a.file, b.file) || compareStrings(a.ruleId, b.ruleId);
}

/** Code-unit order, as ESLint's json-stable-stringify sorts keys. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Relative to where the user stands when that is shorter, like compilers print paths. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absPath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absPath;
}
