import pc from 'picocolors';
import { KINDS, REASONS, reasonIdOf, type KindInfo, type ReasonId } from '../rules/kinds.js';
import { UsageError } from './errors.js';
import { languageOf } from './languages.js';
import type { Failure, Finding } from './lint.js';
import { printablePath } from '../rules/project/paths.js';

/**
 * The last stage of the pipeline: the before/after report (CONTRACT §8). `buildReport` turns what the run saw into
 * the `Report`, the one data type every printer reads; `renderJson`, `renderMarkdown` and `renderPretty` never look
 * at anything else, so `deprecfix report <file>` re-renders a saved report exactly like the run that wrote it.
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
}

export interface Report {
  tool: { name: string; version: string };
  scope: { spec: string; scopes: string[]; files: string[] };
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
}

export interface ReportInput {
  toolVersion: string;
  scope: { spec: string; scopes: string[]; files: string[] };
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
}

export const TOOL_NAME = 'deprecfix';
export const REASON_UNSAFE_FIX = 'fixable with --unsafe-fixes';
export const REASON_REPAIR_HELD = 'repair held by --no-repairs';
export const REASON_NOT_REWRITTEN = 'not rewritten';
export const REASON_NO_FIX = 'no automatic fix';

/** Markdown lists longer than this fold into `<details>` so a pull-request comment stays readable. */
const COLLAPSE_AFTER = 20;
/** Pretty output shows this many findings per reason, then a count. */
const PRETTY_PER_GROUP = 3;
const PRETTY_FILES = 5;
const MINUS = '\u2212';

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
  return {
    tool: { name: TOOL_NAME, version: input.toolVersion },
    scope: {
      spec: input.scope.spec,
      scopes: [...input.scope.scopes],
      files: [...new Set(input.scope.files)].sort(compareStrings),
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
    })),
    imports: [...(input.imports ?? [])].sort(byFileAndLine).map((edit) => ({ file: edit.file, line: edit.line, before: edit.before, after: edit.after })),
    remaining: [...input.after].sort(byPosition).map((finding) => toRemaining(finding, unsafeFixes, repairs)),
    outOfScope: input.outOfScope ? { total: input.outOfScope.total, byRule: sortKeys(input.outOfScope.byRule) } : null,
    failures: [...input.failures].sort(byFileAndLine).map((failure) => ({ ...failure })),
    notes: [...new Set(input.notes)],
    dryRun,
    unsafeFixes,
    repairs,
    ...(input.interrupted ? { interrupted: input.interrupted } : {}),
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
// JSON

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Reads a saved `deprecfix-report.json` back; anything that is not one is a usage error naming the file. */
export function parseReport(json: string, file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, SAVED_REPORT_HINT);
  }
  return new ReportReader(file).report(data);
}

const SAVED_REPORT_HINT = 'Pass the deprecfix-report.json written by `deprecfix fix`.';
const STAGES: readonly Failure['stage'][] = ['parse', 'rewrite', 'type-check', 'write'];
const FIX_SAFETIES: readonly RemainingEntry['fix'][] = ['safe', 'unsafe', 'repair', 'none'];

/** Validates field by field so the error says which one is wrong (`before.byRule.x must be a number`). */
class ReportReader {
  constructor(private readonly file: string) {}

  report(data: unknown): Report {
    const root = this.object(data, 'the report');
    const tool = this.object(root.tool, 'tool');
    if (tool.name !== TOOL_NAME) this.fail('tool.name', `must be "${TOOL_NAME}" (this is not a deprecfix report)`);
    const scope = this.object(root.scope, 'scope');
    return {
      tool: { name: TOOL_NAME, version: this.string(tool.version, 'tool.version') },
      scope: {
        spec: this.string(scope.spec, 'scope.spec'),
        scopes: this.array(scope.scopes, 'scope.scopes').map((value, i) => this.string(value, `scope.scopes[${i}]`)),
        files: this.array(scope.files, 'scope.files').map((value, i) => this.string(value, `scope.files[${i}]`)),
      },
      before: this.counts(root.before, 'before'),
      after: this.counts(root.after, 'after'),
      fixed: this.array(root.fixed, 'fixed').map((value, i) => this.fixedEntry(value, `fixed[${i}]`)),
      imports: this.optionalArray(root.imports, 'imports').map((value, i) => this.importEdit(value, `imports[${i}]`)),
      remaining: this.array(root.remaining, 'remaining').map((value, i) => this.remainingEntry(value, `remaining[${i}]`)),
      outOfScope: this.outOfScope(root.outOfScope),
      failures: this.optionalArray(root.failures, 'failures').map((value, i) => this.failure(value, `failures[${i}]`)),
      notes: this.optionalArray(root.notes, 'notes').map((value, i) => this.string(value, `notes[${i}]`)),
      dryRun: this.optionalBoolean(root.dryRun, 'dryRun'),
      unsafeFixes: this.optionalBoolean(root.unsafeFixes, 'unsafeFixes'),
      // reports written before repairs existed applied every rewrite they listed
      repairs: root.repairs === undefined ? true : this.optionalBoolean(root.repairs, 'repairs'),
      ...(root.interrupted === undefined ? {} : { interrupted: this.signal(root.interrupted) }),
    };
  }

  private counts(value: unknown, path: string): Counts {
    const counts = this.object(value, path);
    const byFile = counts.byFile === undefined ? {} : this.object(counts.byFile, `${path}.byFile`);
    return {
      total: this.count(counts.total, `${path}.total`),
      byRule: this.numberRecord(counts.byRule, `${path}.byRule`),
      byKind: counts.byKind === undefined ? {} : this.numberRecord(counts.byKind, `${path}.byKind`),
      byLanguage: counts.byLanguage === undefined ? {} : this.numberRecord(counts.byLanguage, `${path}.byLanguage`),
      byFile: Object.fromEntries(
        Object.entries(byFile).map(([file, rules]) => [file, this.numberRecord(rules, `${path}.byFile[${JSON.stringify(file)}]`)]),
      ),
    };
  }

  private signal(value: unknown): NonNullable<Report['interrupted']> {
    if (value !== 'SIGINT' && value !== 'SIGTERM') this.fail('interrupted', 'must be "SIGINT" or "SIGTERM"');
    return value as NonNullable<Report['interrupted']>;
  }

  private outOfScope(value: unknown): Report['outOfScope'] {
    if (value === null || value === undefined) return null;
    const counts = this.object(value, 'outOfScope');
    return { total: this.count(counts.total, 'outOfScope.total'), byRule: this.numberRecord(counts.byRule, 'outOfScope.byRule') };
  }

  private fixedEntry(value: unknown, path: string): FixedEntry {
    const entry = this.object(value, path);
    const fixed: FixedEntry = {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      ruleId: this.string(entry.ruleId, `${path}.ruleId`),
      kind: this.string(entry.kind, `${path}.kind`),
      before: this.string(entry.before, `${path}.before`),
      after: this.string(entry.after, `${path}.after`),
    };
    if (entry.fix !== undefined) {
      if (entry.fix !== 'repair') this.fail(`${path}.fix`, 'must be "repair" when present');
      fixed.fix = 'repair';
      fixed.repairs = this.string(entry.repairs, `${path}.repairs`);
    }
    return fixed;
  }

  private importEdit(value: unknown, path: string): ImportEdit {
    const entry = this.object(value, path);
    return {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      before: this.string(entry.before, `${path}.before`),
      after: this.string(entry.after, `${path}.after`),
    };
  }

  private remainingEntry(value: unknown, path: string): RemainingEntry {
    const entry = this.object(value, path);
    const fix = this.string(entry.fix, `${path}.fix`);
    if (!(FIX_SAFETIES as readonly string[]).includes(fix)) this.fail(`${path}.fix`, `must be one of ${FIX_SAFETIES.join(', ')}`);
    const remaining: RemainingEntry = {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      // The contract's example omits column and message; accept reports written to it.
      column: entry.column === undefined ? 1 : this.count(entry.column, `${path}.column`),
      ruleId: this.string(entry.ruleId, `${path}.ruleId`),
      kind: this.string(entry.kind, `${path}.kind`),
      fix: fix as RemainingEntry['fix'],
      reason: this.string(entry.reason, `${path}.reason`),
      message: entry.message === undefined ? '' : this.string(entry.message, `${path}.message`),
    };
    if (entry.reasonId !== undefined) remaining.reasonId = this.string(entry.reasonId, `${path}.reasonId`);
    return remaining;
  }

  private failure(value: unknown, path: string): Failure {
    const entry = this.object(value, path);
    const stage = this.string(entry.stage, `${path}.stage`);
    if (!(STAGES as readonly string[]).includes(stage)) this.fail(`${path}.stage`, `must be one of ${STAGES.join(', ')}`);
    const failure: Failure = {
      file: this.string(entry.file, `${path}.file`),
      stage: stage as Failure['stage'],
      message: this.string(entry.message, `${path}.message`),
    };
    if (entry.line !== undefined) failure.line = this.count(entry.line, `${path}.line`);
    return failure;
  }

  private object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'must be an object');
    return value as Record<string, unknown>;
  }

  private array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be an array');
    return value as unknown[];
  }

  private optionalArray(value: unknown, path: string): unknown[] {
    return value === undefined ? [] : this.array(value, path);
  }

  private string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'must be a string');
    return value as string;
  }

  private count(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, 'must be a whole number ≥ 0');
    return value as number;
  }

  private optionalBoolean(value: unknown, path: string): boolean {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false');
    return value as boolean;
  }

  private numberRecord(value: unknown, path: string): Record<string, number> {
    const record = this.object(value, path);
    return Object.fromEntries(Object.entries(record).map(([key, count]) => [key, this.count(count, `${path}[${JSON.stringify(key)}]`)]));
  }

  private fail(path: string, problem: string): never {
    throw new UsageError(`${this.file}: not a deprecfix report: ${path} ${problem}`, SAVED_REPORT_HINT);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (a pull-request comment)

export function renderMarkdown(report: Report): string {
  const blocks: string[] = [];
  blocks.push(`## deprecfix report${report.dryRun ? ' (dry run)' : ''}`);
  blocks.push(`**Findings in scope: ${headline(report)}**`);
  blocks.push(scopeSummary(report));
  if (report.dryRun) blocks.push('> Dry run: nothing was written. "Rewritten" lists what `deprecfix fix` would change.');
  if (report.interrupted) blocks.push(`> **Interrupted (${report.interrupted})** while writing: this report lists what was written before it; the other files were left unchanged.`);

  if (report.before.total > 0 || report.after.total > 0) {
    blocks.push('### By rule', ...ruleTable(report));
    const languages = unionKeys(report.before.byLanguage, report.after.byLanguage);
    if (languages.length > 1) blocks.push('### By language', ...languageTable(report, languages));
    blocks.push('### By file', ...fileTable(report));
  } else {
    blocks.push('No findings in the scope.');
  }
  const [repaired, rewritten] = partition(report.fixed, (entry) => entry.fix === 'repair');
  if (rewritten.length > 0) blocks.push(...rewrittenSection(report, rewritten));
  if (repaired.length > 0) blocks.push(...repairsSection(report, repaired));
  if (report.remaining.length > 0) blocks.push(...remainingSection(report));
  blocks.push(outOfScopeLine(report, markdownText));
  if (report.failures.length > 0) blocks.push(...failuresSection(report));
  if (report.notes.length > 0) blocks.push('### Notes', report.notes.map((note) => `- ${markdownText(note)}`).join('\n'));
  blocks.push(`<sub>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

function scopeSummary(report: Report): string {
  const { spec, scopes, files } = report.scope;
  const named = scopes.length === 1 && scopes[0] === spec ? '' : ` (${scopes.map(markdownCode).join(', ')})`;
  const withFindings = fileRows(report).length;
  return `Scope ${markdownCode(spec)}${named}: ${plural(files.length, 'file')}, ${withFindings} with findings.`;
}

function ruleTable(report: Report): string[] {
  const rules = unionKeys(report.before.byRule, report.after.byRule);
  const rows = rules.map((rule) => [markdownCode(rule), ...countCells(report.before.byRule[rule] ?? 0, report.after.byRule[rule] ?? 0)]);
  rows.push(['**total**', ...countCells(report.before.total, report.after.total).map((cell) => `**${cell}**`)]);
  return [markdownTable(['rule', 'before', 'after', 'Δ'], rows)];
}

function languageTable(report: Report, languages: string[]): string[] {
  const rows = languages.map((language) => [language, ...countCells(report.before.byLanguage[language] ?? 0, report.after.byLanguage[language] ?? 0)]);
  return [markdownTable(['language', 'before', 'after', 'Δ'], rows)];
}

function fileTable(report: Report): string[] {
  const rows = fileRows(report).map(({ file, before, after }) => [markdownCode(file), ...countCells(before, after)]);
  const table = markdownTable(['file', 'before', 'after', 'Δ'], rows);
  return rows.length > COLLAPSE_AFTER ? [collapsible(`${plural(rows.length, 'file')} with findings`, table)] : [table];
}

/** Files with findings before or after, sorted. */
function fileRows(report: Report): { file: string; before: number; after: number }[] {
  return unionKeys(report.before.byFile, report.after.byFile).map((file) => ({
    file,
    before: sum(report.before.byFile[file]),
    after: sum(report.after.byFile[file]),
  }));
}

function countCells(before: number, after: number): string[] {
  return [String(before), String(after), formatDelta(after - before)];
}

function rewrittenSection(report: Report, fixed: readonly FixedEntry[]): string[] {
  const verb = report.dryRun ? 'Would rewrite' : 'Rewritten';
  // A file's import edits go with its behaviour-preserving rewrites, or with its repairs when it has no others.
  return [`### ${verb} (${fixed.length})`, ...diffBlocks(fixed, report.imports)];
}

/**
 * Repairs apart from the behaviour-preserving rewrites: each changed what the code does at run time, from failing
 * on the installed version to working, and says which failure, so a reviewer reads them one by one.
 */
function repairsSection(report: Report, repaired: readonly FixedEntry[]): string[] {
  const verb = report.dryRun ? 'Would repair' : 'Repairs';
  const failures = [...groupBy(repaired, (entry) => entry.repairs ?? '')].map(
    ([failure, entries]) => `- ${markdownText(failure)}: ${entries.map((entry) => markdownCode(`${entry.file}:${entry.line}`)).join(', ')}`,
  );
  const shownWithRewrites = new Set(report.fixed.filter((entry) => entry.fix !== 'repair').map((entry) => entry.file));
  return [
    `### ${verb} (${repaired.length}) — behaviour changes: the old code failed on the installed version`,
    failures.join('\n'),
    ...diffBlocks(repaired, report.imports.filter((edit) => !shownWithRewrites.has(edit.file))),
  ];
}

function diffBlocks(fixed: readonly FixedEntry[], imports: readonly ImportEdit[]): string[] {
  const byFile = groupBy(fixed, (entry) => entry.file);
  const importsByFile = groupBy(imports, (edit) => edit.file);
  const collapse = fixed.length > COLLAPSE_AFTER;
  const blocks: string[] = [];
  for (const [file, entries] of byFile) {
    // In line order, imports first on a tie: read top to bottom like the file's own diff.
    const hunks = [
      ...(importsByFile.get(file) ?? []).map((edit) => ({ line: edit.line, text: importHunk(edit) })),
      ...entries.map((entry) => ({ line: entry.line, text: rewriteHunk(entry) })),
    ].sort((a, b) => a.line - b.line);
    const diff = fencedBlock('diff', hunks.map((hunk) => hunk.text).join('\n'));
    if (collapse) blocks.push(collapsible(`<code>${escapeHtml(file)}</code>: ${plural(entries.length, 'rewrite')}`, diff, true));
    else blocks.push(`**${markdownCode(file)}**\n\n${diff}`);
  }
  return blocks;
}

/** One rewrite as a diff hunk: GitHub colours the `@@` header, `-` and `+` lines. */
function rewriteHunk(entry: FixedEntry): string {
  const header = `@@ line ${entry.line} · ${entry.kind} @@`;
  const removed = entry.before === '' ? [] : splitLines(entry.before).map((line) => `-${line}`);
  const added = entry.after === '' ? [] : splitLines(entry.after).map((line) => `+${line}`);
  return [header, ...removed, ...added].join('\n');
}

function importHunk(edit: ImportEdit): string {
  return rewriteHunk({ file: edit.file, line: edit.line, ruleId: '', kind: 'imports', before: edit.before, after: edit.after });
}

function remainingSection(report: Report): string[] {
  const blocks = [`### Remaining (${report.remaining.length})`];
  for (const [reason, entries] of groupByReason(report.remaining)) {
    const list = entries
      .map((entry) => `- ${markdownCode(`${entry.file}:${entry.line}`)} ${markdownCode(entry.kind)} (${entry.fix}): ${markdownText(entry.message)}`)
      .join('\n');
    const title = `${markdownText(reason)} (${entries.length})`;
    blocks.push(`#### ${title}`);
    blocks.push(entries.length > COLLAPSE_AFTER ? collapsible(plural(entries.length, 'finding'), list) : list);
  }
  return blocks;
}

function failuresSection(report: Report): string[] {
  const list = report.failures
    .map((failure) => `- ${markdownCode(failure.line ? `${failure.file}:${failure.line}` : failure.file)} (${failure.stage}): ${markdownText(failure.message)}`)
    .join('\n');
  return [
    `### Failures (${report.failures.length})`,
    'These files were skipped or rolled back; the rest of the run completed.',
    list,
  ];
}

function outOfScopeLine(report: Report, text: (value: string) => string): string {
  if (!report.outOfScope) return text('Findings outside the scope were not counted (--no-repo-totals).');
  const { total, byRule } = report.outOfScope;
  const rules = Object.entries(byRule).filter(([, count]) => count > 0);
  const detail = rules.length > 0 ? ` (${rules.map(([rule, count]) => `${rule}: ${count}`).join(', ')})` : '';
  return text(`${plural(total, 'finding')} outside the scope, left for a later phase${detail}.`);
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  const align = `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(header), align, ...rows.map(line)].join('\n');
}

/** GitHub splits table cells on `|` even inside code spans; `\|` is the escape it honours in both. */
function escapeTableCell(cell: string): string {
  return cell.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/** Inline code that survives backticks in the text: the fence is one backtick longer than the longest run inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence no line of the content can close early. */
function fencedBlock(language: string, content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/**
 * Prose that may hold `code spans` (kind messages do) and text from elsewhere (diagnostics with `Promise<T>`):
 * code spans are kept, everything else is escaped so GitHub neither formats it nor drops it as an HTML tag.
 */
export function markdownText(text: string): string {
  let result = '';
  let rest = text.replace(/\r?\n/g, ' ');
  while (rest.length > 0) {
    const open = /`+/.exec(rest);
    if (!open) {
      result += escapeMarkdown(rest);
      break;
    }
    result += escapeMarkdown(rest.slice(0, open.index));
    const afterOpen = rest.slice(open.index + open[0].length);
    const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`).exec(afterOpen);
    if (close) {
      result += open[0] + afterOpen.slice(0, close.index) + open[0];
      rest = afterOpen.slice(close.index + open[0].length);
    } else {
      result += open[0].replace(/`/g, '\\`');
      rest = afterOpen;
    }
  }
  return result;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>#|~]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<details>` needs blank lines around Markdown content for GitHub to render it. */
function collapsible(summaryHtml: string, body: string, isHtml = false): string {
  const summary = isHtml ? summaryHtml : escapeHtml(summaryHtml);
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Pretty (terminal)

export function renderPretty(report: Report, options: { color: boolean; quiet?: boolean }): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const delta = report.after.total - report.before.total;
  const deltaColor = delta < 0 ? c.green : delta > 0 ? c.red : c.dim;
  const dryRun = report.dryRun ? c.yellow(' (dry run, nothing written)') : '';
  lines.push(
    `${c.bold('deprecfix')} ${report.scope.spec}: ${c.bold(`${report.before.total} → ${report.after.total}`)} ` +
      `${plural(report.after.total, 'finding', false)} ${deltaColor(deltaWords(delta))}${dryRun}`,
  );

  if (!options.quiet) {
    const rules = unionKeys(report.before.byRule, report.after.byRule);
    const width = Math.max(0, ...rules.map((rule) => rule.length));
    for (const rule of rules) {
      const before = report.before.byRule[rule] ?? 0;
      const after = report.after.byRule[rule] ?? 0;
      lines.push(`  ${rule.padEnd(width)}  ${before} → ${after}`);
    }

    if (report.fixed.length > 0) {
      const files = [...groupBy(report.fixed, (entry) => entry.file)];
      const verb = report.dryRun ? 'would rewrite' : 'rewrote';
      lines.push(`${c.green('✔')} ${verb} ${plural(report.fixed.length, 'finding')} in ${plural(files.length, 'file')}`);
      for (const [file, entries] of files.slice(0, PRETTY_FILES)) lines.push(`    ${printablePath(file)} ${c.dim(`(${entries.length})`)}`);
      if (files.length > PRETTY_FILES) lines.push(c.dim(`    … ${plural(files.length - PRETTY_FILES, 'more file')}`));
      const repaired = report.fixed.filter((entry) => entry.fix === 'repair');
      if (repaired.length > 0) {
        const change = repaired.length === 1 ? 'a behaviour change' : 'behaviour changes';
        lines.push(`${c.magenta('▲')} ${plural(repaired.length, 'repair')} among them (${change}: the old code failed on the installed version)`);
        for (const entry of repaired.slice(0, PRETTY_PER_GROUP)) lines.push(`    ${c.cyan(`${entry.file}:${entry.line}`)}  ${c.dim(entry.repairs ?? '')}`);
        if (repaired.length > PRETTY_PER_GROUP) lines.push(c.dim(`    … ${repaired.length - PRETTY_PER_GROUP} more`));
      }
    }

    if (report.remaining.length > 0) {
      lines.push(`${c.yellow('●')} ${report.remaining.length} remaining:`);
      for (const [reason, entries] of groupByReason(report.remaining)) {
        lines.push(`    ${reason} ${c.dim(`(${entries.length})`)}`);
        for (const entry of entries.slice(0, PRETTY_PER_GROUP)) {
          lines.push(`      ${c.cyan(`${printablePath(entry.file)}:${entry.line}:${entry.column}`)}  ${c.dim(entry.kind)}`);
        }
        if (entries.length > PRETTY_PER_GROUP) lines.push(c.dim(`      … ${entries.length - PRETTY_PER_GROUP} more`));
      }
    }

    lines.push(c.dim(outOfScopeLine(report, (text) => text)));
  }

  if (report.failures.length > 0) {
    lines.push(`${c.red('✖')} ${plural(report.failures.length, 'failure')}:`);
    for (const failure of report.failures) {
      const where = printablePath(failure.line ? `${failure.file}:${failure.line}` : failure.file);
      lines.push(`    ${c.red(where)}  ${c.dim(failure.stage)}  ${failure.message}`);
    }
  }

  if (!options.quiet) for (const note of report.notes) lines.push(`${c.blue('ℹ')} ${note}`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared wording and helpers

/** `12 → 3 (−9)`, or `5 → 5 (no change)`. */
export function headline(report: Report): string {
  return `${report.before.total} → ${report.after.total} ${deltaWords(report.after.total - report.before.total)}`;
}

function deltaWords(delta: number): string {
  return delta === 0 ? '(no change)' : `(${formatDelta(delta)})`;
}

/** A signed count with the real minus sign: `−4`, `+1`, `0`. */
export function formatDelta(delta: number): string {
  if (delta < 0) return `${MINUS}${-delta}`;
  if (delta > 0) return `+${delta}`;
  return '0';
}

/** Groups by reason; the groups with the most findings come first, then alphabetically. */
function groupByReason(entries: readonly RemainingEntry[]): [string, RemainingEntry[]][] {
  return [...groupBy(entries, (entry) => entry.reason)].sort(
    ([reasonA, a], [reasonB, b]) => b.length - a.length || compareStrings(reasonA, reasonB),
  );
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  return [items.filter(predicate), items.filter((item) => !predicate(item))];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function plural(count: number, noun: string, withCount = true): string {
  const word = count === 1 ? noun : `${noun}s`;
  return withCount ? `${count} ${word}` : word;
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

function sum(record: Record<string, number> | undefined): number {
  return Object.values(record ?? {}).reduce((total, count) => total + count, 0);
}

function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
}

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
