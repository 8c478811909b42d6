import type { Finding } from '../lint.js';
import { countFindings, type Report } from '../report.js';
import { sortFailures, sortFindings, type PrintInput, type Printer } from './printer.js';

/**
 * Machine-readable output. Stable: findings sorted, every object's keys in one fixed order, two-space indent and a
 * final newline, so two runs over the same code print the same bytes and a diff of two outputs shows only changes.
 * A report prints as `deprecfix-report.json` (CONTRACT §8).
 */
export const jsonPrinter: Printer = {
  format: 'json',
  print(input: PrintInput): string {
    if (input.report) return renderJson(input.report);
    const findings = sortFindings(input.findings).map(stableFinding);
    const output = {
      files: input.files.length,
      findings,
      counts: countFindings(findings),
      failures: sortFailures(input.failures).map((failure) => ({
        file: failure.file,
        ...(failure.line !== undefined ? { line: failure.line } : {}),
        stage: failure.stage,
        message: failure.message,
      })),
    };
    return `${JSON.stringify(output, null, 2)}\n`;
  },
};

/** CONTRACT §4's field order, whatever order the finding object was built in. */
function stableFinding(finding: Finding): Finding {
  return {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ruleId: finding.ruleId,
    kind: finding.kind,
    message: finding.message,
    fix: finding.fix,
    ...(finding.reason !== undefined ? { reason: finding.reason } : {}),
    ...(finding.repairs !== undefined ? { repairs: finding.repairs } : {}),
  };
}

/** A report as `deprecfix-report.json`: its keys in the order `buildReport` wrote them. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
