import { KINDS, REASONS, reasonIdOf, type KindInfo, type ReasonId } from '../rules/kinds.js';
import { languageOf } from './languages.js';
import type { Failure, Finding } from './lint.js';
import type { OtherDeprecations } from './other-deprecations.js';
import type { RunProvenance } from './provenance.js';
import { runtimeHitsOf, type RuntimeSection } from './runtime/runtime-report.js';
import type { RuntimeWarning } from './runtime/warnings.js';

/**
 * The last stage of the pipeline: the before/after report (CONTRACT §8). This module owns `Report`, the one data
 * type every printer reads, and `buildReport`, which turns what the run saw into it. The printers render it
 * (`renderJson` in `printers/json.ts`, `renderMarkdown` in `printers/markdown.ts`, `renderPretty` in
 * `printers/pretty.ts`, from `PrintInput.report`) and never look at anything else, so `deprecfix report <file>`
 * re-renders a saved report (`report-reader.ts`) exactly like the run that wrote it.
 */

export interface Counts {
  total: number;
  byRule: Record<string, number>;
  byKind: Record<string, number>;
  /** `ts/js` or `python` → count, so a mixed repository's report shows each language's share. */
  byLanguage: Record<string, number>;
  /** file → rule id → count. */
  byFile: Record<string, Record<string, number>>;
}

export interface FixedEntry {
  file: string;
  line: number;
  ruleId: string;
  kind: string;
  /** The code before and after the rewrite (may span several lines). */
  before: string;
  after: string;
  /**
   * Present on a repair only: the rewrite changed behaviour on purpose, from failing on the installed version
   * (`repairs` says how) to working. Reviewers find repairs in their own report section.
   */
  fix?: 'repair';
  repairs?: string;
  /** With `--test`: how often the tests' run warned at this site before the rewrite. */
  runtimeHits?: number;
}

/**
 * Lines a rewrite changed that no finding covers — the import declarations that came with the rewritten calls
 * (a name added, renamed, joined into another declaration or dropped) — so the report shows the whole diff.
 */
export interface ImportEdit {
  file: string;
  /** The first line, in the file as it was before that rewrite. */
  line: number;
  /** The lines before and after (either may be empty: lines only added, or only removed). */
  before: string;
  after: string;
}

export interface RemainingEntry {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  kind: string;
  fix: 'safe' | 'unsafe' | 'repair' | 'none';
  /** Human-readable: what the Markdown report groups by. */
  reason: string;
  /** The `REASONS` id behind `reason`, when there is one. */
  reasonId?: string;
  message: string;
  /** With `--test`: how often the tests' last run warned at this site (remaining findings are listed hottest first). */
  runtimeHits?: number;
}

export interface Report {
  tool: { name: string; version: string };
  /** Where the report came from (CONTRACT §8): command line, commit, dirty flag, versions, input digests. */
  run?: RunProvenance;
  /** `symbols`: the files narrowed by `path#Symbol` entries and their symbols (absent when none is). */
  scope: { spec: string; scopes: string[]; files: string[]; symbols?: Record<string, string[]> };
  before: Counts;
  after: Counts;
  fixed: FixedEntry[];
  imports: ImportEdit[];
  remaining: RemainingEntry[];
  /** The rest of the repository; null when skipped with `--no-repo-totals`. */
  outOfScope: { total: number; byRule: Record<string, number> } | null;
  failures: Failure[];
  notes: string[];
  dryRun: boolean;
  unsafeFixes: boolean;
  /** Whether repairs were applied (false with `--no-repairs`). */
  repairs: boolean;
  /** Present only when a signal stopped the write phase: the report then describes the files written before it. */
  interrupted?: 'SIGINT' | 'SIGTERM';
  /** With `--test` (CONTRACT §12.3): the test commands' runs, their deprecation warnings before → after. */
  runtime?: RuntimeSection;
  /**
   * With `alsoCount` in the config: other ESLint rules' messages in the scope before → after, count only (never
   * rewritten, never in `before`/`after`, `outOfScope` or the baseline).
   */
  otherDeprecations?: OtherDeprecations;
}

export interface ReportInput {
  toolVersion: string;
  scope: { spec: string; scopes: string[]; files: string[]; symbols?: ReadonlyMap<string, readonly string[]> };
  /** In-scope findings before the run. */
  before: Finding[];
  /** In-scope findings after the run: what remains (reason set by the lead when a rewrite was rolled back). */
  after: Finding[];
  fixed: FixedEntry[];
  imports?: ImportEdit[];
  /** null with `--no-repo-totals`. */
  outOfScope: Counts | null;
  failures: Failure[];
  /** Said once each, e.g. why a library version is unknown. */
  notes: string[];
  options: { dryRun: boolean; unsafeFixes: boolean; repairs?: boolean };
  interrupted?: 'SIGINT' | 'SIGTERM';
  run?: RunProvenance;
  /** With `--test`: the section, and the warnings of the first run and of the tree as left, for `runtimeHits`. */
  runtime?: { section: RuntimeSection; before: readonly RuntimeWarning[]; after: readonly RuntimeWarning[] };
  otherDeprecations?: OtherDeprecations;
}

export const TOOL_NAME = 'deprecfix';
export const REASON_UNSAFE_FIX = 'fixable with --unsafe-fixes';
export const REASON_REPAIR_HELD = 'repair held by --no-repairs';
export const REASON_NOT_REWRITTEN = 'not rewritten';
export const REASON_NO_FIX = 'no automatic fix';

// ---------------------------------------------------------------------------------------------------------------
// Counting and building

export function countFindings(findings: readonly Pick<Finding, 'file' | 'ruleId' | 'kind'>[]): Counts {
  const byRule: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const byLanguage: Record<string, number> = {};
  const byFile: Record<string, Record<string, number>> = {};
  for (const finding of findings) {
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
    byLanguage[languageOf(finding.file)] = (byLanguage[languageOf(finding.file)] ?? 0) + 1;
    const fileCounts = (byFile[finding.file] ??= {});
    fileCounts[finding.ruleId] = (fileCounts[finding.ruleId] ?? 0) + 1;
  }
  return {
    total: findings.length,
    byRule: sortKeys(byRule),
    byKind: sortKeys(byKind),
    byLanguage: sortKeys(byLanguage),
    byFile: Object.fromEntries(Object.keys(byFile).sort(compareStrings).map((file) => [file, sortKeys(byFile[file])])),
  };
}

export function buildReport(input: ReportInput): Report {
  const { dryRun, unsafeFixes } = input.options;
  const repairs = input.options.repairs ?? true;
  // Keys are written in contract order; JSON.stringify keeps insertion order, so the file is stable.
  const runtime = input.runtime;
  const remaining = [...input.after].sort(byPosition).map((finding) => ({
    ...toRemaining(finding, unsafeFixes, repairs),
    ...(runtime ? { runtimeHits: runtimeHitsOf(finding, runtime.after) } : {}),
  }));
  // "High-traffic" measured: the findings the tests ran most first (a stable sort keeps file order among equals).
  if (runtime) remaining.sort((a, b) => b.runtimeHits! - a.runtimeHits!);
  const fixedHits = (entry: FixedEntry): number | undefined =>
    runtime ? runtimeHitsOf({ file: entry.file, line: entry.line, endLine: entry.line + entry.before.split('\n').length - 1 }, runtime.before) : undefined;
  return {
    tool: { name: TOOL_NAME, version: input.toolVersion },
    ...(input.run ? { run: input.run } : {}),
    scope: {
      spec: input.scope.spec,
      scopes: [...input.scope.scopes],
      files: [...new Set(input.scope.files)].sort(compareStrings),
      ...(input.scope.symbols?.size ? { symbols: Object.fromEntries([...input.scope.symbols].map(([file, names]) => [file, [...names]])) } : {}),
    },
    before: countFindings(input.before),
    after: countFindings(input.after),
    fixed: [...input.fixed].sort(byFileAndLine).map((entry) => ({
      file: entry.file,
      line: entry.line,
      ruleId: entry.ruleId,
      kind: entry.kind,
      before: entry.before,
      after: entry.after,
      ...(entry.fix === 'repair' ? { fix: entry.fix, repairs: entry.repairs ?? '' } : {}),
      ...(runtime ? { runtimeHits: fixedHits(entry) } : {}),
    })),
    imports: [...(input.imports ?? [])].sort(byFileAndLine).map((edit) => ({ file: edit.file, line: edit.line, before: edit.before, after: edit.after })),
    remaining,
    outOfScope: input.outOfScope ? { total: input.outOfScope.total, byRule: sortKeys(input.outOfScope.byRule) } : null,
    failures: [...input.failures].sort(byFileAndLine).map((failure) => ({ ...failure })),
    notes: [...new Set(input.notes)],
    dryRun,
    unsafeFixes,
    repairs,
    ...(input.interrupted ? { interrupted: input.interrupted } : {}),
    ...(runtime ? { runtime: runtime.section } : {}),
    ...(input.otherDeprecations ? { otherDeprecations: input.otherDeprecations } : {}),
  };
}

function toRemaining(finding: Finding, unsafeFixes: boolean, repairs: boolean): RemainingEntry {
  const { reason, reasonId } = explainRemaining(finding, unsafeFixes, repairs);
  const entry: RemainingEntry = {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    ruleId: finding.ruleId,
    kind: finding.kind,
    fix: finding.fix,
    reason,
    message: finding.message,
  };
  if (reasonId) entry.reasonId = reasonId;
  return entry;
}

/** Why a finding is still there, in the words the report groups by. */
function explainRemaining(finding: Finding, unsafeFixes: boolean, repairs: boolean): { reason: string; reasonId?: string } {
  if (finding.reason) {
    // The lead may pass a REASONS id or its text (or a free-form diagnostic after a rollback): accept all three.
    const reasons: Record<string, string> = REASONS;
    if (Object.hasOwn(reasons, finding.reason)) return { reason: reasons[finding.reason], reasonId: finding.reason };
    const id = reasonIdOf(finding.reason);
    return id ? { reason: finding.reason, reasonId: id } : { reason: finding.reason };
  }
  if (finding.fix === 'unsafe') return { reason: unsafeFixes ? REASON_NOT_REWRITTEN : REASON_UNSAFE_FIX };
  if (finding.fix === 'repair') return { reason: repairs ? REASON_NOT_REWRITTEN : REASON_REPAIR_HELD };
  if (finding.fix === 'safe') return { reason: REASON_NOT_REWRITTEN };
  const kinds: Record<string, KindInfo> = KINDS;
  const kindReason: ReasonId | undefined = Object.hasOwn(kinds, finding.kind) ? kinds[finding.kind].reason : undefined;
  return kindReason ? { reason: REASONS[kindReason], reasonId: kindReason } : { reason: REASON_NO_FIX };
}

// ---------------------------------------------------------------------------------------------------------------
// Stable order

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort(compareStrings).map((key) => [key, record[key]]));
}

/** Code-unit order, not locale order: the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byFileAndLine(a: { file: string; line?: number }, b: { file: string; line?: number }): number {
  return compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0);
}

function byPosition(a: Finding, b: Finding): number {
  return byFileAndLine(a, b) || a.column - b.column || compareStrings(a.ruleId, b.ruleId);
}
