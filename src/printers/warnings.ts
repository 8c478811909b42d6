import pc from 'picocolors';
import { printablePath } from '../../rules/project/paths.js';
import type { Measurement } from '../runtime/measure.js';
import { describeEnding, formatDuration } from '../runtime/test-run.js';
import type { RuntimeWarning } from '../runtime/warnings.js';
import { markdownCode, markdownTable, markdownText } from './markdown-text.js';
import { plural } from './printer.js';
import { number } from './report-wording.js';

/** What `deprecfix warnings` prints: the runtime deprecation warnings of one run by site, in pretty, JSON or Markdown. */
export function renderMeasurement(measurement: Measurement, format: string, color: boolean): string {
  const run = measurement.suite.runs[0];
  const total = (warnings: readonly RuntimeWarning[]) => warnings.reduce((sum, warning) => sum + warning.hits, 0);
  if (format === 'json') {
    const { command, exitCode, timedOut, durationMs, outputTail } = run;
    return `${JSON.stringify({ command, exitCode, timedOut, durationMs, total: total(measurement.warnings), warnings: measurement.warnings, outside: measurement.outside, outputTail, run: measurement.run }, null, 2)}\n`;
  }
  const site = (warning: RuntimeWarning) => (warning.file === undefined ? '(outside the repository)' : `${warning.file}:${warning.line}`);
  const what = (warning: RuntimeWarning) => `${warning.code ? `${warning.code} ` : ''}${warning.category}: ${warning.message}`;
  const summary = `${number(total(measurement.warnings))} runtime deprecation ${total(measurement.warnings) === 1 ? 'warning' : 'warnings'} at ${plural(measurement.warnings.length, 'site')}`;
  const outside = measurement.outside.length > 0 ? ` (${number(total(measurement.outside))} more outside the scope)` : '';
  const ending = `${describeEnding(run)} in ${formatDuration(run.durationMs)}`;
  if (format === 'markdown') {
    const rows = measurement.warnings.map((warning) => [markdownCode(site(warning)), markdownText(what(warning)), number(warning.hits)]);
    return [`**${summary}${outside}** — ${markdownCode(run.command)} ${ending}`, ...(rows.length > 0 ? [markdownTable(['site', 'warning', 'hits'], rows)] : [])].join('\n\n') + '\n';
  }
  const c = pc.createColors(color);
  const width = Math.max(0, ...measurement.warnings.map((warning) => String(warning.hits).length));
  const lines = measurement.warnings.map((warning) => `  ${String(warning.hits).padStart(width)}  ${c.bold(printablePath(site(warning)))}  ${c.dim(what(warning))}`);
  return [...lines, `${c.bold(summary)}${outside}: \`${run.command}\` ${ending}`].join('\n') + '\n';
}
