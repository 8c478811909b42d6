import pc from 'picocolors';
import { countFindings, type Report } from '../report.js';
import { printablePath } from '../../rules/project/paths.js';
import { groupBy, plural, sortFailures, sortFindings, type PrintInput, type PrintOptions, type Printer } from './printer.js';
import { deltaWords, groupByReason, otherDeprecationsLine, outOfScopeLine, runtimeHeadline, unionKeys } from './report-wording.js';

/** The terminal: findings grouped by file, then a one-line total; a report prints as the before/after summary. */
export const prettyPrinter: Printer = {
  format: 'pretty',
  print(input: PrintInput, options: PrintOptions): string {
    if (input.report) return renderPretty(input.report, { color: options.color, quiet: options.quiet });
    const colors = pc.createColors(options.color);
    const lines: string[] = [];
    if (!options.quiet) {
      for (const [file, findings] of groupBy(sortFindings(input.findings), (finding) => finding.file)) {
        lines.push(colors.underline(printablePath(file)));
        for (const finding of findings) {
          const fix = { safe: colors.green('safe  '), repair: colors.magenta('repair'), unsafe: colors.yellow('unsafe'), none: colors.dim('none  ') }[finding.fix];
          const reason = finding.reason ? colors.dim(` (${finding.reason})`) : finding.repairs ? colors.dim(` (repairs: ${finding.repairs})`) : '';
          lines.push(`  ${colors.dim(`${finding.line}:${finding.column}`.padEnd(8))} ${fix}  ${finding.message}${reason}  ${colors.dim(finding.kind)}`);
        }
        lines.push('');
      }
    }
    for (const failure of sortFailures(input.failures)) {
      lines.push(`${colors.red('error')} ${printablePath(failure.file)}${failure.line ? `:${failure.line}` : ''}: ${failure.message}`);
    }
    const total = countFindings(input.findings).total;
    const fixable = input.findings.filter((finding) => finding.fix === 'safe').length;
    const repairs = input.findings.filter((finding) => finding.fix === 'repair').length;
    const repairable = repairs > 0 ? `, ${plural(repairs, 'repair')} of code that fails on the installed version` : '';
    lines.push(`${colors.bold(plural(total, 'finding'))} in ${plural(input.files.length, 'file')} (${fixable} safely fixable with \`deprecfix fix\`${repairable})`);
    return `${lines.join('\n')}\n`;
  },
};

/** Pretty output of a report shows this many findings per reason, then a count. */
const PRETTY_PER_GROUP = 3;
const PRETTY_FILES = 5;

/** The before/after summary of a report: the headline, per-rule counts, what was rewritten and what remains. */
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

  if (report.runtime) {
    const runtime = report.runtime;
    const green = runtime.before.exitCode === 0 && (runtime.after?.exitCode ?? 0) === 0;
    lines.push(`  runtime deprecation warnings ${(green ? c.green : c.red)(runtimeHeadline(runtime, (text) => `\`${text}\``))}`);
    if (runtime.rolledBack.length > 0) lines.push(c.yellow(`  ${plural(runtime.rolledBack.length, 'file')} rolled back because the tests failed with the rewrite`));
  }

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

    const other = otherDeprecationsLine(report);
    if (other) lines.push(c.dim(other));
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
