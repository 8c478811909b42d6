import type { RemainingEntry, Report } from '../report.js';
import type { RuntimeSection } from '../runtime/runtime-report.js';
import { compareStrings, groupBy, plural } from './printer.js';

/**
 * What every rendering of a before/after report says the same way, whatever the format: the headline, signed
 * deltas, the remaining findings grouped by reason, and the line about findings outside the scope.
 */

const MINUS = '\u2212';

/** `12 → 3 (−9)`, or `5 → 5 (no change)`. */
export function headline(report: Report): string {
  return `${report.before.total} → ${report.after.total} ${deltaWords(report.after.total - report.before.total)}`;
}

/**
 * `1,204 → 96 (−1,108) while \`pytest -q\` stayed green`: the runtime deprecation warnings of the test commands'
 * first run and of the tree as left, and how the tests ended both times. `code` quotes the command for the format.
 */
export function runtimeHeadline(runtime: RuntimeSection, code: (text: string) => string): string {
  const before = runtime.before.warnings.total;
  const after = runtime.after?.warnings.total;
  const command = code(runtime.command);
  if (after === undefined) return `${number(before)} measured by ${command} (${runtime.before.exitCode === 0 ? 'green' : `red: ${ending(runtime.before.exitCode)}`}; no run after)`;
  const counts = `${number(before)} → ${number(after)} ${deltaWords(after - before).replace(/\d+/g, (digits) => number(Number(digits)))}`;
  const beforeGreen = runtime.before.exitCode === 0;
  const afterGreen = runtime.after!.exitCode === 0;
  if (beforeGreen && afterGreen) return `${counts} while ${command} stayed green`;
  if (beforeGreen) return `${counts}; ${command} turned red (${ending(runtime.after!.exitCode)})`;
  return `${counts}; ${command} was red before (${ending(runtime.before.exitCode)}) and ${afterGreen ? 'green' : `red (${ending(runtime.after!.exitCode)})`} after`;
}

/** `exit 1`, or `killed` for a run a signal ended. */
export function ending(exitCode: number | null): string {
  return exitCode === null ? 'killed' : `exit ${exitCode}`;
}

/** `1,204`: thousands grouped the same way on every machine. */
export function number(value: number): string {
  return value.toLocaleString('en-US');
}

/** `(−9)`, `(+1)`, or `(no change)`. */
export function deltaWords(delta: number): string {
  return delta === 0 ? '(no change)' : `(${formatDelta(delta)})`;
}

/** A signed count with the real minus sign: `−4`, `+1`, `0`. */
export function formatDelta(delta: number): string {
  if (delta < 0) return `${MINUS}${-delta}`;
  if (delta > 0) return `+${delta}`;
  return '0';
}

/** Groups by reason; the groups with the most findings come first, then alphabetically. */
export function groupByReason(entries: readonly RemainingEntry[]): [string, RemainingEntry[]][] {
  return [...groupBy(entries, (entry) => entry.reason)].sort(
    ([reasonA, a], [reasonB, b]) => b.length - a.length || compareStrings(reasonA, reasonB),
  );
}

/** The rest of the repository in one sentence; `text` escapes it for the format. */
export function outOfScopeLine(report: Report, text: (value: string) => string): string {
  if (!report.outOfScope) return text('Findings outside the scope were not counted (--no-repo-totals).');
  const { total, byRule } = report.outOfScope;
  const rules = Object.entries(byRule).filter(([, count]) => count > 0);
  const detail = rules.length > 0 ? ` (${rules.map(([rule, count]) => `${rule}: ${count}`).join(', ')})` : '';
  return text(`${plural(total, 'finding')} outside the scope, left for a later phase${detail}.`);
}

/**
 * The count-only section (config `alsoCount`): other ESLint rules' messages before → after, per rule. Undefined when
 * the config names no such rule.
 */
export function otherDeprecationsLine(report: Report): string | undefined {
  const other = report.otherDeprecations;
  if (!other) return undefined;
  const rules = unionKeys(Object.fromEntries(other.rules.map((rule) => [rule, 0])), other.after.byRule);
  const detail = rules.map((rule) => `${rule}: ${other.before.byRule[rule] ?? 0} → ${other.after.byRule[rule] ?? 0}`).join(', ');
  return `Other deprecations (count only, never rewritten): ${other.before.total} → ${other.after.total} (${detail}).`;
}

/** The keys of both records, sorted: the rows of a before/after table. */
export function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
}
