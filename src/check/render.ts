import path from 'node:path';
import pc from 'picocolors';
import { allowedTotal, displayPath, type Baseline } from '../baseline.js';
import { UsageError } from '../errors.js';
import { printerFor, type OutputFormat, type PrintInput } from '../printers/index.js';
import { markdownCode, markdownText } from '../printers/markdown-text.js';
import type { BaselineOutcome } from './baseline-run.js';
import type { CheckVerdict } from './gate.js';
import { GIVEN_PATHS, notesOf } from './result.js';

/**
 * What `check`, `report merge` and `baseline` print: a `CheckVerdict` in every `--format` (the printer of each is
 * chosen in one place, `CHECK_PRINTERS`), and a `BaselineOutcome` as pretty text or JSON.
 */

export interface CheckPrintOptions {
  color: boolean;
  quiet?: boolean;
  /** Where paths are shown relative to (the baseline file's name). */
  cwd?: string;
}

type CheckPrinter = (verdict: CheckVerdict, options: CheckPrintOptions) => string;

// No HTML page for a verdict yet: `check` and `report merge` do not offer `--format html` (GATE_FORMATS).
const CHECK_PRINTERS: Partial<Record<OutputFormat, CheckPrinter>> = {
  pretty: renderCheckPretty,
  json: renderCheckJson,
  markdown: renderCheckMarkdown,
  // Code scanning and workflow annotations show what fails the gate: the findings of the entries above the baseline.
  sarif: (verdict, options) => printerFor('sarif').print(offendingInput(verdict), { color: options.color, severity: 'error', repoRoot: verdict.repoRoot }),
  github: (verdict, options) => printerFor('github').print(offendingInput(verdict), { color: options.color, severity: 'error', repoRoot: verdict.repoRoot }),
};

function offendingInput(verdict: CheckVerdict): PrintInput {
  return { findings: verdict.regressions.flatMap((entry) => entry.findings), failures: verdict.result.failures, files: verdict.result.files };
}

export function renderCheck(verdict: CheckVerdict, format: string, options: CheckPrintOptions): string {
  const printer = Object.hasOwn(CHECK_PRINTERS, format) ? CHECK_PRINTERS[format as OutputFormat] : undefined;
  if (!printer) throw new UsageError(`--format ${format} is not available for check yet`, `use one of ${Object.keys(CHECK_PRINTERS).join(', ')}`);
  return printer(verdict, options);
}

/** The one line that tells how to tighten a stale baseline. */
export function tightenHint(verdict: CheckVerdict): string {
  const entries = verdict.stale.length;
  const lower = verdict.stale.reduce((sum, entry) => sum + entry.allowed - entry.count, 0);
  const option = verdict.baselineOption ? ` --baseline ${verdict.baselineOption}` : '';
  return `${plural(entries, 'baseline entry', 'baseline entries')} allow${entries === 1 ? 's' : ''} ${plural(lower, 'finding')} that no longer exist${lower === 1 ? 's' : ''}: run \`deprecfix baseline --prune${option}\` and commit ${path.basename(verdict.baselineFile)} to tighten it.`;
}

/** `44 findings, eslint-suppressions.json allows 42 (shard 1/2: 999 of 2000 files)`. */
function headlineWords(verdict: CheckVerdict, baselineName: string): string {
  const { result } = verdict;
  const shard =
    result.changed !== undefined
      ? ` (${result.changed === GIVEN_PATHS ? GIVEN_PATHS : `--changed ${result.changed}`}: ${result.files.length} of ${result.totalFiles} files)`
      : verdict.complete
        ? ''
        : ` (shard ${result.shard.index}/${result.shard.count}: ${result.files.length} of ${result.totalFiles} files)`;
  return `${plural(verdict.total, 'finding')}, ${baselineName} allows ${verdict.allowed}${shard}`;
}

function renderCheckPretty(verdict: CheckVerdict, options: CheckPrintOptions): string {
  const c = pc.createColors(options.color);
  const baselineName = displayPath(verdict.baselineFile, options.cwd);
  const lines: string[] = [];
  const strictFail = verdict.strict && verdict.stale.length > 0;
  if (verdict.regressions.length > 0) {
    const above = verdict.regressions.reduce((sum, entry) => sum + entry.count - entry.allowed, 0);
    lines.push(`${c.red('✖')} ${c.bold('deprecfix check failed')}: ${plural(above, 'finding')} above the baseline: ${headlineWords(verdict, baselineName)}`);
    for (const regression of verdict.regressions) {
      lines.push('', `${c.underline(regression.file)}  ${regression.ruleId}: ${regression.count} found, ${regression.allowed} allowed`);
      for (const finding of regression.findings) {
        lines.push(`  ${c.cyan(`${finding.file}:${finding.line}:${finding.column}`)}  ${c.dim(finding.ruleId)}  ${c.dim(finding.kind)}  ${finding.message}`);
      }
    }
    lines.push('', `Rewrite the new calls (\`deprecfix scan <file>\` shows which fixes are safe); run \`deprecfix baseline\` only to accept new debt on purpose.`);
  } else if (strictFail) {
    lines.push(`${c.red('✖')} ${c.bold('deprecfix check --strict failed')}: the baseline is stale: ${headlineWords(verdict, baselineName)}`);
  } else {
    lines.push(`${c.green('✔')} ${c.bold('deprecfix check passed')}: ${headlineWords(verdict, baselineName)}`);
  }
  if (verdict.stale.length > 0) {
    if (strictFail && !options.quiet) {
      for (const entry of verdict.stale) lines.push(`  ${entry.file}  ${entry.ruleId}: ${entry.count} found, ${entry.allowed} allowed`);
    }
    lines.push(`${strictFail ? c.red('✖') : c.blue('ℹ')} ${tightenHint(verdict)}`);
  }
  for (const failure of verdict.result.failures) {
    lines.push(`${c.red('error')} ${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message} ${c.dim('(not counted: fix the file, then check again)')}`);
  }
  if (!options.quiet) for (const note of notesOf(verdict.result)) lines.push(`${c.blue('ℹ')} ${note}`);
  return `${lines.join('\n')}\n`;
}

function renderCheckJson(verdict: CheckVerdict): string {
  const { result } = verdict;
  return `${JSON.stringify(
    {
      tool: result.tool,
      passed: verdict.exitCode === 0,
      exitCode: verdict.exitCode,
      strict: verdict.strict,
      baseline: verdict.baselineFile,
      shard: result.shard.count === 1 ? null : result.shard,
      ...(result.changed !== undefined && { changed: result.changed }),
      files: result.files.length,
      rules: result.rules,
      total: verdict.total,
      allowed: verdict.allowed,
      regressions: verdict.regressions,
      stale: verdict.stale,
      failures: result.failures,
      skipped: result.skipped ?? [],
      notes: notesOf(result),
    },
    null,
    2,
  )}\n`;
}

/** A pull-request comment: the verdict first, then where the new findings are. */
function renderCheckMarkdown(verdict: CheckVerdict, options: CheckPrintOptions): string {
  const baselineName = markdownCode(displayPath(verdict.baselineFile, options.cwd));
  const blocks: string[] = [];
  const strictFail = verdict.strict && verdict.stale.length > 0;
  if (verdict.regressions.length > 0) blocks.push(`### ❌ deprecfix check failed`);
  else if (strictFail) blocks.push(`### ❌ deprecfix check --strict failed: stale baseline`);
  else blocks.push(`### ✅ deprecfix check passed`);
  blocks.push(`${headlineWords(verdict, baselineName)}.`);
  if (verdict.regressions.length > 0) {
    const rows = verdict.regressions.map((entry) => `| ${markdownCode(entry.file)} | ${markdownCode(entry.ruleId)} | ${entry.allowed} | ${entry.count} |`);
    blocks.push(['| file | rule | baseline | now |', '| --- | --- | ---: | ---: |', ...rows].join('\n'));
    const locations = verdict.regressions.flatMap((entry) =>
      entry.findings.map((finding) => `- ${markdownCode(`${finding.file}:${finding.line}:${finding.column}`)} ${markdownCode(finding.kind)}: ${markdownText(finding.message)}`),
    );
    blocks.push(locations.join('\n'));
  }
  if (strictFail) {
    const rows = verdict.stale.map((entry) => `| ${markdownCode(entry.file)} | ${markdownCode(entry.ruleId)} | ${entry.allowed} | ${entry.count} |`);
    blocks.push(['| file | rule | baseline | now |', '| --- | --- | ---: | ---: |', ...rows].join('\n'));
  }
  if (verdict.stale.length > 0) blocks.push(markdownText(tightenHint(verdict)));
  if (verdict.result.failures.length > 0) {
    blocks.push(verdict.result.failures.map((failure) => `- ${markdownCode(failure.line ? `${failure.file}:${failure.line}` : failure.file)}: ${markdownText(failure.message)} (not counted)`).join('\n'));
  }
  for (const note of notesOf(verdict.result)) blocks.push(`ℹ️ ${markdownText(note)}`);
  return `${blocks.join('\n\n')}\n`;
}

export function renderBaseline(outcome: BaselineOutcome, options: { format: string; color: boolean; quiet?: boolean; cwd?: string }): string {
  const name = displayPath(outcome.file, options.cwd);
  const rules = new Set(outcome.rules);
  const total = (baseline: Baseline) => allowedTotal(baseline, outcome.rules);
  const entries = (baseline: Baseline) => Object.values(baseline).reduce((sum, byRule) => sum + Object.keys(byRule).filter((ruleId) => rules.has(ruleId)).length, 0);
  const filesWith = Object.keys(outcome.after).filter((file) => Object.keys(outcome.after[file]).some((ruleId) => rules.has(ruleId))).length;
  if (options.format === 'json') {
    return `${JSON.stringify(
      { baseline: outcome.file, prune: outcome.prune, written: outcome.written, files: outcome.files, before: total(outcome.before), after: total(outcome.after), entries: entries(outcome.after), failures: outcome.failures, notes: outcome.notes },
      null,
      2,
    )}\n`;
  }
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const delta = total(outcome.after) - total(outcome.before);
  const change = delta === 0 ? 'no change' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`;
  if (!outcome.written) lines.push(`${c.green('✔')} ${name} is up to date: ${plural(total(outcome.after), 'finding')} in ${plural(filesWith, 'file')}`);
  else if (outcome.prune) lines.push(`${c.green('✔')} Tightened ${name}: ${total(outcome.before)} → ${total(outcome.after)} findings allowed (${change}) in ${plural(filesWith, 'file')}`);
  else lines.push(`${c.green('✔')} Wrote ${name}: ${plural(total(outcome.after), 'finding')} in ${plural(filesWith, 'file')} (${change}); commit it, then run \`deprecfix check\` in CI`);
  for (const failure of outcome.failures) {
    lines.push(`${c.red('error')} ${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message} ${c.dim('(its baseline entries were kept)')}`);
  }
  if (!options.quiet) for (const note of outcome.notes) lines.push(`${c.blue('ℹ')} ${note}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
