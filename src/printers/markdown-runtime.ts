import type { RuntimeSection, RuntimeSite } from '../runtime/runtime-report.js';
import { formatDuration } from '../runtime/test-run.js';
import { collapsible, fencedBlock, markdownCode, markdownTable, markdownText } from './markdown-text.js';
import { plural } from './printer.js';
import { number, runtimeHeadline } from './report-wording.js';

/**
 * The report's runtime evidence in Markdown (CONTRACT §12.3): the headline a reviewer quotes, the sites with their
 * hits before → after and the finding at each, the deprecations no rule covers, the rewrites the tests rolled back,
 * and every run with its exact command, exit code, duration and output.
 */

/** Sites shown before the rest folds away. */
const SITE_ROWS = 20;

export function runtimeHeadlineBlock(runtime: RuntimeSection): string {
  return `**Runtime deprecation warnings: ${runtimeHeadline(runtime, markdownCode)}**`;
}

export function runtimeSection(runtime: RuntimeSection): string[] {
  const blocks = ['### Runtime deprecation warnings'];
  if (runtime.sites.length > 0) blocks.push(...siteTable('Sites a rule covers (hottest first)', runtime.sites, true));
  if (runtime.other.length > 0) blocks.push(...siteTable('Other runtime deprecations (no rule covers them)', runtime.other, false));
  if (runtime.sites.length === 0 && runtime.other.length === 0) blocks.push('The test runs emitted no deprecation warning.');
  if (runtime.rolledBack.length > 0) {
    blocks.push(
      `#### Rolled back by the tests (${runtime.rolledBack.length})`,
      runtime.rolledBack.map((entry) => `- ${markdownCode(entry.file)}: ${markdownText(entry.reason)}`).join('\n'),
    );
  }
  if (runtime.exhausted) blocks.push('> The test runs ran out (`--test-runs`) before every rewrite was cleared: the rest were rolled back unproven.');
  blocks.push(...runsTable(runtime));
  return blocks;
}

function siteTable(title: string, sites: readonly RuntimeSite[], withFinding: boolean): string[] {
  const rows = sites.map((site) => [
    site.file === undefined ? '(outside the repository)' : markdownCode(`${site.file}:${site.line}`),
    markdownText(`${site.code ? `${site.code} ` : ''}${site.category}: ${site.message}`),
    `${number(site.before)} → ${number(site.after)}`,
    ...(withFinding ? [site.finding ? `${markdownCode(site.finding.kind)}${site.finding.fixed ? ' (rewritten)' : ''}` : ''] : []),
  ]);
  const header = ['site', 'warning', 'hits before → after', ...(withFinding ? ['finding'] : [])];
  const table = markdownTable(header, rows.slice(0, SITE_ROWS));
  const rest = rows.length > SITE_ROWS ? [collapsible(plural(rows.length - SITE_ROWS, 'more site'), markdownTable(header, rows.slice(SITE_ROWS)))] : [];
  return [`#### ${title}`, table, ...rest];
}

function runsTable(runtime: RuntimeSection): string[] {
  const rows = runtime.runs.map((run) => [
    run.purpose,
    markdownCode(run.command),
    run.timedOut ? 'killed (timeout)' : run.exitCode === null ? `killed (${run.signal ?? 'signal'})` : String(run.exitCode),
    formatDuration(run.durationMs),
    run.withheld ? markdownText(run.withheld.join(', ')) : '',
  ]);
  const outputs = runtime.runs.map((run, index) => collapsible(`run ${index + 1} (${run.purpose}): output tail`, fencedBlock('text', run.outputTail)));
  return [`#### Test runs (${runtime.runs.length})`, markdownTable(['run', 'command', 'exit', 'duration', 'files held back'], rows), ...outputs];
}
