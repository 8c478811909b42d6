import pc from 'picocolors';
import type { Finding } from '../lint.js';
import { countFindings, renderPretty } from '../report.js';
import { printablePath } from '../../rules/project/paths.js';
import { plural, sortFailures, sortFindings, type PrintInput, type PrintOptions, type Printer } from './printer.js';

/** The terminal: findings grouped by file, then a one-line total; a report prints as the before/after summary. */
export const prettyPrinter: Printer = {
  format: 'pretty',
  print(input: PrintInput, options: PrintOptions): string {
    if (input.report) return renderPretty(input.report, { color: options.color, quiet: options.quiet });
    const colors = pc.createColors(options.color);
    const lines: string[] = [];
    if (!options.quiet) {
      for (const [file, findings] of groupByFile(sortFindings(input.findings))) {
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

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.file);
    if (group) group.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}
