import { countFindings, type FixedEntry, type ImportEdit, type Report } from '../report.js';
import { collapsible, escapeHtml, fencedBlock, markdownCode, markdownTable, markdownText } from './markdown-text.js';
import { groupBy, partition, plural, sum, type PrintInput, type Printer } from './printer.js';
import { formatDelta, groupByReason, headline, number, outOfScopeLine, unionKeys } from './report-wording.js';
import { runtimeHeadlineBlock, runtimeSection } from './markdown-runtime.js';
import { fileChanges, type FileChange } from './diff-changes.js';

/**
 * A pull-request comment: the per-rule counts of a scan, or a report's full before/after (CONTRACT §8), which is
 * also what `fix` writes as `deprecfix-report.md`. A report section is one function here, called in reading order
 * by `renderMarkdown`.
 */
export const markdownPrinter: Printer = {
  format: 'markdown',
  print(input: PrintInput): string {
    if (input.report) return renderMarkdown(input.report);
    const counts = countFindings(input.findings);
    const rows = Object.entries(counts.byRule).map(([rule, count]) => `| ${markdownCode(rule)} | ${count} |`);
    const lines = [`### deprecfix scan: ${plural(counts.total, 'finding')} in ${plural(input.files.length, 'file')}`, ''];
    if (rows.length > 0) lines.push('| rule | findings |', '| --- | ---: |', ...rows, '');
    if (input.failures.length > 0) lines.push(`${plural(input.failures.length, 'file')} could not be linted.`, '');
    return lines.join('\n');
  },
};

/** Markdown lists longer than this fold into `<details>` so a pull-request comment stays readable. */
const COLLAPSE_AFTER = 20;

/** A report in full: counts by rule, language and file, then every rewrite as a diff, what remains and why. */
export function renderMarkdown(report: Report): string {
  const blocks: string[] = [];
  blocks.push(`## deprecfix report${report.dryRun ? ' (dry run)' : ''}`);
  blocks.push(`**Findings in scope: ${headline(report)}**`);
  if (report.runtime) blocks.push(runtimeHeadlineBlock(report.runtime));
  blocks.push(scopeSummary(report));
  if (report.dryRun) blocks.push('> Dry run: nothing was written. "Rewritten" lists what `deprecfix fix` would change.');
  if (report.interrupted) blocks.push(`> **Interrupted (${report.interrupted})**: this report lists what is on disk; the files not written (or put back) are unchanged.`);

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
  if (report.runtime) blocks.push(...runtimeSection(report.runtime));
  if (report.otherDeprecations) blocks.push(...otherDeprecationsSection(report.otherDeprecations));
  blocks.push(outOfScopeLine(report, markdownText));
  if (report.failures.length > 0) blocks.push(...failuresSection(report));
  if (report.notes.length > 0) blocks.push('### Notes', report.notes.map((note) => `- ${markdownText(note)}`).join('\n'));
  blocks.push(`<sub>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

/** Config `alsoCount`: other ESLint rules' messages in the scope, per rule, before → after. */
function otherDeprecationsSection(other: NonNullable<Report['otherDeprecations']>): string[] {
  const rules = unionKeys(Object.fromEntries(other.rules.map((rule) => [rule, 0])), other.after.byRule);
  const rows = rules.map((rule) => [markdownCode(rule), ...countCells(other.before.byRule[rule] ?? 0, other.after.byRule[rule] ?? 0)]);
  rows.push(['**total**', ...countCells(other.before.total, other.after.total).map((cell) => `**${cell}**`)]);
  return [
    '### Other deprecations (count only)',
    'Found by other ESLint rules (`alsoCount` in deprecfix.config.json). deprecfix never rewrites them, and they are not in the counts above.',
    markdownTable(['rule', 'before', 'after', 'Δ'], rows),
  ];
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
    const hunks = fileChanges(entries, importsByFile.get(file) ?? []).map(rewriteHunk);
    const diff = fencedBlock('diff', hunks.join('\n'));
    if (collapse) blocks.push(collapsible(`<code>${escapeHtml(file)}</code>: ${plural(entries.length, 'rewrite')}`, diff, true));
    else blocks.push(`**${markdownCode(file)}**\n\n${diff}`);
  }
  return blocks;
}

/** One change as a diff hunk: GitHub colours the `@@` header, `-` and `+` lines. */
function rewriteHunk(change: FileChange): string {
  const header = `@@ line ${change.line} · ${change.label} @@`;
  const removed = change.before === '' ? [] : splitLines(change.before).map((line) => `-${line}`);
  const added = change.after === '' ? [] : splitLines(change.after).map((line) => `+${line}`);
  return [header, ...removed, ...added].join('\n');
}

function remainingSection(report: Report): string[] {
  const blocks = [`### Remaining (${report.remaining.length})`];
  for (const [reason, entries] of groupByReason(report.remaining)) {
    const list = entries
      .map((entry) => `- ${markdownCode(`${entry.file}:${entry.line}`)} ${markdownCode(entry.kind)} (${entry.fix}${hitsWords(entry.runtimeHits)}): ${markdownText(entry.message)}`)
      .join('\n');
    const title = `${markdownText(reason)} (${entries.length})`;
    blocks.push(`#### ${title}`);
    blocks.push(entries.length > COLLAPSE_AFTER ? collapsible(plural(entries.length, 'finding'), list) : list);
  }
  return blocks;
}

/** `, 1,204 runtime hits`: how often the tests ran a remaining finding (with `--test`). */
function hitsWords(hits: number | undefined): string {
  return hits === undefined ? '' : `, ${number(hits)} runtime ${hits === 1 ? 'hit' : 'hits'}`;
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

function splitLines(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

