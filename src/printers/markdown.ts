import { countFindings, markdownCode, renderMarkdown } from '../report.js';
import { plural, type PrintInput, type Printer } from './printer.js';

/** A pull-request comment: the per-rule counts of a scan, or a report's full before/after (CONTRACT §8). */
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
