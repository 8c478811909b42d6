import type { Report } from '../report.js';
import { markdownCode, markdownText } from './markdown-text.js';
import { plural } from './printer.js';
import { ending, groupByReason, number } from './report-wording.js';

/**
 * `deprecfix report <report.json> --format checklist` (CONTRACT §12.5): release-checklist lines a readiness document
 * can paste. The first line states what the run achieved with its evidence ("verified: commit …, time"); it is
 * checked only when that evidence holds (written, on a clean commit, tests green). Every gap is a line of its own,
 * unchecked, with the reason: findings left, a red or missing test run, a dirty tree, files that failed.
 */
export function renderChecklist(report: Report): string {
  const runtime = report.runtime;
  const run = report.run;
  const gaps: string[] = [];
  if (report.dryRun) gaps.push('Dry run: nothing was written; run `deprecfix fix` without --dry-run');
  if (report.interrupted) gaps.push(`The run was interrupted (${report.interrupted}): re-run it to completion`);
  if (!run?.commit) gaps.push('No git commit recorded: the run cannot be verified against a commit');
  else if (run.dirty) gaps.push(`The run started on a dirty tree (uncommitted changes on top of commit ${short(run.commit)}): commit, then re-run for evidence of one commit`);
  if (!runtime) gaps.push('No test run recorded: run `deprecfix fix --test "<your test command>"` for runtime evidence');
  else {
    if (runtime.before.exitCode !== 0) gaps.push(`${markdownCode(runtime.command)} was red before the rewrite (${ending(runtime.before.exitCode)})`);
    if (runtime.after && runtime.after.exitCode !== 0) gaps.push(`${markdownCode(runtime.command)} is red after the rewrite (${ending(runtime.after.exitCode)})`);
    if (runtime.rolledBack.length > 0) gaps.push(`${plural(runtime.rolledBack.length, 'rewrite')} rolled back because the tests failed with ${runtime.rolledBack.length === 1 ? 'it' : 'them'}: ${runtime.rolledBack.map((entry) => markdownCode(entry.file)).join(', ')}`);
    if (runtime.after && runtime.after.warnings.total > 0) gaps.push(`${number(runtime.after.warnings.total)} runtime deprecation ${runtime.after.warnings.total === 1 ? 'warning remains' : 'warnings remain'} in the test run`);
  }
  const failed = report.failures.filter((failure) => failure.stage !== 'test');
  if (failed.length > 0) gaps.push(`${plural(failed.length, 'file')} could not be processed or ${failed.length === 1 ? 'was' : 'were'} rolled back (see the report's failures)`);
  for (const [reason, entries] of groupByReason(report.remaining)) gaps.push(`${plural(entries.length, 'deprecated call')} left in scope: ${markdownText(reason)}`);
  // Count only: other rules' findings are the team's to fix by hand; they leave the evidence line as it is.
  const other = report.otherDeprecations;
  if (other && other.after.total > 0) {
    const byRule = Object.entries(other.after.byRule).map(([rule, count]) => `${markdownCode(rule)} ${count}`).join(', ');
    gaps.push(`${plural(other.after.total, 'other deprecation')} left in scope, count only (${byRule}; ${other.before.total} before)`);
  }

  const proven = !report.dryRun && !report.interrupted && run?.commit !== undefined && !run.dirty && failed.length === 0 && (!runtime || (runtime.before.exitCode === 0 && runtime.after?.exitCode === 0));
  const parts = [`Deprecated calls in ${markdownCode(report.scope.spec)}: ${report.before.total} → ${report.after.total}`];
  if (runtime) {
    parts.push(`runtime warnings ${number(runtime.before.warnings.total)} → ${runtime.after ? number(runtime.after.warnings.total) : '?'}`);
    parts.push(`${markdownCode(runtime.command)} ${testWords(runtime.before.exitCode, runtime.after?.exitCode)}`);
  }
  const evidence = run?.commit ? ` (verified: commit ${short(run.commit)}${run.dirty ? ' + uncommitted changes' : ''}, ${minute(run.finishedAt)})` : '';
  return [`- [${proven ? 'x' : ' '}] ${parts.join('; ')}${evidence}`, ...gaps.map((gap) => `- [ ] ${gap}`)].join('\n') + '\n';
}

function testWords(before: number | null, after: number | null | undefined): string {
  if (after === undefined) return before === 0 ? 'green before (not run after)' : `red before (${ending(before)})`;
  if (before === 0 && after === 0) return 'green before and after';
  return `${before === 0 ? 'green' : `red (${ending(before)})`} before, ${after === 0 ? 'green' : `red (${ending(after)})`} after`;
}

function short(commit: string): string {
  return commit.slice(0, 7);
}

/** `2026-12-06T10:12Z`: the minute is precision enough for a checklist, and the same in every timezone. */
function minute(iso: string): string {
  return `${iso.slice(0, 16)}Z`;
}
