import type { KindId } from '../../rules/kinds.js';
import type { Finding } from '../lint.js';
import type { Report } from '../report.js';
import { githubPrinter } from './github.js';
import { htmlPrinter } from './html.js';
import { jsonPrinter } from './json.js';
import { markdownPrinter } from './markdown.js';
import type { OutputFormat, PrintInput, Printer } from './printer.js';
import { prettyPrinter } from './pretty.js';
import { sarifPrinter } from './sarif.js';

export type { OutputFormat, PrintInput, PrintOptions, Printer } from './printer.js';

const PRINTERS: Record<OutputFormat, Printer> = {
  pretty: prettyPrinter,
  json: jsonPrinter,
  markdown: markdownPrinter,
  sarif: sarifPrinter,
  github: githubPrinter,
  html: htmlPrinter,
};

/** Every `--format` value, in the order `--help` lists them. */
export const OUTPUT_FORMATS = Object.keys(PRINTERS) as OutputFormat[];

/** The printer of a `--format` value; commander's `.choices(OUTPUT_FORMATS)` keeps anything else out. */
export function printerFor(format: OutputFormat): Printer {
  const printer: Printer | undefined = PRINTERS[format];
  if (!printer) throw new Error(`unknown output format "${format}"; known: ${OUTPUT_FORMATS.join(', ')}`);
  return printer;
}

/**
 * What a before/after report shows to the printers: the report itself (pretty, JSON, Markdown print it whole) and
 * its remaining findings (what SARIF and GitHub annotate). A saved report keeps a finding's start only, so its end
 * is set to the start, which the printers read as "no end known".
 */
export function inputOfReport(report: Report): PrintInput {
  const findings: Finding[] = report.remaining.map((entry) => ({
    file: entry.file,
    line: entry.line,
    column: entry.column,
    endLine: entry.line,
    endColumn: entry.column,
    ruleId: entry.ruleId,
    kind: entry.kind as KindId,
    message: entry.message,
    fix: entry.fix,
    // A remaining entry always has a reason ("fixable with --unsafe-fixes"); a finding has one only without a fix.
    ...(entry.fix === 'none' ? { reason: entry.reason } : {}),
  }));
  return { findings, failures: report.failures, files: report.scope.files, report };
}
